"""Indicator sets: the rules a site is scored by, kept as data that assessors edit."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from audits.enums import IndicatorKind
from audits.forms import AssessorScoreForm
from sites.enums import ColumnType

__all__ = ["AssessorScore", "ColumnRule", "Indicator", "IndicatorSet"]


class IndicatorSet(ClusterableModel):
    name = models.CharField("名称", max_length=120, unique=True, help_text="如：2019年政府网站检查指标。")
    description = models.TextField("说明", blank=True, help_text="依据的文件和适用范围。")
    is_default = models.BooleanField("默认指标", default=False, help_text="考核时未指定指标体系则使用默认指标。")
    pass_mark = models.DecimalField("合格分数线", max_digits=5, decimal_places=1, default=Decimal(60))
    bonus_cap = models.DecimalField("加分上限", max_digits=5, decimal_places=1, default=Decimal(30))
    home_stale_working_days = models.PositiveIntegerField(
        "首页更新期限（工作日）", default=10, help_text="首页超过此期限无新信息即为首页不更新（两周约10个工作日）。"
    )
    slow_home_seconds = models.DecimalField(
        "首页响应时限（秒）", max_digits=5, decimal_places=1, default=Decimal(15), help_text="超过即视为无法打开。"
    )
    availability_days = models.PositiveIntegerField(
        "可用性考察天数", default=7, help_text="站点无法访问按最近这些天的全部探测计算。"
    )
    unavailable_percent = models.DecimalField(
        "无法访问比例（%）",
        max_digits=4,
        decimal_places=1,
        default=Decimal(5),
        help_text="探测中首页无法打开的比例达到此值即为站点无法访问。",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("is_default"),
        FieldPanel("pass_mark"),
        FieldPanel("bonus_cap"),
        FieldPanel("home_stale_working_days"),
        FieldPanel("slow_home_seconds"),
        FieldPanel("availability_days"),
        FieldPanel("unavailable_percent"),
        InlinePanel("column_rules", label="栏目规则"),
        InlinePanel("indicators", label="指标"),
    ]

    class Meta:
        verbose_name = "指标体系"
        verbose_name_plural = "指标体系"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def default(cls) -> "IndicatorSet":
        return cls.objects.filter(is_default=True).order_by("pk").first() or cls.objects.order_by("pk").first()


class ColumnRule(models.Model):
    """How one column type is judged: when it is stale, and whether it may be blank."""

    indicator_set = ParentalKey(IndicatorSet, related_name="column_rules", on_delete=models.CASCADE)
    column_type = models.CharField("栏目类型", max_length=20, choices=ColumnType.choices)
    stale_after_working_days = models.PositiveIntegerField(
        "更新期限（工作日）", null=True, blank=True, help_text="超过此期限无新信息即为栏目不更新；不填则不考核更新。"
    )
    may_be_blank = models.BooleanField(
        "允许无内容", default=False, help_text="内容由其他系统提供的栏目（如互动交流）不按空白栏目考核。"
    )

    class Meta:
        verbose_name = "栏目规则"
        verbose_name_plural = "栏目规则"
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "column_type"], name="audits_column_rule_unique_type")
        ]

    def __str__(self) -> str:
        return self.get_column_type_display()


class Indicator(models.Model):
    """One line of the indicator table: what it counts, and what that costs or earns."""

    indicator_set = ParentalKey(IndicatorSet, related_name="indicators", on_delete=models.CASCADE)
    code = models.CharField("编号", max_length=20, help_text="如：V1、D3。")
    name = models.CharField("指标", max_length=120)
    kind = models.CharField("类型", max_length=12, choices=IndicatorKind.choices)
    check_codes = models.JSONField(
        "检查项",
        default=list,
        blank=True,
        help_text="计入本指标的自动检查项代码列表；评审扣分和加分项由考核人员打分，可留空。",
    )
    threshold = models.PositiveIntegerField("否决阈值", default=1, help_text="单项否决：问题数达到此数即否决。")
    points_per_finding = models.DecimalField("每处扣分", max_digits=5, decimal_places=2, default=Decimal(0))
    max_points = models.DecimalField(
        "分值", max_digits=5, decimal_places=1, default=Decimal(0), help_text="扣分或加分的上限。"
    )
    rule = models.CharField("依据", max_length=200, blank=True, help_text="国办秘函〔2019〕19号的相应条款。")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = "指标"
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["indicator_set", "code"], name="audits_indicator_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AssessorScore(models.Model):
    """An expert, third-party or security-test judgement on one indicator of one site."""

    site = models.ForeignKey("wagtailcore.Site", verbose_name="网站", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, verbose_name="指标", on_delete=models.CASCADE, related_name="scores")
    points = models.DecimalField(
        "分数", max_digits=5, decimal_places=1, help_text="扣分项填扣除的分数，加分项填加的分数。"
    )
    comment = models.TextField("评语", help_text="评分理由，将显示在网站的考核报告中。")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="考核人员", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("评分时间", auto_now_add=True)

    base_form_class = AssessorScoreForm
    panels = [FieldPanel("site"), FieldPanel("indicator"), FieldPanel("points"), FieldPanel("comment")]

    class Meta:
        verbose_name = "评审打分"
        verbose_name_plural = "评审打分"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.points}"
