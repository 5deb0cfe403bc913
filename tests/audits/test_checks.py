"""Each check against demo sites built to pass it and sites with a fault planted to fail it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from audits.checks.disclosure import required_report_year
from audits.enums import CheckCode
from audits.models import AvailabilityProbe
from audits.working_days import working_days_since
from sites import footer
from sites.enums import ColumnType
from sites.models import SiteProfile
from tests.audits.factories import article_with_body, audit, column, demo_site, findings, make_column_stale
from tests.sites.factories import ColumnPageFactory

pytestmark = pytest.mark.django_db

FAULTY = "guangxin.localhost"
CLEAN = "sjglj.localhost"


def test_dead_links__internal_and_external_found_on_the_page_that_has_them_and_nowhere_else():
    faulty, clean = demo_site(FAULTY), demo_site(CLEAN)
    article = article_with_body(
        faulty, '<p><a href="/no-such-page/">内部</a> <a href="http://unreachable.invalid/report">外部</a></p>'
    )
    assessments = audit(faulty, clean)

    internal = [f for f in findings(assessments[FAULTY], CheckCode.DEAD_LINK) if "no-such-page" in f.message]
    external = findings(assessments[FAULTY], CheckCode.DEAD_EXTERNAL_LINK)
    assert [(f.url, f.excerpt) for f in internal] == [(f"http://{FAULTY}/xxfb/zwdt/{article.slug}/", "内部")]
    assert internal[0].message == f"HTTP 404：http://{FAULTY}/no-such-page/"
    assert [f.message for f in external] == ["无法连接服务器：http://unreachable.invalid/report"]
    clean_messages = " ".join(assessments[CLEAN].findings.values_list("message", flat=True))
    assert "no-such-page" not in clean_messages
    assert "unreachable.invalid" not in clean_messages
    assert assessments[FAULTY].pages_crawled > 20


def test_missing_fragment_target__reported_and_existing_one_not():
    site = demo_site(FAULTY)
    article_with_body(site, '<p><a href="#main">正文</a> <a href="#nowhere">不存在</a></p>')
    found = findings(audit(site)[FAULTY], CheckCode.MISSING_FRAGMENT)
    assert [f.message.split("：")[0] for f in found] == ["页内锚点 #nowhere 不存在"]


def test_stale_news_column__found_by_working_days_and_fresh_columns_not():
    site = demo_site(FAULTY)
    news = f"http://{FAULTY}/xxfb/zwdt/"
    before = {f.url for f in findings(audit(site)[FAULTY], CheckCode.STALE_COLUMN)}
    make_column_stale(site, "zwdt", days=60)
    found = {f.url: f for f in findings(audit(site)[FAULTY], CheckCode.STALE_COLUMN)}
    assert news not in before
    assert set(found) - before == {news}
    assert "个工作日未更新" in found[news].message


def test_home_page_not_updated__when_no_article_is_newer_than_two_working_weeks():
    site = demo_site(FAULTY)
    for slug in ("xxfb", "zwgk", "jdhy", "ztzl"):
        make_column_stale(site, slug, days=40)
    assessment = audit(site)[FAULTY]
    assert len(findings(assessment, CheckCode.HOME_NOT_UPDATED)) == 1
    assert assessment.vetoed
    assert assessment.get_verdict_display() == "不合格"


def test_blank_column__found_and_columns_allowed_to_be_blank_are_not():
    site = demo_site(FAULTY)
    ColumnPageFactory(parent=site.root_page, slug="kbl", title="空白栏目", column_type=ColumnType.NOTICES)
    found = findings(audit(site)[FAULTY], CheckCode.BLANK_COLUMN)
    assert [f.url for f in found] == [f"http://{FAULTY}/kbl/"]
    assert column(site, "hdjl").get_children().live().count() == 0  # 互动交流 is blank but allowed to be


def test_missing_site_code__found_in_profile_footer_and_meta_tags():
    site = demo_site(FAULTY)
    SiteProfile.objects.filter(site=site).update(site_code="")
    assessment = audit(site)[FAULTY]
    assert [f.message for f in findings(assessment, CheckCode.SITE_CODE)] == ["网站信息未填写网站标识码"]
    assert "页脚缺少网站标识码" in [f.message for f in findings(assessment, CheckCode.FOOTER)]
    assert "缺少元数据 SiteIDCode" in [f.message for f in findings(assessment, CheckCode.META_TAGS)]


def test_demo_site__has_its_identity_items_right():
    assessment = audit(demo_site(CLEAN))[CLEAN]
    for code in (CheckCode.SITE_CODE, CheckCode.FOOTER, CheckCode.META_TAGS, CheckCode.HOME_UNAVAILABLE):
        assert findings(assessment, code) == [], code


def test_image_without_alt__found_on_its_page():
    site = demo_site(FAULTY)
    article = article_with_body(site, '<p><img src="/static/themes/img/dzjg.svg"></p>')
    found = findings(audit(site)[FAULTY], CheckCode.IMAGE_ALT)
    assert [f.url for f in found] == [f"http://{FAULTY}/xxfb/zwdt/{article.slug}/"]


def test_working_days__skip_the_national_day_holiday_and_count_make_up_days():
    # 2026-10-01..07 are holidays; Saturday 10-10 is a make-up working day.
    assert working_days_since(date(2026, 9, 30), date(2026, 10, 8)) == 1
    assert working_days_since(date(2026, 10, 8), date(2026, 10, 11)) == 2
    # A year the calendar does not cover yet falls back to Monday to Friday.
    assert working_days_since(date(2027, 1, 8), date(2027, 1, 11)) == 1


def test_disclosure__missing_guide_unpublished_report_and_overdue_requests_are_found():
    site = demo_site("www.localhost")
    organisation = SiteProfile.for_site(site).organisation
    year = required_report_year(organisation.kind, timezone.localdate())
    apps.get_model("disclosure", "DisclosureGuide").objects.filter(organisation=organisation).delete()
    reports = apps.get_model("disclosure", "AnnualReport").objects.filter(organisation=organisation, year=year)
    reports.update(published_at=None)
    requests = apps.get_model("disclosure", "InformationRequest").objects.filter(organisation=organisation)
    overdue = requests.filter(answered_on__isnull=True, due_provisional=False).exclude(
        status__in=["clarifying", "withdrawn", "answered"]
    )
    overdue.update(due_on=timezone.localdate() - timedelta(days=1))
    assessment = audit(site)["www.localhost"]
    assert [f.message for f in findings(assessment, CheckCode.DISCLOSURE_GUIDE)] == [
        f"{organisation.name}没有政府信息公开指南"
    ]
    assert [f.message for f in findings(assessment, CheckCode.ANNUAL_REPORT)] == [
        f"未发布{year}年政府信息公开工作年度报告"
    ]
    assert len(findings(assessment, CheckCode.OVERDUE_REQUEST)) == overdue.count() > 0


def test_demo_site__has_its_disclosure_guide_and_report():
    assessment = audit(demo_site(CLEAN))[CLEAN]
    for code in (CheckCode.DISCLOSURE_GUIDE, CheckCode.ANNUAL_REPORT, CheckCode.OVERDUE_REQUEST):
        assert findings(assessment, code) == [], code


def test_annual_report__is_due_by_january_for_departments_and_march_for_governments():
    assert required_report_year("department", date(2026, 2, 1)) == 2025
    assert required_report_year("county", date(2026, 2, 1)) == 2024
    assert required_report_year("county", date(2026, 4, 1)) == 2025


def test_site_unavailable__when_five_percent_of_the_weeks_probes_failed():
    site = demo_site(CLEAN)
    AvailabilityProbe.objects.bulk_create(
        [AvailabilityProbe(site=site, ok=True, seconds=0.2) for _ in range(37)]
        + [AvailabilityProbe(site=site, ok=False, seconds=15.0, error="超时：15 秒内未响应")]
        # A failure older than the week does not count.
        + [AvailabilityProbe(site=site, ok=False, seconds=15.0, probed_at=timezone.now() - timedelta(days=8))]
    )
    assert findings(audit(site)[CLEAN], CheckCode.HOME_UNAVAILABLE) == []  # 1 of 39 (with this run's): 2.6%
    AvailabilityProbe.objects.create(site=site, ok=False, seconds=0.1, error="HTTP 502")
    assessment = audit(site)[CLEAN]  # 2 of 41: 4.9%
    assert findings(assessment, CheckCode.HOME_UNAVAILABLE) == []
    AvailabilityProbe.objects.create(site=site, ok=False, seconds=0.1, error="HTTP 502")
    assessment = audit(site)[CLEAN]  # 3 of 43: 7.0%
    found = findings(assessment, CheckCode.HOME_UNAVAILABLE)
    assert [f.message for f in found] == ["最近7天 43 次探测中 3 次首页无法在 15 秒内打开（7.0%）"]
    assert assessment.vetoed


def test_probe_command__records_whether_each_home_page_opened(capsys):
    call_command("audit_sites", "--probe", "--server", "http://127.0.0.1:9", "--site", CLEAN)
    probe = AvailabilityProbe.objects.get(site=demo_site(CLEAN))
    assert not probe.ok
    assert probe.error == "无法连接服务器"
    assert "无法访问：无法连接服务器" in capsys.readouterr().out


def test_footer_items__one_definition_renders_the_footer_and_is_required_by_the_audit(client, monkeypatch):
    site = demo_site(CLEAN)
    profile = SiteProfile.for_site(site)
    home = client.get("/", HTTP_HOST=CLEAN).content.decode()
    assert profile.icp_number in home
    SiteProfile.objects.filter(site=site).update(icp_number="")
    assert [f.message for f in findings(audit(site, max_pages=1)[CLEAN], CheckCode.FOOTER)] == ["页脚缺少ICP备案号"]

    monkeypatch.setattr(footer, "FOOTER_ITEMS", tuple(i for i in footer.FOOTER_ITEMS if i.name != "ICP备案号"))
    SiteProfile.objects.filter(site=site).update(icp_number=profile.icp_number)
    assert profile.icp_number not in client.get("/", HTTP_HOST=CLEAN).content.decode()
    assert findings(audit(site, max_pages=1)[CLEAN], CheckCode.FOOTER) == []


def test_interview_questions__still_waiting_five_working_days_after_the_end_are_found():
    host = "xinzhou.localhost"
    site = demo_site(host)
    interviews = apps.get_model("interviews", "InterviewPage").objects.descendant_of(site.root_page)
    interview = interviews.get(slug="demo-finished")
    broadcast = apps.get_model("interviews", "Broadcast").objects.filter(interview=interview)
    questions = apps.get_model("interviews", "Question").objects.filter(interview=interview)
    broadcast.update(ended_at=timezone.now() - timedelta(days=30))
    assert findings(audit(site, max_pages=1)[host], CheckCode.UNANSWERED_QUESTION) == []

    questions.filter(status="answered").update(status="approved")
    assessment = audit(site, max_pages=1)[host]
    [found] = findings(assessment, CheckCode.UNANSWERED_QUESTION)
    waiting = questions.filter(status="approved").count()
    assert found.message == f"在线访谈「{interview.title}」结束超过5个工作日，仍有{waiting}条网民提问未答复"
    assert found.url == f"http://{host}/zxft/demo-finished/"
    assert {entry["code"]: Decimal(entry["points"]) for entry in assessment.breakdown}["D9"] == 1

    broadcast.update(ended_at=timezone.now() - timedelta(days=1))
    assert findings(audit(site, max_pages=1)[host], CheckCode.UNANSWERED_QUESTION) == []
