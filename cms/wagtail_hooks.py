from django.contrib import messages
from wagtail import hooks

from cms.outline import heading_changes_of


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def tell_renumbered_headings(request, page):
    """Name the heading levels the public page shows differently from what the editor wrote."""
    if changes := heading_changes_of(page):
        messages.warning(
            request, f"正文标题层级已调整：{'、'.join(changes)}（页面显示时按标题顺序排列，不跳级；原文未改动）。"
        )
