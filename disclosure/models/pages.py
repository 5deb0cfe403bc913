"""The 政府信息公开 platform of a site: its catalogue, guides, annual reports and request form.

One page per site, under its home (every new site gets one, shown in its navigation). It covers
the site's organisation and every organisation under it, so on the city portal it is the
cluster-wide platform (§24).
"""

from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms.models import BasePage

__all__ = ["DisclosurePage"]

PAGE_SLUG = "xxgk"


class DisclosurePage(RoutablePageMixin, BasePage):
    template_name = "pages/disclosure_page.html"
    parent_page_types = ["sites.HomePage", "sites.ColumnPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    # The catalogue's filters; the page cache keys an entry by these and ignores any other parameter.
    cache_query_params = ("page", "org", "theme", "genre", "year", "validity", "q")
    content_panels = Page.content_panels

    class Meta:
        verbose_name = "政府信息公开"
        verbose_name_plural = "政府信息公开"

    @classmethod
    def ensure_for(cls, site) -> "DisclosurePage":
        """The site's platform page; a site without one gets it, live, under its home."""
        existing = cls.objects.descendant_of(site.root_page).first()
        if existing:
            return existing
        page = cls(title="政府信息公开", slug=PAGE_SLUG, show_in_menus=True)
        site.root_page.add_child(instance=page)
        page.save_revision().publish()
        return page

    def _render(self, request, template: str, context: dict, status: int = 200, private: bool = False):
        theme = getattr(request, "theme", None)
        names = [f"themes/{theme.name}/{template}", template] if theme else [template]
        response = TemplateResponse(
            request, names, {**self.get_context(request), **context, "disclosure_page": self}, status=status
        )
        # Sub-routes bypass BasePage.serve, which would say this.
        response.cache_query_params = self.cache_query_params
        if private:
            # Forms and answers are for one visitor: never kept by the page cache or a proxy.
            patch_cache_control(response, private=True, no_cache=True, no_store=True)
        return response

    @path("")
    def catalogue(self, request):
        from disclosure import public_views

        return public_views.catalogue_index(self, request)

    @path("entry/<int:entry_id>/")
    def entry(self, request, entry_id: int):
        from disclosure import public_views

        return public_views.entry(self, request, entry_id)

    @path("guide/")
    def guides(self, request):
        from disclosure import public_views

        return public_views.guides(self, request)

    @path("reports/")
    def reports(self, request):
        from disclosure import public_views

        return public_views.reports(self, request)

    @path("reports/<int:report_id>/")
    def report(self, request, report_id: int):
        from disclosure import public_views

        return public_views.report(self, request, report_id)

    @path("apply/")
    def apply(self, request):
        from disclosure import public_views

        return public_views.apply(self, request)

    @path("status/")
    def status(self, request):
        from disclosure import public_views

        return public_views.status(self, request)

    def subpage_url(self, name: str, *args) -> str:
        return self.url + self.reverse_subpage(name, args=args)
