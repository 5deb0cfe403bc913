"""Interviews on sites of their own, in each site's 在线访谈 column."""

from datetime import timedelta

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.blocks import rich_text_body
from interviews.enums import Role
from interviews.models import InterviewGuest, InterviewPage, InterviewRole
from sites.enums import ColumnType
from sites.models import ColumnPage
from tests.sites.factories import SiteFactory


def interviews_column(site) -> ColumnPage:
    return ColumnPage.objects.get(column_type=ColumnType.INTERVIEWS, path__startswith=site.root_page.path)


class InterviewPageFactory(wagtail_factories.PageFactory):
    """A published (approved) interview with two guests on a new site."""

    class Meta:
        model = InterviewPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"测试访谈{n}")
    slug = factory.Sequence(lambda n: f"interview-{n}")
    topic = "测试访谈主题"
    host_name = "陈主持"
    scheduled_start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    scheduled_end = factory.LazyAttribute(lambda page: page.scheduled_start + timedelta(minutes=90))
    intro = factory.LazyFunction(lambda: rich_text_body("<p>访谈简介</p>"))
    parent = factory.LazyFunction(lambda: interviews_column(SiteFactory()))

    @factory.post_generation
    def guests(self, create, extracted, **kwargs):
        for order, (name, title) in enumerate(extracted or (("王嘉宾", "局长"), ("李嘉宾", "副局长"))):
            InterviewGuest.objects.create(page=self, name=name, title=title, sort_order=order)

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.save_revision().publish()


class StaffFactory(factory.django.DjangoModelFactory):
    """A user who may sign in to the admin (through the site's editor group)."""

    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"工作人员{n}")
    is_staff = True


def give_role(interview: InterviewPage, user, role: Role, guest: InterviewGuest | None = None) -> InterviewRole:
    return InterviewRole.objects.create(interview=interview, user=user, role=role, guest=guest)
