from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from publishing import admin_urls
from publishing.editing import check_words_on_create, check_words_on_edit
from publishing.viewsets import site_mode_viewset, word_rule_viewset
from publishing.workflows import refuse_direct_publish, site_review_tasks
from sites.models import ArticlePage

hooks.register("site_review_tasks", site_review_tasks)
hooks.register("before_create_page", check_words_on_create)
hooks.register("before_edit_page", check_words_on_edit)
hooks.register("refuse_direct_publish", refuse_direct_publish)


@hooks.register("register_admin_urls")
def register_publishing_urls():
    return [path("publishing/", include(admin_urls, namespace="publishing_admin"))]


@hooks.register("register_admin_menu_item")
def register_submissions_menu_item():
    return MenuItem("信息报送", reverse("publishing_admin:queue"), icon_name="upload", order=260)


@hooks.register("register_page_header_buttons")
def publishing_buttons(page, user, view_name, next_url=None):
    yield Button("发布记录", reverse("publishing_admin:record", args=[page.pk]), icon_name="history", priority=66)
    if isinstance(page.specific_deferred, ArticlePage) and page.live and page.permissions_for_user(user).can_edit():
        yield Button(
            "报送到其他网站", reverse("publishing_admin:submit", args=[page.pk]), icon_name="upload", priority=80
        )


@hooks.register("register_admin_viewset")
def register_word_rule_viewset():
    return word_rule_viewset


@hooks.register("register_admin_viewset")
def register_site_mode_viewset():
    return site_mode_viewset
