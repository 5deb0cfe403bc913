from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from search import admin_urls
from search.models import BestBet
from search.permissions import SitePermissionPolicy
from search.viewsets import best_bet_viewset, government_term_viewset

register_permission_policy(BestBet, SitePermissionPolicy(BestBet))


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("search/", include(admin_urls, namespace="search_admin"))]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem("检索统计", reverse("search_admin:report"), icon_name="search", order=900)


@hooks.register("register_admin_viewset")
def register_best_bet_viewset():
    return best_bet_viewset


@hooks.register("register_admin_viewset")
def register_government_term_viewset():
    return government_term_viewset
