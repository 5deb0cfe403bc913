from django import forms

from sites.blueprints import check_provisioning
from sites.enums import Blueprint
from sites.models import Organisation


class ProvisionSiteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="主办机构", queryset=Organisation.objects.all(), help_text="网站所属的政府或部门。"
    )
    hostname = forms.CharField(label="域名", max_length=255, help_text="如 www.srxz.gov.cn；只填写主机名。")
    blueprint = forms.ChoiceField(
        label="蓝本",
        choices=[("", "按机构类型自动选择"), *Blueprint.choices],
        required=False,
        help_text="决定栏目结构和默认主题。",
    )
    site_name = forms.CharField(
        label="网站名称", max_length=255, required=False, help_text="不填则为“机构名称门户网站”或部门全称。"
    )
    port = forms.IntegerField(label="端口", initial=80, help_text="通常为 80 或 443。")

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            # The same rule `provision_site` applies, checked here to show its reasons by field.
            check_provisioning(
                cleaned["organisation"],
                cleaned["hostname"],
                port=cleaned["port"],
                site_name=cleaned["site_name"] or None,
            )
        return cleaned
