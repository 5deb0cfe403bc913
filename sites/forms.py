from django import forms
from django.core.exceptions import ValidationError
from wagtail.models import Site

from sites.enums import Blueprint
from sites.models import Organisation, SiteProfile
from sites.validators import hostname_validator


class ProvisionSiteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="主办机构", queryset=Organisation.objects.all(), help_text="网站所属的政府或部门。"
    )
    hostname = forms.CharField(
        label="域名", max_length=255, help_text="如 www.srxz.gov.cn；只填写主机名。", validators=[hostname_validator]
    )
    blueprint = forms.ChoiceField(
        label="蓝本",
        choices=[("", "按机构类型自动选择"), *Blueprint.choices],
        required=False,
        help_text="决定栏目结构和默认主题。",
    )
    site_name = forms.CharField(
        label="网站名称", max_length=255, required=False, help_text="不填则为“机构名称门户网站”或部门全称。"
    )
    port = forms.IntegerField(label="端口", initial=80, min_value=1, max_value=65535, help_text="通常为 80 或 443。")

    def clean_hostname(self) -> str:
        return self.cleaned_data["hostname"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        hostname, organisation = cleaned.get("hostname"), cleaned.get("organisation")
        site = Site.objects.filter(hostname=hostname).first() if hostname else None
        if site and organisation:
            owner = SiteProfile.for_site(site).organisation
            if owner and owner != organisation:
                raise ValidationError({"hostname": f"域名 {hostname} 已由 {owner.name} 使用。"})
        return cleaned
