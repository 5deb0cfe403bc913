"""The catalogue's admin: vocabularies for cluster administrators; entries, guides and annual reports
also for each site's staff, who see and choose only the organisations their site speaks for
(`permissions.handled_organisations`): another site's object is not found, another organisation
is not a valid choice.
"""

from django import forms
from django.contrib.admin.utils import unquote
from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from disclosure.models import AnnualReport, CatalogueEntry, DisclosureGuide, GenreCategory, ThemeCategory
from disclosure.permissions import handled_organisations
from sites.permissions import pages_of_own_sites


class OwnOrganisationsForm(WagtailAdminModelForm):
    """The organisation (and page) choices are the user's own; a forged id is an invalid choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        if "organisation" in self.fields:
            # A plain list of the user's own: the organisation chooser would browse the whole tree.
            field = self.fields["organisation"]
            field.widget = forms.Select()
            field.queryset = handled_organisations(self.for_user).order_by("sort_order", "code")
        if "page" in self.fields:
            self.fields["page"].queryset = pages_of_own_sites(self.for_user)


class OwnObjectsMixin:
    def own_objects(self):
        return self.model._default_manager.filter(organisation__in=handled_organisations(self.request.user))


class OwnIndexView(OwnObjectsMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(organisation__in=handled_organisations(self.request.user))


class OwnEditView(OwnObjectsMixin, generic.EditView):
    def get_queryset(self):
        return self.own_objects()


class OwnDeleteView(OwnObjectsMixin, generic.DeleteView):
    def get_queryset(self):
        return self.own_objects()


class OwnCopyView(OwnObjectsMixin, generic.CopyView):
    def get_object(self, queryset=None):
        if not self.own_objects().filter(pk=unquote(str(self.kwargs[self.pk_url_kwarg]))).exists():
            raise Http404("没有找到该记录。")
        return super().get_object(queryset)


class OwnHistoryView(OwnObjectsMixin, HistoryView):
    def get_base_object_queryset(self):
        return self.own_objects()


class OwnUsageView(OwnObjectsMixin, UsageView):
    def get_base_object_queryset(self):
        return self.own_objects()


class OwnOrganisationsViewSet(ModelViewSet):
    """A model with an `organisation`, kept to the user's own organisations in every view."""

    index_view_class = OwnIndexView
    edit_view_class = OwnEditView
    delete_view_class = OwnDeleteView
    copy_view_class = OwnCopyView
    history_view_class = OwnHistoryView
    usage_view_class = OwnUsageView


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


class CatalogueEntryViewSet(OwnOrganisationsViewSet):
    model = CatalogueEntry
    edit_handler = ObjectList(CatalogueEntry.panels, base_form_class=OwnOrganisationsForm)
    icon = "list-ul"
    menu_label = "公开目录"
    list_display = ["index_number", "title", "organisation", "published_at", "validity", "live"]
    list_filter = ["mode", "validity", "live", "theme", "genre"]
    search_fields = ["title", "index_number", "document_number"]


class DisclosureGuideViewSet(OwnOrganisationsViewSet):
    model = DisclosureGuide
    edit_handler = ObjectList(DisclosureGuide.panels, base_form_class=OwnOrganisationsForm)
    icon = "help"
    menu_label = "公开指南"
    list_display = ["organisation", "office_name", "phone", "updated_at"]
    search_fields = ["office_name"]


class AnnualReportViewSet(OwnOrganisationsViewSet):
    model = AnnualReport
    edit_handler = ObjectList(AnnualReport.panels, base_form_class=OwnOrganisationsForm)
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
