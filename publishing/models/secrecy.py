"""保密审查: the workflow task in which a secrecy reviewer confirms that an item may be made public."""

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.urls import reverse
from wagtail.models import AbstractGroupApprovalTask, TaskState

from publishing.forms import RejectionForm, SecrecyConfirmationForm
from publishing.words import check_texts, page_texts

__all__ = ["SECRECY_CONFIRMATIONS", "SecrecyReviewTask", "SecrecyReviewTaskState"]

# (field name, what the reviewer confirms) — the three things 《保密法》 and the personal
# information rules forbid a government site to publish.
SECRECY_CONFIRMATIONS = (
    ("no_state_secret", "不含国家秘密"),
    ("no_commercial_secret", "不含商业秘密"),
    ("no_personal_information", "不含个人信息"),
)


class SecrecyReviewTaskState(TaskState):
    """One secrecy review of one revision: what the reviewer confirmed; who and when are
    `finished_by` and `finished_at`."""

    no_state_secret = models.BooleanField("不含国家秘密", default=False)
    no_commercial_secret = models.BooleanField("不含商业秘密", default=False)
    no_personal_information = models.BooleanField("不含个人信息", default=False)

    class Meta:
        verbose_name = "保密审查记录"
        verbose_name_plural = "保密审查记录"

    @property
    def confirmed(self) -> bool:
        return all(getattr(self, name) for name, _label in SECRECY_CONFIRMATIONS)

    def get_comment(self) -> str:
        """What the workflow history and the audit log show for this review."""
        if self.status != self.STATUS_APPROVED:
            return self.comment
        confirmed = "、".join(label for name, label in SECRECY_CONFIRMATIONS if getattr(self, name))
        return f"已确认{confirmed}。{self.comment}".strip()


class SecrecyReviewTask(AbstractGroupApprovalTask):
    """The secrecy reviewers of a site approve only by confirming each of `SECRECY_CONFIRMATIONS`."""

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name="网站",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="secrecy_review_task",
        help_text="本任务所属的网站；开设网站时自动设置。",
    )

    task_state_class = SecrecyReviewTaskState
    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields

    class Meta:
        verbose_name = "保密审查"
        verbose_name_plural = "保密审查"

    @classmethod
    def get_description(cls) -> str:
        return "所选用户组的成员确认内容不含国家秘密、商业秘密和个人信息后方可通过"

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [("reject", "退回修改", True), ("approve", "保密审查通过", True)]
        return []

    def get_form_for_action(self, action):
        return SecrecyConfirmationForm if action == "approve" else RejectionForm

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Approve only with every confirmation given, reject only with a reason.

        The page editor passes the data its modal collected straight to this method, so the
        form is checked here again rather than trusted. An item holding a word listed as blocked
        is not approved: the page's editor is returned for the workflow action view to send the
        reviewer to, where the words are named (`publishing.editing`), instead of a bare 403.

        Raises:
            PermissionDenied: a confirmation or the reason is missing.
        """
        form = self.get_form_for_action(action_name)(data=_as_form_data(kwargs))
        if not form.is_valid():
            raise PermissionDenied(" ".join(error for errors in form.errors.values() for error in errors))
        data = form.cleaned_data
        if action_name == "approve":
            task_state = task_state.specific
            words = check_texts(page_texts(task_state.revision.as_object()))
            if words.blocked:
                return reverse("wagtailadmin_pages:edit", args=[task_state.revision.object_id])
            for name, _label in SECRECY_CONFIRMATIONS:
                setattr(task_state, name, data[name])
            task_state.save(update_fields=[name for name, _label in SECRECY_CONFIRMATIONS])
            task_state.approve(user=user, comment=data.get("comment", ""))
        elif action_name == "reject":
            task_state.reject(user=user, comment=data["comment"])


def _as_form_data(values: dict) -> dict:
    # Unchecked boxes are absent from form data; False must read as absent too.
    return {key: value for key, value in values.items() if value not in (False, None)}
