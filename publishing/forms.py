from django import forms

SECRECY_CONFIRMATION_REQUIRED = "请逐项确认内容不含国家秘密、商业秘密和个人信息。"


class SecrecyConfirmationForm(forms.Form):
    """The secrecy reviewer's confirmations: each box must be ticked to approve."""

    no_state_secret = forms.BooleanField(label="不含国家秘密", error_messages={"required": "须确认不含国家秘密。"})
    no_commercial_secret = forms.BooleanField(label="不含商业秘密", error_messages={"required": "须确认不含商业秘密。"})
    no_personal_information = forms.BooleanField(
        label="不含个人信息",
        help_text="身份证号、手机号、住址等个人信息须删除或脱敏。",
        error_messages={"required": "须确认不含个人信息。"},
    )
    comment = forms.CharField(label="审查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RejectionForm(forms.Form):
    """Sending an item back requires telling its editor why."""

    comment = forms.CharField(
        label="退回理由", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "请填写退回理由。"}
    )
