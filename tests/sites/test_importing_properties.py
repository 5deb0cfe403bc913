"""Property: whatever a JSON Lines file holds, each line imports or is one numbered Chinese error.

Lines are arbitrary bytes, arbitrary JSON values, and article objects whose fields are each either
plausible or any JSON value. No line raises, and a line that fails leaves nothing behind: no page,
no import record, no document, no file, no tag, no child counted in its column.
"""

import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from sites.importing import import_lines, read_lines
from sites.models import ArticleAttachment, ArticlePage, ColumnPage, ImportedItem

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u4e00-\u9fff]")
COLUMN_PATHS = ["xxfb/zwdt", "xxfb"]
# Each example is a whole import; few, since each imports pages for real (the suite runs twice in CI).
examples = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

troubles = st.sampled_from(["", " ", "\x00", "\ud800", "\u202e", "<script>alert(1)</script>", "../", "长" * 300])
texts = st.text(max_size=40) | troubles
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=3),
    max_leaves=8,
)


def either(*plausible: object) -> st.SearchStrategy:
    return st.sampled_from(plausible) | json_values


articles = st.fixed_dictionaries(
    {
        "site": either("xinzhou.localhost", "www.localhost", "XINZHOU.localhost", "nowhere.localhost"),
        "column": either(*COLUMN_PATHS, "/xxfb/zwdt/", "no/such/column"),
        "title": st.text(min_size=1, max_size=60) | json_values,
        "body_html": either("<p>正文内容</p>", "<p>图文</p><img src='/a.png' onerror='x()'>", "<script>x</script>")
        | st.text(max_size=80),
        "published_at": either("2019-05-01T09:30:00+08:00", "2020-02-29 08:00", "0001-01-01", "9999-12-31", "昨天"),
    },
    optional={
        "source": either("信州区人民政府办公室"),
        "author": either("张三"),
        "tags": st.lists(texts, max_size=3) | json_values,
        "attachments": st.lists(
            st.sampled_from(["files/通知.pdf", "files/另一份.pdf", "files/absent.pdf", "../outside.pdf", ""]),
            max_size=2,
        )
        | json_values,
    },
)


def encoded(value: object, ascii_only: bool) -> bytes:
    # A lone surrogate cannot be UTF-8: written raw, it makes the line undecodable, as in broken exports.
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


lines = st.one_of(
    st.binary(max_size=120),
    st.builds(encoded, json_values, st.booleans()),
    st.builds(encoded, articles, st.booleans()),
    st.builds(encoded, articles, st.booleans()),
)


def media_files() -> set[str]:
    root = Path(django_settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def child_counts_agree(columns: list[ColumnPage]) -> bool:
    for column in columns:
        column.refresh_from_db()
        children = Page.objects.filter(path__startswith=column.path, depth=column.depth + 1).count()
        if column.numchild != children:
            return False
    return True


@pytest.fixture
def attachments_root(tmp_path) -> Path:
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "通知.pdf").write_bytes(b"%PDF-1.4 notice")
    (tmp_path / "files" / "另一份.pdf").write_bytes(b"%PDF-1.4 another")
    (tmp_path.parent / "outside.pdf").write_bytes(b"%PDF-1.4 outside the directory")
    return tmp_path


@examples
@given(st.lists(lines, min_size=1, max_size=5))
def test_import__every_line_imports_or_is_one_numbered_chinese_error_and_leaves_nothing_half_stored(
    attachments_root, file_lines
):
    root = Site.objects.select_related("root_page").get(hostname="xinzhou.localhost").root_page
    columns = list(ColumnPage.objects.filter(url_path__in=[f"{root.url_path}{path}/" for path in COLUMN_PATHS]))
    assert len(columns) == len(COLUMN_PATHS)
    assert child_counts_agree(columns)
    pages, items = ArticlePage.objects.count(), ImportedItem.objects.count()
    document_ids = set(get_document_model().objects.values_list("pk", flat=True))
    tag_ids = set(Tag.objects.values_list("pk", flat=True))
    files = media_files()
    content = b"\n".join(line.replace(b"\n", b" ") for line in file_lines) + b"\n"
    read = list(read_lines(io.BytesIO(content)))

    report = import_lines(read, attachments_root)

    non_blank = {number for number, raw in enumerate(read, start=1) if raw.strip()}
    numbers = [number for number, _message in report.errors]
    assert numbers == sorted(set(numbers))
    assert set(numbers) <= non_blank
    for _number, message in report.errors:
        assert CHINESE.search(message), message
        assert "\n" not in message
    assert report.imported + report.skipped + len(report.errors) == len(non_blank)

    assert ArticlePage.objects.count() - pages == report.imported
    assert ImportedItem.objects.count() - items == report.imported
    new_documents = get_document_model().objects.exclude(pk__in=document_ids)
    # Every document stored belongs to an article that went in, and every file stored to such a document.
    assert not new_documents.exclude(pk__in=ArticleAttachment.objects.values("document")).exists()
    assert media_files() - files == {document.file.name for document in new_documents}
    assert not Tag.objects.exclude(pk__in=tag_ids).filter(sites_articlepagetag_items__isnull=True).exists()
    assert child_counts_agree(columns)
