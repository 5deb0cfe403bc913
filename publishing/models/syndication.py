"""信息报送: an article of one site offered to, and perhaps listed in, a column of another.

The article is never copied: the receiving column lists the origin page, which keeps its one
canonical URL; unpublishing or deleting it removes it from every site that took it.
"""

from django.conf import settings
from django.db import models

from publishing.enums import SubmissionStatus

__all__ = ["Submission"]


class SubmissionQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=SubmissionStatus.ACCEPTED)

    def pending(self):
        return self.filter(status=SubmissionStatus.PENDING)


class Submission(models.Model):
    article = models.ForeignKey(
        "sites.ArticlePage", verbose_name="报送文章", on_delete=models.CASCADE, related_name="submissions"
    )
    column = models.ForeignKey(
        "sites.ColumnPage", verbose_name="接收栏目", on_delete=models.CASCADE, related_name="received_submissions"
    )
    # Both sites and the submitting organisation are kept as they were when submitted, for the statistics.
    origin_site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="报送网站", on_delete=models.CASCADE, related_name="+"
    )
    target_site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="接收网站", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "sites.Organisation", verbose_name="报送单位", on_delete=models.PROTECT, related_name="submissions"
    )
    status = models.CharField(
        "状态", max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField("报送时间", auto_now_add=True, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    reason = models.CharField("未采用理由", max_length=300, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "信息报送"
        verbose_name_plural = "信息报送"
        ordering = ["-submitted_at"]
        constraints = [models.UniqueConstraint(fields=["article", "column"], name="one_submission_per_column")]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.column_id}（{self.get_status_display()}）"
