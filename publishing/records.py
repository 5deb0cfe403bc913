"""Who drafted, reviewed, secrecy-checked and published a page: read from its revisions, its
workflow's task states and its log, which Wagtail keeps anyway."""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import GroupApprovalTask, PageLogEntry, TaskState

from publishing.models import SecrecyReviewTaskState


@dataclass(frozen=True)
class RecordLine:
    role: str
    person: str
    at: datetime | None
    note: str = ""


def _name(user) -> str:
    if user is None:
        return "（系统）"
    return user.get_full_name() or user.get_username()


def publication_record(page) -> list[RecordLine]:
    """The people behind the page's current version, in the order the workflow runs."""
    lines = []
    first = page.revisions.order_by("created_at", "pk").select_related("user").first()
    if first is not None:
        lines.append(RecordLine("起草", _name(first.user), first.created_at))
    states = TaskState.objects.for_instance(page).filter(status=TaskState.STATUS_APPROVED).select_related("finished_by")
    review = (
        states.filter(task__content_type__model=GroupApprovalTask._meta.model_name).order_by("-finished_at").first()
    )
    if review is not None:
        lines.append(RecordLine("审核", _name(review.finished_by), review.finished_at, review.comment))
    secrecy = (
        SecrecyReviewTaskState.objects.filter(pk__in=states.values("pk"))
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    if secrecy is not None:
        lines.append(RecordLine("保密审查", _name(secrecy.finished_by), secrecy.finished_at, secrecy.get_comment()))
    published = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish").select_related("user").order_by("-timestamp")
    ).first()
    if published is not None:
        lines.append(RecordLine("发布", _name(published.user), published.timestamp))
    return lines
