"""Checks of the identity numbers applicants give, with their check digits."""

import re
from datetime import date

from django.core.exceptions import ValidationError

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECKS = "10X98765432"
# GB 32100-2015: the 31 characters of the unified social credit code and the weights of its first 17.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")


def validate_resident_id(value: str) -> None:
    """An 18-digit 居民身份证号码: region, a real birth date, serial and the ISO 7064 check character."""
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError("身份证号码应为18位，前17位为数字，最后一位为数字或X。")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as error:
        raise ValidationError("身份证号码中的出生日期不正确。") from error
    if born.year < 1900 or born > date.today():
        raise ValidationError("身份证号码中的出生日期不正确。")
    total = sum(int(digit) * weight for digit, weight in zip(value[:17], RESIDENT_ID_WEIGHTS, strict=True))
    if RESIDENT_ID_CHECKS[total % 11] != value[17]:
        raise ValidationError("身份证号码校验位不正确，请核对后重新填写。")


def validate_credit_code(value: str) -> None:
    """An 18-character 统一社会信用代码 with its check character."""
    if len(value) != 18 or any(char not in CREDIT_CODE_CHARS for char in value):
        raise ValidationError("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。")
    total = sum(
        CREDIT_CODE_CHARS.index(char) * weight for char, weight in zip(value[:17], CREDIT_CODE_WEIGHTS, strict=True)
    )
    if CREDIT_CODE_CHARS[(31 - total % 31) % 31] != value[17]:
        raise ValidationError("统一社会信用代码校验位不正确，请核对后重新填写。")


def validate_phone(value: str) -> None:
    if not PHONE.fullmatch(value):
        raise ValidationError("请填写11位手机号码或带区号的固定电话，如 0793-8208000。")


def phone_digits(value: str) -> str:
    return "".join(char for char in value if char.isascii() and char.isdigit())
