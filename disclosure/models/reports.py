"""公开指南 (§12) and 年度报告 (§49–50): one guide per organisation, one report per organisation and year."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

__all__ = ["AnnualReport", "DisclosureGuide"]


class DisclosureGuide(models.Model):
    """Every section §12 names is required, so a guide cannot be published without it."""

    organisation = models.OneToOneField(
        "sites.Organisation", verbose_name="机构", on_delete=models.CASCADE, related_name="disclosure_guide",
        help_text="本指南所属的机构。",
    )  # fmt: skip
    classification = models.TextField("信息的分类与编排", help_text="主动公开信息按哪些主题和体裁分类、如何编排。")
    how_to_obtain = models.TextField("获取方式", help_text="主动公开信息在哪里查阅；依申请公开如何提出申请。")
    office_name = models.CharField("工作机构名称", max_length=120, help_text="负责政府信息公开的工作机构。")
    office_address = models.CharField("办公地址", max_length=200, help_text="含邮政编码。")
    office_hours = models.CharField(
        "办公时间", max_length=120, help_text="如：工作日 上午8:30–12:00，下午14:30–17:30。"
    )
    phone = models.CharField("联系电话", max_length=40, help_text="如：0793-8208000。")
    fax = models.CharField("传真", max_length=40, help_text="如：0793-8208001。")
    web_contact = models.CharField("互联网联系方式", max_length=200, help_text="电子邮箱或网上申请地址。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("classification"),
        FieldPanel("how_to_obtain"),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_address"),
                FieldPanel("office_hours"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("web_contact"),
            ],
            heading="工作机构",
        ),
    ]

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    def __str__(self) -> str:
        return f"{self.organisation.name}政府信息公开指南"


class AnnualReport(models.Model):
    """The yearly report in the regulation's six parts; parts 二 and 三 come from the system's own data."""

    organisation = models.ForeignKey(
        "sites.Organisation", verbose_name="机构", on_delete=models.PROTECT, related_name="disclosure_reports",
        help_text="报告所属的机构。",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField("报告年度", help_text="报告所述的年度，如 2025。")
    overview = models.TextField("一、总体情况", help_text="主动公开、依申请公开、政府信息管理、平台建设、监督保障等。")
    reconsiderations_upheld = models.PositiveIntegerField("行政复议：结果维持", default=0, help_text="件数。")
    reconsiderations_corrected = models.PositiveIntegerField("行政复议：结果纠正", default=0, help_text="件数。")
    reconsiderations_pending = models.PositiveIntegerField("行政复议：尚未审结", default=0, help_text="件数。")
    lawsuits_upheld = models.PositiveIntegerField("行政诉讼：结果维持", default=0, help_text="件数。")
    lawsuits_corrected = models.PositiveIntegerField("行政诉讼：结果纠正", default=0, help_text="件数。")
    lawsuits_pending = models.PositiveIntegerField("行政诉讼：尚未审结", default=0, help_text="件数。")
    problems = models.TextField("五、存在的主要问题及改进情况", help_text="上一年度问题的整改情况和本年度的改进措施。")
    other_matters = models.TextField("六、其他需要报告的事项", blank=True, help_text="如收取信息处理费的情况。")
    figures = models.JSONField("系统统计数据", default=dict, blank=True, editable=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, help_text="不填为草稿，不对外公开。")

    panels = [
        FieldPanel("organisation"),
        FieldPanel("year"),
        FieldPanel("overview"),
        MultiFieldPanel(
            [
                FieldPanel("reconsiderations_upheld"),
                FieldPanel("reconsiderations_corrected"),
                FieldPanel("reconsiderations_pending"),
                FieldPanel("lawsuits_upheld"),
                FieldPanel("lawsuits_corrected"),
                FieldPanel("lawsuits_pending"),
            ],
            heading="四、行政复议和行政诉讼情况",
        ),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
        FieldPanel("published_at"),
    ]

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "organisation__sort_order"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_report_per_year")]

    def __str__(self) -> str:
        return f"{self.organisation.name}{self.year}年政府信息公开工作年度报告"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()
