"""Admin forms on which a user may pick only the images and documents they may choose.

Wagtail's choosers list only the collections a user has 'choose' permission on, but the form
fields behind them accept any id that is posted. These forms narrow every image and document
field, in inline panels too, to those collections, keeping the value a record already holds
so that a page someone else illustrated can still be edited.
"""

from django import forms
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from cms.alt_text import missing_alt_text


def _refusals() -> dict[type, str]:
    return {
        get_image_model(): "所选图片不存在，或不在你有权选用的集合中。",
        get_document_model(): "所选文档不存在，或不在你有权选用的集合中。",
    }


def limit_media_choices(form: forms.BaseForm, user) -> None:
    """Narrow `form`'s image and document fields, and those of its inline forms, to what `user` may choose."""
    refusals = _refusals()
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField) or field.queryset.model not in refusals:
            continue
        model = field.queryset.model
        choosable = Q(pk__in=policy_registry.get_by_type(model).instances_user_has_permission_for(user, "choose"))
        if form.initial.get(name) is not None:
            choosable |= Q(pk=form.initial[name])
        field.queryset = model.objects.filter(choosable)
        field.error_messages["invalid_choice"] = refusals[model]
    for formset in getattr(form, "formsets", {}).values():
        for inline_form in formset.forms:
            limit_media_choices(inline_form, user)


class MediaPermissionsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            limit_media_choices(self, self.for_user)


class BasePageForm(MediaPermissionsMixin, WagtailAdminPageForm):
    """The admin form every page type of the cluster starts from.

    A page is not published, sent for review nor approved from the editor while one of its images
    has no alternative text.
    """

    def _sending_on(self) -> bool:
        approving = self.data.get("action-workflow-action") and self.data.get("workflow-action-name") == "approve"
        return bool(approving or self.data.get("action-publish") or self.data.get("action-submit"))

    def clean(self):
        cleaned_data = super().clean()
        if self._sending_on():
            values = [cleaned_data]
            for formset in getattr(self, "formsets", {}).values():
                values += [form.cleaned_data for form in formset.forms if getattr(form, "cleaned_data", None)]
            for problem in dict.fromkeys(problem for value in values for problem in missing_alt_text(value)):
                self.add_error(None, problem)
        return cleaned_data


class BaseAdminModelForm(MediaPermissionsMixin, WagtailAdminModelForm):
    """The admin form for the cluster's other models that pick images or documents."""
