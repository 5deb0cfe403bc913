"""The catalogue admin, for cluster administrators, and the request queues' shortfall report."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from disclosure.models import CatalogueEntry
from sites.models import Organisation

pytestmark = pytest.mark.django_db

VIEWSETS = ("disclosure_entries", "disclosure_themes", "disclosure_genres", "disclosure_guides", "disclosure_reports")


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


@pytest.mark.parametrize("name", VIEWSETS)
def test_cluster_admin__lists_and_opens_the_add_form_of_every_catalogue_viewset(admin_client, name):
    assert admin_client.get(reverse(f"{name}:index")).status_code == HTTPStatus.OK
    assert admin_client.get(reverse(f"{name}:add")).status_code == HTTPStatus.OK


@pytest.mark.parametrize("username", ["xinzhou_editor", "guangfeng_reviewer"])
def test_site_staff__cannot_edit_the_cluster_vocabularies(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(reverse("disclosure_themes:add"))
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)


def test_cluster_admin__adds_an_attachment_only_entry_which_is_numbered(admin_client):
    organisation = Organisation.objects.get(code="361100")
    data = {
        "title": "只以附件公开的统计资料",
        "summary": "统计资料",
        "organisation": organisation.pk,
        "published_at": "2026-03-02 09:00:00",
        "validity": "valid",
        "mode": "proactive",
        "live": "on",
        "tags": "统计,年报",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(reverse("disclosure_entries:add"), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    entry = CatalogueEntry.objects.get(title="只以附件公开的统计资料")
    assert entry.index_number == f"361100/2026-{int(entry.index_number[-5:]):05}"
    assert sorted(tag.name for tag in entry.tags.all()) == ["年报", "统计"]


def test_over_long_summary__is_refused_in_the_admin_with_a_chinese_message(admin_client):
    data = {
        "title": "概述过长",
        "summary": "字" * 301,
        "organisation": Organisation.objects.get(code="361100").pk,
        "published_at": "2026-03-02 09:00:00",
        "validity": "valid",
        "mode": "proactive",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(reverse("disclosure_entries:add"), data)
    assert "内容概述不能超过300字" in response.content.decode()
    assert not CatalogueEntry.objects.filter(title="概述过长").exists()


def test_shortfalls_report__lists_departments_without_a_guide(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    html = client.get(reverse("disclosure_admin:shortfalls")).content.decode()
    assert "缺少公开指南或年度报告的机构" in html
