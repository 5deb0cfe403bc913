"""Body headings follow the page title's h1 in order, whatever level the editor or import chose."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.outline import heading_changes, normalise_headings
from sites.models import ArticlePage
from tests.admin_forms import edit_form_data, with_legacy_body

HOST = "xinzhou.localhost"


def test_body_starting_at_h3__starts_at_h2():
    assert normalise_headings("<h3>一、总则</h3><p>正文</p><h4>（一）</h4>") == (
        "<h2>一、总则</h2><p>正文</p><h3>（一）</h3>"
    )


def test_skipped_level__is_closed_up_and_deeper_levels_return():
    html = "<h2>甲</h2><h4>乙</h4><h2>丙</h2><h3>丁</h3>"
    assert normalise_headings(html) == "<h2>甲</h2><h3>乙</h3><h2>丙</h2><h3>丁</h3>"


def test_h1_in_a_body__becomes_a_section_heading_and_attributes_stay():
    html = '<h1 class="title" data-block-key="a1">标题<em>一</em></h1><h2>小节</h2>'
    assert normalise_headings(html) == '<h2 class="title" data-block-key="a1">标题<em>一</em></h2><h3>小节</h3>'


def test_under_a_section_heading__body_headings_start_one_level_lower():
    assert normalise_headings("<h2>学习经历</h2><h2>工作经历</h2>", top=3) == "<h3>学习经历</h3><h3>工作经历</h3>"


def test_body_without_headings_or_with_unclosed_tags__is_left_alone():
    assert normalise_headings("<p>只有正文</p>") == "<p>只有正文</p>"
    assert normalise_headings("<h3>未闭合<p>正文</p>") == "<h3>未闭合<p>正文</p>"


@pytest.mark.django_db
def test_editor__is_told_on_saving_which_heading_levels_the_page_shows_renumbered(client):
    article = ArticlePage.objects.live().filter(url_path__startswith="/xinzhou-localhost/").first()
    client.force_login(get_user_model().objects.get(username="admin"))
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    data = with_legacy_body(
        edit_form_data(client.get(url, HTTP_HOST=HOST)),
        "<h3>一、总则</h3><p>正文</p><h4>（一）适用范围</h4><h3>二、附则</h3>",
    )

    page = client.post(url, data, HTTP_HOST=HOST, follow=True).content.decode()

    assert "正文标题层级已调整：h3→h2、h4→h3" in page
    data.update(nested_form_data({"body": streamfield([("legacy_html", "<h2>一、总则</h2><h3>（一）</h3>")])}))
    assert "正文标题层级已调整" not in client.post(url, data, HTTP_HOST=HOST, follow=True).content.decode()


def test_heading_changes__named_once_each_in_order():
    assert heading_changes("<h3>甲</h3><h5>乙</h5><h3>丙</h3><h5>丁</h5>") == ["h3→h2", "h5→h3"]
    assert heading_changes("<h2>甲</h2><h3>乙</h3>") == []
