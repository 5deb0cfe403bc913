import pytest

from interviews.text import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("普通问题", "普通问题"),
        ("<script>alert(1)</script>你好", "你好"),
        ('<img src="x" onerror="alert(1)">图片', "图片"),
        ("1 < 2 且 3 > 2", "1 ＜ 2 且 3 ＞ 2"),
        ("&lt;b&gt;粗体&lt;/b&gt;", "＜b＞粗体＜/b＞"),
        ("第一行\r\n\r\n\r\n\r\n第二行", "第一行\n\n第二行"),
        ("零宽\u200b字符\x00控制", "零宽字符控制"),
        ("<p>段落一</p><p>段落二</p>", "段落一\n段落二"),
        (None, ""),
    ],
)
def test_clean_text__plain_safe_text(raw, clean):
    assert clean_text(raw) == clean


def test_clean_text__single_line_collapses_whitespace():
    assert clean_text("  网友\n\t小明  ", single_line=True) == "网友 小明"
