from django.db import models


class SortOrder(models.TextChoices):
    RELEVANCE = "relevance", "按相关度"
    DATE = "date", "按时间"


class Scope(models.TextChoices):
    SITE = "site", "本站"
    CLUSTER = "cluster", "全站群"


class Facet(models.TextChoices):
    SITE = "site", "网站"
    ORGANISATION = "org", "发布机构"
    KIND = "kind", "类型"
    COLUMN_TYPE = "column_type", "栏目类型"
    YEAR = "year", "年份"
