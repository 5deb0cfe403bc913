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


class SubmitForm(forms.Form):
    """信息报送: the columns of other sites an article is offered to."""

    columns = forms.ModelMultipleChoiceField(
        label="接收栏目",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="只能报送到上级单位网站的信息栏目；对方采用后，文章显示在对方栏目中，链接到本网站的原文。",
        error_messages={"required": "请选择接收栏目。", "invalid_choice": "所选栏目不能接收本文章。"},
    )

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["columns"].queryset = columns
        self.fields["columns"].label_from_instance = lambda column: f"{column.get_site().site_name} · {column.title}"


class DecisionForm(forms.Form):
    reason = forms.CharField(label="未采用理由", max_length=300, required=False)


class PeriodForm(forms.Form):
    start = forms.DateField(label="开始日期", required=False, input_formats=["%Y-%m-%d"])
    end = forms.DateField(label="结束日期", required=False, input_formats=["%Y-%m-%d"])

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("开始日期不能晚于结束日期。")
        return data
