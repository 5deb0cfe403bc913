"""信息报送 as services: submit an article to other sites' columns, accept or reject it there, and
the listings that show a column's own and accepted articles together."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from wagtail.models import PagePermissionTester, Site

from publishing.enums import RECEIVING_COLUMN_TYPES, SubmissionStatus
from publishing.models import Submission
from sites.models import ArticlePage, ColumnPage, Organisation, SiteProfile
from sites.permissions import is_cluster_admin, sites_of
from sites.publishing import Change, ContentChange, fan_out

REASON_MAX_LENGTH = 300


class SubmissionError(Exception):
    """A submission or decision that may not be made; the message says why, in Chinese."""


def _ancestor_ids(organisation: Organisation) -> list[int]:
    ids, node, seen = [], organisation.parent, set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        ids.append(node.pk)
        node = node.parent
    return ids


def receiving_columns(article: ArticlePage) -> QuerySet[ColumnPage]:
    """The columns `article` may be submitted to: the article columns of the sites of the
    organisations above its own site's (a county's or a city department's news goes up to the city)."""
    site = article.get_site()
    organisation = SiteProfile.for_site(site).organisation if site else None
    if organisation is None:
        return ColumnPage.objects.none()
    targets = Site.objects.filter(
        pk__in=SiteProfile.objects.filter(organisation_id__in=_ancestor_ids(organisation)).values("site_id")
    ).exclude(pk=site.pk)
    within = Q(pk__in=[])
    for target in targets.select_related("root_page"):
        within |= Q(path__startswith=target.root_page.path)
    return ColumnPage.objects.live().filter(within, column_type__in=RECEIVING_COLUMN_TYPES).order_by("path")


@transaction.atomic
def submit(article: ArticlePage, columns: list[ColumnPage], user) -> list[Submission]:
    """Offer a live article to columns of other sites; all of them or, on any refusal, none.

    Raises:
        SubmissionError: the user may not edit the article, it is not published, or a column is not
            one it may go to, or already has it.
    """
    if not article.permissions_for_user(user).can_edit():
        raise SubmissionError("您无权报送这篇文章。")
    if not article.live:
        raise SubmissionError("文章发布后才能报送。")
    if not columns:
        raise SubmissionError("请选择接收栏目。")
    allowed = set(receiving_columns(article).values_list("pk", flat=True))
    site = article.get_site()
    organisation = article.organisation or SiteProfile.for_site(site).organisation
    submissions = []
    for column in columns:
        if column.pk not in allowed:
            raise SubmissionError(f"不能报送到“{column.title}”：本网站只能向上级单位网站的信息栏目报送。")
        existing = Submission.objects.select_for_update().filter(article=article, column=column).first()
        if existing and existing.status != SubmissionStatus.REJECTED:
            raise SubmissionError(f"已报送到“{column.title}”（{existing.get_status_display()}），不能重复报送。")
        submission = existing or Submission(article=article, column=column)
        submission.origin_site, submission.target_site = site, column.get_site()
        submission.organisation, submission.submitted_by = organisation, user
        submission.status, submission.reason, submission.decided_by, submission.decided_at = (
            SubmissionStatus.PENDING,
            "",
            None,
            None,
        )
        if existing:
            submission.submitted_at = timezone.now()
        submission.save()
        submissions.append(submission)
    return submissions


def may_decide(user, submission: Submission) -> bool:
    """The receiving site's reviewers decide: those who hold the publish permission in the receiving
    column (Wagtail's own test: the article is published already, so 保密审查 does not apply)."""
    return PagePermissionTester(user, submission.column).can_publish()


@transaction.atomic
def decide(submission_id: int, user, *, accept: bool, reason: str = "") -> Submission:
    """Accept or reject a pending submission; the receiving site shows an accepted article at once.

    Raises:
        SubmissionError: the user is not a reviewer of the receiving site, the submission was decided
            already, or a rejection gives no reason.
    """
    submission = (
        Submission.objects.select_for_update(of=("self",)).select_related("column").filter(pk=submission_id).first()
    )
    if submission is None or not may_decide(user, submission):
        raise SubmissionError("您无权处理这条报送。")
    if submission.status != SubmissionStatus.PENDING:
        raise SubmissionError(f"这条报送已处理（{submission.get_status_display()}），不能重复处理。")
    reason = reason.strip()
    if not accept and not reason:
        raise SubmissionError("请填写未采用的理由。")
    if len(reason) > REASON_MAX_LENGTH:
        raise SubmissionError(f"理由不能超过 {REASON_MAX_LENGTH} 个字。")
    submission.status = SubmissionStatus.ACCEPTED if accept else SubmissionStatus.REJECTED
    submission.reason, submission.decided_by, submission.decided_at = reason, user, timezone.now()
    submission.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    if accept:
        # Through the fan-out, naming the receiving site: its searches show the article, its caches refresh.
        fan_out(ContentChange(Change.PUBLISHED, frozenset({submission.target_site_id}), submission.article))
    return submission


def submissions_for(user) -> QuerySet[Submission]:
    """The submissions a user sees: every one for cluster administrators, else those to or from their sites."""
    submissions = Submission.objects.select_related("article", "column", "origin_site", "target_site", "organisation")
    if is_cluster_admin(user):
        return submissions
    site_ids = [site.pk for site in sites_of(user)]
    return submissions.filter(Q(target_site_id__in=site_ids) | Q(origin_site_id__in=site_ids))


def column_articles(column: ColumnPage) -> QuerySet[ArticlePage]:
    """A column's own live articles and the ones it accepted from other sites, newest first."""
    accepted = Submission.objects.accepted().filter(column=column).values("article_id")
    return ArticlePage.objects.live().filter(Q(path__startswith=column.path) | Q(pk__in=accepted)).order_by("-pub_date")


def site_articles(site_root, column_types) -> QuerySet[ArticlePage]:
    """A site's live articles of these column types, its own and those accepted into its columns of them."""
    accepted = (
        Submission.objects.accepted()
        .filter(column__path__startswith=site_root.path, column__column_type__in=column_types)
        .values("article_id")
    )
    own = Q(path__startswith=site_root.path, column_type__in=column_types)
    return ArticlePage.objects.live().filter(own | Q(pk__in=accepted)).order_by("-pub_date")


def receiving_site_ids(article_ids) -> set[int]:
    return set(
        Submission.objects.accepted().filter(article_id__in=article_ids).values_list("target_site_id", flat=True)
    )


@dataclass(frozen=True)
class StatisticsRow:
    organisation: str
    submitted: int
    accepted: int
    rejected: int
    pending: int

    @property
    def acceptance_rate(self) -> str:
        return f"{self.accepted / self.submitted:.0%}" if self.submitted else "-"


def statistics(submissions: QuerySet[Submission], start: date | None, end: date | None) -> list[StatisticsRow]:
    """信息报送统计: per submitting organisation, what it submitted in the period (by submission date,
    both ends included, Beijing time) and what became of it."""
    if start:
        submissions = submissions.filter(submitted_at__date__gte=start)
    if end:
        submissions = submissions.filter(submitted_at__date__lte=end)
    rows = (
        submissions.values("organisation__name")
        .annotate(
            submitted=Count("pk"),
            accepted=Count("pk", filter=Q(status=SubmissionStatus.ACCEPTED)),
            rejected=Count("pk", filter=Q(status=SubmissionStatus.REJECTED)),
            pending=Count("pk", filter=Q(status=SubmissionStatus.PENDING)),
        )
        .order_by("-submitted", "organisation__name")
    )
    return [
        StatisticsRow(row["organisation__name"], row["submitted"], row["accepted"], row["rejected"], row["pending"])
        for row in rows
    ]
