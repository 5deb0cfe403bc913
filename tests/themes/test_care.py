"""适老化 mode: a visitor's choices live in a cookie and a per-visitor stylesheet, never in the page."""

import pytest

from themes.care import CarePreferences

pytestmark = pytest.mark.django_db

CITY = {"HTTP_HOST": "www.localhost"}


def test_choosing_extra_large_text__remembers_it_and_returns_to_the_page(client):
    response = client.get("/care/", {"set": "text2", "next": "/xxfb/zwdt/"}, **CITY)
    assert response.status_code == 302
    assert response["Location"] == "/xxfb/zwdt/"
    assert response.cookies["care"].value == "text2"
    assert response.cookies["care"]["max-age"] == 365 * 24 * 3600
    assert response.cookies["care"]["samesite"] == "Lax"
    assert response["Cache-Control"] == "no-store"


def test_switches_toggle_and_reset_forgets_every_choice(client):
    client.cookies["care"] = "text1-contrast"
    response = client.get("/care/", {"set": "spacing", "next": "/"}, **CITY)
    assert CarePreferences.from_cookie(response.cookies["care"].value) == CarePreferences(
        text=1, contrast=True, spacing=True
    )
    client.cookies["care"] = "text1-contrast"
    assert client.get("/care/", {"set": "contrast"}, **CITY).cookies["care"].value == "text1"
    assert client.get("/care/", {"set": "reset"}, **CITY).cookies["care"]["max-age"] == 0


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", ""]
)
def test_attack__returning_elsewhere_than_this_site_goes_home_instead(client, next_url):
    response = client.get("/care/", {"set": "text1", "next": next_url}, **CITY)
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "cookie", ["text9", "<script>", "contrast;x=1", "text2-" * 500, "TEXT2", "text-1", "%E2%80%AEtext2"]
)
def test_attack__a_forged_cookie_yields_only_known_styles(client, cookie):
    client.cookies["care"] = cookie
    css = client.get("/care.css", **CITY).content.decode()
    assert "<" not in css
    assert ";x" not in css
    preferences = CarePreferences.from_cookie(cookie)
    assert preferences.text in (0, 2)


def test_unknown_choice__changes_nothing(client):
    client.cookies["care"] = "text1"
    response = client.get("/care/", {"set": "text7"}, **CITY)
    assert response.cookies["care"].value == "text1"


def test_stylesheet__applies_the_visitors_choices_and_is_private_to_them(client):
    client.cookies["care"] = "text2-contrast-spacing-cursor-guide"
    response = client.get("/care.css", **CITY)
    css = response.content.decode()
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "html { font-size: 24px; }" in css
    assert "background: #000 !important" in css
    assert "line-height: 2 !important" in css
    assert "/static/themes/img/cursor-arrow.svg" in css
    assert "--care-guide: 1" in css
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_stylesheet__without_choices_sets_no_sizes_or_colours(client):
    css = client.get("/care.css", **CITY).content.decode()
    assert "font-size" not in css
    assert "background" not in css
    assert '[data-care="text0"]' in css


def test_stylesheet__unchanged_choices_are_answered_not_modified(client):
    client.cookies["care"] = "text1"
    etag = client.get("/care.css", **CITY)["ETag"]
    assert client.get("/care.css", HTTP_IF_NONE_MATCH=etag, **CITY).status_code == 304
    client.cookies["care"] = "text2"
    assert client.get("/care.css", HTTP_IF_NONE_MATCH=etag, **CITY).status_code == 200


def test_every_visitor__gets_the_same_cached_page_whatever_their_choices(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/xxfb/", **CITY)
    client.cookies["care"] = "text2-contrast"
    second = client.get("/xxfb/", **CITY)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_every_page__offers_the_toolbar_after_the_skip_link(client):
    html = client.get("/xxfb/", **CITY).content.decode()
    assert html.index('class="skip-link"') < html.index('class="care-toolbar"') < html.index('<main id="main"')
    assert 'href="/care/?set=text2&amp;next=/xxfb/"' in html
    assert '<link rel="stylesheet" href="/care.css">' in html
