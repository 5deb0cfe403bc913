"""An audit over real HTTP, with concurrent fetches, against the live test server.

A live server needs committed data: the database is flushed after the test and the seeded demo
reloaded from its snapshot (see tests/conftest.py).
"""

import pytest

from audits.auditing import default_limits, run_audit, server_transport
from audits.enums import CheckCode, RunStatus
from tests.audits.factories import article_with_body, demo_site, make_column_stale


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_audit_over_http__finds_the_planted_dead_link_and_stale_column(live_server):
    site = demo_site("yanshan.localhost")
    article = article_with_body(site, '<p><a href="/xxfb/no-such-page/">坏链接</a></p>')
    make_column_stale(site, "zwdt", days=60)

    run = run_audit([site], transport=server_transport(live_server.url), limits=default_limits(concurrency=4))

    assert run.status == RunStatus.DONE
    assessment = run.assessments.get()
    dead = assessment.findings.get(check_code=CheckCode.DEAD_LINK, message__contains="no-such-page")
    assert dead.url == f"http://yanshan.localhost/xxfb/zwdt/{article.slug}/"
    stale = assessment.findings.filter(check_code=CheckCode.STALE_COLUMN).values_list("url", flat=True)
    assert "http://yanshan.localhost/xxfb/zwdt/" in stale
    assert assessment.pages_crawled > 20
    assert assessment.home_seconds < 15
