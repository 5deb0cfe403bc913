from django.contrib.auth import get_user_model
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from operations import admin_urls
from operations.signal_handlers import log_bulk_active_state
from sites.permissions import is_cluster_admin


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("security/", include(admin_urls))]


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("operations_two_factor_setup"),
        "label": "两步验证",
        "help_text": "用验证器应用的动态验证码保护登录。",
    }


class ClusterAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_cluster_admin(request.user)


@hooks.register("register_reports_menu_item")
def register_security_log_menu_item():
    return ClusterAdminMenuItem("安全日志", reverse("operations_security_log"), icon_name="lock", order=950)


@hooks.register("after_bulk_action")
def log_user_bulk_actions(request, action_type, objects, action):
    if action_type == "set_active_state" and action.model is get_user_model():
        log_bulk_active_state(request, objects, action.cleaned_form.cleaned_data["mark_as_active"])
