from django.urls import include, path, reverse
from wagtail import hooks

from audits import admin_urls
from audits.menu import ReportsMenuItem
from audits.viewsets import audits_viewset_group


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("audits/", include(admin_urls, namespace="audits"))]


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem("网站考核", reverse("audits:ranking"), icon_name="tasks", order=260)


@hooks.register("register_admin_viewset")
def register_settings_viewsets():
    return audits_viewset_group
