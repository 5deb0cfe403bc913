from django import forms
from wagtail.admin.forms import WagtailAdminModelForm


class DismissalForm(forms.Form):
    reason = forms.CharField(
        label="排除理由",
        max_length=300,
        strip=True,
        error_messages={"required": "请填写排除理由。", "max_length": "排除理由不能超过300字。"},
    )


class AssessorScoreForm(WagtailAdminModelForm):
    """Records who gave the score."""

    def save(self, commit=True):
        if self.instance.assessor_id is None:
            self.instance.assessor = self.for_user
        return super().save(commit)
