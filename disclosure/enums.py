from django.db import models


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"


class ApplicantType(models.TextChoices):
    CITIZEN = "citizen", "公民"
    ORGANISATION = "organisation", "法人或者其他组织"


class IdDocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_TAIWAN = "hmt_permit", "港澳台居民居住证或通行证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    OTHER = "other", "其他有效证件"


class DeliveryMethod(models.TextChoices):
    EMAIL = "email", "电子邮件"
    POST = "post", "邮寄纸质文本"
    COLLECT = "collect", "当面领取"
    ONLINE = "online", "网上查看"


class RequestStatus(models.TextChoices):
    RECEIVED = "received", "已收到"
    ACCEPTED = "accepted", "已受理"
    CLARIFYING = "clarifying", "补正中"
    EXTENDED = "extended", "已延期"
    ANSWERED = "answered", "已答复"
    WITHDRAWN = "withdrawn", "已撤回"


OPEN_STATUSES = frozenset({RequestStatus.RECEIVED, RequestStatus.ACCEPTED, RequestStatus.EXTENDED})
CLOSED_STATUSES = frozenset({RequestStatus.ANSWERED, RequestStatus.WITHDRAWN})


class Outcome(models.TextChoices):
    """The answers §36 of the regulation allows, in the rows of the annual report's table."""

    DISCLOSED = "disclosed", "予以公开"
    PARTLY = "partly", "部分公开"
    REFUSED = "refused", "不予公开"
    NOT_HELD = "not_held", "本机关不掌握相关政府信息"
    NOT_OURS = "not_ours", "非本机关负责"
    REPEATED = "repeated", "重复申请"
    NOT_INFORMATION = "not_information", "不属于政府信息公开范围"
    UNCLARIFIED = "unclarified", "申请人无正当理由逾期不补正"


# A refusal, whole or partial, must name its legal ground (§36 (三)).
OUTCOMES_NEEDING_GROUND = frozenset({Outcome.PARTLY, Outcome.REFUSED})


class EventKind(models.TextChoices):
    RECEIVED = "received", "收到申请"
    ACCEPTED = "accepted", "受理"
    CLARIFICATION_REQUESTED = "clarification_requested", "告知补正"
    CLARIFIED = "clarified", "申请人补正"
    EXTENDED = "extended", "延期答复"
    ANSWERED = "answered", "答复"
    WITHDRAWN = "withdrawn", "申请人撤回"
    NOTIFIED = "notified", "告知申请人"
