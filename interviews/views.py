"""The public JSON API of an interview: the catch-up of events, earlier messages, asking a question.

Every answer is for one visitor at one moment: `Cache-Control: private, no-cache` throughout.
An interview is found only on the site the request's Host names, and only once it is published.
"""

import json
from http import HTTPStatus

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from cms.client_ip import client_ip
from cms.ids import is_possible_page_id
from interviews.enums import Stream
from interviews.errors import InterviewError
from interviews.events import CATCH_UP_LIMIT, event_frame, events_after
from interviews.forms import QuestionForm
from interviews.live_page import live_messages
from interviews.models import Broadcast, InterviewPage
from interviews.moderation import ask_question
from interviews.payloads import message_payload
from interviews.ratelimit import question_retry_after

MESSAGES_PAGE = 30
MAX_MESSAGES_PAGE = 100
MAX_QUESTION_BODY = 16 * 1024


def json_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status, json_dumps_params={"ensure_ascii": False})


def interview_on_site(request: HttpRequest, interview_id: int) -> InterviewPage:
    """The published interview on the request's site; 404 for any other, on any other site."""
    if not is_possible_page_id(interview_id):
        raise Http404("访谈不存在。")
    site = Site.find_for_request(request)
    interview = (
        InterviewPage.objects.live().filter(pk=interview_id, path__startswith=site.root_page.path).first()
        if site
        else None
    )
    if interview is None:
        raise Http404("访谈不存在。")
    return interview


def _bounded_int(request: HttpRequest, name: str, default: int | None, upper: int | None = None) -> int | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    # isdigit() alone admits "²" and other digits int() refuses.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        raise InterviewError(f"参数 {name} 应为非负整数。", status=HTTPStatus.BAD_REQUEST)
    value = int(raw)
    return min(value, upper) if upper else value


def _answer_errors(view):
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404 as missing:
            return json_error(str(missing) or "访谈不存在。", HTTPStatus.NOT_FOUND)
        except InterviewError as error:
            return json_error(error.message, error.status)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@never_cache
@require_GET
@_answer_errors
def events(request: HttpRequest, interview_id: int) -> JsonResponse:
    """`GET /api/interviews/<id>/events/?after=<event id>&limit=<n>`: the public events after an id."""
    interview = interview_on_site(request, interview_id)
    after = _bounded_int(request, "after", 0)
    limit = max(1, _bounded_int(request, "limit", CATCH_UP_LIMIT, CATCH_UP_LIMIT))
    page = events_after(interview.pk, Stream.PUBLIC, after, limit + 1)
    broadcast = Broadcast.objects.filter(pk=interview.pk).first() or Broadcast(interview=interview)
    body = {
        "interview": interview.pk,
        "status": broadcast.status,
        "last_id": broadcast.public_events,
        "has_more": len(page) > limit,
        "events": [json.loads(event_frame(event)) for event in page[:limit]],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@never_cache
@require_GET
@_answer_errors
def messages(request: HttpRequest, interview_id: int) -> JsonResponse:
    """`GET /api/interviews/<id>/messages/?before=<message id>`: earlier messages, oldest first."""
    interview = interview_on_site(request, interview_id)
    before = _bounded_int(request, "before", None)
    limit = max(1, _bounded_int(request, "limit", MESSAGES_PAGE, MAX_MESSAGES_PAGE))
    found = live_messages(interview).order_by("-id")
    if before is not None:
        found = found.filter(pk__lt=before)
    page = list(found[: limit + 1])
    body = {
        "interview": interview.pk,
        "has_more": len(page) > limit,
        "messages": [message_payload(message) for message in reversed(page[:limit])],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@never_cache
@require_POST
@_answer_errors
def questions(request: HttpRequest, interview_id: int) -> JsonResponse:
    """`POST /api/interviews/<id>/questions/` with JSON `{nickname, text, contact}`: ask a question."""
    interview = interview_on_site(request, interview_id)
    if len(request.body) > MAX_QUESTION_BODY:
        return json_error("提交的内容过大。", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return json_error("请求不是有效的 JSON。", HTTPStatus.BAD_REQUEST)
    if not isinstance(data, dict) or not all(isinstance(value, str) for value in data.values()):
        return json_error("请求应为包含文字字段的 JSON 对象。", HTTPStatus.BAD_REQUEST)
    form = QuestionForm(data)
    if not form.is_valid():
        errors = {field: [str(error) for error in errs] for field, errs in form.errors.items()}
        return json_error("提问未通过检查，请修改后再提交。", HTTPStatus.BAD_REQUEST, errors=errors)
    retry_after = question_retry_after(client_ip(request))
    if retry_after is not None:
        response = json_error(f"提问过于频繁，请{retry_after}秒后再试。", HTTPStatus.TOO_MANY_REQUESTS)
        response["Retry-After"] = str(retry_after)
        return response
    question = ask_question(interview, **form.cleaned_data, address=client_ip(request))
    body = {"id": question.pk, "status": question.status, "message": "提问已提交，经审核后公开。"}
    return JsonResponse(body, status=HTTPStatus.CREATED, json_dumps_params={"ensure_ascii": False})
