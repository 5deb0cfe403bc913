"""What the interview page shows, and its question form for browsers without script."""

from http import HTTPStatus

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from cms.client_ip import client_ip
from interviews.enums import BroadcastStatus, QuestionStatus, Stream
from interviews.errors import InterviewError
from interviews.forms import QuestionForm
from interviews.models import Broadcast, InterviewPage, Message, Question
from interviews.moderation import OPEN_FOR_QUESTIONS, ask_question
from interviews.payloads import message_payload, public_question
from interviews.ratelimit import question_retry_after

# The live page shows the newest messages; older ones load on request ("load earlier").
RECENT_MESSAGES = 50


def live_messages(interview: InterviewPage):
    return (
        Message.objects.filter(interview=interview, deleted_at__isnull=True)
        .select_related("question", "image")
        .prefetch_related("image__renditions")
    )


def live_page_context(interview: InterviewPage, request, question_form: QuestionForm | None = None) -> dict:
    """Messages, pinned messages, approved questions and the event id the page is current to."""
    broadcast = Broadcast.objects.filter(pk=interview.pk).first() or Broadcast(interview=interview)
    interview.broadcast = broadcast
    messages = live_messages(interview)
    if broadcast.status == BroadcastStatus.ENDED:
        shown, has_earlier = list(messages.order_by("id")), False
    else:
        newest = list(messages.order_by("-id")[: RECENT_MESSAGES + 1])
        has_earlier = len(newest) > RECENT_MESSAGES
        shown = newest[:RECENT_MESSAGES][::-1]
    pinned = list(messages.filter(pinned=True).order_by("-pinned_at"))
    waiting = Question.objects.filter(interview=interview, status=QuestionStatus.APPROVED).order_by("id")
    return {
        "broadcast": broadcast,
        "live_messages": [message_payload(message) for message in shown],
        "pinned_messages": [message_payload(message) for message in pinned],
        "has_earlier": has_earlier,
        "waiting_questions": [public_question(question) for question in waiting],
        "last_event_id": broadcast.public_events,
        "accepts_questions": interview.live and broadcast.status in OPEN_FOR_QUESTIONS,
        "question_form": question_form or QuestionForm(),
        "question_sent": request.GET.get("asked") == "1",
        "guests": list(interview.guests.select_related("photo").prefetch_related("photo__renditions")),
        "related_pages": [related.target for related in interview.related_pages.select_related("target")],
        "stream": Stream.PUBLIC,
        "api": {
            "events": reverse("interviews:events", args=[interview.pk]),
            "messages": reverse("interviews:messages", args=[interview.pk]),
            "questions": reverse("interviews:questions", args=[interview.pk]),
            "socket": f"/ws/interviews/{interview.pk}/",
        },
    }


def serve_question_form(interview: InterviewPage, request):
    """A question sent by the plain form: stored and redirected, or the page again with errors."""
    form = QuestionForm(request.POST)
    status = HTTPStatus.BAD_REQUEST
    if form.is_valid():
        retry_after = question_retry_after(client_ip(request))
        if retry_after is not None:
            form.add_error(None, f"提问过于频繁，请{retry_after}秒后再试。")
            status = HTTPStatus.TOO_MANY_REQUESTS
        else:
            try:
                ask_question(interview, **form.cleaned_data, address=client_ip(request))
            except InterviewError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                return HttpResponseRedirect(f"{interview.get_url(request)}?asked=1#ask")
    context = interview.get_context(request, question_form=form)
    response = TemplateResponse(request, interview.get_template(request), context, status=status)
    response.render()
    return response
