"""The live page's socket and the console's, through the real ASGI application and channel layer."""

import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client, TestCase
from wagtail.models import Site

from cms.asgi import application
from interviews import broadcasting, hub, moderation
from interviews.consumers import CLOSE_FORBIDDEN, CLOSE_NOT_FOUND, MAX_CLIENT_FRAME
from interviews.enums import MessageKind, Role
from tests.interviews.conftest import committed, in_test_thread, run
from tests.interviews.factories import InterviewPageFactory, StaffFactory, give_role

pytestmark = pytest.mark.django_db
# A bound on waiting for a frame, generous for a loaded machine; never a speed assertion.
WAIT = 30


def viewer(host: str, path: str, cookie: str = "") -> WebsocketCommunicator:
    headers = [(b"host", host.encode()), (b"origin", f"http://{host}".encode())]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, path, headers=headers)


def live(interview):
    committed(lambda: broadcasting.start_broadcast(interview))


def post(interview, text: str):
    return broadcasting.post_message(interview, None, MessageKind.HOST, text)


async def frames_until_ready(communicator, stream: str = "public") -> list[dict]:
    frames = []
    while True:
        frame = await communicator.receive_json_from(timeout=WAIT)
        if frame["type"] == "ready" and frame["payload"]["stream"] == stream:
            return frames
        frames.append(frame)


def test_viewer__receives_a_host_message_live_without_asking(interview, host_header):
    live(interview)

    async def scenario():
        communicator = viewer(host_header, f"/ws/interviews/{interview.pk}/")
        connected, _ = await communicator.connect()
        assert connected
        assert await frames_until_ready(communicator) == []
        await in_test_thread(lambda: post(interview, "各位网友好"))
        frame = await communicator.receive_json_from(timeout=WAIT)
        await communicator.disconnect()
        return frame

    frame = run(scenario)
    assert frame["type"] == "message.created"
    assert frame["stream"] == "public"
    assert frame["id"] == 2  # 1 is interview.started
    assert frame["payload"]["text"] == "各位网友好"
    assert frame["payload"]["speaker"]["label"] == "主持人"
    assert frame["time"].endswith("+08:00")


def test_edits_pins_and_deletions__reach_an_open_viewer_live(interview, host_header):
    live(interview)
    message = committed(lambda: post(interview, "初稿"))

    async def scenario():
        communicator = viewer(host_header, f"/ws/interviews/{interview.pk}/")
        assert (await communicator.connect())[0]
        await frames_until_ready(communicator)
        await in_test_thread(lambda: broadcasting.edit_message(interview, message.pk, "改正后的文字"))
        await in_test_thread(lambda: broadcasting.pin_message(interview, message.pk, True))
        await in_test_thread(lambda: broadcasting.delete_message(interview, message.pk))
        frames = [await communicator.receive_json_from(timeout=WAIT) for _ in range(3)]
        await communicator.disconnect()
        return frames

    edited, pinned, deleted = run(scenario)
    assert (edited["type"], edited["payload"]["id"], edited["payload"]["text"]) == (
        "message.edited",
        message.pk,
        "改正后的文字",
    )
    assert (pinned["type"], pinned["payload"]["pinned"]) == ("message.pinned", True)
    assert deleted["type"] == "message.deleted"
    assert deleted["payload"]["id"] == message.pk
    assert "改正后的文字" not in json.dumps(deleted, ensure_ascii=False)
    assert [edited["id"], pinned["id"], deleted["id"]] == [3, 4, 5]


def test_reconnect_with_last_event_id__receives_exactly_what_was_missed_then_live(interview, host_header):
    live(interview)
    for number in range(1, 6):
        committed(lambda number=number: post(interview, f"第{number}条"))

    async def scenario():
        communicator = viewer(host_header, f"/ws/interviews/{interview.pk}/?after=3")
        assert (await communicator.connect())[0]
        missed = await frames_until_ready(communicator)
        await in_test_thread(lambda: post(interview, "重连后的新消息"))
        new = await communicator.receive_json_from(timeout=WAIT)
        assert await communicator.receive_nothing(timeout=0.3)
        await communicator.disconnect()
        return missed, new

    missed, new = run(scenario)
    assert [frame["id"] for frame in missed] == [4, 5, 6]
    assert [frame["payload"]["text"] for frame in missed] == ["第3条", "第4条", "第5条"]
    assert new["id"] == 7


def test_resume_frame__sends_what_the_client_lacks(interview, host_header):
    live(interview)
    committed(lambda: post(interview, "一"))

    async def scenario():
        communicator = viewer(host_header, f"/ws/interviews/{interview.pk}/")
        assert (await communicator.connect())[0]
        assert await frames_until_ready(communicator) == []
        await communicator.send_json_to({"type": "resume", "after": 0})
        resent = await frames_until_ready(communicator)
        await communicator.disconnect()
        return resent

    assert [frame["type"] for frame in run(scenario)] == ["interview.started", "message.created"]


@pytest.mark.parametrize("host", ["unknown.example.org", "other"])
def test_interview_of_another_site__is_refused(interview, host):
    other = InterviewPageFactory()  # its own site: the interview is not on it

    async def scenario():
        results = []
        for target in (interview, other):
            hostname = await in_test_thread(
                lambda target=target: Site.objects.get(root_page__in=target.get_ancestors()).hostname
            )
            wrong = "unknown.example.org" if host == "unknown.example.org" else hostname
            subject = other if target is interview else interview
            communicator = viewer(wrong, f"/ws/interviews/{subject.pk}/")
            results.append(await communicator.connect())
        return results

    for connected, code in run(scenario):
        assert not connected
        assert code == CLOSE_NOT_FOUND


def test_unpublished_interview__is_refused(host_header):
    draft = InterviewPageFactory(published=False, live=False)
    draft_host = draft.get_site().hostname

    async def scenario():
        return await viewer(draft_host, f"/ws/interviews/{draft.pk}/").connect()

    assert run(scenario) == (False, CLOSE_NOT_FOUND)


def test_bad_frames__get_an_error_event_and_the_connection_carries_on(interview, host_header):
    live(interview)

    async def scenario():
        communicator = viewer(host_header, f"/ws/interviews/{interview.pk}/")
        assert (await communicator.connect())[0]
        await frames_until_ready(communicator)
        errors = []
        for frame in ("x" * (MAX_CLIENT_FRAME + 1), "{not json", json.dumps([1, 2]), json.dumps({"type": "shout"})):
            await communicator.send_to(text_data=frame)
            errors.append(await communicator.receive_json_from(timeout=WAIT))
        await communicator.send_to(bytes_data=b"\x00\x01")
        errors.append(await communicator.receive_json_from(timeout=WAIT))
        await communicator.send_json_to({"type": "resume", "after": -1})
        errors.append(await communicator.receive_json_from(timeout=WAIT))
        await communicator.send_json_to({"type": "ping"})
        pong = await communicator.receive_json_from(timeout=WAIT)
        await in_test_thread(lambda: post(interview, "<script>alert(1)</script>照常直播"))
        message = await communicator.receive_json_from(timeout=WAIT)
        await communicator.disconnect()
        return errors, pong, message

    errors, pong, message = run(scenario)
    assert [error["payload"]["code"] for error in errors] == [
        "frame_too_large",
        "malformed_frame",
        "unknown_type",
        "unknown_type",
        "binary_frame",
        "bad_resume",
    ]
    assert all(error["type"] == "error" and error["payload"]["message"] for error in errors)
    assert pong == {"type": "pong"}
    assert message["type"] == "message.created"


def test_a_flooding_client__is_disconnected(interview, host_header):
    async def scenario():
        communicator = viewer(host_header, f"/ws/interviews/{interview.pk}/")
        assert (await communicator.connect())[0]
        await frames_until_ready(communicator)
        for _ in range(40):
            await communicator.send_json_to({"type": "ping"})
        frames = []
        while True:
            output = await communicator.receive_output(timeout=WAIT)
            if output["type"] == "websocket.close":
                return frames, output["code"]
            frames.append(json.loads(output["text"]))

    frames, code = run(scenario)
    assert frames[-1]["payload"]["code"] == "flooding"
    assert code == 4429


def written_not_published(action):
    """Run `action` as if its commit happened but the channel layer lost its events."""

    def run_action():
        with TestCase.captureOnCommitCallbacks(execute=False):
            return action()

    return sync_to_async(run_action)()


def test_a_dropped_frame__is_recovered_from_the_log_before_the_next_one(interview, host_header):
    live(interview)

    async def scenario():
        communicator = viewer(host_header, f"/ws/interviews/{interview.pk}/")
        assert (await communicator.connect())[0]
        await frames_until_ready(communicator)
        await written_not_published(lambda: post(interview, "丢失的一条"))
        await in_test_thread(lambda: post(interview, "下一条"))
        first = await communicator.receive_json_from(timeout=WAIT)
        second = await communicator.receive_json_from(timeout=WAIT)
        await communicator.disconnect()
        return first, second

    first, second = run(scenario)
    assert [(first["id"], first["payload"]["text"]), (second["id"], second["payload"]["text"])] == [
        (2, "丢失的一条"),
        (3, "下一条"),
    ]


def test_a_dropped_last_frame__arrives_through_the_periodic_check(interview, host_header, monkeypatch):
    monkeypatch.setattr(hub, "CHECK_SECONDS", 0.2)
    live(interview)

    async def scenario():
        communicator = viewer(host_header, f"/ws/interviews/{interview.pk}/")
        assert (await communicator.connect())[0]
        await frames_until_ready(communicator)
        await written_not_published(lambda: post(interview, "只写入了记录"))
        frame = await communicator.receive_json_from(timeout=WAIT)
        await communicator.disconnect()
        return frame

    frame = run(scenario)
    assert frame["payload"]["text"] == "只写入了记录"


def test_console_socket__only_for_staff_with_a_role(interview, host_header):
    moderator, stranger = StaffFactory(), StaffFactory()
    give_role(interview, moderator, Role.MODERATOR)
    cookies = {}
    for user in (moderator, stranger):
        client = Client()
        client.force_login(user)
        cookies[user.pk] = f"sessionid={client.cookies['sessionid'].value}"
    live(interview)

    async def scenario():
        refused = await viewer(host_header, f"/ws/interviews/{interview.pk}/console/", cookies[stranger.pk]).connect()
        anonymous = await viewer(host_header, f"/ws/interviews/{interview.pk}/console/").connect()
        communicator = viewer(
            host_header, f"/ws/interviews/{interview.pk}/console/?public_after=0&console_after=0", cookies[moderator.pk]
        )
        assert (await communicator.connect())[0]
        public = await frames_until_ready(communicator, "public")
        await frames_until_ready(communicator, "console")
        question = await in_test_thread(lambda: moderation.ask_question(interview, "网友甲", "请问……", "13800000000"))
        asked = await communicator.receive_json_from(timeout=WAIT)
        await in_test_thread(lambda: moderation.approve_question(interview, question.pk, moderator))
        approved = [await communicator.receive_json_from(timeout=WAIT) for _ in range(2)]
        await communicator.disconnect()
        return refused, anonymous, public, asked, approved

    refused, anonymous, public, asked, approved = run(scenario)
    assert refused == (False, CLOSE_FORBIDDEN)
    assert anonymous == (False, CLOSE_FORBIDDEN)
    assert [frame["type"] for frame in public] == ["interview.started"]
    assert asked["stream"] == "console"
    assert asked["type"] == "question.created"
    assert asked["payload"]["contact"] == "13800000000"
    by_stream = {frame["stream"]: frame for frame in approved}
    assert by_stream["public"]["type"] == "question.published"
    assert "contact" not in by_stream["public"]["payload"]
    assert by_stream["console"]["payload"]["action"] == "approved"
    assert by_stream["console"]["payload"]["actor"] == moderator.first_name


def test_pending_questions__never_reach_the_public_socket(interview, host_header):
    async def scenario():
        communicator = viewer(host_header, f"/ws/interviews/{interview.pk}/")
        assert (await communicator.connect())[0]
        await frames_until_ready(communicator)
        await in_test_thread(lambda: moderation.ask_question(interview, "网友乙", "待审核的问题"))
        silent = await communicator.receive_nothing(timeout=0.5)
        await communicator.disconnect()
        return silent

    assert run(scenario)
