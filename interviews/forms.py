from django import forms

from cms.uploads import ImageUploadField
from interviews.enums import Role
from interviews.text import clean_text

NICKNAME_LENGTH = 20
QUESTION_LENGTH = 500
CONTACT_LENGTH = 100
CAPTION_LENGTH = 200


class CleanTextField(forms.CharField):
    """A text field whose value is made plain and safe (interviews.text) before any other check."""

    def __init__(self, *args, single_line: bool = False, **kwargs):
        self.single_line = single_line
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        # Far over the limit before cleaning: refuse it rather than spend time sanitizing it.
        if self.max_length and len(value) > self.max_length * 4:
            raise forms.ValidationError(self.error_messages["max_length"], code="max_length")
        return clean_text(value, single_line=self.single_line)


class QuestionForm(forms.Form):
    nickname = CleanTextField(
        label="昵称", max_length=NICKNAME_LENGTH, single_line=True, error_messages={"required": "请填写昵称。"}
    )
    text = CleanTextField(
        label="问题",
        max_length=QUESTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请填写问题内容。"},
    )
    contact = CleanTextField(
        label="联系方式（选填，不公开）", max_length=CONTACT_LENGTH, single_line=True, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["max_length"] = f"{field.label.split('（')[0]}不能超过{field.max_length}字。"
            field.widget.attrs["id"] = f"question-{name}"


class ImageMessageForm(forms.Form):
    image = ImageUploadField(label="图片")
    caption = CleanTextField(label="图片说明", max_length=CAPTION_LENGTH, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caption"].error_messages["max_length"] = f"图片说明不能超过{CAPTION_LENGTH}字。"


class RoleForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
    guest = forms.IntegerField(label="对应嘉宾", required=False)
