"""Settings chosen from the environment: the same code runs on embedded and real engines."""

import importlib
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

import cms.settings.base


def load_base(**environ):
    with mock.patch.dict(os.environ, environ, clear=True):
        return importlib.reload(cms.settings.base)


@pytest.fixture(autouse=True)
def _restore_base_settings():
    yield
    importlib.reload(cms.settings.base)


def test_base__defaults_to_embedded_engines():
    settings = load_base(SECRET_KEY="x")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"
    # Shared by every worker of the host, unlike process memory.
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert settings.DEBUG is False
    assert settings.DEMO_USERS_ALLOWED is False


def test_base__database_url_selects_postgresql():
    settings = load_base(SECRET_KEY="x", DATABASE_URL="postgres://postgres@127.0.0.1:5432/cluster")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.DATABASES["default"]["NAME"] == "cluster"


def test_base__redis_url_selects_redis_for_channels_and_cache():
    settings = load_base(SECRET_KEY="x", REDIS_URL="redis://127.0.0.1:6379/3")
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    # Django's Redis cache, degrading to "not cached" while Redis is down (operations.cache).
    assert settings.CACHES["default"]["BACKEND"] == "operations.cache.DegradingRedisCache"


@pytest.mark.parametrize(
    "environ", [{}, {"SECRET_KEY": ""}, {"SECRET_KEY": "  \t "}], ids=["missing", "empty", "blank"]
)
def test_base__refuses_to_start_without_a_secret_key(environ):
    with pytest.raises(ImproperlyConfigured) as refused:
        load_base(**environ)
    message = str(refused.value)
    assert "环境变量 SECRET_KEY 未设置或为空" in message
    assert "SECRET_KEY is not set or empty" in message
    assert "token_urlsafe" in message


def test_production__without_a_secret_key_says_what_to_set():
    environ = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "cms.settings.production"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: 环境变量 SECRET_KEY 未设置或为空" in result.stderr
    assert "KeyError" not in result.stderr


def test_base__speaks_chinese_on_beijing_time():
    settings = load_base(SECRET_KEY="x")
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.DATE_FORMAT == "Y-m-d"


def test_production__adds_security_flags():
    with mock.patch.dict(os.environ, {"SECRET_KEY": "x", "ALLOWED_HOSTS": "www.zgsr.gov.cn"}, clear=True):
        importlib.reload(cms.settings.base)
        production = importlib.reload(importlib.import_module("cms.settings.production"))
    assert production.SESSION_COOKIE_SECURE is True
    assert production.ALLOWED_HOSTS == ["www.zgsr.gov.cn"]
    assert production.DEMO_USERS_ALLOWED is False


def test_production__passes_djangos_deployment_checks():
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "www.zgsr.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stdout + result.stderr
