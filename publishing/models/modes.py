"""Emergency notices and the grey mode of national mourning days (全站变灰), per site or cluster-wide."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from publishing.enums import ModeKind

__all__ = ["SiteMode"]


class SiteModeQuerySet(models.QuerySet):
    def in_force(self, site, at=None):
        """The modes in force on `site` at `at` (now): its own and the cluster-wide ones."""
        at = at or timezone.now()
        return self.filter(Q(site=site) | Q(site__isnull=True), starts_at__lte=at, ends_at__gt=at)


class SiteMode(models.Model):
    kind = models.CharField(
        "类型",
        max_length=10,
        choices=ModeKind.choices,
        help_text="应急公告在页面顶部显示横幅；全站变灰用于全国哀悼日。",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="网站",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="不选则对站群所有网站生效。",
    )
    message = models.CharField("公告内容", max_length=300, blank=True, help_text="应急公告的文字；全站变灰可不填。")
    link = models.CharField(
        "详情链接",
        max_length=300,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"], message="请填写以 http:// 或 https:// 开头的网址。")],
        help_text="应急公告的详情页面地址，可不填。",
    )
    starts_at = models.DateTimeField("开始时间", help_text="北京时间。")
    ends_at = models.DateTimeField("结束时间", help_text="北京时间；到时自动恢复。")

    objects = SiteModeQuerySet.as_manager()

    class Meta:
        verbose_name = "应急与哀悼模式"
        verbose_name_plural = "应急与哀悼模式"
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        where = self.site.site_name if self.site_id else "全部网站"
        return f"{self.get_kind_display()}（{where}）"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "结束时间应晚于开始时间。"
        if self.kind == ModeKind.EMERGENCY and not self.message.strip():
            errors["message"] = "请填写应急公告内容。"
        if errors:
            raise ValidationError(errors)
