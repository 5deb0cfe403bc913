"""Telling applicants that their request moved: accepted, 补正 asked, extended, answered.

Sent by email when the applicant gave one, once the step has committed, so a mail server that
fails never undoes or blocks the step: the failure is logged and written in the request's log
for staff to tell the applicant another way. The message names the request by its tracking code
and the organisation, never the applicant's name, ID, phone, address or what they asked for.
"""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from disclosure.enums import EventKind
from disclosure.models import InformationRequest, RequestEvent

logger = logging.getLogger(__name__)

SUBJECT = "政府信息公开申请办理进度（查询码 {code}）"
STEPS = {
    EventKind.ACCEPTED: "您的申请已受理，答复期限为 {due}。",
    EventKind.CLARIFICATION_REQUESTED: "您的申请内容需要补正：{note}\n补正期间答复期限暂停计算。",
    EventKind.EXTENDED: "您的申请延期答复，{note}；答复期限延至 {due}。",
    EventKind.ANSWERED: "您的申请已答复，答复结果：{outcome}。答复文书按您选择的方式送达。",
}


def notify_on_commit(request: InformationRequest, kind: EventKind, note: str = "") -> None:
    """Tell the applicant of step `kind` once the transaction that took it has committed."""
    if kind in STEPS and request.email:
        transaction.on_commit(lambda: notify(request.pk, kind, note))


def message_for(request: InformationRequest, kind: EventKind, note: str = "") -> tuple[str, str]:
    words = {
        "due": f"{request.due_on:%Y-%m-%d}" if request.due_on else "待定",
        "note": note,
        "outcome": request.get_outcome_display(),
    }
    body = "\n".join(
        [
            "您好：",
            f"您向{request.organisation.name}提出的政府信息公开申请（查询码 {request.tracking_code}）有新的办理进展。",
            STEPS[kind].format(**words),
            "您可凭查询码和申请时填写的联系电话，在网站“政府信息公开—申请查询”中查看办理记录。",
            "本邮件由系统自动发送，请勿回复。",
        ]
    )
    return SUBJECT.format(code=request.tracking_code), body


def notify(request_id: int, kind: EventKind, note: str = "") -> None:
    """Send the email and record it; never raises."""
    try:
        request = InformationRequest.objects.select_related("organisation").get(pk=request_id)
        subject, body = message_for(request, kind, note)
    except Exception:
        logger.exception("政府信息公开申请 %s 的办理进度通知未能生成", request_id)
        return
    try:
        send_mail(subject, body, None, [request.email])
    except Exception as error:  # noqa: BLE001 (any backend's failure is logged, never a 500)
        # The address is personal data: the log names the request, not the applicant.
        logger.warning("政府信息公开申请 %s 的办理进度邮件发送失败：%s", request.tracking_code, type(error).__name__)
        result = f"电子邮件告知“{EventKind(kind).label}”失败，请以电话等方式告知申请人。"
    else:
        result = f"已通过电子邮件告知“{EventKind(kind).label}”。"
    try:
        RequestEvent.objects.create(request=request, kind=EventKind.NOTIFIED, on=timezone.localdate(), note=result)
    except Exception:
        logger.exception("政府信息公开申请 %s 的通知记录未能保存", request.tracking_code)
