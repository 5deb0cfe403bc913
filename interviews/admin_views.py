"""The host console: staff with a role on an interview run its broadcast from here.

Actions are JSON POSTs answered in JSON (errors in Chinese with the HTTP status that fits); the
console page hears every change, its own and other moderators', over its WebSocket.
"""

import json
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import GroupPagePermission

from interviews import console_actions
from interviews.console_actions import ActionRequest, own_guest, positive_id
from interviews.enums import Role, Stream
from interviews.errors import InterviewError
from interviews.forms import RoleForm
from interviews.live_page import live_messages
from interviews.models import Broadcast, InterviewGuest, InterviewPage, InterviewRole, Question
from interviews.payloads import console_question, display_name, message_payload
from interviews.permissions import Action, can, can_manage_roles, roles_of
from interviews.views import json_error

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
            "guest": own_guest(request.user, interview, roles),
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
        console_actions.perform(
            interview, action, ActionRequest(request.user, _data(request), request.POST, request.FILES)
        )
    except InterviewError as error:
        return json_error(error.message, error.status)
    return JsonResponse({"ok": True})


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


def _manage_roles(request: HttpRequest, interview: InterviewPage, action: str) -> JsonResponse:
    if not can_manage_roles(request.user, interview):
        return json_error("只有能编辑本期访谈的人员才能分配角色。", HTTPStatus.FORBIDDEN)
    data = _data(request)
    if action == "remove-role":
        deleted, _ = InterviewRole.objects.filter(interview=interview, pk=positive_id(data, "role")).delete()
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
