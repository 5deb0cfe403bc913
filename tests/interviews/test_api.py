"""The public JSON API over real HTTP: catch-up by event id, earlier messages, asking questions."""

import json
from http import HTTPStatus

import pytest

from interviews import broadcasting, moderation
from interviews.enums import MessageKind, QuestionStatus
from interviews.models import Question, SensitiveWord
from tests.interviews.conftest import committed
from tests.interviews.factories import InterviewPageFactory

pytestmark = pytest.mark.django_db


def events(client, host, interview, query=""):
    return client.get(f"/api/interviews/{interview.pk}/events/{query}", HTTP_HOST=host)


def ask(client, host, interview, data, **extra):
    return client.post(
        f"/api/interviews/{interview.pk}/questions/",
        data if isinstance(data, str) else json.dumps(data),
        content_type="application/json",
        HTTP_HOST=host,
        **extra,
    )


@pytest.fixture
def live_interview(interview):
    committed(lambda: broadcasting.start_broadcast(interview))
    for number in range(1, 4):
        committed(lambda number=number: broadcasting.post_message(interview, None, MessageKind.HOST, f"消息{number}"))
    return interview


def test_catch_up__returns_the_events_after_an_id_as_json(client, live_interview, host_header):
    response = events(client, host_header, live_interview, "?after=2")
    assert response.status_code == HTTPStatus.OK
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["last_id"] == 4
    assert body["status"] == "live"
    assert body["has_more"] is False
    assert [(event["id"], event["type"], event["payload"]["text"]) for event in body["events"]] == [
        (3, "message.created", "消息2"),
        (4, "message.created", "消息3"),
    ]
    assert set(body["events"][0]) == {"stream", "id", "type", "time", "payload"}


def test_catch_up__pages_with_limit(client, live_interview, host_header):
    body = events(client, host_header, live_interview, "?after=0&limit=2").json()
    assert [event["id"] for event in body["events"]] == [1, 2]
    assert body["has_more"] is True


@pytest.mark.parametrize("query", ["?after=-1", "?after=abc", "?after=1e3", "?limit=x", f"?after={'9' * 30}"])
def test_catch_up__bad_parameters_get_a_clear_400(client, live_interview, host_header, query):
    response = events(client, host_header, live_interview, query)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "非负整数" in response.json()["error"]


def test_catch_up__only_on_the_interviews_own_site_and_only_once_published(client, live_interview, host_header):
    other = InterviewPageFactory()
    other_host = other.get_site().hostname
    assert events(client, other_host, live_interview).status_code == HTTPStatus.NOT_FOUND
    assert events(client, host_header, other).status_code == HTTPStatus.NOT_FOUND
    other.unpublish()
    assert events(client, other_host, other).status_code == HTTPStatus.NOT_FOUND


def test_a_deleted_message__is_not_readable_in_the_log(client, live_interview, host_header):
    message = live_interview.messages.get(text="消息2")
    committed(lambda: broadcasting.delete_message(live_interview, message.pk))
    body = events(client, host_header, live_interview).json()
    assert "消息2" not in json.dumps(body, ensure_ascii=False)
    assert body["events"][-1] == {
        **body["events"][-1],
        "type": "message.deleted",
        "payload": {"id": message.pk, "deleted": True},
    }


def test_earlier_messages__load_oldest_first_before_an_id(client, live_interview, host_header):
    newest = live_interview.messages.order_by("-id").first()
    body = client.get(
        f"/api/interviews/{live_interview.pk}/messages/?before={newest.pk}&limit=1", HTTP_HOST=host_header
    ).json()
    assert [message["text"] for message in body["messages"]] == ["消息2"]
    assert body["has_more"] is True


def test_question__stored_pending_with_its_flagged_words_and_not_public(client, interview, host_header):
    SensitiveWord.objects.get_or_create(word="代开发票")
    response = ask(
        client, host_header, interview, {"nickname": "网友", "text": "有人说能代开发票？", "contact": "a@b.cn"}
    )
    assert response.status_code == HTTPStatus.CREATED
    assert response.json()["status"] == "pending"
    question = Question.objects.get(pk=response.json()["id"])
    assert question.flagged_words == ["代开发票"]
    assert question.client_address == "127.0.0.1"
    public = events(client, host_header, interview).json()
    assert "代开发票" not in json.dumps(public, ensure_ascii=False)
    assert "代开发票" not in client.get(interview.url, HTTP_HOST=host_header).content.decode()


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        (("<script>alert(1)</script>小明", "问题<img src=x onerror=alert(1)>内容"), ("小明", "问题内容")),
        (
            ("<b onmouseover=alert(1)>阿强</b>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("阿强", "＜script＞alert(1)＜/script＞"),
        ),
        (("a<svg/onload=alert(1)>", '<a href="javascript:alert(1)">点我</a>'), ("a", "点我")),
    ],
)
def test_question__script_and_handlers_never_stored(client, interview, host_header, sent, stored):
    response = ask(client, host_header, interview, {"nickname": sent[0], "text": sent[1]})
    assert response.status_code == HTTPStatus.CREATED
    question = Question.objects.get(pk=response.json()["id"])
    assert (question.nickname, question.text) == stored
    assert "<" not in question.nickname + question.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"nickname": "", "text": "问题"}, "请填写昵称"),
        ({"nickname": "网友", "text": "<script>x</script>"}, "请填写问题内容"),
        ({"nickname": "网友", "text": "问" * 501}, "问题不能超过500字"),
        ({"nickname": "网" * 21, "text": "问题"}, "昵称不能超过20字"),
        ({"nickname": "网友", "text": "问" * 1000}, "问题不能超过500字"),
    ],
)
def test_question__invalid_input_gets_chinese_field_errors(client, interview, host_header, data, message):
    response = ask(client, host_header, interview, data)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in json.dumps(response.json(), ensure_ascii=False)
    assert not Question.objects.filter(interview=interview).exists()


@pytest.mark.parametrize("body", ["{broken", "[1, 2]", '{"nickname": ["x"], "text": 5}', "null"])
def test_question__malformed_json_is_a_clear_400(client, interview, host_header, body):
    response = ask(client, host_header, interview, body)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["error"]


def test_question__oversized_body_is_refused(client, interview, host_header):
    response = ask(client, host_header, interview, {"nickname": "网友", "text": "问" * 20000})
    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE


def test_question__rate_limited_per_client(client, interview, host_header):
    statuses = [
        ask(client, host_header, interview, {"nickname": "网友", "text": f"问题{n}"}).status_code for n in range(4)
    ]
    assert statuses == [HTTPStatus.CREATED] * 3 + [HTTPStatus.TOO_MANY_REQUESTS]
    limited = ask(client, host_header, interview, {"nickname": "网友", "text": "再问"})
    assert "秒后再试" in limited.json()["error"]
    assert int(limited["Retry-After"]) > 0
    other_client = ask(client, host_header, interview, {"nickname": "网友", "text": "别人"}, REMOTE_ADDR="10.0.0.9")
    assert other_client.status_code == HTTPStatus.CREATED


def test_question__refused_once_the_interview_has_ended(client, interview, host_header):
    committed(lambda: broadcasting.start_broadcast(interview))
    committed(lambda: broadcasting.end_broadcast(interview))
    response = ask(client, host_header, interview, {"nickname": "网友", "text": "还能问吗"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "已结束" in response.json()["error"]


def test_question__approved_becomes_public_answered_shows_with_its_answer(client, interview, host_header):
    committed(lambda: broadcasting.start_broadcast(interview))
    question = moderation.ask_question(interview, "网友丙", "学校什么时候开学？")
    committed(lambda: moderation.approve_question(interview, question.pk, None))
    html = client.get(interview.url, HTTP_HOST=host_header).content.decode()
    assert "学校什么时候开学？" in html
    guest = interview.guests.first()
    committed(lambda: moderation.answer_question(interview, question.pk, guest, "九月一日开学。", None))
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    answer = events(client, host_header, interview).json()["events"][-1]
    assert answer["payload"]["question"]["text"] == "学校什么时候开学？"
    assert answer["payload"]["speaker"]["label"] == guest.name
