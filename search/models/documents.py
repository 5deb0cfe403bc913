"""The search document: what the cluster's search knows of one page, whatever its type or app."""

from django.db import models

__all__ = ["IndexState", "SearchDocument", "SearchDocumentSite"]


class IndexState(models.Model):
    """Which generation of the index answers searches; a rebuild fills the next one, then swaps."""

    current_generation = models.PositiveIntegerField(default=1)
    # The generation a rebuild is filling, if any: live changes are written there too.
    building_generation = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "索引状态"
        verbose_name_plural = "索引状态"

    @classmethod
    def get(cls) -> "IndexState":
        state, _ = cls.objects.get_or_create(pk=1)
        return state

    def generations(self) -> list[int]:
        """Every generation a change must reach: the one searched and the one being built."""
        return [self.current_generation] + ([self.building_generation] if self.building_generation else [])


class SearchDocument(models.Model):
    """One page, or one item of a source, as search sees it, in one generation of the index.

    The engines index `title` and `content` (see `search.analysis`); everything else filters,
    counts facets and renders a result without touching the page.
    """

    generation = models.PositiveIntegerField(default=1)
    # No database constraint on the page and site: when a page or site is deleted the document must
    # outlive it until the engine's index entry is removed with it (see `search.indexing`).
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    # Or, for content that is no page (`search.sources`): its source's kind and its key there.
    source = models.CharField(max_length=50, blank=True)
    source_key = models.PositiveBigIntegerField(null=True, blank=True)
    kind = models.CharField("类型", max_length=50)
    kind_label = models.CharField("类型名称", max_length=50)
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    organisation = models.ForeignKey(
        "sites.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # "/1/5/9/": the organisation and its ancestors, so an organisation's filter finds its departments.
    organisation_path = models.CharField(max_length=200, blank=True)
    organisation_name = models.CharField(max_length=120, blank=True)
    column_title = models.CharField(max_length=255, blank=True)
    column_type = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=255)
    # Plain text: body, summary, tags, 文号 and the other fields a citizen may search for.
    content = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    published_at = models.DateTimeField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    tags = models.CharField(max_length=500, blank=True)
    index_number = models.CharField("索引号", max_length=80, blank=True)
    document_number = models.CharField("文号", max_length=80, blank=True)
    theme = models.CharField("主题分类", max_length=80, blank=True)
    genre = models.CharField("体裁分类", max_length=80, blank=True)
    validity = models.CharField("有效性", max_length=20, blank=True)

    class Meta:
        verbose_name = "检索文档"
        verbose_name_plural = "检索文档"
        constraints = [
            models.UniqueConstraint(fields=["generation", "page"], name="search_one_document_per_page"),
            models.UniqueConstraint(
                fields=["generation", "source", "source_key"],
                condition=models.Q(source_key__isnull=False),
                name="search_one_document_per_item",
            ),
        ]
        indexes = [
            models.Index(fields=["generation", "published_at"], name="search_doc_gen_date"),
            # Covers every column a search filters, orders or counts facets by, so joining the
            # engine's matches never reads the wide rows with their text.
            models.Index(
                fields=[
                    "id",
                    "generation",
                    "published_at",
                    "site",
                    "kind",
                    "organisation",
                    "column_type",
                    "year",
                    "organisation_path",
                ],
                name="search_doc_filters",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SearchDocumentSite(models.Model):
    """A site whose searches show the document: its own, and any that accepted it (信息报送)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="shown_on")
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "site"], name="search_document_site_once")]
        indexes = [models.Index(fields=["site", "document"], name="search_docsite_site")]
