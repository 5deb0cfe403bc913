"""Typed readers for environment variables, so settings never parse strings by hand."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in TRUE_VALUES


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return default if value in (None, "") else float(value)


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name: str, hint: str) -> str:
    """The variable's value; a missing, empty or blank one stops the start, saying what to set."""
    value = os.environ.get(name, "")
    if not value.strip():
        raise ImproperlyConfigured(f"环境变量 {name} 未设置或为空 / {name} is not set or empty: {hint}")
    return value
