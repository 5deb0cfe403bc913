from django.urls import include, path, reverse
from wagtail import hooks

from disclosure import admin_urls
from disclosure.models import DisclosurePage
from disclosure.viewsets import RequestsMenuItem, disclosure_viewset_group

# What each site's staff may do with their own organisations' catalogue, guides and reports.
SITE_STAFF_MODELS = ("catalogueentry", "disclosureguide", "annualreport")
SITE_STAFF_ACTIONS = {"editor": ("add", "change", "view"), "reviewer": ("add", "change", "delete", "view")}


@hooks.register("register_admin_urls")
def register_request_urls():
    return [path("disclosure/requests/", include(admin_urls, namespace="disclosure_admin"))]


@hooks.register("register_admin_menu_item")
def register_requests_menu_item():
    return RequestsMenuItem("依申请公开", reverse("disclosure_admin:index"), icon_name="mail", order=255)


@hooks.register("register_admin_viewset")
def register_catalogue_viewsets():
    return disclosure_viewset_group


@hooks.register("site_group_permissions")
def grant_site_staff_permissions(role: str) -> list[tuple[str, str]]:
    return [("disclosure", f"{action}_{model}") for model in SITE_STAFF_MODELS for action in SITE_STAFF_ACTIONS[role]]


@hooks.register("site_provisioned")
def give_site_a_platform_page(site) -> None:
    DisclosurePage.ensure_for(site)
