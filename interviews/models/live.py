"""What happens during a broadcast: its status and event log, messages, questions, staff roles."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from interviews.enums import BroadcastStatus, MessageKind, QuestionStatus, Role, Stream

__all__ = ["Broadcast", "Event", "InterviewRole", "Message", "Question"]


class Broadcast(models.Model):
    """The live state of one interview, and the counters its event ids are taken from.

    Kept apart from the page so that neither page revisions nor editors' saves can overwrite
    it, and so that locking it for an event id never blocks the page.
    """

    interview = models.OneToOneField(
        "interviews.InterviewPage", primary_key=True, on_delete=models.CASCADE, related_name="broadcast"
    )
    status = models.CharField(
        "直播状态", max_length=12, choices=BroadcastStatus.choices, default=BroadcastStatus.SCHEDULED
    )
    started_at = models.DateTimeField("开始直播时间", null=True, blank=True)
    ended_at = models.DateTimeField("结束直播时间", null=True, blank=True)
    transcript_published_at = models.DateTimeField("文字实录发布时间", null=True, blank=True)
    # The id of the last event of each stream; the next event takes this plus one.
    public_events = models.PositiveBigIntegerField(default=0)
    console_events = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "直播状态"
        verbose_name_plural = "直播状态"

    def __str__(self) -> str:
        return f"{self.interview_id}: {self.get_status_display()}"


class Event(models.Model):
    """One entry of an interview's event log, as viewers receive it over WebSocket or HTTP."""

    interview = models.ForeignKey("interviews.InterviewPage", on_delete=models.CASCADE, related_name="+")
    stream = models.CharField(max_length=10, choices=Stream.choices)
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    payload = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now)
    # What the event is about, so that editing or deleting it later rewrites its history too.
    message = models.ForeignKey("interviews.Message", null=True, on_delete=models.SET_NULL, related_name="+")
    question = models.ForeignKey("interviews.Question", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "stream", "seq"], name="interviews_event_seq_unique")
        ]


class Question(models.Model):
    interview = models.ForeignKey("interviews.InterviewPage", on_delete=models.CASCADE, related_name="questions")
    nickname = models.CharField("昵称", max_length=20)
    text = models.TextField("问题")
    contact = models.CharField("联系方式", max_length=100, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.PENDING, db_index=True
    )
    flagged_words = models.JSONField("敏感词", default=list, blank=True)
    client_address = models.GenericIPAddressField("来源地址", null=True, blank=True)
    created_at = models.DateTimeField("提问时间", default=timezone.now)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name="合并到", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )

    class Meta:
        verbose_name = "网友提问"
        verbose_name_plural = "网友提问"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.nickname}：{self.text[:20]}"


class Message(models.Model):
    interview = models.ForeignKey("interviews.InterviewPage", on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField("类型", max_length=10, choices=MessageKind.choices)
    # The speaker as at the time of speaking; the transcript keeps it even if the guest list changes.
    speaker_name = models.CharField("发言人", max_length=40, blank=True)
    speaker_title = models.CharField("发言人职务", max_length=80, blank=True)
    guest = models.ForeignKey(
        "interviews.InterviewGuest", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("内容", blank=True)
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers")
    pinned = models.BooleanField("置顶", default=False)
    pinned_at = models.DateTimeField(null=True, blank=True)
    supplement = models.BooleanField("补录", default=False, help_text="直播结束后补充的内容。")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("发布时间", default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "直播消息"
        verbose_name_plural = "直播消息"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.speaker_name}：{self.text[:20]}"


class InterviewRole(models.Model):
    """A member of an interview's staff: who may do what in its console."""

    interview = models.ForeignKey("interviews.InterviewPage", on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_roles")
    role = models.CharField("角色", max_length=10, choices=Role.choices)
    guest = models.ForeignKey(
        "interviews.InterviewGuest",
        verbose_name="对应嘉宾",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="嘉宾角色发言时使用的嘉宾身份。",
    )

    class Meta:
        verbose_name = "访谈角色"
        verbose_name_plural = "访谈角色"
        constraints = [models.UniqueConstraint(fields=["interview", "user", "role"], name="interviews_role_unique")]

    def __str__(self) -> str:
        return f"{self.user}：{self.get_role_display()}"
