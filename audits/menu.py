from wagtail.admin.menu import MenuItem

from audits.permissions import visible_sites


class ReportsMenuItem(MenuItem):
    """Shown to assessors, and to the staff of sites, who see their own site's findings."""

    def is_shown(self, request) -> bool:
        return bool(visible_sites(request.user))
