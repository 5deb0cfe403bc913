"""The security log: logins (success, failure, logout, lockout) and changes to who may do what.

Written by the signal handlers of `operations.signal_handlers` and by the group views of
`operations.viewsets`; read by cluster administrators in the admin (`operations.admin_views`).
A change made inside a request names its actor and the client's address (`cms.client_ip`);
one made by a command names neither. Lines older than `SECURITY_LOG_RETENTION_DAYS` are deleted
by the first line written each day, so no process has to be scheduled for it.
"""

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest
from django.utils import timezone

from cms.client_ip import client_ip
from operations.models import SecurityEvent

logger = logging.getLogger(__name__)

# The law's floor (网络安全法 第二十一条: 留存相关的网络日志不少于六个月), in days.
MINIMUM_RETENTION_DAYS = 183
TRIMMED_TODAY_KEY = "security-log:trimmed"

_current_request: ContextVar[HttpRequest | None] = ContextVar("security_log_request", default=None)
# While Wagtail's group view saves a group, it logs the net change itself: its permission panels save in
# bulk, without per-row signals, and its form takes permissions away and gives them back.
_group_view_saving: ContextVar[bool] = ContextVar("security_log_group_view", default=False)

# The verbs of Wagtail's and Django's permission code names, for a readable log.
PERMISSION_VERBS = {
    "add": "添加",
    "change": "编辑",
    "delete": "删除",
    "view": "查看",
    "publish": "发布",
    "bulk": "批量",
    "lock": "锁定",
    "unlock": "解锁",
    "choose": "选用",
    "access": "进入",
}


class SecurityLogMiddleware:
    """Makes the request known to the log, so a change a view makes names its actor and address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


@contextlib.contextmanager
def group_view_saving() -> Iterator[None]:
    token = _group_view_saving.set(True)
    try:
        yield
    finally:
        _group_view_saving.reset(token)


def logged_by_group_view() -> bool:
    return _group_view_saving.get()


def record(action: str, target: str = "", detail: str = "", *, request: HttpRequest | None = None, actor=None) -> None:
    request = request or _current_request.get()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    # An account deleted in this very request is named, not linked.
    linked = actor if actor is not None and get_user_model().objects.filter(pk=actor.pk).exists() else None
    SecurityEvent.objects.create(
        action=action,
        actor=linked,
        actor_name=actor.get_username() if actor is not None else "",
        target=target[:255],
        detail=detail,
        ip_address=client_ip(request) if request is not None else None,
    )
    if _first_line_today():
        trim_expired()


def _first_line_today() -> bool:
    """The shared cache lets one line a day, in whichever worker, do the trimming."""
    try:
        return cache.add(TRIMMED_TODAY_KEY, True, timeout=24 * 60 * 60)
    except Exception:  # noqa: BLE001 (the cache is down: the line is written, trimming waits for another day)
        logger.warning("缓存不可用，安全日志今天暂不清理过期记录")
        return False


def trim_expired() -> int:
    """Delete the lines older than the retention period (never shorter than the law's six months)."""
    days = max(settings.SECURITY_LOG_RETENTION_DAYS, MINIMUM_RETENTION_DAYS)
    deleted, _ = SecurityEvent.objects.filter(timestamp__lt=timezone.now() - timedelta(days=days)).delete()
    if deleted:
        logger.info("安全日志删除了 %s 条超过 %s 天的记录", deleted, days)
    return deleted


def user_label(user) -> str:
    return f"账号 {user.get_username()}"


def group_label(group) -> str:
    return f"用户组 {group.name}"


def permission_label(permission) -> str:
    verb = permission.codename.split("_", 1)[0]
    return f"{PERMISSION_VERBS.get(verb, verb)}（{permission.content_type.app_label}.{permission.codename}）"


def _object_permission_text(record, field: str, noun: str) -> str:
    """A permission on one page or collection; the object may be gone when its deletion is logged."""
    try:
        target = getattr(record, field)
        where = f"{noun}《{target}》（{target.pk}）"
    except ObjectDoesNotExist:
        where = f"{noun} {getattr(record, f'{field}_id')}"
    return f"{where}：{permission_label(record.permission)}"


def page_permission_text(page_permission) -> str:
    return _object_permission_text(page_permission, "page", "页面")


def collection_permission_text(collection_permission) -> str:
    return _object_permission_text(collection_permission, "collection", "集合")


def owning_group_label(permission_record) -> str:
    try:
        return group_label(permission_record.group)
    except ObjectDoesNotExist:
        return f"用户组 {permission_record.group_id}"
