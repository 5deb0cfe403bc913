"""A citizen asks for government information on a county portal and follows the request by its tracking code."""

import re

import pytest
from playwright.sync_api import expect

from disclosure import applications
from disclosure.models import InformationRequest
from tests.disclosure.factories import VALID_RESIDENT_ID
from tests.e2e.conftest import site_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE_NUMBER = "13907938888"


def test_citizen__submits_a_request_and_checks_its_status_with_code_and_phone(page, live_server):
    page.goto(site_url(live_server, "xinzhou.localhost"))
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="政府信息公开").click()
    page.get_by_role("navigation", name="政府信息公开").get_by_role("link", name="依申请公开").click()
    page.get_by_label("申请机关").select_option(label="信州区人民政府")
    page.get_by_label("公民").check()
    page.get_by_label("姓名或名称").fill("赵小燕")
    page.get_by_label("证件号码").fill(VALID_RESIDENT_ID)
    page.get_by_label("联系电话").fill(PHONE_NUMBER)
    page.get_by_label("所需信息的描述").fill("请公开信州区2025年城区道路改造工程的立项批复。")
    page.get_by_label("获取信息的方式").select_option(label="网上查看")
    page.get_by_role("button", name="提交申请").click()

    expect(page.get_by_role("heading", level=1, name="申请已提交")).to_be_visible()
    code = page.locator(".tracking-code strong").inner_text()
    assert re.fullmatch(r"YSQ\d{8}[2-9A-HJ-NP-Z]{6}", code)
    stored = InformationRequest.objects.get(tracking_code=code)
    assert (stored.name, stored.organisation.short_name) == ("赵小燕", "信州区")

    page.get_by_role("navigation", name="政府信息公开").get_by_role("link", name="申请查询").click()
    page.get_by_label("查询码").fill(code.lower())
    # Looked up as people write it: the digits are what count.
    page.get_by_label("联系电话").fill("139-0793-8888")
    page.get_by_role("button", name="查询", exact=True).click()
    status = page.locator(".request-status")
    expect(status).to_contain_text(code)
    expect(status).to_contain_text("已收到")

    applications.accept(stored, None)
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话").fill(PHONE_NUMBER)
    page.get_by_role("button", name="查询", exact=True).click()
    expect(page.locator(".request-status")).to_contain_text("已受理")
    expect(page.locator(".request-events")).to_contain_text("受理")

    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话").fill("13900000000")
    page.get_by_role("button", name="查询", exact=True).click()
    expect(page.locator(".disclosure-status .form-error")).to_have_text("未找到该申请，请核对查询码和联系电话。")
    expect(page.locator(".request-status")).to_have_count(0)
