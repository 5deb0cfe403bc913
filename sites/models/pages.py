"""The page types every site of the cluster is built from."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from cms.blocks import BODY_BLOCKS
from cms.models import BasePage
from cms.sanitizer import sanitize_html
from sites.enums import ColumnType, Validity
from sites.page_forms import ArticlePageForm
from sites.tree import ancestor_paths, nearest

from .organisations import Organisation
from .profiles import SiteProfile

__all__ = [
    "ArticleAttachment",
    "ArticlePage",
    "ArticlePageTag",
    "ColumnPage",
    "HomePage",
    "LeaderPage",
    "ServiceGuidePage",
    "TopicPage",
]

LISTING_PAGE_SIZE = 20
# The home page's article panels: heading, the column type it lists, how many items.
HOME_ARTICLE_PANELS = (
    ("政务动态", ColumnType.NEWS, 8),
    ("通知公告", ColumnType.NOTICES, 6),
    ("政策文件", ColumnType.POLICY_FILES, 6),
    ("政策解读", ColumnType.POLICY_INTERPRETATION, 6),
)


class SanitizedBodyMixin:
    """Passes every rich-text field named in `sanitized_fields` through the one sanitizer on save."""

    sanitized_fields: tuple[str, ...] = ()

    def full_clean(self, *args, **kwargs):
        self._sanitize()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._sanitize()
        return super().save(*args, **kwargs)

    def _sanitize(self) -> None:
        for name in self.sanitized_fields:
            setattr(self, name, sanitize_html(getattr(self, name)))


class ContentPage(SanitizedBodyMixin, BasePage):
    """A page that lives inside a column: it knows its column for navigation and meta tags."""

    class Meta:
        abstract = True

    def get_column(self) -> "ColumnPage | None":
        return ColumnPage.objects.filter(path__in=ancestor_paths(self.path)).order_by("-depth").first()


class HomePage(SanitizedBodyMixin, BasePage):
    intro = RichTextField("首页导语", blank=True, help_text="显示在首页横幅下方的简短介绍，可不填。")

    template_name = "pages/home_page.html"
    sanitized_fields = ("intro",)
    outline_fields = {"intro": 2}
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["sites.ColumnPage", "sites.TopicPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "网站首页"
        verbose_name_plural = "网站首页"

    def route(self, request, path_components):
        """Find the whole chain of pages for the path in one query instead of two per segment.

        Falls back to Wagtail's routing when the chain is incomplete or passes a page with routing
        of its own, so 404s and custom routes behave exactly as before; as in Wagtail, only the
        page served must be live.
        """
        if not path_components:
            return super().route(request, path_components)
        url_paths = [
            f"{self.url_path}{'/'.join(path_components[:depth])}/" for depth in range(1, len(path_components) + 1)
        ]
        chain = list(
            Page.objects.filter(
                slug__in=set(path_components), url_path__in=url_paths, path__startswith=self.path
            ).order_by("depth")
        )
        if len(chain) != len(path_components) or any(page.specific_class.route is not Page.route for page in chain):
            return super().route(request, path_components)
        return chain[-1].specific.route(request, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().descendant_of(self).order_by("-pub_date")
        context["article_panels"] = [
            (title, articles.filter(column_type=column_type)[:size]) for title, column_type, size in HOME_ARTICLE_PANELS
        ]
        context["service_guides"] = ServiceGuidePage.objects.live().descendant_of(self).order_by("path")[:8]
        context["topics"] = TopicPage.objects.live().descendant_of(self).order_by("-first_published_at")[:4]
        return context


class ColumnPage(BasePage):
    column_type = models.CharField(
        "栏目类型", max_length=20, choices=ColumnType.choices, help_text="决定栏目的展示方式和考核规则。"
    )
    description = models.CharField("栏目描述", max_length=300, blank=True, help_text="用于 ColumnDescription 元数据。")
    keywords = models.CharField("栏目关键词", max_length=200, blank=True, help_text="多个关键词用逗号分隔。")
    body = StreamField(
        BODY_BLOCKS,
        verbose_name="栏目正文",
        blank=True,
        help_text="概况信息、机构职能等以正文为主的栏目在此填写；列表类栏目可不填。",
    )

    template_name = "pages/column_page.html"
    parent_page_types = ["sites.HomePage", "sites.ColumnPage"]
    subpage_types = [
        "sites.ColumnPage",
        "sites.ArticlePage",
        "sites.ServiceGuidePage",
        "sites.LeaderPage",
        "sites.TopicPage",
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("column_type"),
        FieldPanel("description"),
        FieldPanel("keywords"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.FilterField("column_type")]

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    def get_column(self) -> "ColumnPage":
        return self

    def listing(self):
        """What this column lists, newest first, according to its column type."""
        if self.column_type == ColumnType.LEADERS:
            return LeaderPage.objects.live().child_of(self).order_by("path").prefetch_related("photo__renditions")
        if self.column_type == ColumnType.SERVICES:
            return ServiceGuidePage.objects.live().descendant_of(self).order_by("path")
        if self.column_type == ColumnType.TOPICS:
            return TopicPage.objects.live().child_of(self).order_by("-first_published_at")
        return ArticlePage.objects.live().descendant_of(self).order_by("-pub_date")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sub_columns"] = ColumnPage.objects.live().child_of(self).order_by("path")
        paginator = Paginator(self.listing(), LISTING_PAGE_SIZE)
        context["listing"] = paginator.get_page(request.GET.get("page"))
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("sites.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(ContentPage):
    subtitle = models.CharField("副标题", max_length=200, blank=True, help_text="可不填。")
    source = models.CharField("来源", max_length=120, help_text="信息来源单位，用于 ContentSource 元数据。")
    organisation = models.ForeignKey(
        "sites.Organisation",
        verbose_name="发布机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="没有独立网站的部门在政府门户发布信息时选择本部门；不填则为网站的主办机构。",
    )
    author = models.CharField("作者", max_length=60, blank=True, help_text="撰稿人或责任编辑，可不填。")
    pub_date = models.DateTimeField(
        "发布时间", default=timezone.now, db_index=True, help_text="页面显示的发布时间（北京时间）。"
    )
    document_number = models.CharField(
        "文号", max_length=80, blank=True, help_text="政策文件的发文字号，如：饶府厅字〔2012〕39号。"
    )
    validity = models.CharField(
        "有效性",
        max_length=10,
        choices=Validity.choices,
        default=Validity.VALID,
        help_text="文件被修订、废止或失效时在此标注，原文页面将显示提示。",
    )
    summary = models.CharField("摘要", max_length=300, blank=True, help_text="用于列表和 Description 元数据。")
    interprets = models.ForeignKey(
        "sites.ArticlePage",
        verbose_name="解读的文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
        help_text="政策解读栏目的文章在此选择所解读的政策文件（本网站或上级单位网站“政策文件”栏目中的文件）。",
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="题图",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="列表和正文顶部显示的图片，可不填。",
    )
    body = StreamField(
        BODY_BLOCKS, verbose_name="正文", help_text="文章正文：文字、表格，或从旧网站导入的原有格式内容。"
    )
    tags = ClusterTaggableManager("标签", through=ArticlePageTag, blank=True, help_text="多个标签用逗号分隔。")
    # Denormalised from the nearest column so home pages can list by kind in one query.
    column_type = models.CharField(max_length=20, choices=ColumnType.choices, blank=True, editable=False)
    import_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    template_name = "pages/article_page.html"
    outline_fields = {"body": 2}
    base_form_class = ArticlePageForm
    parent_page_types = ["sites.ColumnPage", "sites.TopicPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("organisation"),
                FieldPanel("author"),
                FieldPanel("pub_date"),
                FieldPanel("document_number"),
                FieldPanel("validity"),
                FieldPanel("interprets", widget=forms.Select),
            ],
            heading="发布信息",
        ),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("body"),
        index.SearchField("document_number"),
        index.FilterField("pub_date"),
        index.FilterField("column_type"),
    ]

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"

    @staticmethod
    def publishers_on(site: Site | None) -> models.QuerySet[Organisation]:
        """Who may publish on `site`: its organisation and the organisations under it.

        County departments without a site of their own publish on their county's portal.
        """
        organisation = SiteProfile.for_site(site).organisation if site else None
        return organisation.subtree() if organisation else Organisation.objects.none()

    @cached_property
    def live_interpretations(self) -> list["ArticlePage"]:
        """The live 政策解读 of this policy file, on whichever site, newest first."""
        if self.column_type != ColumnType.POLICY_FILES:
            return []
        return list(self.interpretations.live().order_by("-pub_date"))

    @cached_property
    def tag_names(self) -> list[str]:
        """The tag names, read once for both the page body and its Keywords meta tag."""
        return [tag.name for tag in self.tags.all()]

    def save(self, *args, **kwargs):
        # The tree path is set before the first save, so a new page already knows its column.
        if self.path:
            column = self.get_column()
            self.column_type = column.column_type if column else ""
        return super().save(*args, **kwargs)


def refresh_article_column_types(root: Page) -> None:
    """Re-derive `ArticlePage.column_type` at and below `root`.

    Needed when a column's type changes or a subtree moves: saving an article derives it, but
    neither of those saves the articles.
    """
    columns = dict(
        ColumnPage.objects.filter(Q(path__in=ancestor_paths(root.path)) | Q(path__startswith=root.path)).values_list(
            "path", "column_type"
        )
    )
    by_type: dict[str, list[int]] = {}
    for pk, path in ArticlePage.objects.filter(path__startswith=root.path).values_list("pk", "path"):
        by_type.setdefault(columns.get(nearest(path, columns), ""), []).append(pk)
    for column_type, pks in by_type.items():
        ArticlePage.objects.filter(pk__in=pks).exclude(column_type=column_type).update(column_type=column_type)


class ArticleAttachment(Orderable):
    page = ParentalKey(ArticlePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+", help_text="附件文件。"
    )
    title = models.CharField("附件名称", max_length=200, blank=True, help_text="不填则使用文件标题。")

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


class ServiceGuidePage(ContentPage):
    """办事指南: every element the inspection indicators call key is required."""

    item_name = models.CharField("事项名称", max_length=200, help_text="政务服务事项的规范名称。")
    legal_basis = RichTextField("设定依据", help_text="设定该事项的法律、法规、规章条款。")
    conditions = RichTextField("申请条件", help_text="申请人应当具备的条件。")
    materials = RichTextField("办理材料", help_text="需提交的材料清单，写明原件或复印件、份数。")
    process = RichTextField("办理流程", help_text="从申请到办结的步骤。")
    time_limit = models.CharField("办理时限", max_length=120, help_text="如：法定20个工作日，承诺5个工作日。")
    fees = models.CharField("收费标准", max_length=200, help_text="不收费的填写“不收费”。")
    hotline = models.CharField("咨询电话", max_length=60, help_text="如：0793-8208000。")

    template_name = "pages/service_guide_page.html"
    sanitized_fields = ("legal_basis", "conditions", "materials", "process")
    outline_fields = {"legal_basis": 2, "conditions": 2, "materials": 2, "process": 2}
    parent_page_types = ["sites.ColumnPage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("item_name"),
        FieldPanel("legal_basis"),
        FieldPanel("conditions"),
        FieldPanel("materials"),
        FieldPanel("process"),
        FieldPanel("time_limit"),
        FieldPanel("fees"),
        FieldPanel("hotline"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("item_name"), index.SearchField("conditions")]

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"


class LeaderPage(ContentPage):
    """负责人信息: name, photo, CV and duties, as the national guideline lists them."""

    position = models.CharField("职务", max_length=120, help_text="如：市长、副县长。")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="标准证件照。",
    )
    cv = RichTextField("简历", help_text="出生年月、籍贯、学历、工作经历。")
    duties = RichTextField("工作分工", help_text="负责的工作和分管的部门。")

    template_name = "pages/leader_page.html"
    sanitized_fields = ("cv", "duties")
    outline_fields = {"cv": 3, "duties": 3}
    parent_page_types = ["sites.ColumnPage"]
    subpage_types: list[str] = []
    content_panels = [
        FieldPanel("title", heading="姓名"),
        FieldPanel("position"),
        FieldPanel("photo"),
        FieldPanel("cv"),
        FieldPanel("duties"),
    ]

    class Meta:
        verbose_name = "领导信息"
        verbose_name_plural = "领导信息"


class TopicPage(ContentPage):
    """专题: a campaign or theme inside an existing site, never a site of its own."""

    intro = models.CharField("专题简介", max_length=300, help_text="显示在专题页头部和列表中。")
    banner = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="专题横幅",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="专题页顶部的横幅图片。",
    )
    body = StreamField(BODY_BLOCKS, verbose_name="专题正文", blank=True, help_text="专题的背景介绍，可不填。")

    template_name = "pages/topic_page.html"
    outline_fields = {"body": 2}
    parent_page_types = ["sites.HomePage", "sites.ColumnPage"]
    subpage_types = ["sites.ArticlePage", "sites.ColumnPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("banner"), FieldPanel("body")]

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(ArticlePage.objects.live().descendant_of(self).order_by("-pub_date"), LISTING_PAGE_SIZE)
        context["listing"] = paginator.get_page(request.GET.get("page"))
        return context
