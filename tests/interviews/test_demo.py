"""The demo's interviews: on the city portal and two county portals, one of each kind."""

import pytest
from wagtail.models import Site

from interviews.demo import seed_demo
from interviews.enums import InterviewState
from interviews.models import Event, InterviewPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("host", ["www.localhost", "xinzhou.localhost", "guangfeng.localhost"])
def test_demo__a_finished_an_announced_and_a_live_interview(client, host):
    site = Site.objects.get(hostname=host)
    interviews = InterviewPage.objects.live().descendant_of(site.root_page).select_related("broadcast")
    states = {interview.slug: interview.state for interview in interviews}
    assert states == {
        "demo-finished": InterviewState.ENDED,
        "demo-announced": InterviewState.ANNOUNCED,
        "demo-live": InterviewState.LIVE,
    }
    finished = interviews.get(slug="demo-finished")
    assert "[网友 热心市民]" in finished.transcript_text()
    assert "（补录）" in finished.transcript_text()
    assert "文字实录" in client.get(finished.url, HTTP_HOST=host).content.decode()


def test_demo__seeding_again_adds_nothing():
    before = (InterviewPage.objects.count(), Event.objects.count())
    seed_demo(list(Site.objects.order_by("-is_default_site", "pk")))
    assert (InterviewPage.objects.count(), Event.objects.count()) == before
