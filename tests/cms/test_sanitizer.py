import pytest
from bs4 import BeautifulSoup

from cms.sanitizer import sanitize_html


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>通知<script>alert('x')</script></p>", "<p>通知</p>"),
        ("<p>a</p><style>p{color:red}</style>", "<p>a</p>"),
        ('<img src="/a.png" onerror="alert(1)">', '<img src="/a.png">'),
        ('<a href="javascript:alert(1)">链接</a>', "<a>链接</a>"),
        ('<p onclick="x()">段落</p>', "<p>段落</p>"),
        ("<iframe src='https://evil.example'></iframe><p>b</p>", "<p>b</p>"),
        ('<p style="color:red;text-align:center">居中</p>', '<p style="text-align:center;">居中</p>'),
        ("<unknown>文字</unknown>", "文字"),
        ("", ""),
        (None, ""),
    ],
)
def test_sanitize_html__removes_what_is_not_allowed(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_sanitize_html__keeps_wagtail_rich_text_storage_format():
    stored = (
        '<p data-block-key="a1b2c">见<a linktype="page" id="42">栏目</a></p>'
        '<embed alt="图" embedtype="image" format="fullwidth" id="7"/>'
        "<table><tbody><tr><td>表格</td></tr></tbody></table>"
    )
    cleaned = sanitize_html(stored)
    assert 'linktype="page"' in cleaned
    assert 'data-block-key="a1b2c"' in cleaned
    assert 'id="42"' in cleaned
    assert 'embedtype="image"' in cleaned
    assert "<td>表格</td>" in cleaned


def test_sanitize_html__is_stable_on_a_second_pass():
    once = sanitize_html(
        '<h3>标题</h3><p>正文<br><strong>加粗</strong></p><ul><li>一</li></ul><a href="https://x.cn">x</a>'
    )
    assert sanitize_html(once) == once


def test_sanitize_html__writes_embeds_as_wagtail_finds_them():
    stored = '<p>图</p><embed alt="图" embedtype="image" format="fullwidth" id="7"/>'
    cleaned = sanitize_html(stored)
    assert '<embed alt="图" embedtype="image" format="fullwidth" id="7"/>' in cleaned
    assert sanitize_html(cleaned) == cleaned


def test_sanitize_html__an_embed_attribute_cannot_smuggle_markup():
    cleaned = sanitize_html('<embed alt="x<script>alert(1)</script>" embedtype="image" id="7" onload="x()">')
    assert cleaned.endswith("/>")
    assert "onload" not in cleaned
    soup = BeautifulSoup(cleaned, "html.parser")
    assert soup.find("script") is None
    assert soup.find("embed")["alt"] == "x<script>alert(1)</script>"
