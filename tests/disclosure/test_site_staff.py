"""Each site's staff edit the catalogue, guides and reports of their own organisations, and only those (real HTTP)."""

from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from disclosure.models import AnnualReport, CatalogueEntry, DisclosureGuide
from sites.models import Organisation, SiteProfile
from tests.admin_forms import edit_form_data
from tests.disclosure.factories import staff_of
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db

XINZHOU, GUANGFENG = "361102", "361103"


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.get(username="xinzhou_editor"))
    return client


def _own_and_other(model):
    """An object of a Xinzhou organisation and one of a Guangfeng organisation."""
    own = model.objects.filter(organisation__code__startswith=XINZHOU).first()
    other = model.objects.filter(organisation__code__startswith=GUANGFENG).first()
    assert own and other
    return own, other


def test_county_editor__lists_only_their_own_organisations_entries(editor):
    html = editor.get(reverse("disclosure_entries:index")).content.decode()
    assert "信州区权责清单（演示附件）" in html
    assert "广丰区权责清单（演示附件）" not in html


def test_county_editor__edits_their_own_entry(editor):
    own = CatalogueEntry.objects.get(title="信州区权责清单（演示附件）")
    response = editor.get(reverse("disclosure_entries:edit", args=[own.pk]))
    assert response.status_code == HTTPStatus.OK
    data = edit_form_data(response)
    data["summary"] = ["信州区权责清单，已更新。"]
    response = editor.post(reverse("disclosure_entries:edit", args=[own.pk]), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    own.refresh_from_db()
    assert own.summary == "信州区权责清单，已更新。"


@pytest.mark.parametrize(
    ("model", "viewset"),
    [
        (CatalogueEntry, "disclosure_entries"),
        (DisclosureGuide, "disclosure_guides"),
        (AnnualReport, "disclosure_reports"),
    ],
)
def test_county_editor__cannot_open_or_change_another_countys_objects(editor, model, viewset):
    _own, other = _own_and_other(model)
    for name in ("edit", "delete", "history", "usage"):
        response = editor.get(reverse(f"{viewset}:{name}", args=[other.pk]))
        assert response.status_code in (HTTPStatus.NOT_FOUND, HTTPStatus.FORBIDDEN), name
    response = editor.post(reverse(f"{viewset}:edit", args=[other.pk]), {"organisation": other.organisation_id})
    assert response.status_code in (HTTPStatus.NOT_FOUND, HTTPStatus.FORBIDDEN)
    assert model.objects.filter(pk=other.pk).exists()


def test_county_editor__may_not_give_an_entry_to_another_countys_organisation(editor):
    own = CatalogueEntry.objects.get(title="信州区权责清单（演示附件）")
    data = edit_form_data(editor.get(reverse("disclosure_entries:edit", args=[own.pk])))
    choices = data["organisation"]
    data["organisation"] = [str(Organisation.objects.get(code=GUANGFENG).pk)]
    response = editor.post(reverse("disclosure_entries:edit", args=[own.pk]), data)
    assert response.status_code == HTTPStatus.OK
    assert "选择一个有效的选项" in response.content.decode()
    own.refresh_from_db()
    assert own.organisation.code == XINZHOU
    assert choices == [str(own.organisation_id)]


def test_county_editor__chooses_only_their_own_organisations(editor):
    html = editor.get(reverse("disclosure_guides:add")).content.decode()
    assert "信州区教育体育局" in html
    assert "广丰区" not in html


def test_new_sites_groups__are_granted_the_catalogue_permissions():
    site = SiteFactory()
    editor = staff_of(site, "new_site_editor")
    reviewer = staff_of(site, "new_site_reviewer", reviewer=True)
    assert editor.has_perm("disclosure.change_catalogueentry") and not editor.has_perm("disclosure.delete_annualreport")
    assert reviewer.has_perms(["disclosure.change_disclosureguide", "disclosure.delete_annualreport"])
    assert not editor.has_perm("disclosure.change_themecategory")


def test_data_migration__grants_existing_sites_groups():
    grant = __import__("disclosure.migrations.0003_site_staff_permissions", fromlist=["grant"]).grant
    group = SiteProfile.objects.get(organisation__code=XINZHOU).editor_group
    group.permissions.clear()
    grant(apps, None)
    codenames = set(group.permissions.filter(content_type__app_label="disclosure").values_list("codename", flat=True))
    assert {"change_catalogueentry", "add_disclosureguide", "change_annualreport"} <= codenames
