"""Audit runs: every run is kept with each site's assessment and its findings."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from audits.enums import CheckCode, RunStatus, RunTrigger, Severity, Verdict

__all__ = ["AuditRun", "AvailabilityProbe", "Dismissal", "Finding", "SiteAssessment"]


class AuditRun(models.Model):
    indicator_set = models.ForeignKey(
        "audits.IndicatorSet", verbose_name="指标体系", on_delete=models.PROTECT, related_name="runs"
    )
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    trigger = models.CharField("方式", max_length=10, choices=RunTrigger.choices, default=RunTrigger.MANUAL)
    pages_fetched = models.PositiveIntegerField("抓取页面数", default=0)

    class Meta:
        verbose_name = "考核批次"
        verbose_name_plural = "考核批次"
        ordering = ["-started_at", "-pk"]
        permissions = [("view_all_sites", "查看所有网站的考核结果")]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"


class SiteAssessment(models.Model):
    run = models.ForeignKey(AuditRun, verbose_name="考核批次", on_delete=models.CASCADE, related_name="assessments")
    site = models.ForeignKey("wagtailcore.Site", verbose_name="网站", on_delete=models.CASCADE, related_name="+")
    site_name = models.CharField("网站名称", max_length=255)
    score = models.DecimalField("得分", max_digits=5, decimal_places=1, default=0)
    deductions = models.DecimalField("扣分", max_digits=5, decimal_places=1, default=0)
    bonus = models.DecimalField("加分", max_digits=5, decimal_places=1, default=0)
    vetoed = models.BooleanField("单项否决", default=False)
    verdict = models.CharField("结论", max_length=10, choices=Verdict.choices, default=Verdict.PASS)
    # [{code, name, kind, findings, points, vetoed}] per indicator, as scored.
    breakdown = models.JSONField("得分明细", default=list)
    pages_crawled = models.PositiveIntegerField("抓取页面数", default=0)
    home_seconds = models.FloatField("首页响应时间（秒）", null=True, blank=True)

    class Meta:
        verbose_name = "网站考核结果"
        verbose_name_plural = "网站考核结果"
        ordering = ["-score", "site_name"]
        constraints = [models.UniqueConstraint(fields=["run", "site"], name="audits_assessment_one_per_run")]

    def __str__(self) -> str:
        return f"{self.site_name} {self.score}"


class Finding(models.Model):
    assessment = models.ForeignKey(
        SiteAssessment, verbose_name="考核结果", on_delete=models.CASCADE, related_name="findings"
    )
    check_code = models.CharField("检查项", max_length=30, choices=CheckCode.choices, db_index=True)
    severity = models.CharField("严重程度", max_length=10, choices=Severity.choices)
    rule = models.CharField("依据", max_length=200, blank=True)
    message = models.CharField("问题", max_length=500)
    url = models.URLField("网址", max_length=1000, blank=True)
    excerpt = models.CharField("证据", max_length=500, blank=True)
    fingerprint = models.CharField(max_length=40, db_index=True, editable=False)
    dismissed = models.BooleanField("已排除", default=False)

    class Meta:
        verbose_name = "问题"
        verbose_name_plural = "问题"
        ordering = ["check_code", "url", "pk"]

    def __str__(self) -> str:
        return self.message

    @staticmethod
    def fingerprint_of(check_code: str, url: str, message: str) -> str:
        """The same problem on the same page gets the same fingerprint in every run."""
        return hashlib.sha1(f"{check_code}\n{url}\n{message}".encode(), usedforsecurity=False).hexdigest()


class Dismissal(models.Model):
    """An assessor's decision that a finding is not a problem; later runs leave it out of the score."""

    site = models.ForeignKey("wagtailcore.Site", verbose_name="网站", on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=40)
    check_code = models.CharField("检查项", max_length=30, choices=CheckCode.choices)
    message = models.CharField("问题", max_length=500)
    reason = models.CharField("排除理由", max_length=300)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="排除人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("排除时间", auto_now_add=True)

    class Meta:
        verbose_name = "排除的问题"
        verbose_name_plural = "排除的问题"
        constraints = [models.UniqueConstraint(fields=["site", "fingerprint"], name="audits_dismissal_unique")]

    def __str__(self) -> str:
        return self.message


class AvailabilityProbe(models.Model):
    """One attempt to open a site's home page; 站点无法访问 is judged over a week of them."""

    site = models.ForeignKey("wagtailcore.Site", verbose_name="网站", on_delete=models.CASCADE, related_name="+")
    probed_at = models.DateTimeField("探测时间", default=timezone.now, db_index=True)
    ok = models.BooleanField("可访问")
    seconds = models.FloatField("响应时间（秒）")
    error = models.CharField("原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "可用性探测"
        verbose_name_plural = "可用性探测"
        ordering = ["-probed_at"]

    def __str__(self) -> str:
        return f"{self.probed_at:%Y-%m-%d %H:%M} {'可访问' if self.ok else '无法访问'}"
