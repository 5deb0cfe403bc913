from django.db import models


class BroadcastStatus(models.TextChoices):
    """Where the broadcast itself stands once the interview is approved and announced."""

    SCHEDULED = "scheduled", "预告"
    LIVE = "live", "直播中"
    ENDED = "ended", "已结束"


class InterviewState(models.TextChoices):
    """The whole lifecycle: the page's review, then the broadcast."""

    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待审核"
    ANNOUNCED = "announced", "预告"
    LIVE = "live", "直播中"
    ENDED = "ended", "已结束"


class MessageKind(models.TextChoices):
    HOST = "host", "主持人"
    GUEST = "guest", "嘉宾"
    ANSWER = "answer", "答网友问"
    NOTICE = "notice", "公告"
    IMAGE = "image", "图片"


class QuestionStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已通过"
    ANSWERED = "answered", "已答复"
    REJECTED = "rejected", "未通过"
    MERGED = "merged", "已合并"


class Role(models.TextChoices):
    HOST = "host", "主持人"
    GUEST = "guest", "嘉宾"
    MODERATOR = "moderator", "审核员"
    DIRECTOR = "director", "导播"


class Stream(models.TextChoices):
    """Event streams of an interview: what every viewer sees, and what only its staff see."""

    PUBLIC = "public", "公开"
    CONSOLE = "console", "控制台"
