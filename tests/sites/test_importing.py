import io
import json
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from sites.importing import LegacyArticle
from sites.models import ArticlePage, ColumnPage, ImportedItem, SiteCacheVersion

pytestmark = pytest.mark.django_db

GOOD = {
    "site": "xinzhou.localhost",
    "column": "xxfb/zwdt",
    "title": "信州区旧站文章：召开城市管理工作会",
    "body_html": '<p>会议要求<script>alert("x")</script>抓好落实。</p><img src="/old/a.png" alt="会场" onerror="x()">',
    "published_at": "2019-05-01T09:30:00+08:00",
    "source": "信州区人民政府办公室",
    "author": "张三",
    "tags": ["城市管理", "会议"],
    "attachments": ["files/通知.pdf"],
}
# A line that always imports, written after a hostile one to show the run went on.
NEXT = {**GOOD, "title": "下一篇：照常导入", "attachments": []}


def line(item: dict) -> str:
    return json.dumps(item, ensure_ascii=False)


def write_lines(directory: Path, lines: list[str | bytes]) -> Path:
    (directory / "files").mkdir(parents=True, exist_ok=True)
    (directory / "files" / "通知.pdf").write_bytes(b"%PDF-1.4 demo attachment")
    path = directory / "legacy.jsonl"
    path.write_bytes(b"".join((text.encode() if isinstance(text, str) else text) + b"\n" for text in lines))
    return path


def run_import(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_content", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def stored_files() -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def documents() -> int:
    return get_document_model().objects.count()


def test_import__publishes_a_sanitized_article_with_tags_and_attachment(tmp_path, client):
    out, err = run_import(write_lines(tmp_path, [line(GOOD)]))
    assert "导入 1 篇" in out
    assert err == ""
    page = ArticlePage.objects.get(title=GOOD["title"])
    assert page.live
    assert [block.block_type for block in page.body] == ["legacy_html"]
    assert str(page.body[0].value) == '<p>会议要求抓好落实。</p><img alt="会场" src="/old/a.png">'
    assert sorted(tag.name for tag in page.tags.all()) == ["会议", "城市管理"]
    assert page.pub_date == datetime(2019, 5, 1, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert page.first_published_at == page.pub_date
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
        line(GOOD),
        "{broken json",
        line({**GOOD, "site": "nowhere.localhost"}),
        line({**GOOD, "column": "no/such/column"}),
        line({**GOOD, "title": "  "}),
        line({**GOOD, "title": "坏日期", "published_at": "2019-13-45"}),
        line({**GOOD, "title": "未来", "published_at": "2999-01-01T00:00:00+08:00"}),
        line({**GOOD, "title": "缺附件", "attachments": ["files/missing.pdf"]}),
        line({**GOOD, "title": "坏标签", "tags": "not-a-list"}),
        json.dumps(["not", "an", "object"]),
        line(second),
    ]
    out, err = run_import(write_lines(tmp_path, lines))
    assert "导入 2 篇" in out
    assert "出错 9 行" in out
    assert err.splitlines() == [
        "第 2 行：不是有效的 JSON（第 2 列：Expecting property name enclosed in double quotes）",
        "第 3 行：站点 nowhere.localhost 不存在",
        "第 4 行：站点 xinzhou.localhost 下没有栏目 no/such/column",
        "第 5 行：缺少标题（title）",
        "第 6 行：发布时间 2019-13-45 不是 ISO-8601 格式（如 2024-05-01T09:30:00+08:00）",
        "第 7 行：发布时间 2999-01-01T00:00:00+08:00 晚于当前时间",
        "第 8 行：附件不存在：files/missing.pdf",
        "第 9 行：标签（tags）应为字符串数组",
        "第 10 行：每行应为一个 JSON 对象",
    ]
    assert ArticlePage.objects.filter(title="第二篇").get().pub_date == datetime(
        2018, 1, 2, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")
    )


def test_import__running_the_same_file_again_adds_nothing(tmp_path):
    path = write_lines(tmp_path, [line(GOOD), line(GOOD)])
    out, _ = run_import(path)
    assert "导入 1 篇，已导入过跳过 1 篇" in out
    count = ArticlePage.objects.count()
    out, _ = run_import(path)
    assert "导入 0 篇，已导入过跳过 2 篇" in out
    assert ArticlePage.objects.count() == count


def test_import__an_article_an_editor_deleted_stays_deleted_when_the_file_is_imported_again(tmp_path):
    path = write_lines(tmp_path, [line(GOOD)])
    run_import(path)
    page = ArticlePage.objects.get(title=GOOD["title"])
    item = ImportedItem.objects.get(page=page)
    page.delete()

    out, _ = run_import(path)

    assert "导入 0 篇，已导入过跳过 1 篇" in out
    assert not ArticlePage.objects.filter(title=GOOD["title"]).exists()
    item.refresh_from_db()
    assert item.page is None
    assert item.site == Site.objects.get(hostname="xinzhou.localhost")


def test_import__keeps_the_page_tree_consistent_and_the_articles_searchable(tmp_path):
    site = Site.objects.select_related("root_page").get(hostname="xinzhou.localhost")
    column = ColumnPage.objects.get(url_path=f"{site.root_page.url_path}xxfb/zwdt/")
    problems_before = Page.find_problems()
    titles = [f"树结构检查第{number}篇" for number in range(3)]
    lines = [
        line({**NEXT, "title": title, "published_at": f"2019-05-0{n + 1}T09:30:00+08:00"})
        for n, title in enumerate(titles)
    ]
    run_import(write_lines(tmp_path, lines))

    assert Page.find_problems() == problems_before
    column.refresh_from_db()
    assert column.numchild == column.get_children().count()
    pages = list(ArticlePage.objects.filter(title__in=titles).order_by("path"))
    assert [page.title for page in pages] == titles
    assert all(page.get_parent().pk == column.pk for page in pages)
    assert pages[0].url_path == f"{column.url_path}{pages[0].slug}/"
    assert titles[1] in [page.title for page in ArticlePage.objects.live().search("树结构检查第1篇")]
    # An editor adds a page to the same column afterwards, as treebeard would.
    column.add_child(instance=ArticlePage(title="编辑新增", slug="bianji", source="办公室", live=False))
    assert Page.find_problems() == problems_before


def test_import__an_over_long_line_is_reported_and_the_lines_after_it_keep_their_numbers(tmp_path, monkeypatch):
    monkeypatch.setattr("sites.importing.MAX_LINE_BYTES", 2048)
    long_line = line({**GOOD, "body_html": "<p>" + "长" * 4000 + "</p>"})
    out, err = run_import(write_lines(tmp_path, [long_line, line(NEXT)]))
    assert err.startswith("第 1 行：该行过长（超过 2.0")
    assert len(err.splitlines()) == 1
    assert "导入 1 篇" in out


def test_import__missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="不存在"):
        call_command("import_content", str(tmp_path / "none.jsonl"))


def test_import__purges_each_site_once_for_the_whole_run(tmp_path, django_capture_on_commit_callbacks):
    site = Site.objects.get(hostname="xinzhou.localhost")
    before = SiteCacheVersion.objects.get(site=site).version
    titles = [f"第{number}篇" for number in range(3)]
    path = write_lines(tmp_path, [line({**NEXT, "title": title}) for title in titles])

    with django_capture_on_commit_callbacks(execute=True):
        run_import(path)

    assert ArticlePage.objects.filter(title__in=titles).count() == 3
    assert SiteCacheVersion.objects.get(site=site).version == before + 1


# Attachments: only files inside the attachments directory, and only what an admin could upload.


@pytest.mark.parametrize(
    ("attachment", "reason"),
    [
        ("/etc/hostname", "不在附件目录之内"),
        ("../../../../../../../../etc/passwd", "不在附件目录之内"),
        ("/proc/self/environ", "不在附件目录之内"),
        ("../db.sqlite3", "不在附件目录之内"),
        ("files/../../db.sqlite3", "不在附件目录之内"),
        ("{tmp}/db.sqlite3", "不在附件目录之内"),
        ("files/", "的类型不允许上传"),
        ("", "附件路径为空"),
    ],
)
def test_import__refuses_an_attachment_that_is_not_a_file_inside_the_directory(tmp_path, attachment, reason):
    (tmp_path / "db.sqlite3").write_bytes(b"SQLite format 3\x00 password hashes")
    export = tmp_path / "export"
    export.mkdir()
    count = documents()
    attachment = attachment.format(tmp=tmp_path)
    out, err = run_import(write_lines(export, [line({**GOOD, "attachments": [attachment]}), line(NEXT)]))
    assert err.startswith("第 1 行：")
    assert reason in err
    assert "导入 1 篇" in out
    assert documents() == count
    assert not ArticlePage.objects.filter(title=GOOD["title"]).exists()


@pytest.mark.parametrize("target", ["/etc/hostname", "../secret.pdf"])
def test_import__refuses_a_symlink_that_points_out_of_the_directory(tmp_path, target):
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 not for the public")
    export = tmp_path / "export"
    path = write_lines(export, [line({**GOOD, "attachments": ["files/链接.pdf"]})])
    (export / "files" / "链接.pdf").symlink_to(target if target.startswith("/") else export.parent / "secret.pdf")
    count = documents()
    _out, err = run_import(path)
    assert err.startswith("第 1 行：附件 files/链接.pdf 不在附件目录之内")
    assert documents() == count


def test_import__refuses_a_path_through_a_symlinked_directory_that_points_out(tmp_path):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.pdf").write_bytes(b"%PDF-1.4 not for the public")
    export = tmp_path / "export"
    path = write_lines(export, [line({**GOOD, "attachments": ["shared/secret.pdf"]})])
    (export / "shared").symlink_to(tmp_path / "outside", target_is_directory=True)
    _out, err = run_import(path)
    assert "不在附件目录之内" in err


def test_import__accepts_a_symlink_that_stays_inside_the_directory(tmp_path):
    path = write_lines(tmp_path, [line({**GOOD, "attachments": ["files/别名.pdf"]})])
    (tmp_path / "files" / "别名.pdf").symlink_to(tmp_path / "files" / "通知.pdf")
    out, err = run_import(path)
    assert err == ""
    assert "导入 1 篇" in out


def test_import__attachments_root_is_where_attachments_resolve_and_nothing_outside_it(tmp_path):
    root = tmp_path / "attachments"
    (root / "2019").mkdir(parents=True)
    (root / "2019" / "年报.pdf").write_bytes(b"%PDF-1.4 annual report")
    lines = [
        line({**GOOD, "attachments": ["2019/年报.pdf"]}),
        # Next to the import file, but outside the root that was named.
        line({**NEXT, "attachments": ["files/通知.pdf"]}),
    ]
    out, err = run_import(write_lines(tmp_path, lines), "--attachments-root", str(root))
    assert "导入 1 篇" in out
    assert err.startswith("第 2 行：附件不存在：files/通知.pdf")
    page = ArticlePage.objects.get(title=GOOD["title"])
    assert page.attachments.get().document.file.read() == b"%PDF-1.4 annual report"


@pytest.mark.parametrize("name", ["page.html", "logo.svg", "app.js", "page.HTM", "run.exe", "noextension"])
def test_import__refuses_an_attachment_type_the_admin_refuses(tmp_path, name):
    path = write_lines(tmp_path, [line({**GOOD, "attachments": [f"files/{name}"]})])
    (tmp_path / "files" / name).write_bytes(b"<script>alert(document.cookie)</script>")
    count = documents()
    _out, err = run_import(path)
    assert err.startswith(f"第 1 行：附件 files/{name} 的类型不允许上传（允许：pdf、doc")
    assert documents() == count


def test_import__refuses_a_pdf_name_that_links_to_an_html_file(tmp_path):
    path = write_lines(tmp_path, [line({**GOOD, "attachments": ["files/通知2.pdf"]})])
    (tmp_path / "files" / "page.html").write_bytes(b"<script>alert(1)</script>")
    (tmp_path / "files" / "通知2.pdf").symlink_to(tmp_path / "files" / "page.html")
    _out, err = run_import(path)
    assert "的类型不允许上传" in err


def test_import__refuses_an_attachment_over_the_upload_limit(tmp_path, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 24
    path = write_lines(tmp_path, [line({**GOOD, "attachments": ["files/大文件.pdf"]}), line(GOOD)])
    (tmp_path / "files" / "大文件.pdf").write_bytes(b"%PDF-1.4 " + b"x" * 16)
    count = documents()
    out, err = run_import(path)
    assert err.startswith("第 1 行：附件 files/大文件.pdf 超过大小上限 24")
    # The file of exactly the limit (24 bytes) goes in.
    assert "导入 1 篇" in out
    assert documents() == count + 1


def test_import__refuses_a_fifo_without_waiting_for_a_writer(tmp_path):
    path = write_lines(tmp_path, [line({**GOOD, "attachments": ["files/管道.pdf"]})])
    os.mkfifo(tmp_path / "files" / "管道.pdf")
    _out, err = run_import(path)
    assert err.startswith("第 1 行：附件 files/管道.pdf 不是普通文件")


def test_import__a_line_that_fails_after_storing_its_attachment_leaves_no_file(tmp_path):
    site = Site.objects.select_related("root_page").get(hostname="xinzhou.localhost")
    column = ColumnPage.objects.get(url_path=f"{site.root_page.url_path}xxfb/zwdt/")
    article = LegacyArticle(
        site=site,
        column=column,
        title=GOOD["title"],
        body_html="",
        published_at=datetime.fromisoformat(GOOD["published_at"]),
        source="",
        author="",
        tags=[],
        attachments=[],
    )
    # Another page already holds the slug the article would get, so saving it fails in the tree.
    column.add_child(instance=Page(title="占用", slug=f"20190501-{article.import_key[:12]}"))
    unique = {**GOOD, "attachments": ["files/唯一.pdf"]}
    path = write_lines(tmp_path, [line(unique), line(NEXT)])
    (tmp_path / "files" / "唯一.pdf").write_bytes(b"%PDF-1.4 only this line has this file")
    files, count = stored_files(), documents()

    out, err = run_import(path)

    assert err.startswith(f"第 1 行：栏目 {column.url_path} 中已有网址名为 20190501-{article.import_key[:12]} 的页面")
    assert "导入 1 篇" in out
    assert documents() == count
    assert stored_files() == files


# Hostile lines: each is one numbered error, and the next line still goes in.


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (line({**GOOD, "body_html": None}), "缺少正文（body_html）"),
        (line({k: v for k, v in GOOD.items() if k != "body_html"}), "缺少正文（body_html）"),
        (line({**GOOD, "body_html": "<script>alert(1)</script><style>p{}</style><p> </p>"}), "正文清洗后为空"),
        (line({**GOOD, "body_html": "<div>" * 100_000 + "深" + "</div>" * 100_000}), "正文 HTML 嵌套层次过深"),
        ('{"site": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON 嵌套层次过深"),
        ('{"title": ' + "1" * 5_000 + "}", "不是有效的 JSON"),
        (line({**GOOD, "published_at": "0001-01-01T00:00:00+08:00"}), "早于 1900-01-01"),
        (line({**GOOD, "published_at": "0001-01-01 00:00"}), "早于 1900-01-01"),
        (line({**GOOD, "published_at": "9999-12-31T23:59:59-23:59"}), "晚于当前时间"),
        (line({**GOOD, "published_at": "10000-01-01T00:00:00"}), "不是 ISO-8601 格式"),
        (line({**GOOD, "published_at": 20190501}), "发布时间（published_at）应为字符串"),
        # Only as a JSON escape: a lone surrogate cannot be written in UTF-8 at all.
        (json.dumps({**GOOD, "title": "孤立代理项\ud800"}), "标题（title）含有无效的 Unicode 字符（\\ud800）"),
        (json.dumps({**GOOD, "body_html": "<p>正文\udfff</p>"}), "正文（body_html）含有无效的 Unicode 字符"),
        (line({**GOOD, "title": "空字符\x00标题"}), "标题（title）含有 NUL 字符"),
        (line({**GOOD, "body_html": "<p>正文\x00</p>"}), "正文（body_html）含有 NUL 字符"),
        (line({**GOOD, "author": "张\x00三"}), "作者（author）含有 NUL 字符"),
        (line({**GOOD, "tags": ["标签\x00"]}), "标签（tags）含有 NUL 字符"),
        (line({**GOOD, "attachments": ["files/通知.pdf\x00.html"]}), "附件（attachments）含有 NUL 字符"),
        (line({**GOOD, "title": ["列表", "标题"]}), "标题（title）应为字符串"),
        (line({**GOOD, "site": 42}), "站点（site）应为字符串"),
        (line({**GOOD, "column": {"path": "xxfb"}}), "栏目（column）应为字符串"),
        (line({**GOOD, "author": True}), "作者（author）应为字符串"),
        (line({**GOOD, "attachments": "files/通知.pdf"}), "附件（attachments）应为字符串数组"),
        (line({**GOOD, "tags": [1, 2]}), "标签（tags）应为字符串数组"),
        (line({**GOOD, "site": "\x1b[2J\x1b[31mevil.localhost"}), "站点 \\x1b[2J\\x1b[31mevil.localhost 不存在"),
        (line({**GOOD, "column": "../zwdt"}), "站点 xinzhou.localhost 下没有栏目 ../zwdt"),
        (line({**GOOD, "title": "长" * 256}), "标题（title）过长（256 个字符，最多 255 个）"),
        (line({**GOOD, "author": "长" * 61}), "作者（author）过长（61 个字符，最多 60 个）"),
        (line({**GOOD, "source": "长" * 121}), "来源（source）过长（121 个字符，最多 120 个）"),
        (line({**GOOD, "tags": ["长" * 101]}), "标签（tags）过长（101 个字符，最多 100 个）"),
        (line({**GOOD, "title": "编码"}).encode("gbk"), "不是 UTF-8 编码"),
        (b'{"site": "xinzhou.localhost", "title": "\xff\xfe"}', "不是 UTF-8 编码（第 41 个字节起无法解码）"),
    ],
)
def test_import__a_hostile_line_is_one_numbered_error_and_the_next_line_imports(tmp_path, raw, reason):
    out, err = run_import(write_lines(tmp_path, [raw, line(NEXT)]))
    assert "导入 1 篇" in out, err
    assert "出错 1 行" in out
    assert err.startswith("第 1 行：")
    assert reason in err
    assert len(err.splitlines()) == 1
    assert ArticlePage.objects.filter(title=NEXT["title"]).exists()
