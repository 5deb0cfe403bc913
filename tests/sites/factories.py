"""Factories that build their own organisations and sites, so a test needs no demo facts."""

import factory
import wagtail_factories
from wagtail.models import Site

from cms.blocks import rich_text_body
from sites.blueprints import provision_site
from sites.enums import ColumnType, OrganisationKind
from sites.models import ArticlePage, ColumnPage, Organisation


class GovernmentFactory(factory.django.DjangoModelFactory):
    """A county-level government under no parent: its own division code, its own tree."""

    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"测试县{n}人民政府")
    short_name = factory.Sequence(lambda n: f"测试县{n}")
    kind = OrganisationKind.COUNTY
    division_code = factory.Sequence(lambda n: f"{369000 + n % 1000}")
    code = factory.SelfAttribute("division_code")
    parent = None
    slug = factory.Sequence(lambda n: f"county{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A department of a government."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试局{n}")
    short_name = factory.Sequence(lambda n: f"测试局{n}")
    kind = OrganisationKind.DEPARTMENT
    parent = factory.SubFactory(GovernmentFactory)
    division_code = factory.SelfAttribute("parent.division_code")
    slug = factory.Sequence(lambda n: f"test{n}")
    code = factory.LazyAttribute(lambda organisation: f"{organisation.division_code}-{organisation.slug}")


class SiteFactory(factory.Factory):
    """A whole provisioned site: home, standard columns, profile, collection, groups, workflow."""

    class Meta:
        model = Site

    organisation = factory.SubFactory(GovernmentFactory)
    # Browsers resolve every *.localhost name to this machine.
    hostname = factory.Sequence(lambda n: f"site{n}.test.localhost")
    blueprint = None

    @classmethod
    def _create(cls, model_class, organisation, hostname, blueprint=None, **kwargs):
        return provision_site(organisation, hostname, blueprint, **kwargs).site


class ColumnPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ColumnPage

    title = factory.Sequence(lambda n: f"测试栏目{n}")
    slug = factory.Sequence(lambda n: f"test-column-{n}")
    column_type = ColumnType.NEWS
    parent = factory.LazyFunction(lambda: SiteFactory().root_page)


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"测试文章{n}")
    slug = factory.Sequence(lambda n: f"test-article-{n}")
    source = "测试县人民政府办公室"
    body = factory.LazyFunction(lambda: rich_text_body("<p>正文</p>"))
    parent = factory.SubFactory(ColumnPageFactory)
