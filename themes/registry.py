"""The theme registry: how each theme a site may choose looks."""

from dataclasses import dataclass

from sites.enums import ThemeName


@dataclass(frozen=True)
class Theme:
    name: str
    label: str
    layout_template: str
    stylesheet: str


THEMES: dict[str, Theme] = {
    ThemeName.CITY: Theme(ThemeName.CITY, ThemeName.CITY.label, "themes/city/layout.html", "themes/css/city.css"),
    ThemeName.COUNTY: Theme(
        ThemeName.COUNTY, ThemeName.COUNTY.label, "themes/county/layout.html", "themes/css/county.css"
    ),
    ThemeName.DEPARTMENT: Theme(
        ThemeName.DEPARTMENT, ThemeName.DEPARTMENT.label, "themes/department/layout.html", "themes/css/department.css"
    ),
}
DEFAULT_THEME = THEMES[ThemeName.DEPARTMENT]


def get_theme(name: str) -> Theme:
    return THEMES.get(name, DEFAULT_THEME)
