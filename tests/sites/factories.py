import factory
import wagtail_factories
from wagtail.models import Site

from cms.blocks import rich_text_body
from sites.enums import ColumnType, OrganisationKind
from sites.models import ArticlePage, ColumnPage, Organisation


def demo_home(hostname: str = "xinzhou.localhost"):
    return Site.objects.get(hostname=hostname).root_page


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"上饶市测试局{n}")
    short_name = factory.Sequence(lambda n: f"市测试局{n}")
    kind = OrganisationKind.DEPARTMENT
    parent = factory.LazyFunction(lambda: Organisation.objects.get(code="361100"))
    division_code = factory.SelfAttribute("parent.division_code")
    slug = factory.Sequence(lambda n: f"test{n}")
    code = factory.LazyAttribute(lambda organisation: f"{organisation.division_code}-{organisation.slug}")


class ColumnPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ColumnPage

    title = factory.Sequence(lambda n: f"测试栏目{n}")
    slug = factory.Sequence(lambda n: f"test-column-{n}")
    column_type = ColumnType.NEWS
    parent = factory.LazyFunction(demo_home)


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"测试文章{n}")
    slug = factory.Sequence(lambda n: f"test-article-{n}")
    source = "上饶市人民政府办公室"
    body = factory.LazyFunction(lambda: rich_text_body("<p>正文</p>"))
    parent = factory.SubFactory(ColumnPageFactory)
