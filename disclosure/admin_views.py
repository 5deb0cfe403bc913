"""Handling 依申请公开 requests in the admin: only staff of the organisation (and cluster admins) see them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from disclosure import applications
from disclosure.applications import HandlingError
from disclosure.enums import RequestStatus
from disclosure.forms import AnswerForm, ExtensionForm, NoteForm
from disclosure.models import InformationRequest
from disclosure.permissions import handled_organisations
from disclosure.reports import shortfalls
from sites.models import Organisation

QUEUES = {"all": "全部", "open": "办理中", "overdue": "已超期", "due_soon": "5个工作日内到期"}


def visible_requests(user):
    return InformationRequest.objects.filter(organisation__in=handled_organisations(user)).select_related(
        "organisation"
    )


def _request_or_404(user, request_id: int) -> InformationRequest:
    found = visible_requests(user).filter(pk=request_id).first()
    if found is None:
        raise Http404("申请不存在。")
    return found


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    requests = visible_requests(request.user)
    queue = request.GET.get("queue", "open")
    if queue == "overdue":
        shown = applications.overdue(requests)
    elif queue == "due_soon":
        shown = applications.due_soon(requests)
    elif queue == "open":
        shown = requests.exclude(status__in=[RequestStatus.ANSWERED, RequestStatus.WITHDRAWN]).order_by("due_on")
    else:
        queue, shown = "all", requests
    context = {
        "queues": QUEUES,
        "queue": queue,
        "listing": Paginator(shown, 50).get_page(request.GET.get("page")),
        "overdue_count": applications.overdue(requests).count(),
        "due_soon_count": applications.due_soon(requests).count(),
        "statistics": applications.statistics(requests),
        "by_organisation": [
            (organisation, applications.statistics(requests.filter(organisation=organisation)))
            for organisation in Organisation.objects.filter(information_requests__in=requests).distinct()
        ],
    }
    return render(request, "disclosure/requests.html", context)


@require_GET
def detail(request: HttpRequest, request_id: int) -> HttpResponse:
    found = _request_or_404(request.user, request_id)
    context = {
        "found": found,
        "events": found.events.select_related("actor"),
        "note_form": NoteForm(),
        "extension_form": ExtensionForm(),
        "answer_form": AnswerForm(),
    }
    return render(request, "disclosure/request_detail.html", context)


ACTIONS = {
    "accept": (None, lambda found, user, data: applications.accept(found, user)),
    "clarify": (NoteForm, lambda found, user, data: applications.request_clarification(found, user, data["note"])),
    "clarified": (NoteForm, lambda found, user, data: applications.record_clarification(found, user, data["note"])),
    "extend": (ExtensionForm, lambda found, user, data: applications.extend(found, user, data["days"], data["note"])),
    "answer": (
        AnswerForm,
        lambda found, user, data: applications.answer(
            found, user, data["outcome"], legal_ground=data["legal_ground"], note=data["note"]
        ),
    ),
    "withdraw": (NoteForm, lambda found, user, data: applications.withdraw(found, user, data["note"])),
}


@require_POST
def act(request: HttpRequest, request_id: int, action: str) -> HttpResponse:
    found = _request_or_404(request.user, request_id)
    if action not in ACTIONS:
        raise Http404("没有这项操作。")
    form_class, step = ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("disclosure_admin:detail", found.pk)
    try:
        step(found, request.user, form.cleaned_data if form else {})
    except HandlingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已办理。")
    return redirect("disclosure_admin:detail", found.pk)


@require_GET
def missing(request: HttpRequest) -> HttpResponse:
    """Organisations without a guide or last year's report."""
    return render(
        request, "disclosure/shortfalls.html", {"shortfalls": shortfalls(handled_organisations(request.user))}
    )
