"""The version every cached page and fragment of a site is keyed by."""

from django.db import models

__all__ = ["SiteCacheVersion"]


class SiteCacheVersion(models.Model):
    """Bumped in the database on every change a site shows, so every process and host sees it."""

    site = models.OneToOneField("wagtailcore.Site", primary_key=True, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "网站缓存版本"
        verbose_name_plural = "网站缓存版本"

    def __str__(self) -> str:
        return f"{self.site_id}: v{self.version}"
