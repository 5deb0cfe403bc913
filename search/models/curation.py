"""What editors add to search: best bets per site and query, and the government terms dictionary."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from search.analysis import normalise

__all__ = ["BestBet", "GovernmentTerm"]


class BestBet(models.Model):
    """推荐结果: a page shown first for a query on a site (or on every site when none is chosen)."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="站点",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="不选则对站群所有网站生效。",
    )
    query = models.CharField("检索词", max_length=100, help_text="访客输入这个检索词时显示（不区分全角半角和大小写）。")
    normalised_query = models.CharField(max_length=100, editable=False, db_index=True)
    page = models.ForeignKey("wagtailcore.Page", verbose_name="推荐页面", on_delete=models.CASCADE, related_name="+")
    sort_order = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面。")

    class Meta:
        verbose_name = "推荐结果"
        verbose_name_plural = "推荐结果"
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.query} → {self.page.title}"

    def save(self, *args, **kwargs):
        self.normalised_query = normalise(" ".join(self.query.split()))
        super().save(*args, **kwargs)


class GovernmentTerm(models.Model):
    """A term of the government dictionary (乡乡通, 政务服务专网): kept whole by word segmentation."""

    word = models.CharField("词语", max_length=40, unique=True, help_text="如：乡乡通、政务服务专网、一网通办。")

    panels = [FieldPanel("word")]

    class Meta:
        verbose_name = "政务词语"
        verbose_name_plural = "政务词典"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

    def clean(self) -> None:
        self.word = self.word.strip()
        if len(self.word) < 2 or any(char.isspace() for char in self.word):
            raise ValidationError({"word": "词语至少两个字，且不能含有空格。"})
