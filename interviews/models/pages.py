"""The interview as a page in its site's 在线访谈 column: announcement, live page and transcript."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.cache import patch_cache_control
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BODY_BLOCKS, plain_text
from cms.models import BasePage
from interviews.enums import BroadcastStatus, InterviewState
from sites.enums import ColumnType

__all__ = ["InterviewGuest", "InterviewPage", "InterviewRelatedPage"]

VIDEO_SUFFIXES = (".m3u8", ".mp4")


def validate_video_url(value: str) -> None:
    URLValidator(schemes=["http", "https"])(value)
    if not value.split("?", 1)[0].lower().endswith(VIDEO_SUFFIXES):
        raise ValidationError("视频地址应为 HLS（.m3u8）或 MP4（.mp4）文件的网址。")


class InterviewPage(BasePage):
    """An interview: announced once approved, then broadcast live, then kept as its 文字实录.

    The page carries what is approved through the site's review workflow (topic, guests, times,
    intro). What happens during the broadcast (messages, questions, its status) lives in
    separate models and never goes through page publishing.
    """

    topic = models.CharField("访谈主题", max_length=200, help_text="一句话说明本期访谈谈什么。")
    organisation = models.ForeignKey(
        "sites.Organisation",
        verbose_name="访谈单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="嘉宾所在的机构；不填则为网站的主办机构。",
    )
    host_name = models.CharField("主持人", max_length=40, help_text="主持人姓名，显示在访谈页和文字实录中。")
    scheduled_start = models.DateTimeField("开始时间", help_text="计划开始时间（北京时间）。")
    scheduled_end = models.DateTimeField("结束时间", help_text="计划结束时间（北京时间），通常在开始后60至120分钟。")
    intro = StreamField(BODY_BLOCKS, verbose_name="访谈简介", help_text="预告中显示的访谈背景和内容介绍。")
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="栏目列表和访谈页顶部显示的图片，可不填。",
    )
    video_url = models.URLField(
        "视频直播地址",
        blank=True,
        validators=[validate_video_url],
        help_text="有视频直播时填写 HLS（.m3u8）或 MP4 地址；图文直播可不填。",
    )

    template_name = "pages/interview_page.html"
    parent_page_types = ["sites.ColumnPage"]
    subpage_types: list[str] = []
    cache_query_params = ()
    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("host_name"),
                FieldPanel("scheduled_start"),
                FieldPanel("scheduled_end"),
            ],
            heading="时间与人员",
        ),
        InlinePanel("guests", label="嘉宾", min_num=1),
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        FieldPanel("video_url"),
        InlinePanel("related_pages", label="相关文件"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("topic"),
        index.SearchField("intro"),
        index.SearchField("transcript_text"),
        index.FilterField("scheduled_start"),
    ]

    class Meta:
        verbose_name = "在线访谈"
        verbose_name_plural = "在线访谈"

    @classmethod
    def can_create_at(cls, parent) -> bool:
        return super().can_create_at(parent) and getattr(parent.specific, "column_type", "") == ColumnType.INTERVIEWS

    def clean(self) -> None:
        super().clean()
        if self.scheduled_start and self.scheduled_end and self.scheduled_end <= self.scheduled_start:
            raise ValidationError({"scheduled_end": "结束时间应晚于开始时间。"})

    @property
    def status(self) -> str:
        """The broadcast status, without a query when the page was loaded with its broadcast."""
        broadcast = getattr(self, "broadcast", None)
        return broadcast.status if broadcast else BroadcastStatus.SCHEDULED

    @property
    def state(self) -> InterviewState:
        """草稿 → 待审核 → 预告 → 直播中 → 已结束: the page's review first, then the broadcast."""
        if not self.live:
            return InterviewState.IN_REVIEW if self.workflow_in_progress else InterviewState.DRAFT
        return {
            BroadcastStatus.SCHEDULED: InterviewState.ANNOUNCED,
            BroadcastStatus.LIVE: InterviewState.LIVE,
            BroadcastStatus.ENDED: InterviewState.ENDED,
        }[self.status]

    @property
    def intro_text(self) -> str:
        return plain_text(self.intro)

    def transcript_text(self) -> str:
        """The 文字实录 as plain text in the gov.cn form; what search indexes for the interview."""
        from interviews.transcript import transcript_text

        return transcript_text(self)

    def get_context(self, request, *args, **kwargs):
        from interviews.live_page import live_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(live_page_context(self, request, kwargs.get("question_form")))
        return context

    def serve(self, request, *args, **kwargs):
        """The live page is never cached: it changes with every message and carries a form."""
        if request.method == "POST":
            from interviews.live_page import serve_question_form

            response = serve_question_form(self, request)
        else:
            response = super().serve(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response


class InterviewGuest(Orderable):
    page = ParentalKey(InterviewPage, related_name="guests", on_delete=models.CASCADE)
    name = models.CharField("姓名", max_length=40, help_text="嘉宾姓名。")
    title = models.CharField("职务", max_length=80, help_text="如：市教育局局长。")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="嘉宾照片，可不填。",
    )

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("photo")]

    class Meta(Orderable.Meta):
        verbose_name = "嘉宾"
        verbose_name_plural = "嘉宾"

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）"


class InterviewRelatedPage(Orderable):
    """A document the interview discusses: a catalogue entry, a policy file, an article."""

    page = ParentalKey(InterviewPage, related_name="related_pages", on_delete=models.CASCADE)
    target = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="页面",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="选择信息公开目录中的文件或网站上的文章。",
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = "相关文件"
        verbose_name_plural = "相关文件"
