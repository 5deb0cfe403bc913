from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with group views that log permission changes (`operations.viewsets`)."""

    group_viewset = "operations.viewsets.GroupViewSet"
