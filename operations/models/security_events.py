from django.conf import settings
from django.db import models
from django.utils import timezone


class SecurityEvent(models.Model):
    """One line of the security log: a login, a logout, a lockout or a change of who may do what.

    Its own table rather than Wagtail's model log: a failed login names an account that may not exist,
    the client's address belongs to every line, and the log must outlive the accounts and groups it
    names, so names are kept as text. Only cluster administrators read it. Never holds a password.
    """

    class Action(models.TextChoices):
        LOGIN = "login", "登录成功"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGOUT = "logout", "退出登录"
        LOCKOUT = "lockout", "登录被锁定"
        USER_CREATED = "user_created", "新建账号"
        USER_DELETED = "user_deleted", "删除账号"
        USER_FLAGS = "user_flags", "更改账号状态"
        USER_GROUPS = "user_groups", "更改用户组成员"
        USER_PERMISSIONS = "user_permissions", "更改账号权限"
        GROUP_PERMISSIONS = "group_permissions", "更改用户组权限"
        PAGE_PERMISSIONS = "page_permissions", "更改页面权限"
        COLLECTION_PERMISSIONS = "collection_permissions", "更改集合权限"

    timestamp = models.DateTimeField("时间", default=timezone.now, db_index=True)
    action = models.CharField("事件", max_length=32, choices=Action.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    target = models.CharField("对象", max_length=255, blank=True)
    detail = models.TextField("内容", blank=True)
    ip_address = models.GenericIPAddressField("客户端地址", null=True, blank=True)

    class Meta:
        ordering = ["-timestamp", "-pk"]
        verbose_name = "安全日志"
        verbose_name_plural = "安全日志"

    @property
    def local_time(self) -> str:
        return timezone.localtime(self.timestamp).strftime("%Y-%m-%d %H:%M:%S")

    @property
    def actor_text(self) -> str:
        return self.actor_name or "—"

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.target}"
