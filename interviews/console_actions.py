"""The console's actions, one table for both ways in: the console page's HTTP POSTs and its socket.

Each action names the role it needs (`interviews.permissions`) and runs one service of
`broadcasting` or `moderation`; a refusal is an `InterviewError` with a Chinese message and the
HTTP status that fits. Images come only as a multipart upload over HTTP.
"""

from dataclasses import dataclass, field
from http import HTTPStatus

from django.db import transaction
from wagtail.images import get_image_model

from interviews import broadcasting, moderation
from interviews.enums import MessageKind, Role
from interviews.errors import InterviewError
from interviews.forms import ImageMessageForm
from interviews.models import InterviewGuest, InterviewPage, InterviewRole
from interviews.permissions import ACTION_NAMES, Action, can, roles_of
from interviews.text import clean_text
from sites.models import SiteProfile


@dataclass
class ActionRequest:
    """Who asks, and what: the action's JSON fields, and for an image its multipart form."""

    user: object
    data: dict
    post: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)


def own_guest(user, interview: InterviewPage, roles: set[Role]) -> int | None:
    """A guest who is only a guest speaks as the guest their role names."""
    if roles - {Role.GUEST}:
        return None
    return (
        InterviewRole.objects.filter(interview=interview, user=user, role=Role.GUEST)
        .values_list("guest", flat=True)
        .first()
    )


def positive_id(data: dict, name: str) -> int:
    value = data.get(name)
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise InterviewError(f"缺少有效的 {name}。", status=HTTPStatus.BAD_REQUEST)
    return value


def _text(data: dict, name: str = "text") -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise InterviewError("内容应为文字。", status=HTTPStatus.BAD_REQUEST)
    if len(value) > broadcasting.MAX_MESSAGE_LENGTH * 4:
        raise InterviewError(f"内容不能超过{broadcasting.MAX_MESSAGE_LENGTH}字。", status=HTTPStatus.BAD_REQUEST)
    return clean_text(value)


def _guest(interview: InterviewPage, data: dict, speaking_as: int | None) -> InterviewGuest:
    guest_id = speaking_as or positive_id(data, "guest")
    if speaking_as and data.get("guest") not in (None, "", speaking_as, str(speaking_as)):
        raise InterviewError("嘉宾只能以本人身份发言。", status=HTTPStatus.FORBIDDEN)
    guest = InterviewGuest.objects.filter(page=interview, pk=guest_id).first()
    if guest is None:
        raise InterviewError("所选嘉宾不属于本期访谈。", status=HTTPStatus.BAD_REQUEST)
    return guest


def _post(request, interview, data, roles):
    speaking_as = own_guest(request.user, interview, roles)
    kind = data.get("kind", MessageKind.HOST)
    if kind not in (MessageKind.HOST, MessageKind.GUEST, MessageKind.NOTICE, MessageKind.IMAGE):
        raise InterviewError("不支持的消息类型。", status=HTTPStatus.BAD_REQUEST)
    if speaking_as is not None and kind not in (MessageKind.GUEST, MessageKind.IMAGE):
        raise InterviewError("嘉宾只能以本人身份发言。", status=HTTPStatus.FORBIDDEN)
    if kind == MessageKind.IMAGE:
        return _post_image(request, interview, data, speaking_as)
    guest = _guest(interview, data, speaking_as) if kind == MessageKind.GUEST else None
    return broadcasting.post_message(interview, request.user, MessageKind(kind), _text(data), guest=guest)


def _post_image(request, interview, data, speaking_as):
    form = ImageMessageForm(request.post, request.files)
    if not form.is_valid():
        raise InterviewError(
            "；".join(str(error) for errors in form.errors.values() for error in errors), HTTPStatus.BAD_REQUEST
        )
    guest = _guest(interview, data, speaking_as) if speaking_as or data.get("guest") else None
    site = interview.get_site()
    caption = form.cleaned_data["caption"]
    with transaction.atomic():
        image = get_image_model()(
            title=caption[:100] or f"{interview.title}直播图片",
            file=form.cleaned_data["image"],
            collection=SiteProfile.for_site(site).collection if site else None,
            uploaded_by_user=request.user,
        )
        image._set_image_file_metadata()
        image.save()
        kind = MessageKind.IMAGE
        return broadcasting.post_message(interview, request.user, kind, caption, guest=guest, image=image)


def _answer(request, interview, data, roles):
    guest = _guest(interview, data, own_guest(request.user, interview, roles))
    return moderation.answer_question(interview, positive_id(data, "question"), guest, _text(data), request.user)


ACTIONS = {
    "start": (Action.DIRECT, lambda request, interview, data, roles: broadcasting.start_broadcast(interview)),
    "end": (Action.DIRECT, lambda request, interview, data, roles: broadcasting.end_broadcast(interview)),
    "publish-transcript": (
        Action.DIRECT,
        lambda request, interview, data, roles: broadcasting.publish_transcript(interview),
    ),
    "post": (Action.POST, _post),
    "edit": (
        Action.CURATE,
        lambda request, interview, data, roles: broadcasting.edit_message(
            interview, positive_id(data, "message"), _text(data)
        ),
    ),
    "delete": (
        Action.CURATE,
        lambda request, interview, data, roles: broadcasting.delete_message(interview, positive_id(data, "message")),
    ),
    "pin": (
        Action.CURATE,
        lambda request, interview, data, roles: broadcasting.pin_message(
            interview, positive_id(data, "message"), data.get("pinned") is not False
        ),
    ),
    "approve": (
        Action.MODERATE,
        lambda request, interview, data, roles: moderation.approve_question(
            interview, positive_id(data, "question"), request.user
        ),
    ),
    "reject": (
        Action.MODERATE,
        lambda request, interview, data, roles: moderation.reject_question(
            interview, positive_id(data, "question"), request.user
        ),
    ),
    "merge": (
        Action.MODERATE,
        lambda request, interview, data, roles: moderation.merge_question(
            interview, positive_id(data, "question"), positive_id(data, "into"), request.user
        ),
    ),
    "answer": (Action.ANSWER, _answer),
}


def perform(interview: InterviewPage, action: str, request: ActionRequest) -> None:
    """Run one console action for `request.user`, if their roles on the interview allow it."""
    if action not in ACTIONS:
        raise InterviewError("不支持的操作。", status=HTTPStatus.NOT_FOUND)
    needed, run = ACTIONS[action]
    roles = roles_of(request.user, interview)
    if not can(roles, needed):
        raise InterviewError(f"您在本期访谈中没有“{ACTION_NAMES[needed]}”的权限。", status=HTTPStatus.FORBIDDEN)
    run(request, interview, request.data, roles)
