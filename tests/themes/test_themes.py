from unittest import mock

import pytest
from django.core import checks

from themes import registry
from themes.checks import check_every_theme_choice_is_registered

pytestmark = pytest.mark.django_db


def test_city_theme__overrides_the_home_page_template(client):
    city = client.get("/", HTTP_HOST="www.localhost")
    county = client.get("/", HTTP_HOST="xinzhou.localhost")
    assert "themes/city/pages/home_page.html" in [template.name for template in city.templates]
    assert "pages/home_page.html" in [template.name for template in county.templates]
    assert '<section class="city-banner">' in city.content.decode()
    assert '<section class="city-banner">' not in county.content.decode()


@pytest.mark.parametrize(
    ("host", "layout"),
    [
        ("www.localhost", "themes/city/layout.html"),
        ("xinzhou.localhost", "themes/county/layout.html"),
        ("fgw.localhost", "themes/department/layout.html"),
    ],
)
def test_each_site__renders_its_themes_layout(client, host, layout):
    response = client.get("/xxfb/", HTTP_HOST=host)
    assert layout in [template.name for template in response.templates]


def test_check__reports_a_theme_choice_without_a_registered_theme():
    assert check_every_theme_choice_is_registered(None) == []
    with mock.patch.dict(registry.THEMES, clear=True):
        errors = check_every_theme_choice_is_registered(None)
    assert {error.id for error in errors} == {"themes.E001"}
    assert all(isinstance(error, checks.Error) for error in errors)
