"""依申请公开: taking a request in, every step of its handling, its deadline, queues and statistics.

A request is stored, with its first event, before the applicant is told its tracking code.
Every step writes an event and recomputes the deadline from the events, so the log is the
truth and `due_on` is its summary for the queues.
"""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from disclosure.deadlines import MAX_EXTENSION_WORKING_DAYS, Pause, add_working_days, answer_deadline
from disclosure.deadlines import working_days_between as _working_days_between
from disclosure.enums import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    OUTCOMES_NEEDING_GROUND,
    EventKind,
    Outcome,
    RequestStatus,
)
from disclosure.models import InformationRequest, RequestEvent
from disclosure.notifications import notify_on_commit
from disclosure.validators import phone_digits

# Without 0, O, 1, I: codes are read out over the phone.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
DUE_SOON_WORKING_DAYS = 5
# What handling changes on a request; the applicant's own fields are never rewritten.
HANDLING_FIELDS = ("status", "extension_days", "outcome", "legal_ground", "answered_on", "working_days_taken")
APPLICANT_FIELDS = (
    "applicant_type", "name", "contact_person", "id_type", "id_number", "phone", "email", "address",
    "description", "delivery",
)  # fmt: skip


class HandlingError(Exception):
    """A step that the request's state does not allow; the message is for staff, in Chinese."""


def _today() -> date:
    return timezone.localdate()


def new_tracking_code(on: date) -> str:
    return f"YSQ{on:%Y%m%d}{''.join(secrets.choice(CODE_ALPHABET) for _ in range(6))}"


def submit_request(
    data: dict, organisation, token: str, received_on: date | None = None
) -> tuple[InformationRequest, bool]:
    """Store a citizen's request; (the request, whether it is new).

    The same form submitted again (same token) answers with the request it created the first time.
    `received_on` is today unless a request received on paper is entered later.
    """
    existing = InformationRequest.objects.filter(submission_token=token).first()
    if existing is not None:
        return existing, False
    received_on = received_on or _today()
    fields = {name: data.get(name) or "" for name in APPLICANT_FIELDS}
    for _attempt in range(5):
        try:
            with transaction.atomic():
                request = InformationRequest.objects.create(
                    organisation=organisation,
                    tracking_code=new_tracking_code(received_on),
                    submission_token=token,
                    received_on=received_on,
                    **fields,
                )
                RequestEvent.objects.create(request=request, kind=EventKind.RECEIVED, on=received_on)
                _refresh_deadline(request)
            return request, True
        except IntegrityError:
            existing = InformationRequest.objects.filter(submission_token=token).first()
            if existing is not None:
                return existing, False
    raise RuntimeError("无法生成查询码。")


def find_request(tracking_code: str, phone: str) -> InformationRequest | None:
    """The request with this code, if the phone number matches the one given with it."""
    request = InformationRequest.objects.filter(tracking_code=tracking_code).first()
    if request is None or not secrets.compare_digest(phone_digits(request.phone), phone_digits(phone)):
        return None
    return request


def pauses_of(request: InformationRequest) -> list[Pause]:
    kinds = [EventKind.CLARIFICATION_REQUESTED, EventKind.CLARIFIED]
    return pauses_in(request.events.filter(kind__in=kinds).values_list("kind", "on"))


def pauses_in(events: Iterable[tuple[str, date]]) -> list[Pause]:
    """The clock's stops from a request's (kind, date) events, in order: 补正 asked until given."""
    pauses: list[Pause] = []
    for kind, on in events:
        if kind == EventKind.CLARIFICATION_REQUESTED:
            pauses.append(Pause(on))
        elif kind == EventKind.CLARIFIED and pauses and pauses[-1].end is None:
            pauses[-1] = Pause(pauses[-1].start, on)
    return pauses


def _refresh_deadline(request: InformationRequest) -> None:
    deadline = answer_deadline(request.received_on, pauses_of(request), request.extension_days)
    request.due_on = deadline.due_on
    request.due_provisional = deadline.provisional
    request.save(update_fields=[*HANDLING_FIELDS, "due_on", "due_provisional"])


def _step(request: InformationRequest, kind: EventKind, allowed, actor, *, note: str, on: date | None) -> date:
    if request.status not in allowed:
        raise HandlingError(f"申请当前为“{request.get_status_display()}”，不能{EventKind(kind).label}。")
    on = on or _today()
    if on < request.received_on:
        raise HandlingError("办理日期不能早于收到申请的日期。")
    RequestEvent.objects.create(request=request, kind=kind, on=on, note=note, actor=actor)
    return on


@transaction.atomic
def accept(request: InformationRequest, actor, on: date | None = None) -> None:
    _step(request, EventKind.ACCEPTED, {RequestStatus.RECEIVED}, actor, note="", on=on)
    request.status = RequestStatus.ACCEPTED
    _refresh_deadline(request)
    notify_on_commit(request, EventKind.ACCEPTED)


@transaction.atomic
def request_clarification(request: InformationRequest, actor, note: str, on: date | None = None) -> None:
    """补正: the applicant is asked, once, to make the request clearer; the clock stops until they answer."""
    if request.events.filter(kind=EventKind.CLARIFICATION_REQUESTED).exists():
        raise HandlingError("补正只能一次性告知。")
    if not note:
        raise HandlingError("请写明需要补正的内容。")
    _step(request, EventKind.CLARIFICATION_REQUESTED, OPEN_STATUSES, actor, note=note, on=on)
    request.status = RequestStatus.CLARIFYING
    _refresh_deadline(request)
    notify_on_commit(request, EventKind.CLARIFICATION_REQUESTED, note)


@transaction.atomic
def record_clarification(request: InformationRequest, actor, note: str = "", on: date | None = None) -> None:
    _step(request, EventKind.CLARIFIED, {RequestStatus.CLARIFYING}, actor, note=note, on=on)
    request.status = RequestStatus.EXTENDED if request.extension_days else RequestStatus.ACCEPTED
    _refresh_deadline(request)


@transaction.atomic
def extend(request: InformationRequest, actor, days: int, reason: str, on: date | None = None) -> None:
    """延期: once, at most 20 working days, with a reason (approved by the office head, told to the applicant)."""
    if request.extension_days:
        raise HandlingError("延期答复只能一次。")
    if not 1 <= days <= MAX_EXTENSION_WORKING_DAYS:
        raise HandlingError(f"延长期限为1至{MAX_EXTENSION_WORKING_DAYS}个工作日。")
    if not reason:
        raise HandlingError("请写明延期理由。")
    allowed = {RequestStatus.RECEIVED, RequestStatus.ACCEPTED}
    _step(request, EventKind.EXTENDED, allowed, actor, note=f"延长{days}个工作日：{reason}", on=on)
    request.status = RequestStatus.EXTENDED
    request.extension_days = days
    _refresh_deadline(request)
    notify_on_commit(request, EventKind.EXTENDED, f"延长{days}个工作日")


@transaction.atomic
def answer(
    request: InformationRequest, actor, outcome: str, *, legal_ground: str = "", note: str = "", on: date | None = None
) -> None:
    if outcome not in Outcome.values:
        raise HandlingError("答复结果不正确。")
    if outcome in OUTCOMES_NEEDING_GROUND and not legal_ground:
        raise HandlingError("不予公开或部分公开时必须写明法律依据。")
    allowed = OPEN_STATUSES | ({RequestStatus.CLARIFYING} if outcome == Outcome.UNCLARIFIED else set())
    answered_on = _step(request, EventKind.ANSWERED, allowed, actor, note=note, on=on)
    request.status = RequestStatus.ANSWERED
    request.outcome = outcome
    request.legal_ground = legal_ground
    request.answered_on = answered_on
    request.working_days_taken = _working_days_between(request.received_on, answered_on, pauses_of(request))
    _refresh_deadline(request)
    notify_on_commit(request, EventKind.ANSWERED)


@transaction.atomic
def withdraw(request: InformationRequest, actor, note: str = "", on: date | None = None) -> None:
    _step(request, EventKind.WITHDRAWN, OPEN_STATUSES | {RequestStatus.CLARIFYING}, actor, note=note, on=on)
    request.status = RequestStatus.WITHDRAWN
    _refresh_deadline(request)


def overdue(requests: QuerySet[InformationRequest], today: date | None = None) -> QuerySet[InformationRequest]:
    return requests.filter(status__in=OPEN_STATUSES, due_on__lt=today or _today()).order_by("due_on")


def due_soon(requests: QuerySet[InformationRequest], today: date | None = None) -> QuerySet[InformationRequest]:
    """Open requests due today or within the next 5 working days."""
    today = today or _today()
    horizon = add_working_days(today, DUE_SOON_WORKING_DAYS).due_on
    return requests.filter(status__in=OPEN_STATUSES, due_on__gte=today, due_on__lte=horizon).order_by("due_on")


@dataclass
class RequestStatistics:
    received: int
    answered: int
    withdrawn: int
    pending: int
    by_outcome: dict[str, int]
    median_working_days: float | None


def statistics(requests: QuerySet[InformationRequest], year: int | None = None) -> RequestStatistics:
    """Counts for the annual report: received in the year, answered, by outcome, median working days taken."""
    if year is not None:
        requests = requests.filter(received_on__year=year)
    by_status = dict(requests.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    answered = requests.filter(status=RequestStatus.ANSWERED)
    by_outcome = dict(answered.values_list("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
    taken = list(answered.exclude(working_days_taken=None).values_list("working_days_taken", flat=True))
    return RequestStatistics(
        received=sum(by_status.values()),
        answered=by_status.get(RequestStatus.ANSWERED, 0),
        withdrawn=by_status.get(RequestStatus.WITHDRAWN, 0),
        pending=sum(n for status, n in by_status.items() if status not in CLOSED_STATUSES),
        by_outcome={outcome.label: by_outcome.get(outcome.value, 0) for outcome in Outcome},
        median_working_days=median(taken) if taken else None,
    )
