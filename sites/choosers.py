"""The admin's page choosers offer an editor only the pages of the sites they work on.

Wagtail's hook narrows what the browse and search views list; the views below also refuse to
show another site's page as the parent being browsed (asked for by id, or found by Wagtail as the
common ancestor of the page types asked for), or to report another site's pages as chosen,
which no hook reaches.
"""

from django.shortcuts import render
from wagtail.admin.views import chooser

from sites.permissions import is_cluster_admin, pages_of_own_sites

OTHER_SITES_REFUSAL = "只能选择你所管理网站的页面。"


def limit_page_chooser(pages, request):
    """`construct_page_chooser_queryset`: keep the pages of the user's own sites."""
    if is_cluster_admin(request.user):
        return pages
    return pages.filter(pk__in=pages_of_own_sites(request.user).values("pk"))


def _refusal(request):
    return render(request, "cms/permission_denied.html", {"message": OTHER_SITES_REFUSAL}, status=403)


class OwnSitesBrowseView(chooser.BrowseView):
    def get(self, request, parent_page_id=None):
        response = super().get(request, parent_page_id)
        if not pages_of_own_sites(request.user).filter(pk=self.parent_page.pk).exists():
            return _refusal(request)
        return response


class OwnSitesChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        try:
            wanted = {int(pk) for pk in request.GET.getlist("id")}
        except ValueError:
            return _refusal(request)
        if pages_of_own_sites(request.user).filter(pk__in=wanted).count() != len(wanted):
            return _refusal(request)
        return super().get(request)
