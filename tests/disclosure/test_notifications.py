"""Applicants hear of each step by email, once it has committed; a mail failure never undoes the step."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from disclosure.applications import submit_request
from disclosure.models import InformationRequest
from sites.models import SiteProfile
from tests.disclosure.factories import VALID_RESIDENT_ID, request_data, staff_of
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def handled(client):
    site = SiteFactory()
    organisation = SiteProfile.for_site(site).organisation
    request = submit_request(request_data(name="王小明"), organisation, "notify-token-0001")[0]
    client.force_login(staff_of(site, "notify_reviewer", reviewer=True))
    return client, request


def _act(client, request, action, data=None, capture=None):
    with capture(execute=True):
        response = client.post(reverse("disclosure_admin:act", args=[request.pk, action]), data or {})
    assert response.status_code == HTTPStatus.FOUND
    request.refresh_from_db()


def test_every_step__emails_the_applicant_without_their_personal_data(
    handled, django_capture_on_commit_callbacks, mailoutbox
):
    client, request = handled
    capture = django_capture_on_commit_callbacks
    _act(client, request, "accept", capture=capture)
    _act(client, request, "clarify", {"note": "请写明文件的文号。"}, capture=capture)
    _act(client, request, "clarified", {"note": "已补正"}, capture=capture)
    _act(client, request, "extend", {"days": "10", "note": "需会商"}, capture=capture)
    _act(client, request, "answer", {"outcome": "disclosed", "note": "见附件"}, capture=capture)
    assert request.status == "answered"
    assert [message.to for message in mailoutbox] == [["wang@example.com"]] * 4
    bodies = [message.body for message in mailoutbox]
    assert all(request.tracking_code in message.subject for message in mailoutbox)
    assert "已受理" in bodies[0]
    assert "请写明文件的文号。" in bodies[1]
    assert "延长10个工作日" in bodies[2] and "需会商" not in bodies[2]
    assert "予以公开" in bodies[3]
    for body in bodies:
        for personal in ("王小明", VALID_RESIDENT_ID, "13907930001", "江西省上饶市信州区", "财政预算"):
            assert personal not in body
    notified = request.events.filter(kind="notified")
    assert notified.count() == 4 and all("已通过电子邮件告知" in event.note for event in notified)


def test_without_an_email__no_mail_is_sent(client, django_capture_on_commit_callbacks, mailoutbox):
    site = SiteFactory()
    organisation = SiteProfile.for_site(site).organisation
    data = request_data(email="", delivery="post")
    request = submit_request(data, organisation, "notify-token-0002")[0]
    client.force_login(staff_of(site, "notify_editor"))
    _act(client, request, "accept", capture=django_capture_on_commit_callbacks)
    assert request.status == "accepted"
    assert mailoutbox == []
    assert not request.events.filter(kind="notified").exists()


def test_mail_server_down__the_step_stands_and_the_failure_is_logged(
    handled, django_capture_on_commit_callbacks, settings, caplog
):
    # Nothing listens on this port: the SMTP backend fails to connect, as with a mail server down.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 8129, 2
    client, request = handled
    _act(client, request, "accept", capture=django_capture_on_commit_callbacks)
    assert InformationRequest.objects.get(pk=request.pk).status == "accepted"
    assert "电子邮件告知“受理”失败" in request.events.get(kind="notified").note
    assert request.tracking_code in caplog.text
    assert "wang@example.com" not in caplog.text
    assert len(mail.outbox) == 0
