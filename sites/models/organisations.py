"""The Organisation tree: city → counties and districts → departments. Every site belongs to one."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from sites.divisions import current_division_code
from sites.enums import GOVERNMENT_KINDS, OrganisationKind
from sites.validators import division_code_validator

__all__ = ["Organisation"]


class OrganisationQuerySet(models.QuerySet):
    def get_by_code(self, code: str) -> "Organisation":
        """Find an organisation by its code; retired division codes find their successor."""
        return self.get(code=current_division_code(code))

    def governments(self):
        return self.filter(kind__in=GOVERNMENT_KINDS)


class Organisation(index.Indexed, models.Model):
    name = models.CharField("机构全称", max_length=120, help_text="如：上饶市人民政府、上饶市教育局。")
    short_name = models.CharField("简称", max_length=40, help_text="用于导航与列表，如：信州区、市教育局。")
    kind = models.CharField("机构类型", max_length=20, choices=OrganisationKind.choices)
    code = models.CharField(
        "机构编码",
        max_length=40,
        unique=True,
        help_text="政府为6位行政区划代码；部门为所属行政区划代码加短横线加部门缩写，如 361100-jyj。",
    )
    division_code = models.CharField(
        "行政区划代码",
        max_length=6,
        validators=[division_code_validator],
        help_text="部门填写其所属政府的行政区划代码。",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="上饶市人民政府没有上级；县区的上级是市；部门的上级是其所属政府。",
    )
    slug = models.SlugField("英文缩写", max_length=40, help_text="用于站点域名和机构编码，如 xinzhou、jyj。")
    sort_order = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面。")

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("code"),
        FieldPanel("division_code"),
        FieldPanel("parent"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # The admin's list searches by name and code.
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_government(self) -> bool:
        return self.kind in GOVERNMENT_KINDS

    def subtree(self) -> models.QuerySet["Organisation"]:
        """This organisation and every organisation under it, at any depth."""
        found, level = [self.pk], [self.pk]
        while level:
            # Excluding what was found keeps a parent loop, should one be entered, from running forever.
            level = list(
                Organisation.objects.filter(parent__in=level).exclude(pk__in=found).values_list("pk", flat=True)
            )
            found += level
        return Organisation.objects.filter(pk__in=found)

    def government(self) -> "Organisation":
        """The government this organisation is part of: itself, or the government of its parent."""
        node = self
        while not node.is_government and node.parent_id:
            node = node.parent
        return node
