"""The interview page and the 在线访谈 column as citizens get them."""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from interviews import broadcasting, moderation
from interviews.enums import InterviewState, MessageKind
from sites.caching import site_version
from sites.models import SiteCacheVersion
from tests.interviews.conftest import committed
from tests.interviews.factories import InterviewPageFactory, interviews_column

pytestmark = pytest.mark.django_db
QUERY_BUDGET = 20


def test_states__from_draft_to_ended():
    draft = InterviewPageFactory(published=False, live=False)
    assert draft.state == InterviewState.DRAFT
    interview = InterviewPageFactory()
    assert interview.state == InterviewState.ANNOUNCED
    committed(lambda: broadcasting.start_broadcast(interview))
    interview.refresh_from_db()
    assert interview.state == InterviewState.LIVE
    committed(lambda: broadcasting.end_broadcast(interview))
    interview.refresh_from_db()
    assert interview.state == InterviewState.ENDED


def test_an_unapproved_interview__cannot_go_live():
    draft = InterviewPageFactory(published=False, live=False)
    with pytest.raises(Exception, match="尚未审核发布"):
        broadcasting.start_broadcast(draft)


def test_interview_page__is_never_cached_and_shows_the_live_stream(client, interview, host_header):
    committed(lambda: broadcasting.start_broadcast(interview))
    committed(lambda: broadcasting.post_message(interview, None, MessageKind.HOST, "第一条<消息>"))
    response = client.get(interview.url, HTTP_HOST=host_header)
    assert response.status_code == HTTPStatus.OK
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert "第一条＜消息＞" in html
    assert 'data-last-event="2"' in html
    assert "themes/js/interview.js" in html
    assert "<script>" not in html  # no inline script under the CSP


def test_a_message__never_goes_through_the_publish_fan_out(interview):
    site_id = interview.get_site().pk
    committed(lambda: broadcasting.start_broadcast(interview))
    before = SiteCacheVersion.objects.get(site_id=site_id).version
    for number in range(3):
        committed(lambda number=number: broadcasting.post_message(interview, None, MessageKind.HOST, f"消息{number}"))
    question = moderation.ask_question(interview, "网友", "问题")
    committed(lambda: moderation.approve_question(interview, question.pk, None))
    assert SiteCacheVersion.objects.get(site_id=site_id).version == before
    committed(lambda: broadcasting.end_broadcast(interview))
    assert SiteCacheVersion.objects.get(site_id=site_id).version == before + 1
    assert site_version(site_id) == before + 1


def test_ended_interview__is_the_transcript_in_the_gov_cn_form(client, interview, host_header):
    committed(lambda: broadcasting.start_broadcast(interview))
    guest = interview.guests.first()
    committed(lambda: broadcasting.post_message(interview, None, MessageKind.HOST, "欢迎"))
    question = moderation.ask_question(interview, "小明", "怎么办理？")
    committed(lambda: moderation.answer_question(interview, question.pk, guest, "网上办理。", None))
    committed(lambda: broadcasting.end_broadcast(interview))
    committed(lambda: broadcasting.post_message(interview, None, MessageKind.GUEST, "补充说明。", guest=guest))
    lines = interview.transcript_text().splitlines()
    assert [line.rsplit(" [", 1)[0] for line in lines] == [
        "[主持人] 欢迎",
        "[网友 小明] 怎么办理？",
        f"[{guest.name}] 网上办理。",
        f"[{guest.name}] （补录）补充说明。",
    ]
    assert all(re.search(r" \[\d{2}-\d{2} \d{2}:\d{2}\]$", line) for line in lines)
    html = client.get(interview.url, HTTP_HOST=host_header).content.decode()
    assert "文字实录" in html and "补录" in html
    assert 'id="ask"' not in html


def test_question_form_without_script__stores_or_shows_errors(client, interview, host_header):
    response = client.post(interview.url, {"nickname": "网友", "text": "无脚本提问"}, HTTP_HOST=host_header)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].endswith("?asked=1#ask")
    assert interview.questions.get().text == "无脚本提问"
    response = client.post(interview.url, {"nickname": "", "text": ""}, HTTP_HOST=host_header)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "请填写昵称" in response.content.decode()


def test_column__lists_live_upcoming_and_past(client, interview, host_header):
    column = interviews_column(Site.objects.get(hostname=host_header))
    live = InterviewPageFactory(parent=column, title="直播中的访谈")
    past = InterviewPageFactory(parent=column, title="往期访谈")
    committed(lambda: broadcasting.start_broadcast(live))
    committed(lambda: broadcasting.start_broadcast(past))
    committed(lambda: broadcasting.end_broadcast(past))
    html = client.get(column.url, HTTP_HOST=host_header).content.decode()
    live_at, upcoming_at, past_at = html.index("正在直播"), html.index("访谈预告"), html.index("往期回顾")
    assert live_at < html.index("直播中的访谈") < upcoming_at < html.index(interview.title) < past_at
    assert past_at < html.index("往期访谈") and "文字实录" in html


@pytest.mark.parametrize("status", ["announced", "live", "ended"])
def test_query_budget__interview_page_and_column(client, interview, host_header, status):
    if status != "announced":
        committed(lambda: broadcasting.start_broadcast(interview))
        for number in range(30):
            committed(lambda number=number: broadcasting.post_message(interview, None, MessageKind.HOST, f"{number}"))
    if status == "ended":
        committed(lambda: broadcasting.end_broadcast(interview))
    column = interviews_column(Site.objects.get(hostname=host_header))
    for url in (interview.url, column.url):
        client.get(url, HTTP_HOST=host_header)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, HTTP_HOST=host_header).status_code == HTTPStatus.OK
        assert len(queries) <= QUERY_BUDGET, (url, len(queries))
