import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Collection, GroupPagePermission, Page, Site, WorkflowPage

from sites.blueprints import BLUEPRINT_COLUMNS, provision_site
from sites.enums import Blueprint, ColumnType, ThemeName
from sites.models import ColumnPage, Organisation, SiteProfile
from sites.organisations import DepartmentSpec, ensure_department
from tests.sites.factories import OrganisationFactory, SiteFactory

pytestmark = pytest.mark.django_db

STANDARD_PATHS = {
    "xxfb",
    "xxfb/gkxx",
    "xxfb/jgzn",
    "xxfb/fzrxx",
    "xxfb/wjzl",
    "xxfb/zwdt",
    "zwgk",
    "zwgk/tzgg",
    "jdhy",
    "bsfw",
    "hdjl",
    "zxft",
}


def column_paths(site: Site) -> set[str]:
    prefix = site.root_page.url_path
    return {
        column.url_path[len(prefix) :].strip("/") for column in ColumnPage.objects.descendant_of(site.root_page).live()
    }


@pytest.fixture
def new_department():
    city = Organisation.objects.get(code="361100")
    return ensure_department(city, DepartmentSpec("上饶市统计局", "市统计局", "tjj"))


def test_provision_site__creates_the_standard_column_tree(new_department):
    report = provision_site(new_department, "tjj.example.gov.cn", Blueprint.DEPARTMENT)
    assert report.created_site
    assert column_paths(report.site) == STANDARD_PATHS
    assert (
        ColumnPage.objects.get(url_path=report.site.root_page.url_path + "zxft/").column_type == ColumnType.INTERVIEWS
    )


def test_provision_site__sets_profile_groups_and_review_workflow(new_department):
    site = provision_site(new_department, "tjj.example.gov.cn").site
    profile = SiteProfile.for_site(site)
    assert profile.organisation == new_department
    assert profile.theme == ThemeName.DEPARTMENT
    assert profile.site_code.startswith("361100")
    assert profile.site_code != SiteProfile.for_site(Site.objects.get(hostname="www.localhost")).site_code
    editors = Group.objects.get(name="上饶市统计局编辑")
    reviewers = Group.objects.get(name="上饶市统计局审核")
    assert set(GroupPagePermission.objects.filter(group=editors).values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "lock_page",
    }
    assert GroupPagePermission.objects.filter(group=reviewers, permission__codename="publish_page").exists()
    workflow = WorkflowPage.objects.get(page=site.root_page).workflow
    # 审核 by the site's reviewers, then the steps apps add through the `site_review_tasks` hook (保密审查).
    assert [task.specific.groups.get().name for task in workflow.tasks] == [reviewers.name, "上饶市统计局保密审查"]


def test_provision_site__twice_is_the_same_as_once(new_department):
    provision_site(new_department, "tjj.example.gov.cn")
    counts = (ColumnPage.objects.count(), Group.objects.count(), GroupPagePermission.objects.count())
    report = provision_site(new_department, "tjj.example.gov.cn")
    assert not report.created_site
    assert report.created_columns == []
    assert (ColumnPage.objects.count(), Group.objects.count(), GroupPagePermission.objects.count()) == counts


@pytest.mark.parametrize(
    ("hostname", "extra"),
    [("www.localhost", {"ztzl", "xxfb/qxdt"}), ("xinzhou.localhost", {"ztzl", "xxfb/bmdt"})],
)
def test_blueprints__city_and_county_add_their_own_columns(hostname, extra):
    assert column_paths(Site.objects.get(hostname=hostname)) == STANDARD_PATHS | extra


def test_blueprints__every_blueprint_has_an_interview_column():
    for columns in BLUEPRINT_COLUMNS.values():
        assert any(column.column_type == ColumnType.INTERVIEWS for column in columns)


def test_create_site_command__accepts_a_retired_division_code():
    out = io.StringIO()
    # 广信区 has its demo portal already; a second site needs a name of its own.
    arguments = ["--org", "361121", "--hostname", "gx2.example.gov.cn", "--name", "广信区政务服务网"]
    call_command("create_site", *arguments, stdout=out)
    site = Site.objects.get(hostname="gx2.example.gov.cn")
    assert SiteProfile.for_site(site).organisation.code == "361104"
    assert SiteProfile.for_site(site).theme == ThemeName.COUNTY
    assert "已开设" in out.getvalue()


def test_create_site_command__is_idempotent_and_says_so():
    out = io.StringIO()
    call_command("create_site", "--org", "361102", "--hostname", "xinzhou.localhost", stdout=out)
    assert "已存在" in out.getvalue()
    assert Site.objects.filter(hostname="xinzhou.localhost").count() == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--org", "999999", "--hostname", "x.example.gov.cn"], "机构编码 999999 不存在"),
        (["--org", "361102", "--hostname", "http://x.example.gov.cn/"], "无效"),
    ],
)
def test_create_site_command__reports_bad_input_in_chinese(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_site", *arguments)


def test_provision_site__a_renamed_site_keeps_its_groups_and_collection(new_department):
    site = provision_site(new_department, "tjj.example.gov.cn").site
    site.site_name = "上饶市统计局网站"
    site.save()
    groups, collections = Group.objects.count(), Collection.objects.count()
    provision_site(new_department, "tjj.example.gov.cn")
    assert (Group.objects.count(), Collection.objects.count()) == (groups, collections)


def test_site_factory__builds_a_site_of_its_own_without_demo_facts():
    site = SiteFactory()
    profile = SiteProfile.for_site(site)
    assert column_paths(site) >= STANDARD_PATHS
    assert profile.organisation.parent is None
    assert profile.site_code.startswith(profile.organisation.division_code)
    assert profile.editor_group.name.endswith("编辑")
    assert WorkflowPage.objects.filter(page=site.root_page).exists()
    other = SiteFactory()
    assert SiteProfile.for_site(other).collection != profile.collection


def counts() -> tuple[int, ...]:
    return Site.objects.count(), Page.objects.count(), Group.objects.count(), Collection.objects.count()


def test_create_site_command__refuses_another_organisations_hostname():
    before = counts()
    with pytest.raises(CommandError, match=re.escape("域名 xinzhou.localhost 已由 信州区人民政府 使用")):
        call_command("create_site", "--org", "361100-jyj", "--hostname", "xinzhou.localhost", stdout=io.StringIO())
    assert SiteProfile.for_site(Site.objects.get(hostname="xinzhou.localhost")).organisation.code == "361102"
    assert counts() == before


@pytest.mark.parametrize("port", ["0", "99999", "-80"])
def test_create_site_command__refuses_ports_out_of_range(port):
    with pytest.raises(CommandError, match="端口应在 1 到 65535 之间"):
        call_command("create_site", "--org", "361100-gaj", "--hostname", "gaj.example.gov.cn", "--port", port)
    assert not Site.objects.filter(hostname="gaj.example.gov.cn").exists()


def test_create_site_command__refuses_a_second_site_under_the_default_name():
    # Same name, same groups and collection: 信州's editors would have edited the new site too.
    before = counts()
    message = "网站名称“信州区人民政府门户网站”已由 xinzhou.localhost 使用，请另取网站名称"
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("create_site", "--org", "361102", "--hostname", "xz2.example.gov.cn", stdout=io.StringIO())
    assert counts() == before


def test_provision_site__refuses_a_new_organisation_named_like_one_with_a_site():
    namesake = OrganisationFactory(name="上饶市教育局", slug="jyj2")
    before = counts()
    with pytest.raises(ValidationError, match=re.escape("网站名称“上饶市教育局”已由 jyj.localhost 使用")):
        provision_site(namesake, "jyj2.example.gov.cn")
    assert counts() == before


def test_provision_site__refuses_a_new_site_named_after_a_renamed_sites_groups():
    xinzhou = Site.objects.get(hostname="xinzhou.localhost")
    xinzhou.site_name = "信州区政府网站"
    xinzhou.save()
    with pytest.raises(ValidationError, match="用户组“信州区人民政府门户网站编辑”已存在"):
        provision_site(
            Organisation.objects.get(code="361100-gaj"), "gaj.example.gov.cn", site_name="信州区人民政府门户网站"
        )


def test_provision_site__a_second_site_of_one_organisation_has_groups_and_collection_of_its_own():
    xinzhou = SiteProfile.for_site(Site.objects.get(hostname="xinzhou.localhost"))
    site = provision_site(xinzhou.organisation, "xz2.example.gov.cn", site_name="信州区政务服务网").site
    second = SiteProfile.for_site(site)
    assert second.collection.name == "信州区政务服务网"
    assert {second.editor_group.name, second.reviewer_group.name} == {"信州区政务服务网编辑", "信州区政务服务网审核"}
    assert not {second.collection, second.editor_group, second.reviewer_group} & {
        xinzhou.collection,
        xinzhou.editor_group,
        xinzhou.reviewer_group,
    }
