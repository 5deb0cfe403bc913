"""Formats fixed by the national rules for what every government site shows in its footer."""

import re

from django.core.validators import RegexValidator

# 网站标识码: 6-digit division code + 4-digit serial for local sites; `bm` + 8 digits for ministries.
site_code_validator = RegexValidator(
    r"^(\d{10}|bm\d{8})$", "网站标识码应为10位：6位行政区划代码加4位序号（部委网站为 bm 加8位数字）。"
)
# ICP备案号, e.g. 赣ICP备12345678号 or 赣ICP备12345678号-1.
icp_number_validator = RegexValidator(
    r"^[\u4e00-\u9fa5]ICP备\d{6,10}号(-\d{1,3})?$", "ICP备案号格式应为“省份简称ICP备数字号”，如：赣ICP备12345678号。"
)
# 公安机关备案号, e.g. 赣公网安备 36110202000123号.
police_filing_validator = RegexValidator(
    r"^[\u4e00-\u9fa5]公网安备\s?\d{14}号$",
    "公安机关备案号格式应为“省份简称公网安备 14位数字号”，如：赣公网安备 36110202000123号。",
)
division_code_validator = RegexValidator(r"^\d{6}$", "行政区划代码应为6位数字。")
hex_colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "颜色应为 # 加6位十六进制数，如 #b71c1c。")
# A host name only: no scheme, port or path (www.zgsr.gov.cn, xinzhou.localhost).
hostname_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    "域名无效：只填写主机名（如 www.zgsr.gov.cn），不含协议、端口和路径，使用字母、数字、短横线和点。",
    flags=re.IGNORECASE,
)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two `#rrggbb` colours, from 1 (none) to 21 (black on white)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# Themes put white text on the primary colour and dark text (#222) on the accent (WCAG 1.4.3, AA).
READABLE_CONTRAST = 4.5
