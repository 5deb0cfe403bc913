"""Wagtail's page permission tester, with direct publishing refused where an app's rule says so.

Apps register a `refuse_direct_publish` hook, `fn(page, user) -> bool`; publishing a page (or a
new page under it) outside its workflow is refused if any of them answers True. Every publish
path of the admin (the editor, the listing's bulk publish, copying, reverting) asks the tester.
Unpublishing, scheduling removal and privacy settings keep Wagtail's rule.
"""

from wagtail import hooks
from wagtail.models import PagePermissionTester


class ClusterPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        return super().can_publish() and not self._direct_publish_refused()

    def can_publish_subpage(self):
        # A new page takes the workflow of the page it is added under.
        return super().can_publish_subpage() and not self._direct_publish_refused()

    def can_unschedule(self):
        return super().can_publish()

    def can_set_view_restrictions(self):
        return super().can_publish()

    def _direct_publish_refused(self) -> bool:
        if not hasattr(self, "_refused"):
            self._refused = any(refuse(self.page, self.user) for refuse in hooks.get_hooks("refuse_direct_publish"))
        return self._refused
