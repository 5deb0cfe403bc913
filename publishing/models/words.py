"""错敏词: wrong and sensitive words that administrators list, checked before anything is published."""

from django.db import models

from publishing.enums import WordLevel

__all__ = ["WordRule"]


class WordRule(models.Model):
    word = models.CharField(
        "词语", max_length=60, unique=True, help_text="如过时的职务名称、错误的领导姓名、不规范的表述。"
    )
    level = models.CharField(
        "级别",
        max_length=10,
        choices=WordLevel.choices,
        default=WordLevel.WARN,
        help_text="提示：编辑和审核时标出；禁止发布：含有此词的内容不能提交审核或发布。",
    )
    suggestion = models.CharField("建议改为", max_length=120, blank=True, help_text="正确的写法，可不填。")

    class Meta:
        verbose_name = "错敏词"
        verbose_name_plural = "错敏词"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word
