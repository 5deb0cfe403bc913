"""Assessors' views role by role: assessors see every site read only, a site's staff only their own site."""

import csv
import io
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from audits.enums import CheckCode
from audits.models import AssessorScore, Dismissal, Indicator, IndicatorSet
from audits.scoring import score_site
from sites.models import ArticlePage
from tests.admin_forms import edit_form_data
from tests.audits.factories import article_with_body, audit, demo_site

pytestmark = pytest.mark.django_db

OWN = "xinzhou.localhost"
OTHER = "guangfeng.localhost"


@pytest.fixture
def assessor():
    user = get_user_model().objects.create_user("assessor", password="x")
    user.groups.add(Group.objects.get(name=settings.AUDITS_ASSESSOR_GROUP_NAME))
    return user


@pytest.fixture
def audited():
    own, other = demo_site(OWN), demo_site(OTHER)
    article_with_body(other, '<p><a href="/no-such-page/">坏链接</a></p>')
    return audit(own, other)


def get(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(reverse(name, args=args), query, HTTP_HOST="www.localhost")


def test_assessor__sees_the_ranking_and_every_sites_report(client, assessor, audited):
    ranking = get(client, assessor, "audits:ranking")
    assert ranking.status_code == HTTPStatus.OK
    assert "信州区人民政府门户网站" in ranking.text
    assert "广丰区人民政府门户网站" in ranking.text
    audit(demo_site(OTHER))
    report = get(client, assessor, "audits:site_report", audited[OTHER].site_id)
    assert report.status_code == HTTPStatus.OK
    assert "no-such-page" in report.text
    assert "<svg" in report.text
    assert report.text.count("<circle") == 2  # one point per run
    printable = get(client, assessor, "audits:site_report", audited[OTHER].site_id, print=1)
    assert "网站考核报告" in printable.text
    assert "wagtailadmin" not in printable.text


def test_assessor__cannot_edit_or_publish_pages(client, assessor, audited):
    page = ArticlePage.objects.live().descendant_of(demo_site(OWN).root_page).first()
    client.force_login(assessor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit_url, HTTP_HOST="www.localhost").status_code == HTTPStatus.FORBIDDEN
    response = client.post(edit_url, {"title": "考核员改的标题"}, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.FORBIDDEN
    page.refresh_from_db()
    assert page.title != "考核员改的标题"
    assert assessor.has_perm("audits.view_all_sites")
    assert not assessor.has_perm("wagtailcore.change_page")


def test_site_editor__sees_only_their_own_sites_findings(client, audited):
    editor = get_user_model().objects.get(username="xinzhou_editor")
    ranking = get(client, editor, "audits:ranking")
    assert ranking.status_code == HTTPStatus.OK
    assert "信州区人民政府门户网站" in ranking.text
    assert "广丰区人民政府门户网站" not in ranking.text
    assert get(client, editor, "audits:site_report", audited[OWN].site_id).status_code == HTTPStatus.OK
    assert get(client, editor, "audits:site_report", audited[OTHER].site_id).status_code == HTTPStatus.NOT_FOUND
    exported = get(client, editor, "audits:ranking_csv").content.decode("utf-8-sig")
    assert [row[2] for row in csv.reader(io.StringIO(exported))][1:] == [OWN]


def test_site_editor__cannot_dismiss_findings(client, audited):
    editor = get_user_model().objects.get(username="guangfeng_editor")
    finding = audited[OTHER].findings.get(check_code=CheckCode.DEAD_LINK, message__contains="no-such-page")
    client.force_login(editor)
    response = client.post(
        reverse("audits:dismiss_finding", args=[finding.pk]), {"reason": "不算"}, HTTP_HOST="www.localhost"
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Dismissal.objects.exists()


def test_assessor__dismisses_a_finding_with_a_reason_and_the_next_run_leaves_it_out(client, assessor, audited):
    assessment = audited[OTHER]
    finding = assessment.findings.get(check_code=CheckCode.DEAD_LINK, message__contains="no-such-page")
    client.force_login(assessor)
    url = reverse("audits:dismiss_finding", args=[finding.pk])
    refused = client.post(url, {"reason": "  "}, HTTP_HOST="www.localhost", follow=True)
    assert "请填写排除理由" in refused.text
    client.post(url, {"reason": "链接已由上级网站撤下"}, HTTP_HOST="www.localhost")
    assessment.refresh_from_db()
    finding.refresh_from_db()
    assert finding.dismissed
    next_run = audit(demo_site(OTHER))[OTHER]
    again = next_run.findings.get(check_code=CheckCode.DEAD_LINK, message__contains="no-such-page")
    assert again.dismissed
    assert next_run.score == assessment.score


def test_user_without_a_site__is_refused_the_reports(client, audited):
    nobody = get_user_model().objects.create_user("nobody", password="x")
    assert get(client, nobody, "audits:ranking").status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}


def test_assessor__adds_a_bonus_score_that_counts_in_the_latest_assessment(client, assessor, audited):
    assessment = audited[OWN]
    bonus = Indicator.objects.get(indicator_set=assessment.run.indicator_set, code="B1")
    client.force_login(assessor)
    response = client.post(
        reverse("assessor_scores:add"),
        {"site": assessment.site_id, "indicator": bonus.pk, "points": "8", "comment": "政务服务创新"},
        HTTP_HOST="www.localhost",
    )
    assert response.status_code == HTTPStatus.FOUND
    score = AssessorScore.objects.get()
    assert score.assessor == assessor
    before = assessment.score
    assessment.refresh_from_db()
    assert assessment.bonus == Decimal(8)
    assert assessment.score == before + Decimal(8)


def test_site_editor__cannot_score_or_edit_indicators(client, audited):
    editor = get_user_model().objects.get(username="xinzhou_editor")
    client.force_login(editor)
    for name in ("assessor_scores:add", "indicator_sets:add"):
        assert client.get(reverse(name), HTTP_HOST="www.localhost").status_code == HTTPStatus.FORBIDDEN


def test_report__shows_hostile_evidence_as_text_and_csv_cells_never_run_as_formulas(client, assessor, audited):
    assessment = audited[OTHER]
    assessment.findings.create(
        check_code=CheckCode.DEAD_EXTERNAL_LINK,
        severity="error",
        message='HTTP 404："><script>alert(1)</script>',
        url="http://example.invalid/",
        excerpt="<img src=x onerror=alert(2)>",
        fingerprint="f" * 40,
    )
    type(assessment).objects.filter(pk=assessment.pk).update(site_name='=HYPERLINK("http://evil.invalid")')
    report = get(client, assessor, "audits:site_report", assessment.site_id)
    assert "<script>alert(1)</script>" not in report.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report.text
    assert "<img src=x onerror" not in report.text
    exported = get(client, assessor, "audits:ranking_csv").content.decode("utf-8-sig")
    names = [row[1] for row in csv.reader(io.StringIO(exported))]
    assert '\'=HYPERLINK("http://evil.invalid")' in names


def test_assessor__changes_a_veto_threshold_of_the_default_indicator_set_and_scoring_follows(client, assessor):
    indicator_set = IndicatorSet.default()
    client.force_login(assessor)
    response = client.get(reverse("indicator_sets:edit", args=[indicator_set.pk]), HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.OK
    assert "stale_column" in response.text
    data = edit_form_data(response)
    prefix = next(
        key.removesuffix("-code")
        for key, values in data.items()
        if key.startswith("indicators-") and key.endswith("-code") and values == ["V3"]
    )
    data[f"{prefix}-threshold"] = ["3"]
    saved = client.post(reverse("indicator_sets:edit", args=[indicator_set.pk]), data, HTTP_HOST="www.localhost")
    assert saved.status_code == HTTPStatus.FOUND
    assert Indicator.objects.get(indicator_set=indicator_set, code="V3").threshold == 3
    assert score_site(indicator_set, [CheckCode.STALE_COLUMN] * 3, {}).vetoed
