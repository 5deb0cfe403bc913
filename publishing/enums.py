from django.db import models

from sites.enums import ColumnType


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", "待处理"
    ACCEPTED = "accepted", "已采用"
    REJECTED = "rejected", "未采用"


# The columns that list articles, and so may receive them from other sites.
RECEIVING_COLUMN_TYPES = (
    ColumnType.NEWS,
    ColumnType.NOTICES,
    ColumnType.POLICY_FILES,
    ColumnType.POLICY_INTERPRETATION,
)


class WordLevel(models.TextChoices):
    WARN = "warn", "提示"
    BLOCK = "block", "禁止发布"


class ModeKind(models.TextChoices):
    EMERGENCY = "emergency", "应急公告"
    MOURNING = "mourning", "全站变灰"
