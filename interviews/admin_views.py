"""The host console: staff with a role on an interview run its broadcast from here.

Actions are JSON POSTs answered in JSON (errors in Chinese with the HTTP status that fits); the
console page hears every change, its own and other moderators', over its WebSocket.
"""

import json
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission

from interviews import broadcasting, moderation
from interviews.enums import MessageKind, Role, Stream
from interviews.errors import InterviewError
from interviews.forms import ImageMessageForm, RoleForm
from interviews.live_page import live_messages
from interviews.models import Broadcast, InterviewGuest, InterviewPage, InterviewRole, Question
from interviews.payloads import console_question, display_name, message_payload
from interviews.permissions import ACTION_NAMES, Action, can, can_manage_roles, roles_of
from interviews.text import clean_text
from interviews.views import json_error
from sites.models import SiteProfile

MAX_ACTION_BODY = 64 * 1024
CONSOLE_MESSAGES = 300


def _interview(interview_id: int) -> InterviewPage:
    interview = InterviewPage.objects.filter(pk=interview_id).select_related("broadcast").first()
    if interview is None:
        raise Http404("访谈不存在。")
    return interview


def visible_interviews(user):
    """The interviews a user may open a console for or hand out roles on."""
    interviews = InterviewPage.objects.select_related("broadcast").order_by("-scheduled_start")
    if user.is_superuser:
        return interviews
    roots = GroupPagePermission.objects.filter(group__user=user, permission__codename="change_page").values_list(
        "page__path", flat=True
    )
    editable = Q()
    for root in roots:
        editable |= Q(path__startswith=root)
    return (
        interviews.filter(Q(roles__user=user) | editable).distinct()
        if roots
        else interviews.filter(roles__user=user).distinct()
    )


@require_GET
def index(request: HttpRequest):
    interviews = list(visible_interviews(request.user))
    return render(request, "interviews/index.html", {"interviews": interviews})


@require_GET
def console(request: HttpRequest, interview_id: int):
    interview = _interview(interview_id)
    roles = roles_of(request.user, interview)
    managing = can_manage_roles(request.user, interview)
    if not can(roles, Action.VIEW) and not managing:
        return render(request, "interviews/forbidden.html", {"interview": interview}, status=HTTPStatus.FORBIDDEN)
    base = reverse("interviews_admin:console", args=[interview.pk])
    context = {
        "interview": interview,
        "roles": sorted(Role(role).label for role in roles),
        "urls": {"state": f"{base}state/", "act": f"{base}act/", "socket": f"/ws/interviews/{interview.pk}/console/"},
        "site_host": interview.get_site().hostname if interview.get_site() else "",
        "public_url": interview.full_url,
    }
    return render(request, "interviews/console.html", context)


@require_GET
def state(request: HttpRequest, interview_id: int) -> JsonResponse:
    """Everything the console shows, and the event ids it is current to."""
    interview = _interview(interview_id)
    roles = roles_of(request.user, interview)
    managing = can_manage_roles(request.user, interview)
    if not can(roles, Action.VIEW) and not managing:
        return json_error("您在本期访谈中没有角色，不能进入控制台。", HTTPStatus.FORBIDDEN)
    broadcast = Broadcast.objects.get_or_create(interview=interview)[0]
    messages = list(live_messages(interview).order_by("-id")[:CONSOLE_MESSAGES])[::-1]
    questions = Question.objects.filter(interview=interview).select_related("moderated_by").order_by("id")
    duplicates: dict[int, int] = {}
    for merged_into in questions.filter(merged_into__isnull=False).values_list("merged_into", flat=True):
        duplicates[merged_into] = duplicates.get(merged_into, 0) + 1
    body = {
        "interview": {
            "id": interview.pk,
            "title": interview.title,
            "live": interview.live,
            "status": broadcast.status,
            "status_label": broadcast.get_status_display(),
            "state_label": interview.state.label,
            "host_name": interview.host_name,
            "guests": [{"id": g.pk, "name": g.name, "title": g.title} for g in interview.guests.all()],
        },
        "me": {
            "roles": sorted(roles),
            "can": {action.value: can(roles, action) for action in Action},
            "manage_roles": managing,
            "guest": _own_guest(request.user, interview, roles),
        },
        "last_ids": {Stream.PUBLIC: broadcast.public_events, Stream.CONSOLE: broadcast.console_events},
        "messages": [message_payload(message) for message in messages],
        "questions": [console_question(q, duplicates.get(q.pk, 0)) for q in questions],
        "staff": _staff(interview) if managing else [],
        "role_choices": [{"value": value, "label": label} for value, label in Role.choices],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _staff(interview: InterviewPage) -> list[dict]:
    return [
        {
            "id": role.pk,
            "user": role.user.get_username(),
            "name": display_name(role.user),
            "role": role.role,
            "role_label": role.get_role_display(),
            "guest": role.guest.name if role.guest_id else "",
        }
        for role in InterviewRole.objects.filter(interview=interview).select_related("user", "guest").order_by("id")
    ]


def _own_guest(user, interview: InterviewPage, roles: set[Role]) -> int | None:
    """A guest who is only a guest speaks as the guest their role names."""
    if roles - {Role.GUEST}:
        return None
    return (
        InterviewRole.objects.filter(interview=interview, user=user, role=Role.GUEST)
        .values_list("guest", flat=True)
        .first()
    )


def _data(request: HttpRequest) -> dict:
    if request.content_type == "multipart/form-data":
        return request.POST.dict()
    if len(request.body) > MAX_ACTION_BODY:
        raise InterviewError("提交的内容过大。", status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise InterviewError("请求不是有效的 JSON。", status=HTTPStatus.BAD_REQUEST) from None
    if not isinstance(data, dict):
        raise InterviewError("请求应为 JSON 对象。", status=HTTPStatus.BAD_REQUEST)
    return data


def _id(data: dict, name: str) -> int:
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


def _guest(interview: InterviewPage, data: dict, own_guest: int | None) -> InterviewGuest:
    guest_id = own_guest or _id(data, "guest")
    if own_guest and data.get("guest") not in (None, "", own_guest, str(own_guest)):
        raise InterviewError("嘉宾只能以本人身份发言。", status=HTTPStatus.FORBIDDEN)
    guest = InterviewGuest.objects.filter(page=interview, pk=guest_id).first()
    if guest is None:
        raise InterviewError("所选嘉宾不属于本期访谈。", status=HTTPStatus.BAD_REQUEST)
    return guest


def _post(request, interview, data, roles):
    own_guest = _own_guest(request.user, interview, roles)
    kind = data.get("kind", MessageKind.HOST)
    if kind not in (MessageKind.HOST, MessageKind.GUEST, MessageKind.NOTICE, MessageKind.IMAGE):
        raise InterviewError("不支持的消息类型。", status=HTTPStatus.BAD_REQUEST)
    if own_guest is not None and kind not in (MessageKind.GUEST, MessageKind.IMAGE):
        raise InterviewError("嘉宾只能以本人身份发言。", status=HTTPStatus.FORBIDDEN)
    if kind == MessageKind.IMAGE:
        return _post_image(request, interview, data, own_guest)
    guest = _guest(interview, data, own_guest) if kind == MessageKind.GUEST else None
    return broadcasting.post_message(interview, request.user, MessageKind(kind), _text(data), guest=guest)


def _post_image(request, interview, data, own_guest):
    form = ImageMessageForm(request.POST, request.FILES)
    if not form.is_valid():
        raise InterviewError(
            "；".join(str(error) for errors in form.errors.values() for error in errors), HTTPStatus.BAD_REQUEST
        )
    guest = _guest(interview, data, own_guest) if own_guest or data.get("guest") else None
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
    guest = _guest(interview, data, _own_guest(request.user, interview, roles))
    return moderation.answer_question(interview, _id(data, "question"), guest, _text(data), request.user)


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
        lambda request, interview, data, roles: broadcasting.edit_message(interview, _id(data, "message"), _text(data)),
    ),
    "delete": (
        Action.CURATE,
        lambda request, interview, data, roles: broadcasting.delete_message(interview, _id(data, "message")),
    ),
    "pin": (
        Action.CURATE,
        lambda request, interview, data, roles: broadcasting.pin_message(
            interview, _id(data, "message"), data.get("pinned") is not False
        ),
    ),
    "approve": (
        Action.MODERATE,
        lambda request, interview, data, roles: moderation.approve_question(
            interview, _id(data, "question"), request.user
        ),
    ),
    "reject": (
        Action.MODERATE,
        lambda request, interview, data, roles: moderation.reject_question(
            interview, _id(data, "question"), request.user
        ),
    ),
    "merge": (
        Action.MODERATE,
        lambda request, interview, data, roles: moderation.merge_question(
            interview, _id(data, "question"), _id(data, "into"), request.user
        ),
    ),
    "answer": (Action.ANSWER, _answer),
}


@require_POST
def act(request: HttpRequest, interview_id: int, action: str) -> JsonResponse:
    """`POST /admin/interviews/<id>/act/<action>/`: one console action, allowed by the user's roles."""
    try:
        interview = _interview(interview_id)
    except Http404:
        return json_error("访谈不存在。", HTTPStatus.NOT_FOUND)
    try:
        if action in ("add-role", "remove-role"):
            return _manage_roles(request, interview, action)
        if action not in ACTIONS:
            return json_error("不支持的操作。", HTTPStatus.NOT_FOUND)
        needed, perform = ACTIONS[action]
        roles = roles_of(request.user, interview)
        if not can(roles, needed):
            return json_error(f"您在本期访谈中没有“{ACTION_NAMES[needed]}”的权限。", HTTPStatus.FORBIDDEN)
        perform(request, interview, _data(request), roles)
    except InterviewError as error:
        return json_error(error.message, error.status)
    return JsonResponse({"ok": True})


def _manage_roles(request: HttpRequest, interview: InterviewPage, action: str) -> JsonResponse:
    if not can_manage_roles(request.user, interview):
        return json_error("只有能编辑本期访谈的人员才能分配角色。", HTTPStatus.FORBIDDEN)
    data = _data(request)
    if action == "remove-role":
        deleted, _ = InterviewRole.objects.filter(interview=interview, pk=_id(data, "role")).delete()
        if not deleted:
            raise InterviewError("角色不存在。", status=HTTPStatus.NOT_FOUND)
        return JsonResponse({"ok": True})
    user, role, guest = _role_from(interview, RoleForm(data))
    InterviewRole.objects.update_or_create(interview=interview, user=user, role=role, defaults={"guest": guest})
    return JsonResponse({"ok": True, "staff": _staff(interview)})


def _role_from(interview: InterviewPage, form: RoleForm):
    if not form.is_valid():
        raise InterviewError("请填写用户名和角色。", status=HTTPStatus.BAD_REQUEST)
    user = get_user_model().objects.filter(username=form.cleaned_data["username"], is_active=True).first()
    if user is None:
        raise InterviewError("没有这个用户。", status=HTTPStatus.BAD_REQUEST)
    if not user.has_perm("wagtailadmin.access_admin"):
        raise InterviewError("该用户没有后台登录权限，请先将其加入有后台权限的用户组。", status=HTTPStatus.BAD_REQUEST)
    guest = None
    if form.cleaned_data["guest"]:
        guest = InterviewGuest.objects.filter(page=interview, pk=form.cleaned_data["guest"]).first()
        if guest is None:
            raise InterviewError("所选嘉宾不属于本期访谈。", status=HTTPStatus.BAD_REQUEST)
    return user, form.cleaned_data["role"], guest
