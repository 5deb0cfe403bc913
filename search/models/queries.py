"""What citizens searched for, counted per site and day, for the editors' report."""

from django.db import models

__all__ = ["QueryRecord"]


class QueryRecord(models.Model):
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    query = models.CharField(max_length=100)
    searches = models.PositiveIntegerField(default=0)
    # Searches of the day that found nothing; the report lists the queries where this is all of them.
    zero_results = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "检索记录"
        verbose_name_plural = "检索记录"
        constraints = [models.UniqueConstraint(fields=["site", "day", "query"], name="search_query_once_a_day")]
