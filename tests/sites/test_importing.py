import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from sites.models import ArticlePage

pytestmark = pytest.mark.django_db

GOOD = {
    "site": "xinzhou.localhost",
    "column": "xxfb/zwdt",
    "title": "信州区旧站文章：召开城市管理工作会",
    "body_html": '<p>会议要求<script>alert("x")</script>抓好落实。</p><img src="/old/a.png" onerror="steal()">',
    "published_at": "2019-05-01T09:30:00+08:00",
    "source": "信州区人民政府办公室",
    "author": "张三",
    "tags": ["城市管理", "会议"],
    "attachments": ["files/通知.pdf"],
}


def write_lines(tmp_path, lines: list[str]):
    (tmp_path / "files").mkdir(exist_ok=True)
    (tmp_path / "files" / "通知.pdf").write_bytes(b"%PDF-1.4 demo attachment")
    path = tmp_path / "legacy.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_content", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import__publishes_a_sanitized_article_with_tags_and_attachment(tmp_path, client):
    out, err = run_import(write_lines(tmp_path, [json.dumps(GOOD, ensure_ascii=False)]))
    assert "导入 1 篇" in out
    assert err == ""
    page = ArticlePage.objects.get(title=GOOD["title"])
    assert page.live
    assert [block.block_type for block in page.body] == ["legacy_html"]
    assert str(page.body[0].value) == '<p>会议要求抓好落实。</p><img src="/old/a.png">'
    assert sorted(tag.name for tag in page.tags.all()) == ["会议", "城市管理"]
    assert page.pub_date == datetime(2019, 5, 1, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert page.source == "信州区人民政府办公室"
    assert page.column_type == "news"
    attachment = page.attachments.get()
    assert attachment.document.file.read() == b"%PDF-1.4 demo attachment"
    assert attachment.document.collection.name == "信州区人民政府门户网站"
    html = client.get(page.relative_url(page.get_site()), HTTP_HOST="xinzhou.localhost")
    assert GOOD["title"] in html.content.decode()


def test_import__reports_bad_lines_by_number_and_keeps_the_good_ones(tmp_path):
    second = {**GOOD, "title": "第二篇", "attachments": [], "published_at": "2018-01-02 08:00"}
    lines = [
        json.dumps(GOOD, ensure_ascii=False),
        "{broken json",
        json.dumps({**GOOD, "site": "nowhere.localhost"}),
        json.dumps({**GOOD, "column": "no/such/column"}),
        json.dumps({**GOOD, "title": "  "}),
        json.dumps({**GOOD, "title": "坏日期", "published_at": "2019-13-45"}),
        json.dumps({**GOOD, "title": "未来", "published_at": "2999-01-01T00:00:00+08:00"}),
        json.dumps({**GOOD, "title": "缺附件", "attachments": ["files/missing.pdf"]}),
        json.dumps({**GOOD, "title": "坏标签", "tags": "not-a-list"}),
        json.dumps(["not", "an", "object"]),
        json.dumps(second, ensure_ascii=False),
    ]
    out, err = run_import(write_lines(tmp_path, lines))
    assert "导入 2 篇" in out
    assert "出错 9 行" in out
    messages = err.splitlines()
    assert messages[0].startswith("第 2 行：不是有效的 JSON")
    assert messages[1] == "第 3 行：站点 nowhere.localhost 不存在"
    assert messages[2] == "第 4 行：站点 xinzhou.localhost 下没有栏目 no/such/column"
    assert messages[3] == "第 5 行：缺少标题（title）"
    assert messages[4].startswith("第 6 行：发布时间 2019-13-45 不是 ISO-8601 格式")
    assert messages[5].startswith("第 7 行：发布时间 2999-01-01T00:00:00+08:00 晚于当前时间")
    assert messages[6].startswith("第 8 行：附件不存在")
    assert messages[7] == "第 9 行：tags 应为字符串数组"
    assert messages[8] == "第 10 行：每行应为一个 JSON 对象"
    assert ArticlePage.objects.filter(title="第二篇").get().pub_date == datetime(
        2018, 1, 2, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")
    )


def test_import__running_the_same_file_again_adds_nothing(tmp_path):
    path = write_lines(tmp_path, [json.dumps(GOOD, ensure_ascii=False)])
    run_import(path)
    count = ArticlePage.objects.count()
    out, _ = run_import(path)
    assert "导入 0 篇，已存在跳过 1 篇" in out
    assert ArticlePage.objects.count() == count


def test_import__missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="不存在"):
        call_command("import_content", str(tmp_path / "none.jsonl"))
