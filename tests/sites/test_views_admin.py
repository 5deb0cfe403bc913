"""开设网站 in the admin: cluster admins provision sites; site editors cannot."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site

from sites.models import ColumnPage, Organisation, SiteProfile

pytestmark = pytest.mark.django_db


def login(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))


def post(client, **data):
    return client.post(reverse("sites_provision"), data, HTTP_HOST="www.localhost")


def test_cluster_admin__provisions_a_site_from_the_admin(client):
    login(client, "admin")
    assert client.get(reverse("sites_provision"), HTTP_HOST="www.localhost").status_code == HTTPStatus.OK
    organisation = Organisation.objects.get(code="361100-gaj")
    response = post(client, organisation=organisation.pk, hostname="GAJ.zgsr.gov.cn", blueprint="", port=80)
    site = Site.objects.get(hostname="gaj.zgsr.gov.cn")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_explore", args=[site.root_page_id])
    assert SiteProfile.for_site(site).organisation == organisation
    assert ColumnPage.objects.descendant_of(site.root_page).count() == 12


@pytest.mark.parametrize(
    ("code", "hostname", "port", "message"),
    [
        ("361100-gaj", "http://gaj.zgsr.gov.cn/", 80, "域名无效"),
        ("361100-gaj", "gaj.zgsr.gov.cn:8080", 80, "域名无效"),
        ("361100-gaj", "xinzhou.localhost", 80, "已由 信州区人民政府 使用"),
        ("361100-gaj", "gaj.zgsr.gov.cn", 0, "端口应在 1 到 65535 之间"),
        ("361100-gaj", "gaj.zgsr.gov.cn", 99999, "端口应在 1 到 65535 之间"),
        ("361102", "gaj.zgsr.gov.cn", 80, "网站名称“信州区人民政府门户网站”已由 xinzhou.localhost 使用"),
    ],
)
def test_provision_form__refuses_in_chinese_what_provisioning_may_not_do(client, code, hostname, port, message):
    login(client, "admin")
    organisation = Organisation.objects.get(code=code)
    sites = Site.objects.count()
    response = post(client, organisation=organisation.pk, hostname=hostname, blueprint="", port=port)
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert Site.objects.count() == sites
    assert SiteProfile.for_site(Site.objects.get(hostname="xinzhou.localhost")).organisation.code == "361102"


def test_site_editor__is_refused_the_provisioning_view(client):
    login(client, "xinzhou_editor")
    assert client.get(reverse("sites_provision"), HTTP_HOST="www.localhost").status_code == HTTPStatus.FORBIDDEN
    organisation = Organisation.objects.get(code="361100-gaj")
    response = post(client, organisation=organisation.pk, hostname="gaj.zgsr.gov.cn", blueprint="", port=80)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Site.objects.filter(hostname="gaj.zgsr.gov.cn").exists()


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_reports:page_types_usage", "wagtailadmin_reports:page_types_usage_results"]
)
def test_page_types_usage_report__refused_to_a_sites_editor_who_would_see_other_sites_pages(client, url_name):
    login(client, "xinzhou_editor")
    response = client.get(reverse(url_name), HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "广丰区" not in response.content.decode()
    menu = client.get(reverse("wagtailadmin_home"), HTTP_HOST="www.localhost").content.decode()
    assert reverse("wagtailadmin_reports:page_types_usage") not in menu


def test_page_types_usage_report__open_to_cluster_admins(client):
    login(client, "admin")
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"), HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.OK
