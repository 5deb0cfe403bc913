from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from interviews import admin_urls
from interviews.viewsets import sensitive_word_viewset


@hooks.register("register_admin_urls")
def register_console_urls():
    return [path("interviews/", include(admin_urls, namespace="interviews_admin"))]


@hooks.register("register_admin_menu_item")
def register_console_menu_item():
    return MenuItem("在线访谈", reverse("interviews_admin:index"), icon_name="comment", order=250)


@hooks.register("register_admin_viewset")
def register_sensitive_word_viewset():
    return sensitive_word_viewset
