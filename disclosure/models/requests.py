"""依申请公开: a citizen's request, and the log of every step taken on it.

Applicants' personal data lives only here; it is shown to the staff of the organisation that
handles the request and to cluster administrators, never on a public page, in the open-data API
or in logs (`__str__` is the tracking code).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from disclosure.enums import (
    ApplicantType,
    DeliveryMethod,
    EventKind,
    IdDocumentType,
    Outcome,
    RequestStatus,
)

__all__ = ["InformationRequest", "RequestEvent"]


class InformationRequest(models.Model):
    organisation = models.ForeignKey(
        "sites.Organisation", verbose_name="申请机关", on_delete=models.PROTECT, related_name="information_requests"
    )
    tracking_code = models.CharField("查询码", max_length=20, unique=True, editable=False)
    # The form's one-time token: submitting the same form again finds this request instead of adding one.
    submission_token = models.CharField(max_length=64, unique=True, editable=False)
    applicant_type = models.CharField("申请人类型", max_length=12, choices=ApplicantType.choices)
    name = models.CharField("姓名或名称", max_length=100)
    contact_person = models.CharField("联系人", max_length=40, blank=True)
    id_type = models.CharField("证件类型", max_length=12, choices=IdDocumentType.choices)
    id_number = models.CharField("证件号码", max_length=40)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    description = models.TextField("所需信息的描述")
    delivery = models.CharField("获取信息的方式", max_length=10, choices=DeliveryMethod.choices)
    status = models.CharField("状态", max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED)
    received_on = models.DateField("收到日期")
    due_on = models.DateField("答复期限", null=True, blank=True)
    due_provisional = models.BooleanField("期限待定", default=False)
    extension_days = models.PositiveSmallIntegerField("延期工作日", default=0)
    outcome = models.CharField("答复结果", max_length=20, choices=Outcome.choices, blank=True)
    legal_ground = models.TextField("法律依据", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    working_days_taken = models.PositiveSmallIntegerField("办理用时（工作日）", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"])]

    def __str__(self) -> str:
        return self.tracking_code


class RequestEvent(models.Model):
    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=EventKind.choices)
    on = models.DateField("日期")
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()}"
