"""The handling of a request as services: the deadline follows the log; queues and statistics."""

from datetime import date

import pytest

from disclosure import applications
from disclosure.applications import HandlingError, submit_request
from disclosure.models import InformationRequest
from sites.models import SiteProfile
from tests.disclosure.factories import request_data
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 9, 30)


@pytest.fixture
def organisation():
    return SiteProfile.for_site(SiteFactory()).organisation


def received(organisation, token="a", on=RECEIVED) -> InformationRequest:  # noqa: S107 (a form token)
    return submit_request(request_data(), organisation, token, received_on=on)[0]


def test_new_request__is_due_20_working_days_after_receipt(organisation):
    assert received(organisation).due_on == date(2026, 11, 3)


def test_clarification__stops_the_clock_and_the_answer_restarts_it(organisation):
    request = received(organisation)
    applications.request_clarification(request, None, "请写明文号", on=date(2026, 10, 9))
    assert (request.status, request.due_on) == ("clarifying", None)
    applications.record_clarification(request, None, on=date(2026, 10, 16))
    assert (request.status, request.due_on) == ("accepted", date(2026, 11, 11))


def test_clarification__is_asked_once(organisation):
    request = received(organisation)
    applications.request_clarification(request, None, "请写明文号", on=date(2026, 10, 9))
    applications.record_clarification(request, None, on=date(2026, 10, 12))
    with pytest.raises(HandlingError, match="一次性"):
        applications.request_clarification(request, None, "再补正", on=date(2026, 10, 13))


@pytest.mark.parametrize(("days", "reason"), [(0, "理由"), (21, "理由"), (10, "")])
def test_extension__is_1_to_20_working_days_with_a_reason(organisation, days, reason):
    request = received(organisation)
    with pytest.raises(HandlingError):
        applications.extend(request, None, days, reason)
    assert InformationRequest.objects.get(pk=request.pk).extension_days == 0


def test_extension__moves_the_deadline_once(organisation):
    request = received(organisation)
    applications.extend(request, None, 20, "需征求第三方意见", on=date(2026, 10, 20))
    assert request.due_on == date(2026, 12, 1)
    with pytest.raises(HandlingError, match="只能一次"):
        applications.extend(request, None, 5, "再延", on=date(2026, 10, 21))


def test_answer__records_the_outcome_and_working_days_taken(organisation):
    request = received(organisation)
    applications.answer(request, None, "disclosed", on=date(2026, 10, 12))
    assert (request.status, request.working_days_taken) == ("answered", 4)
    with pytest.raises(HandlingError):
        applications.withdraw(request, None, "晚了")


def test_answered_request__cannot_be_dated_before_its_receipt(organisation):
    with pytest.raises(HandlingError, match="不能早于"):
        applications.accept(received(organisation), None, on=date(2026, 9, 1))


def test_queues__list_overdue_and_due_within_five_working_days(organisation):
    overdue = received(organisation, "old", on=date(2026, 9, 1))
    soon = received(organisation, "soon", on=date(2026, 10, 20))
    later = received(organisation, "later", on=date(2026, 11, 10))
    requests = InformationRequest.objects.filter(organisation=organisation)
    today = date(2026, 11, 12)
    assert list(applications.overdue(requests, today)) == [overdue]
    assert soon.due_on == date(2026, 11, 17)
    assert list(applications.due_soon(requests, today)) == [soon]
    assert later not in applications.due_soon(requests, today)


def test_statistics__count_by_outcome_with_the_median_working_days(organisation):
    for token, outcome, answered_on in (("1", "disclosed", date(2026, 10, 12)), ("2", "refused", date(2026, 10, 14)),
                                        ("3", "disclosed", date(2026, 10, 20))):  # fmt: skip
        applications.answer(received(organisation, token), None, outcome, legal_ground="第十五条", on=answered_on)
    received(organisation, "open")
    stats = applications.statistics(InformationRequest.objects.filter(organisation=organisation), 2026)
    assert (stats.received, stats.answered, stats.pending) == (4, 3, 1)
    assert stats.by_outcome["予以公开"] == 2
    assert stats.by_outcome["不予公开"] == 1
    assert stats.median_working_days == 6
