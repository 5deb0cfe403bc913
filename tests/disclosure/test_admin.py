"""Staff handle requests in the admin, each site's staff only their organisations' requests (real HTTP)."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from disclosure.applications import submit_request
from disclosure.models import InformationRequest
from sites.models import SiteProfile
from tests.disclosure.factories import request_data, staff_of
from tests.sites.factories import OrganisationFactory, SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sites():
    return SiteFactory(), SiteFactory()


def submitted(site, token: str, organisation=None) -> InformationRequest:
    organisation = organisation or SiteProfile.for_site(site).organisation
    return submit_request(request_data(name=f"申请人{token}"), organisation, token)[0]


def test_staff__see_only_their_own_organisations_requests(client, two_sites):
    ours, theirs = two_sites
    own = submitted(ours, "own")
    other = submitted(theirs, "other")
    client.force_login(staff_of(ours, "ours_editor"))
    listing = client.get(reverse("disclosure_admin:index"), {"queue": "all"}).content.decode()
    assert own.tracking_code in listing
    assert other.tracking_code not in listing
    # The per-organisation statistics name only the staff's own organisations.
    assert SiteProfile.for_site(ours).organisation.short_name in listing
    assert SiteProfile.for_site(theirs).organisation.short_name not in listing
    assert client.get(reverse("disclosure_admin:detail", args=[own.pk])).status_code == HTTPStatus.OK
    assert client.get(reverse("disclosure_admin:detail", args=[other.pk])).status_code == HTTPStatus.NOT_FOUND
    response = client.post(reverse("disclosure_admin:act", args=[other.pk, "accept"]))
    assert response.status_code == HTTPStatus.NOT_FOUND
    other.refresh_from_db()
    assert other.status == "received"


def test_department_without_a_site__is_handled_by_its_governments_site_staff(client, two_sites):
    ours, _theirs = two_sites
    government = SiteProfile.for_site(ours).organisation
    department = OrganisationFactory(parent=government, division_code=government.division_code)
    request = submitted(ours, "dept", department)
    client.force_login(staff_of(ours, "gov_reviewer", reviewer=True))
    assert client.get(reverse("disclosure_admin:detail", args=[request.pk])).status_code == HTTPStatus.OK


def test_department_with_its_own_site__is_not_handled_by_the_government_staff(client):
    government_site = SiteFactory()
    government = SiteProfile.for_site(government_site).organisation
    department = OrganisationFactory(parent=government, division_code=government.division_code)
    SiteFactory(organisation=department, blueprint="department")
    request = submitted(government_site, "own-site-dept", department)
    client.force_login(staff_of(government_site, "gov_editor"))
    assert client.get(reverse("disclosure_admin:detail", args=[request.pk])).status_code == HTTPStatus.NOT_FOUND


def test_user_without_a_site__sees_no_requests(client, two_sites):
    submitted(two_sites[0], "x")
    user = get_user_model().objects.create_user("nobody", password="x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("disclosure_admin:index"), {"queue": "all"})
    assert response.status_code == HTTPStatus.OK
    assert "YSQ" not in response.content.decode()


def test_anonymous__is_sent_to_the_login(client, two_sites):
    request = submitted(two_sites[0], "anon")
    response = client.get(reverse("disclosure_admin:detail", args=[request.pk]))
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert "申请人anon" not in response.content.decode()


def test_handling_through_the_admin__accepts_extends_and_answers_with_a_log(client, two_sites):
    site = two_sites[0]
    request = submitted(site, "flow")
    client.force_login(staff_of(site, "flow_reviewer", reviewer=True))
    client.post(reverse("disclosure_admin:act", args=[request.pk, "accept"]))
    client.post(reverse("disclosure_admin:act", args=[request.pk, "extend"]), {"days": "10", "note": "需会商"})
    first_due = InformationRequest.objects.get(pk=request.pk).due_on
    # A second extension is refused.
    response = client.post(reverse("disclosure_admin:act", args=[request.pk, "extend"]), {"days": "5", "note": "再延"})
    assert "延期答复只能一次" in client.get(response.url).content.decode()
    client.post(reverse("disclosure_admin:act", args=[request.pk, "answer"]), {"outcome": "refused", "note": "x"})
    assert InformationRequest.objects.get(pk=request.pk).status == "extended"  # refused needs a legal ground
    client.post(
        reverse("disclosure_admin:act", args=[request.pk, "answer"]),
        {"outcome": "refused", "legal_ground": "第十四条", "note": "依法不予公开"},
    )
    request.refresh_from_db()
    assert (request.status, request.outcome, request.due_on) == ("answered", "refused", first_due)
    assert list(request.events.values_list("kind", flat=True)) == ["received", "accepted", "extended", "answered"]
    assert request.events.get(kind="answered").actor.username == "flow_reviewer"


@pytest.mark.parametrize("action", ["explode", "accept"])
def test_bad_actions__never_fail_the_server(client, two_sites, action):
    site = two_sites[0]
    request = submitted(site, f"bad-{action}")
    client.force_login(staff_of(site, f"bad_{action}", reviewer=True))
    client.post(reverse("disclosure_admin:act", args=[request.pk, "accept"]))
    response = client.post(reverse("disclosure_admin:act", args=[request.pk, action]))
    assert response.status_code in (HTTPStatus.NOT_FOUND, HTTPStatus.FOUND)
