from django.urls import include, path, reverse
from wagtail import hooks

from disclosure import admin_urls
from disclosure.viewsets import RequestsMenuItem, disclosure_viewset_group


@hooks.register("register_admin_urls")
def register_request_urls():
    return [path("disclosure/requests/", include(admin_urls, namespace="disclosure_admin"))]


@hooks.register("register_admin_menu_item")
def register_requests_menu_item():
    return RequestsMenuItem("依申请公开", reverse("disclosure_admin:index"), icon_name="mail", order=255)


@hooks.register("register_admin_viewset")
def register_catalogue_viewsets():
    return disclosure_viewset_group
