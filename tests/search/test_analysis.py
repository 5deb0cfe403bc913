"""Tokens and query terms: bigram phrases for recall, ASCII words kept whole, no engine syntax."""

import pytest

from search.analysis import QueryError, index_tokens, parse_query, snippet


def contains(text: str, query: str) -> bool:
    """Whether every term's tokens occur as a phrase in the text's tokens, as the engines match."""
    tokens = index_tokens(text)
    for term in parse_query(query).terms:
        size = len(term.tokens)
        if not any(tuple(tokens[i : i + size]) == term.tokens for i in range(len(tokens) - size + 1)):
            return False
    return True


@pytest.mark.parametrize(
    ("text", "query", "found"),
    [
        ("关于印发2012年全市电子政务工作要点的通知", "电子政务", True),
        ("关于印发2012年全市电子政务工作要点的通知", "工作要点", True),
        ("关于印发2012年全市电子政务工作要点的通知", "2012年", True),
        ("关于印发2012年全市电子政务工作要点的通知", "2012年全市电子政务工作要点", True),
        ("关于印发2012年全市电子政务工作要点的通知", "电子 要点", True),
        ("关于印发2012年全市电子政务工作要点的通知", "政务电子", False),
        ("推进乡乡通建设", "乡乡通", True),
        ("乡乡村村都通了", "乡乡通", False),
        ("配置IP地址", "IP地址", True),
        ("配置ip 地址", "IP地址", False),
        ("手机APP上线", "APP", True),
        ("手机APP上线", "app", True),
        ("手机ＡＰＰ上线", "APP", True),
        ("新版MOA系统", "MOA系统", True),
        ("饶府厅字〔2012〕39号", "〔2012〕39号", True),
        ("饶府厅字〔2012〕39号", "39号", True),
        ("饶府厅字〔2012〕40号", "〔2012〕39号", False),
        ("2013年工作", "2012年", False),
        ("下载WhatsAPP客户端", "APP", True),
        ("下载WhatsAPP客户端", "sapp客", True),
        ("编号AB-12", "AB-12", True),
    ],
)
def test_matching__finds_the_query_verbatim_and_nothing_else(text, query, found):
    assert contains(text, query) is found


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "请输入检索词"),
        ("   ", "请输入检索词"),
        ("年", "至少需要两个字"),
        ("政" * 101, "检索词过长"),
        ("电子\x00政务", "无法识别的字符"),
        ("电子\ud800政务", "无法识别的字符"),
        ("电子\ufffd政务", "无法识别的字符"),
        ('" * : - ( )', "至少需要两个字"),
        ("A", "至少需要两个字"),
        (" ".join(f"词{n}语" for n in range(9)), "检索词过多"),
    ],
)
def test_parse_query__refuses_what_cannot_be_searched_in_chinese(query, message):
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_parse_query__syntax_characters_are_never_operators():
    query = parse_query('电子政务" OR NEAR(工作 AND *:-)')
    tokens = {token for term in query.terms for token in term.tokens}
    assert all(token.isalnum() for token in tokens)
    assert {"or", "an", "nd", "ne", "ea", "ar"} <= tokens


def test_snippet__marks_every_term_and_keeps_the_original_characters():
    fragments = snippet("关于印发２０１２年全市电子政务工作要点的通知，请贯彻执行。", parse_query("电子政务 2012年"))
    assert "".join(text for text, _ in fragments) == "关于印发２０１２年全市电子政务工作要点的通知，请贯彻执行。"
    assert [text for text, hit in fragments if hit] == ["２０１２年", "电子政务"]


def test_snippet__starts_near_the_first_hit_in_a_long_text():
    text = "无关内容。" * 100 + "乡乡通工程" + "其他内容。" * 100
    fragments = snippet(text, parse_query("乡乡通"), width=60)
    assert fragments[0] == ("…", False)
    assert ("乡乡通", True) in fragments
