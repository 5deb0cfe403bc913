"""The per-site profile: the codes the national rules require in every footer, and branding."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms.forms import BaseAdminModelForm
from sites.enums import ThemeName
from sites.validators import (
    READABLE_CONTRAST,
    contrast_ratio,
    hex_colour_validator,
    icp_number_validator,
    police_filing_validator,
    site_code_validator,
)

__all__ = ["SiteProfile"]

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@register_setting(icon="site")
class SiteProfile(BaseSiteSetting):
    organisation = models.ForeignKey(
        "sites.Organisation",
        verbose_name="主办机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="site_profiles",
        help_text="本网站所属的机构；站群导航、权限和考核都按机构归属。",
    )
    short_name = models.CharField("网站简称", max_length=40, blank=True, help_text="用于站群导航，如：信州区。")
    site_code = models.CharField(
        "网站标识码",
        max_length=10,
        blank=True,
        validators=[site_code_validator],
        help_text="10位：6位行政区划代码加4位序号，如 3611000001。",
    )
    icp_number = models.CharField(
        "ICP备案号", max_length=40, blank=True, validators=[icp_number_validator], help_text="如：赣ICP备12345678号。"
    )
    police_filing_number = models.CharField(
        "公安机关备案号",
        max_length=40,
        blank=True,
        validators=[police_filing_validator],
        help_text="如：赣公网安备 36110202000123号。",
    )
    conac_id = models.CharField(
        "党政机关标识编号",
        max_length=60,
        blank=True,
        help_text="中央编办开办资格核验页面的编号，用于页脚“党政机关”标识的链接。",
    )
    sponsor = models.CharField("主办单位", max_length=120, blank=True, help_text="如：上饶市人民政府办公室。")
    organiser = models.CharField("承办单位", max_length=120, blank=True, help_text="负责网站日常运维的单位，可不填。")
    address = models.CharField("联系地址", max_length=200, blank=True, help_text="如：江西省上饶市信州区行政中心。")
    postcode = models.CharField("邮政编码", max_length=6, blank=True, help_text="6位数字。")
    phone = models.CharField("联系电话", max_length=40, blank=True, help_text="如：0793-8888888。")
    email = models.EmailField("联系邮箱", blank=True, help_text="网站运维或信息公开联系邮箱。")
    theme = models.CharField(
        "主题", max_length=20, choices=ThemeName.choices, default=ThemeName.DEPARTMENT, help_text="网站采用的站群主题。"
    )
    primary_colour = models.CharField(
        "主色", max_length=7, default="#b71c1c", validators=[hex_colour_validator], help_text="页头和导航的颜色。"
    )
    accent_colour = models.CharField(
        "辅色", max_length=7, default="#f5c518", validators=[hex_colour_validator], help_text="强调和高亮的颜色。"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="网站标志",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="页头左侧的标志图片，不上传则显示网站名称。",
    )
    # What provisioning gave the site; kept by identity so renaming the site loses none of it.
    collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    editor_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    reviewer_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    description = models.CharField("网站描述", max_length=300, blank=True, help_text="用于 Description 元数据。")
    keywords = models.CharField("网站关键词", max_length=200, blank=True, help_text="多个关键词用逗号分隔。")

    base_form_class = BaseAdminModelForm
    panels = [
        FieldPanel("organisation"),
        FieldPanel("short_name"),
        MultiFieldPanel(
            [
                FieldPanel("site_code"),
                FieldPanel("icp_number"),
                FieldPanel("police_filing_number"),
                FieldPanel("conac_id"),
            ],
            heading="备案与标识",
        ),
        MultiFieldPanel(
            [
                FieldPanel("sponsor"),
                FieldPanel("organiser"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading="主办与联系",
        ),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("primary_colour"), FieldPanel("accent_colour"), FieldPanel("logo")],
            heading="主题与品牌",
        ),
        MultiFieldPanel([FieldPanel("description"), FieldPanel("keywords")], heading="元数据"),
    ]

    class Meta:
        verbose_name = "网站信息"
        verbose_name_plural = "网站信息"

    def clean(self) -> None:
        super().clean()
        self._check_colour_contrast()
        organisation = self.organisation
        if (
            self.site_code
            and organisation
            and self.site_code.isdigit()
            and self.site_code[:6] != organisation.division_code
        ):
            raise ValidationError(
                {"site_code": f"网站标识码前6位应为主办机构的行政区划代码 {organisation.division_code}。"}
            )

    def _check_colour_contrast(self) -> None:
        errors = {}
        if HEX_COLOUR.match(self.primary_colour or "") and (
            contrast_ratio(self.primary_colour, "#ffffff") < READABLE_CONTRAST
        ):
            errors["primary_colour"] = (
                "主色太浅：页头和导航的白色文字在其上看不清（对比度应不低于 4.5:1），请选更深的颜色。"
            )
        if (
            HEX_COLOUR.match(self.accent_colour or "")
            and contrast_ratio(self.accent_colour, "#222222") < READABLE_CONTRAST
        ):
            errors["accent_colour"] = "辅色太深：其上的深色文字看不清（对比度应不低于 4.5:1），请选更浅的颜色。"
        if errors:
            raise ValidationError(errors)

    @property
    def police_filing_digits(self) -> str:
        """The 14 digits of the police filing number, as the public-security lookup page wants them."""
        return "".join(ch for ch in self.police_filing_number if ch.isdigit())
