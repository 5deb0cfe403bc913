"""WebSocket routes: every installed app may offer `websocket_urlpatterns` in its own `routing` module.

Collecting them here keeps `cms` free of imports from the apps while `asgi.py` serves them all.
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def collect_websocket_urlpatterns() -> list:
    patterns: list = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "routing") and app_config.name != "cms":
            patterns += getattr(import_module(f"{app_config.name}.routing"), "websocket_urlpatterns", [])
    return patterns


websocket_urlpatterns = collect_websocket_urlpatterns()
