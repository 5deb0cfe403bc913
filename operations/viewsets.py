"""Wagtail's group views, logging the permissions a save grants and revokes.

Wagtail saves the page and collection permission panels with bulk_create, which sends no per-row
signal, and its group form clears permissions and sets them again; so the view compares the group's
permissions before and after the save and logs the difference, and the signals stand aside meanwhile.
"""

from wagtail.models import GroupCollectionPermission, GroupPagePermission
from wagtail.users.views import groups

from operations.models import SecurityEvent
from operations.security_log import (
    collection_permission_text,
    group_label,
    group_view_saving,
    page_permission_text,
    permission_label,
    record,
)

LOGGED = (
    SecurityEvent.Action.GROUP_PERMISSIONS,
    SecurityEvent.Action.PAGE_PERMISSIONS,
    SecurityEvent.Action.COLLECTION_PERMISSIONS,
)


def _permissions(group) -> dict[str, set[str]]:
    if group.pk is None:
        return {action: set() for action in LOGGED}
    pages = GroupPagePermission.objects.filter(group=group).select_related("page", "permission__content_type")
    collections = GroupCollectionPermission.objects.filter(group=group).select_related(
        "collection", "permission__content_type"
    )
    return {
        SecurityEvent.Action.GROUP_PERMISSIONS: {
            permission_label(p) for p in group.permissions.select_related("content_type")
        },
        SecurityEvent.Action.PAGE_PERMISSIONS: {page_permission_text(p) for p in pages},
        SecurityEvent.Action.COLLECTION_PERMISSIONS: {collection_permission_text(p) for p in collections},
    }


class PermissionChangesLogged:
    def process_form(self):
        before = _permissions(self.object)
        with group_view_saving():
            response = super().process_form()
        after = _permissions(self.object)
        for action, now in after.items():
            granted, revoked = sorted(now - before[action]), sorted(before[action] - now)
            parts = [f"授予：{'、'.join(granted)}"] * bool(granted) + [f"收回：{'、'.join(revoked)}"] * bool(revoked)
            if parts:
                record(action, group_label(self.object), "；".join(parts), request=self.request)
        return response


class CreateView(PermissionChangesLogged, groups.CreateView):
    pass


class EditView(PermissionChangesLogged, groups.EditView):
    pass


class GroupViewSet(groups.GroupViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
