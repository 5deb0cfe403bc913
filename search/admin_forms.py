"""The best-bet form: an editor picks only their own sites and pages on them."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from search.permissions import own_site_ids


class BestBetForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site_ids = own_site_ids(self.for_user) if self.for_user else set()
        if site_ids is not None:
            self.fields["site"].queryset = Site.objects.filter(pk__in=site_ids)
            self.fields["site"].required = True
            self.fields["site"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        site, page = cleaned.get("site"), cleaned.get("page")
        if site and page and not page.path.startswith(site.root_page.path):
            self.add_error("page", "推荐页面应属于所选站点。")
        if not site and page is None:
            raise forms.ValidationError("请选择推荐页面。")
        return cleaned
