"""The citizen's side of 依申请公开 through HTTP: the form, hostile input, the tracking code and status page."""

from http import HTTPStatus

import pytest
from django.core.cache import cache

from disclosure.models import InformationRequest
from sites.models import SiteProfile
from tests.disclosure.factories import VALID_CREDIT_CODE, platform_page, request_data
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db

TOKEN = "t" * 32


@pytest.fixture
def site():
    return SiteFactory()


@pytest.fixture
def apply_url(site):
    return f"{platform_page(site).url}apply/"


def stored(site):
    """The requests to this test's site's organisation (the demo holds others)."""
    return InformationRequest.objects.filter(organisation=SiteProfile.for_site(site).organisation)


def post(client, site, url, **overrides):
    data = {"organisation": SiteProfile.for_site(site).organisation.pk, "token": TOKEN, **request_data(**overrides)}
    return client.post(url, data, HTTP_HOST=site.hostname)


def test_form__renders_with_a_one_time_token_and_is_never_cached(client, site, apply_url):
    response = client.get(apply_url, HTTP_HOST=site.hostname)
    assert response.status_code == HTTPStatus.OK
    assert 'name="token"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_valid_request__is_stored_and_its_tracking_code_shown(client, site, apply_url):
    response = post(client, site, apply_url)
    assert response.status_code == HTTPStatus.OK
    stored = InformationRequest.objects.get(submission_token=TOKEN)
    assert stored.tracking_code in response.content.decode()
    assert stored.due_on is not None
    assert stored.events.filter(kind="received").exists()


def test_same_form_submitted_twice__stores_one_request_and_shows_the_same_code(client, site, apply_url):
    first = post(client, site, apply_url)
    second = post(client, site, apply_url)
    assert InformationRequest.objects.filter(submission_token=TOKEN).count() == 1
    code = InformationRequest.objects.get(submission_token=TOKEN).tracking_code
    assert code in first.content.decode()
    assert code in second.content.decode()


def test_legal_person__with_a_valid_credit_code_and_contact_is_accepted(client, site, apply_url):
    response = post(
        client, site, apply_url, applicant_type="organisation", id_type="credit_code", id_number=VALID_CREDIT_CODE,
        name="上饶某某有限公司", contact_person="李四",
    )  # fmt: skip
    assert response.status_code == HTTPStatus.OK, response.content.decode()
    assert InformationRequest.objects.filter(submission_token=TOKEN).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": "110105194912310021"}, "校验位不正确"),
        ({"id_number": "11010519491331002X"}, "出生日期不正确"),
        ({"id_number": "1101051949123100"}, "应为18位"),
        (
            {
                "applicant_type": "organisation",
                "id_type": "credit_code",
                "id_number": "91350100M000100Y44",
                "contact_person": "李四",
            },
            "统一社会信用代码校验位不正确",
        ),
        ({"description": "字" * 2001}, "不能超过2000字"),
        ({"description": ""}, "请填写所需信息的描述"),
        ({"name": "名" * 101}, "不能超过100字"),
        ({"phone": "12345"}, "请填写11位手机号码"),
        ({"phone": "1" * 5000}, "不能超过20字"),
        ({"email": "not-an-email"}, "有效的电子邮箱"),
        ({"delivery": "email", "email": ""}, "请填写电子邮箱"),
        ({"delivery": "teleport"}, "选择一个有效的选项"),
        ({"applicant_type": "organisation", "id_type": "resident_id"}, "统一社会信用代码"),
        ({"token": "../../etc/passwd"}, "表单已失效"),
    ],
)
def test_bad_input__is_answered_with_a_chinese_message_and_nothing_stored(client, site, apply_url, overrides, message):
    response = post(client, site, apply_url, **overrides)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert not stored(site).exists()


@pytest.mark.parametrize("organisation", ["", "999999999", "abc", "-1", "１"])
def test_unknown_organisation__is_refused(client, site, apply_url, organisation):
    data = {**request_data(), "organisation": organisation, "token": TOKEN}
    response = client.post(apply_url, data, HTTP_HOST=site.hostname)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not stored(site).exists()


def test_other_sites_organisation__cannot_be_applied_to_here(client, site, apply_url):
    other = SiteProfile.for_site(SiteFactory()).organisation
    data = {**request_data(), "organisation": other.pk, "token": TOKEN}
    assert client.post(apply_url, data, HTTP_HOST=site.hostname).status_code == HTTPStatus.BAD_REQUEST
    assert not stored(site).exists()


def test_invalid_utf8_and_control_characters__never_cause_an_error(client, site, apply_url):
    organisation = SiteProfile.for_site(site).organisation.pk
    body = f"organisation={organisation}&token={TOKEN}&name=%FF%FE%80&description=%C0%AF%ED%A0%80".encode()
    response = client.post(apply_url, body, content_type="application/x-www-form-urlencoded", HTTP_HOST=site.hostname)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not stored(site).exists()


def test_control_characters__are_removed_before_storing(client, site, apply_url):
    assert post(client, site, apply_url, name="张\x00三\u202e", description="请公开\x07财政预算报告").status_code == 200
    request = InformationRequest.objects.get(submission_token=TOKEN)
    assert (request.name, request.description) == ("张三", "请公开财政预算报告")


def test_oversized_body__is_refused_without_a_server_error(client, site, apply_url):
    response = post(client, site, apply_url, description="字" * 2_000_000)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not stored(site).exists()


def test_file_upload__is_ignored(client, site, apply_url):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "organisation": SiteProfile.for_site(site).organisation.pk,
        "token": TOKEN,
        **request_data(),
        "attachment": SimpleUploadedFile("evil.php", b"<?php system($_GET['c']); ?>"),
    }
    assert client.post(apply_url, data, HTTP_HOST=site.hostname).status_code == HTTPStatus.OK
    assert stored(site).count() == 1


def test_submits__are_limited_per_client(client, site, apply_url):
    cache.clear()
    for number in range(5):
        assert post(client, site, apply_url, token=f"{number}" * 24).status_code == HTTPStatus.OK
    response = post(client, site, apply_url, token="z" * 24)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "提交过于频繁" in response.content.decode()
    assert stored(site).count() == 5


def test_status_page__shows_progress_for_the_right_code_and_phone_only(client, site, apply_url):
    post(client, site, apply_url)
    stored = InformationRequest.objects.get(submission_token=TOKEN)
    url = f"{platform_page(site).url}status/"
    found = client.post(
        url, {"tracking_code": stored.tracking_code.lower(), "phone": "139 0793 0001"}, HTTP_HOST=site.hostname
    )
    assert found.status_code == HTTPStatus.OK
    html = found.content.decode()
    assert "已收到" in html
    assert stored.due_on.strftime("%Y-%m-%d") in html
    # The applicant's own data is not echoed back.
    assert stored.id_number not in html
    wrong = client.post(url, {"tracking_code": stored.tracking_code, "phone": "13900000000"}, HTTP_HOST=site.hostname)
    assert wrong.status_code == HTTPStatus.NOT_FOUND
    assert "已收到" not in wrong.content.decode()
    assert "no-store" in wrong["Cache-Control"]


@pytest.mark.parametrize("code", ["", "x" * 5000, "YSQ'; DROP TABLE x;--", "\x00"])
def test_status_lookup__with_malformed_codes_is_a_clear_error(client, site, code):
    url = f"{platform_page(site).url}status/"
    response = client.post(url, {"tracking_code": code, "phone": "13907930001"}, HTTP_HOST=site.hostname)
    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_applicants_data__never_appears_on_public_pages_or_the_api(client, site, apply_url):
    post(client, site, apply_url, name="独特的申请人姓名")
    page = platform_page(site)
    for url in (page.url, f"{page.url}reports/", f"{page.url}guide/", "/api/disclosure/entries/"):
        assert "独特的申请人姓名" not in client.get(url, HTTP_HOST=site.hostname).content.decode()
