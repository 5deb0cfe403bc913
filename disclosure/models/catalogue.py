"""The 政府信息公开目录: entries, their controlled vocabularies and the 索引号 they are given.

An entry is a record of its own. When it describes a page, the page's title, 文号, 有效性,
publishing organisation and publish time are copied onto it on every publish (they are entered
once, on the page); what only the catalogue knows (内容概述, 主题分类, 体裁分类, 成文日期, 主题词,
公开方式) is entered on the entry. An entry without a page describes a file held only as an
attachment.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

from disclosure.enums import DisclosureMode
from disclosure.index_numbers import validate_pattern
from sites.enums import Validity

__all__ = [
    "CatalogueEntry",
    "CatalogueSettings",
    "EntryAttachment",
    "EntryTag",
    "GenreCategory",
    "IndexSerial",
    "IssuedIndexNumber",
    "ThemeCategory",
]

DEFAULT_INDEX_PATTERN = "{org_code}/{year}-{serial:05}"


class Category(models.Model):
    name = models.CharField("名称", max_length=60, unique=True, help_text="分类名称，如：综合政务。")
    code = models.CharField(
        "分类代码", max_length=10, unique=True, help_text="用于索引号的 {category_code}，字母或数字，如 A01。"
    )
    sort_order = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面。")

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class ThemeCategory(Category):
    class Meta(Category.Meta):
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"


class GenreCategory(Category):
    class Meta(Category.Meta):
        verbose_name = "体裁分类"
        verbose_name_plural = "体裁分类"


@register_setting(icon="list-ol")
class CatalogueSettings(BaseGenericSetting):
    """Cluster-wide catalogue rules; the numbers marked local in the standards are kept here."""

    index_pattern = models.CharField(
        "索引号格式",
        max_length=120,
        default=DEFAULT_INDEX_PATTERN,
        validators=[validate_pattern],
        help_text=(
            "可用：{org_code} 机构编码、{division_code} 行政区划代码、{category_code} 主题分类代码、"
            "{genre_code} 体裁分类代码、{year} 年份、{serial:05} 五位流水号（必须有）。已分配的索引号不会改变。"
        ),
    )
    summary_limit = models.PositiveIntegerField("内容概述字数上限", default=300, help_text="一般文件的内容概述上限。")
    long_summary_limit = models.PositiveIntegerField(
        "长文件内容概述字数上限", default=500, help_text="正文超过下方字数的文件，内容概述可放宽到此上限。"
    )
    long_document_chars = models.PositiveIntegerField(
        "长文件正文字数", default=5000, help_text="正文超过此字数的文件为长文件。"
    )

    panels = [
        FieldPanel("index_pattern"),
        FieldPanel("summary_limit"),
        FieldPanel("long_summary_limit"),
        FieldPanel("long_document_chars"),
    ]

    class Meta:
        verbose_name = "公开目录设置"
        verbose_name_plural = "公开目录设置"

    def summary_limit_for(self, long_document: bool) -> int:
        return self.long_summary_limit if long_document else self.summary_limit


class EntryTag(TaggedItemBase):
    content_object = ParentalKey("disclosure.CatalogueEntry", related_name="tagged_items", on_delete=models.CASCADE)


class CatalogueEntryQuerySet(models.QuerySet):
    def public(self):
        """What visitors see: live, proactively disclosed, numbered."""
        return self.filter(live=True, mode=DisclosureMode.PROACTIVE, index_number__isnull=False)


class CatalogueEntry(ClusterableModel):
    index_number = models.CharField(
        "索引号", max_length=100, unique=True, null=True, blank=True, editable=False, help_text="首次公开时自动分配。"
    )
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="对应页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_entry",
        help_text="信息所在的网页；只以附件形式公开的文件可不选。选了页面时，名称、文号、有效性、发布机构和发布日期取自页面。",
    )
    # The page's id survives the page, so its deletion can withdraw the entry.
    source_page_id = models.PositiveIntegerField(null=True, blank=True, editable=False, db_index=True)
    title = models.CharField("名称", max_length=255, help_text="信息的标题。")
    summary = models.TextField("内容概述", blank=True, help_text="一般不超过300字；正文超过5000字的文件不超过500字。")
    long_document = models.BooleanField("长文件", default=False, help_text="正文超过5000字；有对应页面时自动判断。")
    theme = models.ForeignKey(
        ThemeCategory, verbose_name="主题分类", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="按信息内容的主题归类。",
    )  # fmt: skip
    genre = models.ForeignKey(
        GenreCategory, verbose_name="体裁分类", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="按文件体裁归类，如：规范性文件、通知。",
    )  # fmt: skip
    organisation = models.ForeignKey(
        "sites.Organisation",
        verbose_name="发布机构",
        on_delete=models.PROTECT,
        related_name="catalogue_entries",
        help_text="机构树中的发布机构。",
    )
    written_on = models.DateField("成文日期", null=True, blank=True, help_text="文件签发的日期，可不填。")
    published_at = models.DateTimeField("发布日期", default=timezone.now, db_index=True, help_text="信息公开的时间。")
    document_number = models.CharField("文号", max_length=80, blank=True, help_text="如：饶府厅字〔2012〕39号。")
    tags = ClusterTaggableManager("主题词", through=EntryTag, blank=True, help_text="多个主题词用逗号分隔。")
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID,
                                help_text="文件被修订、废止或失效时标注。")  # fmt: skip
    mode = models.CharField(
        "公开方式", max_length=12, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE,
        help_text="依申请公开的信息只在目录管理中可见。",
    )  # fmt: skip
    live = models.BooleanField("公开", default=True, help_text="有对应页面时随页面发布与撤回。")
    updated_at = models.DateTimeField(auto_now=True)

    objects = CatalogueEntryQuerySet.as_manager()

    panels = [
        FieldPanel("page"),
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("genre"), FieldPanel("tags")],
            heading="分类",
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("document_number"),
                FieldPanel("written_on"),
                FieldPanel("published_at"),
                FieldPanel("validity"),
                FieldPanel("mode"),
                FieldPanel("long_document"),
                FieldPanel("live"),
            ],
            heading="公开属性",
        ),
        InlinePanel("attachments", label="附件"),
    ]

    class Meta:
        verbose_name = "公开目录条目"
        verbose_name_plural = "公开目录条目"
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "live", "published_at"])]

    def __str__(self) -> str:
        return f"{self.index_number or '未编号'} {self.title}"

    def clean(self) -> None:
        super().clean()
        limit = CatalogueSettings.load().summary_limit_for(self.long_document)
        if len(self.summary) > limit:
            raise ValidationError({"summary": f"内容概述不能超过{limit}字，现有{len(self.summary)}字。"})

    @property
    def year(self) -> int:
        return timezone.localtime(self.published_at).year

    def all_attachments(self) -> list[tuple[str, str]]:
        """(title, url) of every attachment: the page's own, then the entry's."""
        page = self.page.specific if self.page_id else None
        page_attachments = list(page.attachments.all()) if hasattr(page, "attachments") else []
        return [
            (attachment.display_title, attachment.document.url)
            for attachment in [*page_attachments, *self.attachments.all()]
        ]


class EntryAttachment(Orderable):
    entry = ParentalKey(CatalogueEntry, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="文件",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="可下载的文件。",
    )
    title = models.CharField("附件名称", max_length=200, blank=True, help_text="不填则使用文件标题。")

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class IndexSerial(models.Model):
    """The last serial issued within one scope (the index number without its serial)."""

    scope = models.CharField(max_length=120, unique=True)
    last = models.PositiveIntegerField(default=0)


class IssuedIndexNumber(models.Model):
    """Every 索引号 ever issued; kept when its entry is deleted, so no number is issued twice."""

    number = models.CharField(max_length=100, unique=True)
    issued_at = models.DateTimeField(auto_now_add=True)
