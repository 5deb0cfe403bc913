"""Writes the security log from Django's and django-axes's signals (see `operations.security_log`)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from operations import security_log
from operations.models import SecurityEvent
from operations.security_log import (
    collection_permission_text,
    group_label,
    owning_group_label,
    page_permission_text,
    permission_label,
    record,
    user_label,
)

Action = SecurityEvent.Action
FLAGS = {"is_superuser": "超级用户", "is_staff": "职员", "is_active": "启用"}


def _yes(value: bool) -> str:
    return "是" if value else "否"


def on_login(sender, request, user, **kwargs):
    record(Action.LOGIN, user_label(user), request=request, actor=user)


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, user_label(user), request=request, actor=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the name typed is kept.
    username = str(credentials.get("username") or "")[:150]
    record(Action.LOGIN_FAILED, f"账号 {username}", request=request)


def on_lockout(sender, request, username, ip_address, **kwargs):
    record(Action.LOCKOUT, f"账号 {username or ''}", "连续登录失败次数达到上限", request=request)


def remember_flags(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or (update_fields is not None and not FLAGS.keys() & set(update_fields)):
        return
    instance._security_flags = sender.objects.filter(pk=instance.pk).values(*FLAGS).first()


def on_user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        flags = "；".join(f"{label}：{_yes(getattr(instance, name))}" for name, label in FLAGS.items())
        record(Action.USER_CREATED, user_label(instance), flags)
        return
    before = instance.__dict__.pop("_security_flags", None)
    if not before:
        return
    changes = [
        f"{label}：{_yes(before[name])} → {_yes(getattr(instance, name))}"
        for name, label in FLAGS.items()
        if before[name] != getattr(instance, name)
    ]
    if changes:
        record(Action.USER_FLAGS, user_label(instance), "；".join(changes))


def log_bulk_active_state(request, users, active: bool) -> None:
    """Wagtail's bulk "set active state" updates the rows at once, sending no signal; its hook calls this."""
    for user in users:
        if user.pk != request.user.pk and user.is_active != active:
            detail = f"{FLAGS['is_active']}：{_yes(user.is_active)} → {_yes(active)}"
            record(Action.USER_FLAGS, user_label(user), detail, request=request)


def on_user_deleted(sender, instance, **kwargs):
    record(Action.USER_DELETED, user_label(instance))


def _changed_pks(action: str, pk_set, related_now) -> tuple[str, set] | None:
    if action == "post_add":
        return "加入", set(pk_set or ())
    if action == "post_remove":
        return "移出", set(pk_set or ())
    if action == "pre_clear":
        return "移出", set(related_now().values_list("pk", flat=True))
    return None


def on_user_groups(sender, instance, action, reverse, pk_set, **kwargs):
    changed = _changed_pks(action, pk_set, lambda: instance.user_set.all() if reverse else instance.groups.all())
    if changed is None or not changed[1]:
        return
    verb, pks = changed
    if reverse:
        for user in get_user_model().objects.filter(pk__in=pks).order_by("username"):
            record(Action.USER_GROUPS, user_label(user), f"{verb}用户组：{instance.name}")
    else:
        names = "、".join(Group.objects.filter(pk__in=pks).order_by("name").values_list("name", flat=True))
        record(Action.USER_GROUPS, user_label(instance), f"{verb}用户组：{names}")


def _permissions_text(verb: str, pks) -> str:
    permissions = Permission.objects.filter(pk__in=pks).select_related("content_type").order_by("codename")
    return f"{'授予' if verb == '加入' else '收回'}：" + "、".join(permission_label(p) for p in permissions)


def on_group_permissions(sender, instance, action, reverse, pk_set, **kwargs):
    if security_log.logged_by_group_view():
        return
    changed = _changed_pks(action, pk_set, lambda: instance.group_set.all() if reverse else instance.permissions.all())
    if changed is None or not changed[1]:
        return
    verb, pks = changed
    if reverse:
        for group in Group.objects.filter(pk__in=pks).order_by("name"):
            record(Action.GROUP_PERMISSIONS, group_label(group), _permissions_text(verb, [instance.pk]))
    else:
        record(Action.GROUP_PERMISSIONS, group_label(instance), _permissions_text(verb, pks))


def on_user_permissions(sender, instance, action, reverse, pk_set, **kwargs):
    changed = _changed_pks(
        action, pk_set, lambda: instance.user_set.all() if reverse else instance.user_permissions.all()
    )
    if changed is None or not changed[1]:
        return
    verb, pks = changed
    if reverse:
        for user in get_user_model().objects.filter(pk__in=pks).order_by("username"):
            record(Action.USER_PERMISSIONS, user_label(user), _permissions_text(verb, [instance.pk]))
    else:
        record(Action.USER_PERMISSIONS, user_label(instance), _permissions_text(verb, pks))


def _object_permission_handlers(action: str, describe):
    def saved(sender, instance, created, raw=False, **kwargs):
        if created and not raw and not security_log.logged_by_group_view():
            record(action, owning_group_label(instance), f"授予：{describe(instance)}")

    def deleted(sender, instance, **kwargs):
        if not security_log.logged_by_group_view():
            record(action, owning_group_label(instance), f"收回：{describe(instance)}")

    return saved, deleted


def register_signal_handlers() -> None:
    user_model = get_user_model()
    uid = "operations.security_log"
    user_logged_in.connect(on_login, dispatch_uid=f"{uid}.login")
    user_logged_out.connect(on_logout, dispatch_uid=f"{uid}.logout")
    user_login_failed.connect(on_login_failed, dispatch_uid=f"{uid}.login_failed")
    user_locked_out.connect(on_lockout, dispatch_uid=f"{uid}.lockout")
    pre_save.connect(remember_flags, sender=user_model, dispatch_uid=f"{uid}.user_flags")
    post_save.connect(on_user_saved, sender=user_model, dispatch_uid=f"{uid}.user_saved")
    post_delete.connect(on_user_deleted, sender=user_model, dispatch_uid=f"{uid}.user_deleted")
    m2m_changed.connect(on_user_groups, sender=user_model.groups.through, dispatch_uid=f"{uid}.user_groups")
    m2m_changed.connect(
        on_user_permissions, sender=user_model.user_permissions.through, dispatch_uid=f"{uid}.user_permissions"
    )
    m2m_changed.connect(on_group_permissions, sender=Group.permissions.through, dispatch_uid=f"{uid}.group_perms")
    for model, action, describe in (
        (GroupPagePermission, Action.PAGE_PERMISSIONS, page_permission_text),
        (GroupCollectionPermission, Action.COLLECTION_PERMISSIONS, collection_permission_text),
    ):
        saved, deleted = _object_permission_handlers(action, describe)
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}.{model.__name__}.saved")
        post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}.{model.__name__}.deleted")
