import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count
from wagtail.models import Collection, Page, Site

from cms.blocks import plain_text
from sites.demo.seed import seed_demo_users
from sites.models import ArticlePage, LeaderPage, Organisation, ServiceGuidePage, SiteProfile

pytestmark = pytest.mark.django_db


def test_seed__every_site_has_ten_articles_over_several_columns():
    assert Site.objects.count() >= 17
    for site in Site.objects.all():
        articles = ArticlePage.objects.live().descendant_of(site.root_page)
        assert articles.count() >= 10, site.hostname
        assert articles.values("column_type").annotate(n=Count("pk")).count() >= 4, site.hostname
        assert LeaderPage.objects.live().descendant_of(site.root_page).exists(), site.hostname
        assert ServiceGuidePage.objects.live().descendant_of(site.root_page).exists(), site.hostname


def test_seed__publishes_the_2012_plan_as_a_city_policy_file():
    plan = ArticlePage.objects.get(document_number="饶府厅字〔2012〕39号")
    assert plan.title == "关于印发2012年全市电子政务工作要点的通知"
    assert plan.column_type == "policy_files"
    assert plan.get_site().hostname == "www.localhost"
    assert "大力推进全市政府网站群建设" in plain_text(plan.body)


def test_seed__running_again_changes_nothing():
    before = (Page.objects.count(), Site.objects.count(), get_user_model().objects.count())
    call_command("seed_demo", "--port", "80", stdout=io.StringIO(), stderr=io.StringIO())
    assert (Page.objects.count(), Site.objects.count(), get_user_model().objects.count()) == before


def test_seed__never_creates_demo_users_where_settings_forbid(settings):
    settings.DEMO_USERS_ALLOWED = False
    get_user_model().objects.filter(username__endswith="_editor").delete()
    assert seed_demo_users() == []
    assert not get_user_model().objects.filter(username__endswith="_editor").exists()


def test_seed__removes_the_wagtail_placeholder_site():
    assert not Site.objects.filter(root_page__content_type__model="page").exists()
    assert Site.objects.get(is_default_site=True).hostname == "www.localhost"


def test_seed__county_departments_without_sites_publish_on_the_county_portal():
    site = Site.objects.get(hostname="xinzhou.localhost")
    department_news = (
        ArticlePage.objects.live().descendant_of(site.root_page).filter(organisation__parent__code="361102")
    )
    assert department_news.count() >= 3
    for article in department_news:
        assert article.get_parent().slug == "bmdt"
        assert article.source == article.organisation.name
        assert not article.organisation.site_profiles.exists()


def cluster_counts() -> tuple[int, ...]:
    return (
        Page.objects.count(),
        Site.objects.count(),
        Organisation.objects.count(),
        Group.objects.count(),
        Collection.objects.count(),
        get_user_model().objects.count(),
    )


def seed_again() -> None:
    before = cluster_counts()
    call_command("seed_demo", "--port", "80", stdout=io.StringIO(), stderr=io.StringIO())
    assert cluster_counts() == before


def test_seed_again__keeps_a_sites_colours():
    profile = SiteProfile.for_site(Site.objects.get(hostname="xinzhou.localhost"))
    profile.primary_colour, profile.accent_colour = "#123456", "#abcdef"
    profile.save()
    seed_again()
    profile.refresh_from_db()
    assert (profile.primary_colour, profile.accent_colour) == ("#123456", "#abcdef")


def test_seed_again__keeps_renamed_organisations():
    Organisation.objects.filter(code="361102").update(name="信州区人民政府（新）", short_name="信州")
    Organisation.objects.filter(code="361100-jyj").update(name="上饶市教育体育局", sort_order=99)
    seed_again()
    assert Organisation.objects.filter(code="361102", name="信州区人民政府（新）", short_name="信州").exists()
    assert Organisation.objects.filter(code="361100-jyj", name="上饶市教育体育局", sort_order=99).exists()


def test_seed_again__keeps_a_revoked_group_membership():
    editor = get_user_model().objects.get(username="xinzhou_editor")
    editors = SiteProfile.for_site(Site.objects.get(hostname="xinzhou.localhost")).editor_group
    editor.groups.remove(editors)
    seed_again()
    assert not editor.groups.filter(pk=editors.pk).exists()


def test_seed_again__keeps_a_renamed_host_and_creates_no_second_site():
    site = Site.objects.get(hostname="xinzhou.localhost")
    site.hostname = "www.srxz.gov.cn"
    site.save()
    seed_again()
    assert Site.objects.get(pk=site.pk).hostname == "www.srxz.gov.cn"
    assert not Site.objects.filter(hostname="xinzhou.localhost").exists()
    assert (
        get_user_model()
        .objects.get(username="xinzhou_editor")
        .groups.filter(pk=SiteProfile.for_site(site).editor_group_id)
        .exists()
    )


def test_seed_again__reports_a_deleted_site_it_may_not_recreate_and_seeds_the_rest():
    # The deleted site's groups remain: a new site under its name would share them, so it is refused.
    Site.objects.get(hostname="guangfeng.localhost").delete()
    before = cluster_counts()
    err = io.StringIO()
    call_command("seed_demo", "--port", "80", stdout=io.StringIO(), stderr=err)
    assert "未开设 广丰区人民政府：用户组“广丰区人民政府门户网站编辑”已存在，请另取网站名称。" in err.getvalue()
    assert cluster_counts() == before
