from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import SnippetViewSet

from sites.models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "机构"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "short_name", "kind", "code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


organisation_viewset = OrganisationViewSet()


class SiteAdminMenuItem(MenuItem):
    """A menu item shown only to those who may add sites."""

    def is_shown(self, request):
        return request.user.has_perm("wagtailcore.add_site")
