"""The catalogue's admin for cluster administrators: vocabularies, entries, guides and annual reports."""

from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from disclosure.models import AnnualReport, CatalogueEntry, DisclosureGuide, GenreCategory, ThemeCategory
from disclosure.permissions import handled_organisations


class ThemeCategoryViewSet(ModelViewSet):
    model = ThemeCategory
    icon = "tag"
    menu_label = "主题分类"
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]


class GenreCategoryViewSet(ModelViewSet):
    model = GenreCategory
    icon = "tag"
    menu_label = "体裁分类"
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]


class CatalogueEntryViewSet(ModelViewSet):
    model = CatalogueEntry
    icon = "list-ul"
    menu_label = "公开目录"
    list_display = ["index_number", "title", "organisation", "published_at", "validity", "live"]
    list_filter = ["mode", "validity", "live", "theme", "genre"]
    search_fields = ["title", "index_number", "document_number"]


class DisclosureGuideViewSet(ModelViewSet):
    model = DisclosureGuide
    icon = "help"
    menu_label = "公开指南"
    list_display = ["organisation", "office_name", "phone", "updated_at"]
    search_fields = ["office_name"]


class AnnualReportViewSet(ModelViewSet):
    model = AnnualReport
    icon = "doc-full"
    menu_label = "年度报告"
    list_display = ["organisation", "year", "published_at"]
    list_filter = ["year"]


class DisclosureViewSetGroup(ModelViewSetGroup):
    menu_label = "政府信息公开"
    menu_icon = "folder-open-inverse"
    menu_order = 260
    items = (
        CatalogueEntryViewSet("disclosure_entries"),
        ThemeCategoryViewSet("disclosure_themes"),
        GenreCategoryViewSet("disclosure_genres"),
        DisclosureGuideViewSet("disclosure_guides"),
        AnnualReportViewSet("disclosure_reports"),
    )


disclosure_viewset_group = DisclosureViewSetGroup()


class RequestsMenuItem(MenuItem):
    """依申请公开, shown to those who handle some organisation's requests."""

    def is_shown(self, request):
        return handled_organisations(request.user).exists()
