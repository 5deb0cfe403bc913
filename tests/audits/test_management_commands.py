import io
import json

import pytest
from django.core.management import CommandError, call_command

from audits.enums import CheckCode
from audits.models import AuditRun
from tests.audits.factories import article_with_body, demo_site

pytestmark = pytest.mark.django_db


def test_audit_sites__audits_the_named_site_and_prints_json():
    article_with_body(demo_site("yushan.localhost"), '<p><a href="/gone/">坏链接</a></p>')
    out = io.StringIO()
    call_command(
        "audit_sites",
        "--in-process",
        "--site",
        "yushan.localhost",
        "--format",
        "json",
        stdout=out,
        stderr=io.StringIO(),
    )
    report = json.loads(out.getvalue())
    assert [row["site"] for row in report["sites"]] == ["yushan.localhost"]
    run = AuditRun.objects.get(pk=report["run"])
    assessment = run.assessments.get()
    assert assessment.findings.filter(check_code=CheckCode.DEAD_LINK, message__contains="/gone/").exists()
    assert report["sites"][0]["score"] == float(assessment.score)


def test_audit_sites__refuses_an_unknown_host_in_chinese():
    with pytest.raises(CommandError, match=r"没有这些域名的网站：nowhere\.localhost"):
        call_command("audit_sites", "--in-process", "--site", "nowhere.localhost")
    assert not AuditRun.objects.exists()
