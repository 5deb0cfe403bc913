"""The abstract page every public page type of the cluster derives from."""

from wagtail.models import Page

from cms.forms import BasePageForm
from cms.permissions import ClusterPagePermissionTester

__all__ = ["BasePage"]


class BasePage(Page):
    """A page whose template is looked up in the requesting site's theme first.

    `request.theme` is set by the theme middleware; a theme may override any page template by
    placing a file of the same name under `themes/<theme name>/`. Its admin form lets an editor
    pick only the images and documents they may choose.
    """

    template_name = ""
    # The query parameters a rendering of the page depends on; the page cache ignores any other.
    cache_query_params: tuple[str, ...] = ("page",)
    # Body fields the templates show through `outline_headings`, with the level their headings start at;
    # the editor is told when the display renumbers them (`cms.outline.heading_changes_of`).
    outline_fields: dict[str, int] = {}
    base_form_class = BasePageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return ClusterPagePermissionTester(user, self)

    def get_template(self, request, *args, **kwargs):
        theme = getattr(request, "theme", None)
        if theme is None:
            return self.template_name
        # TemplateResponse takes the first of these that exists.
        return [f"themes/{theme.name}/{self.template_name}", self.template_name]

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.cache_query_params = self.cache_query_params
        return response
