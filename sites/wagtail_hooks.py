from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from sites.choosers import limit_page_chooser
from sites.reports import hide_report_from_site_staff
from sites.views import ProvisionSiteView
from sites.viewsets import SiteAdminMenuItem, organisation_viewset

register_snippet(organisation_viewset)
hooks.register("construct_page_chooser_queryset", limit_page_chooser)
hooks.register("construct_reports_menu", hide_report_from_site_staff)


@hooks.register("register_admin_urls")
def register_provision_site_url():
    return [path("sites/provision/", ProvisionSiteView.as_view(), name="sites_provision")]


@hooks.register("register_settings_menu_item")
def register_provision_site_menu_item():
    return SiteAdminMenuItem("开设网站", reverse("sites_provision"), icon_name="site", order=150)
