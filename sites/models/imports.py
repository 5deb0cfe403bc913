"""What `import_content` has already brought in, so a second run never brings it back."""

from django.db import models

__all__ = ["ImportedItem"]


class ImportedItem(models.Model):
    """One legacy item, recorded by its import key when its page is created.

    The record outlives the page: an article an editor deleted stays deleted when the same
    export is imported again.
    """

    key = models.CharField("导入键", max_length=64, unique=True)
    site = models.ForeignKey("wagtailcore.Site", verbose_name="站点", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="页面", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "已导入条目"
        verbose_name_plural = "已导入条目"

    def __str__(self) -> str:
        return self.key
