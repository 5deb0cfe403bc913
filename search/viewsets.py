from django.core.exceptions import PermissionDenied
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from search.admin_forms import BestBetForm
from search.models import BestBet, GovernmentTerm


class OwnSitesOnly:
    """Lists and opens only the records of the user's own sites."""

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["change"])

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", instance):
            raise PermissionDenied
        return instance


class BestBetIndexView(OwnSitesOnly, generic.IndexView):
    pass


class BestBetEditView(OwnSitesOnly, generic.EditView):
    pass


class BestBetDeleteView(OwnSitesOnly, generic.DeleteView):
    pass


class BestBetViewSet(ModelViewSet):
    """推荐结果 that editors pin per site and query."""

    model = BestBet
    icon = "pick"
    menu_label = "推荐结果"
    menu_order = 260
    add_to_admin_menu = True
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("query"), FieldPanel("page"), FieldPanel("sort_order")],
        base_form_class=BestBetForm,
    )
    list_display = ["query", "page", "site", "sort_order"]
    search_fields = ["query"]
    index_view_class = BestBetIndexView
    edit_view_class = BestBetEditView
    delete_view_class = BestBetDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False


class GovernmentTermViewSet(ModelViewSet):
    """政务词典: terms word segmentation keeps whole, for suggestions."""

    model = GovernmentTerm
    icon = "openquote"
    menu_label = "政务词典"
    add_to_settings_menu = True
    list_display = ["word"]
    search_fields = ["word"]
    copy_view_enabled = False


best_bet_viewset = BestBetViewSet("best_bets")
government_term_viewset = GovernmentTermViewSet("government_terms")
