"""Console actions over the console's socket: the same roles and refusals as its HTTP POSTs, committed before `ack`."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from interviews import broadcasting, moderation
from interviews.consumers import CLOSE_FORBIDDEN, MAX_CONSOLE_FRAME
from interviews.enums import QuestionStatus, Role
from interviews.models import InterviewRole, Message, Question
from tests.interviews.conftest import run
from tests.interviews.factories import StaffFactory, give_role
from tests.interviews.test_consumers import WAIT, frames_until_ready, viewer

# The consumer's database work commits for real, so its events are published as in production.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def signed_in(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def staff_member(interview, role: Role | None):
    user = StaffFactory()
    if role is not None:
        give_role(interview, user, role)
    return user, signed_in(user)


async def console(host_header: str, interview, cookie: str, origin: str | None = None):
    communicator = viewer(host_header, f"/ws/interviews/{interview.pk}/console/", cookie)
    if origin is not None:
        communicator.scope["headers"] = [
            (name, origin.encode() if name == b"origin" else value) for name, value in communicator.scope["headers"]
        ]
    connected, code = await communicator.connect()
    if connected:
        await frames_until_ready(communicator, "public")
        await frames_until_ready(communicator, "console")
    return communicator, connected, code


async def answer_to(communicator, request_id) -> dict:
    """The ack or error naming `request_id`, past the stream frames the action itself caused."""
    while True:
        frame = await communicator.receive_json_from(timeout=WAIT)
        if frame["type"] in ("ack", "error") and frame["payload"].get("request") == request_id:
            return frame


@pytest.fixture
def live_interview(interview):
    broadcasting.start_broadcast(interview)
    return interview


def test_a_host_posts_over_the_socket__stored_before_ack_and_broadcast_to_viewers(live_interview, host_header):
    interview = live_interview
    _, cookie = staff_member(interview, Role.HOST)

    async def scenario():
        audience = viewer(host_header, f"/ws/interviews/{interview.pk}/")
        assert (await audience.connect())[0]
        await frames_until_ready(audience)
        host, connected, _ = await console(host_header, interview, cookie)
        assert connected
        await host.send_json_to({"type": "act", "action": "post", "request": "m1", "data": {"text": "各位网友好"}})
        ack = await answer_to(host, "m1")
        stored = await sync_to_async(
            lambda: list(Message.objects.filter(interview=interview).values_list("text", flat=True))
        )()
        seen = await audience.receive_json_from(timeout=WAIT)
        await host.disconnect()
        await audience.disconnect()
        return ack, stored, seen

    ack, stored, seen = run(scenario)
    assert ack == {"type": "ack", "payload": {"request": "m1", "action": "post"}}
    assert stored == ["各位网友好"]
    assert seen["type"] == "message.created"
    assert seen["payload"]["text"] == "各位网友好"


def test_socket_actions__allowed_by_role_only(live_interview, host_header):
    interview = live_interview
    _, moderator = staff_member(interview, Role.MODERATOR)
    question = moderation.ask_question(interview, "网友甲", "请问何时开通？")

    async def scenario():
        socket, connected, _ = await console(host_header, interview, moderator)
        assert connected
        await socket.send_json_to({"type": "act", "action": "post", "request": 1, "data": {"text": "越权发言"}})
        refused = await answer_to(socket, 1)
        await socket.send_json_to({"type": "act", "action": "approve", "request": 2, "data": {"question": question.pk}})
        approved = await answer_to(socket, 2)
        await socket.disconnect()
        return refused, approved

    refused, approved = run(scenario)
    assert refused["payload"]["code"] == "forbidden"
    assert "发布直播内容" in refused["payload"]["message"]
    assert not Message.objects.filter(interview=interview).exists()
    assert approved["type"] == "ack"
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.APPROVED


def test_bad_actions__clear_errors_nothing_stored_and_the_socket_carries_on(live_interview, host_header):
    interview = live_interview
    _, cookie = staff_member(interview, Role.HOST)
    bad = [
        ({"type": "act", "action": ["post"], "request": "a"}, "invalid"),
        ({"type": "act", "action": "post", "data": "文字", "request": "b"}, "invalid"),
        ({"type": "act", "action": "add-role", "data": {"username": "x"}, "request": "c"}, "not_found"),
        ({"type": "act", "action": "post", "data": {"text": "长" * 2001}, "request": "d"}, "invalid"),
        ({"type": "act", "action": "post", "data": {"text": "<script>x</script>"}, "request": "e"}, "invalid"),
        ({"type": "act", "action": "post", "data": {"kind": "answer", "text": "答"}, "request": "f"}, "invalid"),
        ({"type": "act", "action": "edit", "data": {"message": 999999, "text": "改"}, "request": "g"}, "not_found"),
    ]

    async def scenario():
        socket, connected, _ = await console(host_header, interview, cookie)
        assert connected
        answers = []
        for frame, _ in bad:
            await socket.send_json_to(frame)
            answers.append(await answer_to(socket, frame["request"]))
        await socket.send_to(text_data='{"type": "act", "request": "h", "data": {"text": "' + "x" * MAX_CONSOLE_FRAME)
        too_large = await socket.receive_json_from(timeout=WAIT)
        await socket.send_json_to({"type": "act", "action": "post", "request": "i", "data": {"text": "<b>粗</b>正文"}})
        fine = await answer_to(socket, "i")
        await socket.disconnect()
        return answers, too_large, fine

    answers, too_large, fine = run(scenario)
    assert [answer["payload"]["code"] for answer in answers] == [code for _, code in bad]
    assert all(answer["payload"]["message"] for answer in answers)
    assert too_large["payload"]["code"] == "frame_too_large"
    assert fine["type"] == "ack"
    assert list(Message.objects.filter(interview=interview).values_list("text", flat=True)) == ["粗正文"]


def test_acting_on_an_ended_interview__refused(live_interview, host_header):
    interview = live_interview
    _, cookie = staff_member(interview, Role.HOST)

    async def scenario():
        socket, _, _ = await console(host_header, interview, cookie)
        await socket.send_json_to({"type": "act", "action": "end", "request": "end"})
        ended = await answer_to(socket, "end")
        await socket.send_json_to({"type": "act", "action": "end", "request": "again"})
        again = await answer_to(socket, "again")
        await socket.disconnect()
        return ended, again

    ended, again = run(scenario)
    assert ended["type"] == "ack"
    assert again["payload"]["code"] == "conflict"
    assert "不能结束" in again["payload"]["message"]


def test_a_role_taken_away_or_an_account_disabled__stops_the_open_socket(live_interview, host_header):
    interview = live_interview
    host, cookie = staff_member(interview, Role.HOST)

    async def scenario():
        socket, _, _ = await console(host_header, interview, cookie)
        await sync_to_async(lambda: InterviewRole.objects.filter(user=host).update(role=Role.MODERATOR))()
        await socket.send_json_to({"type": "act", "action": "post", "request": "r", "data": {"text": "还能发吗"}})
        demoted = await answer_to(socket, "r")
        await sync_to_async(lambda: type(host).objects.filter(pk=host.pk).update(is_active=False))()
        await socket.send_json_to({"type": "act", "action": "pin", "request": "s", "data": {"message": 1}})
        disabled = await answer_to(socket, "s")
        await socket.disconnect()
        return demoted, disabled

    demoted, disabled = run(scenario)
    assert demoted["payload"]["code"] == "forbidden"
    assert disabled["payload"]["code"] == "signed_out"
    assert not Message.objects.filter(interview=interview).exists()


def test_a_page_of_another_origin__cannot_open_the_console_socket(live_interview, host_header):
    interview = live_interview
    _, cookie = staff_member(interview, Role.HOST)

    async def scenario():
        _, foreign, code = await console(host_header, interview, cookie, origin="http://another-county.localhost")
        public = viewer(host_header, f"/ws/interviews/{interview.pk}/")
        assert (await public.connect())[0]
        await frames_until_ready(public)
        await public.send_json_to({"type": "act", "action": "post", "data": {"text": "观众不能发言"}})
        answer = await public.receive_json_from(timeout=WAIT)
        await public.disconnect()
        return foreign, code, answer

    foreign, code, answer = run(scenario)
    assert (foreign, code) == (False, CLOSE_FORBIDDEN)
    assert answer["payload"]["code"] == "unknown_type"
    assert not Message.objects.filter(interview=interview).exists()
