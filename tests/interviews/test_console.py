"""The host console role by role through real HTTP: who may post, moderate, direct and hand out roles."""

import io
import json
from http import HTTPStatus

import pytest
from django.test import Client
from PIL import Image as PillowImage

from interviews import moderation
from interviews.enums import BroadcastStatus, MessageKind, QuestionStatus, Role
from interviews.models import Broadcast, Event, InterviewRole, Message, Question
from sites.models import SiteProfile
from tests.interviews.factories import InterviewPageFactory, StaffFactory, give_role
from tests.upload_files import bomb_png

pytestmark = pytest.mark.django_db


def act(client, interview, action, data=None):
    return client.post(
        f"/admin/interviews/{interview.pk}/act/{action}/", json.dumps(data or {}), content_type="application/json"
    )


@pytest.fixture
def staff(interview):
    """One signed-in client per role, and one for a site editor without a role."""
    editors = SiteProfile.for_site(interview.get_site()).editor_group
    clients = {}
    for role in [*Role, "none"]:
        user = StaffFactory()
        user.groups.add(editors)
        if role != "none":
            give_role(interview, user, role, guest=interview.guests.first() if role == Role.GUEST else None)
        client = Client()
        client.force_login(user)
        clients[role] = client
    return clients


@pytest.mark.parametrize(
    ("action", "allowed"),
    [
        ("start", {Role.HOST, Role.DIRECTOR}),
        ("post", {Role.HOST, Role.GUEST, Role.DIRECTOR}),
        ("approve", {Role.MODERATOR, Role.DIRECTOR, Role.HOST}),
        ("pin", {Role.MODERATOR, Role.DIRECTOR, Role.HOST}),
        ("answer", {Role.HOST, Role.GUEST, Role.DIRECTOR}),
    ],
)
def test_console_actions__allowed_by_role_only(staff, interview, action, allowed):
    for role, client in staff.items():
        data = {
            "kind": "guest",
            "text": "测试",
            "guest": interview.guests.first().pk,
            "question": 999999,
            "message": 999999,
        }
        response = act(client, interview, action, data)
        if role in allowed:
            assert response.status_code != HTTPStatus.FORBIDDEN, (role, response.json())
        else:
            assert response.status_code == HTTPStatus.FORBIDDEN, role
            assert "没有" in response.json()["error"]


def test_console_page_and_state__refused_without_a_role(staff, interview):
    outsider = StaffFactory()
    client = Client()
    client.force_login(outsider)
    assert client.get(f"/admin/interviews/{interview.pk}/").status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.FOUND)
    assert staff[Role.MODERATOR].get(f"/admin/interviews/{interview.pk}/").status_code == HTTPStatus.OK
    state = staff[Role.MODERATOR].get(f"/admin/interviews/{interview.pk}/state/").json()
    assert state["me"]["can"] == {
        "view": True, "post": False, "answer": False, "moderate": True, "curate": True, "direct": False
    }  # fmt: skip


def test_a_broadcast__run_from_the_console(staff, interview):
    host, moderator = staff[Role.HOST], staff[Role.MODERATOR]
    assert act(host, interview, "post", {"kind": "host", "text": "还没开始"}).status_code == HTTPStatus.CONFLICT
    assert act(host, interview, "start").status_code == HTTPStatus.OK
    assert act(host, interview, "start").json()["error"] == "访谈直播中，不能再次开始。"
    assert act(host, interview, "post", {"kind": "host", "text": "各位好"}).status_code == HTTPStatus.OK
    guest = interview.guests.last()
    assert act(host, interview, "post", {"kind": "guest", "guest": guest.pk, "text": "代嘉宾发言"}).status_code == 200
    message = Message.objects.get(text="代嘉宾发言")
    assert (message.kind, message.speaker_name) == (MessageKind.GUEST, guest.name)
    assert act(moderator, interview, "pin", {"message": message.pk}).status_code == HTTPStatus.OK
    assert (
        act(moderator, interview, "edit", {"message": message.pk, "text": "改过的<script>x</script>"}).status_code
        == 200
    )
    message.refresh_from_db()
    assert (message.text, message.pinned) == ("改过的", True)
    question = moderation.ask_question(interview, "网友", "问题一")
    duplicate = moderation.ask_question(interview, "网友2", "问题一（重复）")
    assert act(moderator, interview, "approve", {"question": question.pk}).status_code == HTTPStatus.OK
    assert act(moderator, interview, "merge", {"question": duplicate.pk, "into": question.pk}).status_code == 200
    assert act(moderator, interview, "merge", {"question": question.pk, "into": question.pk}).status_code == 400
    answered = act(staff[Role.GUEST], interview, "answer", {"question": question.pk, "text": "答复"})
    assert answered.status_code == HTTPStatus.OK
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.ANSWERED
    assert Question.objects.get(pk=duplicate.pk).merged_into_id == question.pk
    assert act(host, interview, "end").status_code == HTTPStatus.OK
    assert Broadcast.objects.get(pk=interview.pk).status == BroadcastStatus.ENDED
    assert act(host, interview, "post", {"kind": "host", "text": "补充"}).status_code == HTTPStatus.OK
    assert Message.objects.get(text="补充").supplement
    assert act(host, interview, "publish-transcript").status_code == HTTPStatus.OK
    events = list(Event.objects.filter(interview=interview, stream="public").order_by("seq"))
    assert [event.seq for event in events] == list(range(1, len(events) + 1))
    assert [events[0].kind, events[-1].kind] == ["interview.started", "message.created"]
    assert "interview.ended" in [event.kind for event in events]


def test_a_guest__speaks_only_as_their_own_guest(staff, interview):
    act(staff[Role.HOST], interview, "start")
    other = interview.guests.last()
    response = act(staff[Role.GUEST], interview, "post", {"kind": "guest", "guest": other.pk, "text": "冒名"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert act(staff[Role.GUEST], interview, "post", {"kind": "host", "text": "冒充主持人"}).status_code == 403
    assert act(staff[Role.GUEST], interview, "post", {"kind": "guest", "text": "本人发言"}).status_code == 200
    assert Message.objects.get(text="本人发言").speaker_name == interview.guests.first().name


@pytest.mark.parametrize(
    "body", ["{bad json", "[]", json.dumps({"kind": "video", "text": "x"}), json.dumps({"kind": "host", "text": 5})]
)
def test_bad_console_input__clear_error_and_nothing_stored(staff, interview, body):
    act(staff[Role.HOST], interview, "start")
    response = staff[Role.HOST].post(
        f"/admin/interviews/{interview.pk}/act/post/", body, content_type="application/json"
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["error"]
    assert not Message.objects.filter(interview=interview).exists()


def test_unknown_action_and_interview__404(staff, interview):
    assert act(staff[Role.HOST], interview, "explode").status_code == HTTPStatus.NOT_FOUND
    assert staff[Role.HOST].post("/admin/interviews/999999/act/start/").status_code == HTTPStatus.NOT_FOUND


def test_image_upload__stored_in_the_sites_collection_with_renditions(staff, interview):
    act(staff[Role.HOST], interview, "start")
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1200, 800), "#336699").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "photo.png"
    response = staff[Role.HOST].post(
        f"/admin/interviews/{interview.pk}/act/post/", {"kind": "image", "image": buffer, "caption": "现场图片"}
    )
    assert response.status_code == HTTPStatus.OK, response.json()
    message = Message.objects.get(interview=interview, kind=MessageKind.IMAGE)
    assert message.image.collection == SiteProfile.for_site(interview.get_site()).collection
    payload = Event.objects.get(message=message).payload
    assert payload["image"]["width"] == 800
    assert payload["text"] == "现场图片"


def test_image_upload__not_an_image_is_refused(staff, interview):
    act(staff[Role.HOST], interview, "start")
    fake = io.BytesIO(b"<?php echo 1; ?>")
    fake.name = "shell.png"
    response = staff[Role.HOST].post(f"/admin/interviews/{interview.pk}/act/post/", {"kind": "image", "image": fake})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Message.objects.filter(interview=interview).exists()


def test_roles__handed_out_by_the_sites_staff_only(staff, interview):
    newcomer = StaffFactory()
    newcomer.groups.add(SiteProfile.for_site(interview.get_site()).editor_group)
    data = {"username": newcomer.username, "role": "moderator"}
    assert act(staff["none"], interview, "add-role", data).status_code == HTTPStatus.OK
    assert InterviewRole.objects.filter(interview=interview, user=newcomer, role=Role.MODERATOR).exists()

    elsewhere = InterviewPageFactory()
    assert act(staff["none"], elsewhere, "add-role", data).status_code == HTTPStatus.FORBIDDEN
    no_admin = StaffFactory()
    response = act(staff["none"], interview, "add-role", {"username": no_admin.username, "role": "guest"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "后台登录权限" in response.json()["error"]


def test_image_upload__a_decompression_bomb_is_refused_in_chinese(staff, interview):
    act(staff[Role.HOST], interview, "start")
    bomb = io.BytesIO(bomb_png())
    bomb.name = "bomb.png"
    response = staff[Role.HOST].post(f"/admin/interviews/{interview.pk}/act/post/", {"kind": "image", "image": bomb})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "图片像素过多" in response.content.decode()
    assert not Message.objects.filter(interview=interview).exists()
