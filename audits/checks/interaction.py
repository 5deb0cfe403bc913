"""互动交流: citizens' questions to 在线访谈 answered in time (国办秘函〔2019〕19号 互动回应).

A question waiting for moderation or for its answer when the interview ends may still be answered
as 补录, or rejected or merged; `defaults.INTERVIEW_ANSWER_WORKING_DAYS` working days after the
end, any still waiting is a finding, one per interview.

Read from the `interviews` app's models by name, when it is installed, as sibling apps do.
"""

from django.apps import apps
from django.utils import timezone

from audits.checks.base import AuditContext, Observation
from audits.defaults import INTERVIEW_ANSWER_WORKING_DAYS
from audits.working_days import working_days_since

# Pending: never moderated; approved: shown to everyone, waiting for its answer.
WAITING = ("pending", "approved")


def unanswered_questions(context: AuditContext):
    if not apps.is_installed("interviews"):
        return
    root = context.site.root_page
    waiting = (
        apps.get_model("interviews", "Question")
        .objects.filter(
            status__in=WAITING,
            interview__live=True,
            interview__path__startswith=root.path,
            interview__broadcast__status="ended",
            interview__broadcast__ended_at__isnull=False,
        )
        .select_related("interview__broadcast")
        .order_by("interview__broadcast__ended_at", "created_at")
    )
    by_interview: dict[int, list] = {}
    for question in waiting:
        ended_on = timezone.localdate(question.interview.broadcast.ended_at)
        if working_days_since(ended_on, context.today) > INTERVIEW_ANSWER_WORKING_DAYS:
            by_interview.setdefault(question.interview_id, []).append(question)
    for questions in by_interview.values():
        interview = questions[0].interview
        ended_on = timezone.localdate(interview.broadcast.ended_at)
        yield Observation(
            f"在线访谈「{interview.title}」结束超过{INTERVIEW_ANSWER_WORKING_DAYS}个工作日，"
            f"仍有{len(questions)}条网民提问未答复",
            context.absolute("/" + interview.url_path[len(root.url_path) :]),
            f"{ended_on:%Y-%m-%d} 结束；{questions[0].text}"[:500],
        )
