"""The security log: logins and permission changes, recorded through the real admin, read by cluster admins only."""

import csv
import io
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from operations.checks import security_log_retention
from operations.models import SecurityEvent
from operations.security_log import TRIMMED_TODAY_KEY, trim_expired
from tests.admin_forms import edit_form_data

pytestmark = pytest.mark.django_db

Action = SecurityEvent.Action
HOST = "www.localhost"
ADDRESS = "203.0.113.9"
SECRET = "Wrong-Secret-9f3k"  # noqa: S105 (a wrong password, typed at the login)


@pytest.fixture(autouse=True)
def _empty_log():
    # The seeded demo's accounts were logged as they were created.
    SecurityEvent.objects.all().delete()


def events(action) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(action=action).order_by("pk"))


def login(client, username: str, password: str):
    data = {"username": username, "password": password}
    return client.post(reverse("wagtailadmin_login"), data, HTTP_HOST=HOST, REMOTE_ADDR=ADDRESS)


def as_admin(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def test_logins__success_failure_logout_and_lockout_are_logged_without_passwords(client):
    login(client, "xinzhou_editor", "Demo@2026")
    client.post(reverse("wagtailadmin_logout"), HTTP_HOST=HOST, REMOTE_ADDR=ADDRESS)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "xinzhou_editor", SECRET)

    [signed_in] = events(Action.LOGIN)
    assert (signed_in.actor.username, signed_in.target, signed_in.ip_address) == (
        "xinzhou_editor",
        "账号 xinzhou_editor",
        ADDRESS,
    )
    [signed_out] = events(Action.LOGOUT)
    assert signed_out.actor_name == "xinzhou_editor"
    failures = events(Action.LOGIN_FAILED)
    assert len(failures) == settings.AXES_FAILURE_LIMIT
    assert {(event.target, event.actor, event.ip_address) for event in failures} == {
        ("账号 xinzhou_editor", None, ADDRESS)
    }
    [locked] = events(Action.LOCKOUT)
    assert locked.ip_address == ADDRESS
    stored = " ".join(f"{e.target} {e.detail} {e.actor_name}" for e in SecurityEvent.objects.all())
    assert SECRET not in stored
    assert "Demo@2026" not in stored


def test_user_flags_and_groups_changed_in_the_admin_are_logged(client):
    as_admin(client)
    editor = get_user_model().objects.get(username="xinzhou_editor")
    url = reverse("wagtailusers_users:edit", args=[editor.pk])
    data = edit_form_data(client.get(url, HTTP_HOST=HOST))
    cluster_admins = Group.objects.get(name=settings.CLUSTER_ADMIN_GROUP_NAME)
    data |= {"email": ["xinzhou@example.cn"], "last_name": ["编辑"], "is_superuser": ["on"]}
    data["groups"] = [*data.get("groups", []), str(cluster_admins.pk)]
    response = client.post(url, data, HTTP_HOST=HOST, REMOTE_ADDR=ADDRESS)
    assert response.status_code == HTTPStatus.FOUND

    [flags] = events(Action.USER_FLAGS)
    assert (flags.actor.username, flags.target, flags.detail) == ("admin", "账号 xinzhou_editor", "超级用户：否 → 是")
    assert flags.ip_address == ADDRESS
    [groups] = events(Action.USER_GROUPS)
    assert groups.detail == f"加入用户组：{settings.CLUSTER_ADMIN_GROUP_NAME}"


def test_users_deactivated_in_bulk_are_logged(client):
    as_admin(client)
    editor = get_user_model().objects.get(username="xinzhou_editor")
    url = reverse("wagtail_bulk_action", args=("auth", "user", "set_active_state")) + f"?id={editor.pk}"
    response = client.post(url, {"mark_as_active": "False"}, HTTP_HOST=HOST, REMOTE_ADDR=ADDRESS)
    assert response.status_code == HTTPStatus.FOUND
    [flags] = events(Action.USER_FLAGS)
    assert (flags.target, flags.detail, flags.actor_name) == ("账号 xinzhou_editor", "启用：是 → 否", "admin")


def test_users_created_and_deleted_in_the_admin_are_logged(client):
    as_admin(client)
    data = {"username": "temp_editor", "email": "t@example.cn", "first_name": "临", "last_name": "时"}
    data |= {"password1": "饶城-政务-7f3kq9-夏", "password2": "饶城-政务-7f3kq9-夏"}
    assert client.post(reverse("wagtailusers_users:add"), data, HTTP_HOST=HOST).status_code == HTTPStatus.FOUND
    user = get_user_model().objects.get(username="temp_editor")
    assert client.post(reverse("wagtailusers_users:delete", args=[user.pk]), HTTP_HOST=HOST).status_code == 302
    [created] = events(Action.USER_CREATED)
    assert (created.target, created.actor_name) == ("账号 temp_editor", "admin")
    assert "超级用户：否" in created.detail
    [deleted] = events(Action.USER_DELETED)
    assert deleted.target == "账号 temp_editor"


def test_group_permissions_edited_in_the_admin_are_logged(client):
    as_admin(client)
    group = (
        GroupPagePermission.objects.values_list("group", flat=True)
        .exclude(group__name=settings.CLUSTER_ADMIN_GROUP_NAME)
        .first()
    )
    group = Group.objects.get(pk=group)
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    data = edit_form_data(client.get(url, HTTP_HOST=HOST))
    # Revoke every page permission of the group, and grant it the right to add redirects.
    page_forms = int(data["page_permissions-TOTAL_FORMS"][0])
    data |= {f"page_permissions-{index}-DELETE": ["on"] for index in range(page_forms)}
    redirects = Permission.objects.get(content_type__app_label="wagtailredirects", codename="add_redirect")
    data["permissions"] = [*data.get("permissions", []), str(redirects.pk)]
    response = client.post(url, data, HTTP_HOST=HOST, REMOTE_ADDR=ADDRESS)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]

    [pages] = events(Action.PAGE_PERMISSIONS)
    assert pages.target == f"用户组 {group.name}"
    assert pages.detail.startswith("收回：页面《")
    assert (pages.actor_name, pages.ip_address) == ("admin", ADDRESS)
    [permissions] = events(Action.GROUP_PERMISSIONS)
    assert permissions.detail == "授予：添加（wagtailredirects.add_redirect）"


def test_page_and_collection_permissions_changed_in_code_are_logged():
    group = Group.objects.create(name="临时组")
    permission = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    page_permission = GroupPagePermission.objects.create(
        group=group, page=Page.objects.filter(depth=2).first(), permission=permission
    )
    page_permission.delete()
    choose = Permission.objects.get(content_type__app_label="wagtailimages", codename="choose_image")
    GroupCollectionPermission.objects.create(
        group=group, collection=Collection.get_first_root_node(), permission=choose
    )
    [granted, revoked] = events(Action.PAGE_PERMISSIONS)
    assert granted.detail.startswith("授予：页面《") and granted.detail.endswith("发布（wagtailcore.publish_page）")
    assert revoked.detail.startswith("收回：页面《")
    # Made by code outside a request: no actor, no address.
    assert (granted.actor, granted.actor_name, granted.ip_address) == (None, "", None)
    [collection] = events(Action.COLLECTION_PERMISSIONS)
    assert collection.detail.endswith("选用（wagtailimages.choose_image）")


def test_report__cluster_admins_read_filter_and_export_it_others_are_refused(client):
    login(client, "xinzhou_editor", "Demo@2026")
    assert client.get(reverse("operations_security_log"), HTTP_HOST=HOST).status_code == HTTPStatus.FORBIDDEN
    assert client.get(reverse("operations_security_log") + "?export=csv", HTTP_HOST=HOST).status_code == 403

    member = get_user_model().objects.create_user("cluster_member", password="饶城-政务-7f3kq9-夏")
    member.groups.add(Group.objects.get(name=settings.CLUSTER_ADMIN_GROUP_NAME))
    client.force_login(member)
    login(client.__class__(), "nobody", SECRET)
    report = client.get(reverse("operations_security_log"), {"action": "login_failed"}, HTTP_HOST=HOST)
    assert report.status_code == HTTPStatus.OK
    html = report.content.decode()
    assert "账号 nobody" in html
    assert "账号 xinzhou_editor" not in html

    export = client.get(reverse("operations_security_log"), {"export": "csv", "target": "nobody"}, HTTP_HOST=HOST)
    assert export.status_code == HTTPStatus.OK
    content = b"".join(export.streaming_content) if export.streaming else export.content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["时间", "事件", "操作人", "对象", "内容", "客户端地址"]
    assert rows[1][1:] == ["登录失败", "—", "账号 nobody", "", ADDRESS]


def aged_line(target: str, days: int) -> SecurityEvent:
    return SecurityEvent.objects.create(
        action=Action.LOGIN, target=target, timestamp=timezone.now() - timedelta(days=days)
    )


def test_lines_past_the_retention__deleted_by_the_first_line_written_that_day(client, settings):
    settings.SECURITY_LOG_RETENTION_DAYS = 200
    cache.delete(TRIMMED_TODAY_KEY)
    expired, kept = aged_line("expired", 201), aged_line("kept", 199)
    login(client, "nobody", SECRET)
    later = aged_line("expired later the same day", 300)
    login(client, "nobody", SECRET)
    remaining = set(SecurityEvent.objects.values_list("target", flat=True))
    assert expired.target not in remaining
    assert {kept.target, later.target, "账号 nobody"} <= remaining


def test_retention__never_shorter_than_the_laws_six_months(settings):
    settings.SECURITY_LOG_RETENTION_DAYS = 30
    within_the_law = aged_line("100 days", 100)
    aged_line("200 days", 200)
    assert trim_expired() == 1
    assert list(SecurityEvent.objects.values_list("pk", flat=True)) == [within_the_law.pk]
    assert [error.id for error in security_log_retention(None)] == ["operations.E001"]
    settings.SECURITY_LOG_RETENTION_DAYS = 183
    assert security_log_retention(None) == []
