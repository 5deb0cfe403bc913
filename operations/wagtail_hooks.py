from django.urls import include, path, reverse
from wagtail import hooks

from operations import admin_urls


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
