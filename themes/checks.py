from django.core import checks

from sites.enums import ThemeName
from themes.registry import THEMES


@checks.register()
def check_every_theme_choice_is_registered(app_configs, **kwargs):
    return [
        checks.Error(f"主题 '{name}' 可在网站信息中选择，但没有在 themes.registry 中注册。", id="themes.E001")
        for name in ThemeName.values
        if name not in THEMES
    ]
