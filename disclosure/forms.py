"""The citizen's request and status forms, and the forms staff use to handle a request."""

import re
import secrets
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from disclosure.deadlines import MAX_EXTENSION_WORKING_DAYS
from disclosure.enums import (
    OUTCOMES_NEEDING_GROUND,
    ApplicantType,
    DeliveryMethod,
    IdDocumentType,
    Outcome,
)
from disclosure.validators import validate_credit_code, validate_phone, validate_resident_id

MAX_DESCRIPTION = 2000
MAX_NOTE = 2000
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
TRACKING_CODE = re.compile(r"^[A-Z0-9]{10,20}$")


def new_submission_token() -> str:
    return secrets.token_urlsafe(24)


def plain(value: str) -> str:
    """Text as people meant it: NFC, no control or format characters other than line breaks."""
    value = unicodedata.normalize("NFC", value)
    return "".join(
        char for char in value if char in "\n\t" or unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co"}
    ).strip()


class PlainCharField(forms.CharField):
    def to_python(self, value):
        return plain(super().to_python(value))


class InformationRequestForm(forms.Form):
    organisation = forms.TypedChoiceField(label="申请机关", coerce=int, error_messages={
        "invalid_choice": "请选择本网站列出的机关。", "required": "请选择向哪个机关申请。"})  # fmt: skip
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices, widget=forms.RadioSelect)
    name = PlainCharField(label="姓名或名称", max_length=100, help_text="公民填写姓名；法人或者其他组织填写全称。")
    contact_person = PlainCharField(label="联系人", max_length=40, required=False, help_text="法人或者其他组织填写。")
    id_type = forms.ChoiceField(label="证件类型", choices=IdDocumentType.choices)
    id_number = PlainCharField(label="证件号码", max_length=40)
    phone = PlainCharField(label="联系电话", max_length=20, validators=[validate_phone])
    email = forms.EmailField(
        label="电子邮箱", required=False, max_length=254, error_messages={"invalid": "请填写有效的电子邮箱地址。"}
    )
    address = PlainCharField(label="通信地址", max_length=200, required=False)
    description = PlainCharField(
        label="所需信息的描述", max_length=MAX_DESCRIPTION, min_length=5, widget=forms.Textarea,
        help_text="写明所需政府信息的名称、文号或者便于查询的其他特征性描述。",
    )  # fmt: skip
    delivery = forms.ChoiceField(label="获取信息的方式", choices=DeliveryMethod.choices)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "请选择"), *((org.pk, org.name) for org in organisations)]
        for name, field in self.fields.items():
            if name != "organisation":
                field.error_messages["required"] = f"请填写{field.label}。"
            field.error_messages["max_length"] = f"{field.label}不能超过%(limit_value)d字（现有%(show_value)d字）。"
            field.error_messages["min_length"] = f"{field.label}至少%(limit_value)d字。"

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        if not TOKEN.fullmatch(token):
            raise ValidationError("表单已失效，请刷新页面后重新提交。")
        return token

    def clean_id_number(self) -> str:
        return self.cleaned_data["id_number"].upper().replace(" ", "")

    def clean(self):
        data = super().clean()
        kind, id_type, number = data.get("applicant_type"), data.get("id_type"), data.get("id_number")
        if kind and id_type:
            if kind == ApplicantType.CITIZEN and id_type == IdDocumentType.CREDIT_CODE:
                self.add_error("id_type", "公民请选择个人证件。")
            if kind == ApplicantType.ORGANISATION and id_type != IdDocumentType.CREDIT_CODE:
                self.add_error("id_type", "法人或者其他组织请填写统一社会信用代码。")
            if kind == ApplicantType.ORGANISATION and not data.get("contact_person"):
                self.add_error("contact_person", "法人或者其他组织请填写联系人。")
        if id_type and number:
            checks = {
                IdDocumentType.RESIDENT_ID: validate_resident_id,
                IdDocumentType.CREDIT_CODE: validate_credit_code,
            }
            try:
                if id_type in checks:
                    checks[id_type](number)
                elif not re.fullmatch(r"[A-Z0-9()（）-]{5,40}", number):
                    raise ValidationError("证件号码只能包含字母、数字和短横线。")
            except ValidationError as error:
                self.add_error("id_number", error)
        if data.get("delivery") == DeliveryMethod.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件方式获取时，请填写电子邮箱。")
        if data.get("delivery") == DeliveryMethod.POST and not data.get("address"):
            self.add_error("address", "选择邮寄方式获取时，请填写通信地址。")
        return data


class StatusForm(forms.Form):
    tracking_code = forms.CharField(label="查询码", max_length=20, error_messages={"required": "请填写查询码。"})
    phone = PlainCharField(label="联系电话", max_length=20, error_messages={"required": "请填写申请时留的联系电话。"})

    def clean_tracking_code(self) -> str:
        code = self.cleaned_data["tracking_code"].strip().upper()
        if not TRACKING_CODE.fullmatch(code):
            raise ValidationError("查询码格式不正确。")
        return code


class NoteForm(forms.Form):
    note = PlainCharField(label="说明", max_length=MAX_NOTE, widget=forms.Textarea)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长工作日", min_value=1, max_value=MAX_EXTENSION_WORKING_DAYS)
    note = PlainCharField(label="延期理由", max_length=MAX_NOTE, widget=forms.Textarea)


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label="答复结果", choices=Outcome.choices)
    legal_ground = PlainCharField(label="法律依据", max_length=MAX_NOTE, required=False, widget=forms.Textarea)
    note = PlainCharField(label="答复内容", max_length=MAX_NOTE, required=False, widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if data.get("outcome") in OUTCOMES_NEEDING_GROUND and not data.get("legal_ground"):
            self.add_error("legal_ground", "不予公开或部分公开时必须写明法律依据。")
        return data
