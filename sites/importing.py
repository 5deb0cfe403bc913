"""Importing legacy content: JSON Lines, one article a line, published as ArticlePages.

This is how the cluster absorbs the sites it replaces (集约化). Exports come from outside vendors,
so every line is treated as hostile: a bad line is reported with its number and a reason in
Chinese and the others still go in; each line is written in a savepoint of its own, and the files
of a line that fails are deleted again. An attachment is read only from inside the attachments
directory (symlinks resolved) and must pass the rules of an admin document upload. Every item
imported is recorded in `ImportedItem` by a key derived from its site, column, title and date,
so running the same file again adds nothing, not even the articles editors deleted since.
"""

import hashlib
import html
import json
import logging
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import strip_tags
from modelsearch import signal_handlers as search_signal_handlers
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, ReferenceIndex, Site
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.alt_text import images_without_alt_in_html
from cms.sanitizer import sanitize_html
from sites.models import ArticleAttachment, ArticlePage, ArticlePageTag, ColumnPage, ImportedItem, SiteProfile
from sites.publishing import Change, ContentChange, batched_changes, fan_out

logger = logging.getLogger(__name__)

# A longer line is reported, not parsed: an article's HTML is far smaller, its files are attachments.
MAX_LINE_BYTES = 32 * 1024 * 1024
# Lines written per transaction: fewer commits, yet an interrupted run keeps all but the last batch.
LINES_PER_TRANSACTION = 200
# Older dates are typing errors in legacy exports (year 1 crashes time-zone arithmetic).
EARLIEST_PUBLISHED = datetime(1900, 1, 1, tzinfo=timezone.get_fixed_timezone(8 * 60))
SHOWN_CHARACTERS = 80
# Deeper HTML is refused before the sanitizer sees it: its parsers slow down quadratically with
# depth and crash the process (a C stack overflow) near 100,000 nested elements.
MAX_HTML_DEPTH = 256
HTML_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
# Elements that never nest, or whose end tag legacy HTML leaves out and parsers supply.
FLAT_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
     "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "option"}
)  # fmt: skip


class LineError(Exception):
    """A line that cannot be imported; the message is shown to the person importing."""


@dataclass
class ImportReport:
    imported: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Attachment:
    """A file read from the attachments directory, already checked like an admin upload."""

    name: str
    content: bytes

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.content, usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class LegacyArticle:
    site: Site
    column: ColumnPage
    title: str
    body_html: str
    published_at: datetime
    source: str
    author: str
    tags: list[str]
    attachments: list[Attachment]

    @property
    def import_key(self) -> str:
        identity = f"{self.site.hostname}\n{self.column.url_path}\n{self.title}\n{self.published_at.isoformat()}"
        return hashlib.sha256(identity.encode()).hexdigest()


def read_lines(handle: BinaryIO) -> Iterator[bytes]:
    """The lines of a binary file; one longer than `MAX_LINE_BYTES` is cut there, its rest skipped."""
    while line := handle.readline(MAX_LINE_BYTES + 1):
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
        yield line


def import_lines(
    lines: Iterable[bytes | str], attachments_root: Path, progress: Callable[[Iterable], Iterable] = iter
) -> ImportReport:
    """Import every line of a JSON Lines file; attachment paths are relative to `attachments_root`.

    The publish fan-out is suspended for the run: one batch change at its end names every site
    and page, instead of a cache purge per article.
    """
    importer = _Importer(LineParser(attachments_root))
    with batched_changes(), _indexing_by_batch():
        numbered = enumerate(progress(lines), start=1)
        while batch := list(islice(numbered, LINES_PER_TRANSACTION)):
            importer.import_batch(batch)
    return importer.report


def shown(value: str) -> str:
    """`value` as it may be printed in a report: short, control and invalid characters escaped."""
    text = value if len(value) <= SHOWN_CHARACTERS else value[:SHOWN_CHARACTERS] + "…"
    return "".join(character if character.isprintable() else repr(character)[1:-1] for character in text)


class LineParser:
    """Turns one line into a `LegacyArticle`, or says in a `LineError` why it cannot."""

    def __init__(self, attachments_root: Path) -> None:
        self.root = attachments_root.resolve()
        self.sites = {site.hostname: site for site in Site.objects.select_related("root_page")}
        self.columns: dict[tuple[int, str], ColumnPage | None] = {}

    def parse(self, raw: bytes | str, number: int) -> LegacyArticle:
        item = self._json(raw, number)
        site = self._site(_text(item, "site", "站点（site）", required=True))
        column = self._column(site, _text(item, "column", "栏目（column）", required=True))
        title = _text(item, "title", "标题（title）", required=True, max_length=255)
        return LegacyArticle(
            site=site,
            column=column,
            title=title,
            body_html=_body(item),
            published_at=_published_at(_text(item, "published_at", "发布时间（published_at）", required=True)),
            source=_text(item, "source", "来源（source）", max_length=120) or site.site_name,
            author=_text(item, "author", "作者（author）", max_length=60),
            tags=[
                _checked(tag.strip(), "标签（tags）", max_length=100)
                for tag in _strings(item, "tags", "标签（tags）")
                if tag.strip()
            ],
            attachments=[self._attachment(path) for path in _strings(item, "attachments", "附件（attachments）")],
        )

    def _json(self, raw: bytes | str, number: int) -> dict:
        if isinstance(raw, bytes):
            if len(raw.rstrip(b"\r\n")) > MAX_LINE_BYTES:
                raise LineError(f"该行过长（超过 {filesizeformat(MAX_LINE_BYTES)}）")
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")  # the byte-order mark some Windows tools write
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise LineError(f"不是 UTF-8 编码（第 {error.start + 1} 个字节起无法解码）") from error
        try:
            item = json.loads(raw)
        except RecursionError as error:
            raise LineError("JSON 嵌套层次过深") from error
        except json.JSONDecodeError as error:
            raise LineError(f"不是有效的 JSON（第 {error.colno} 列：{error.msg}）") from error
        except ValueError as error:  # e.g. an integer of more than 4,300 digits
            raise LineError(f"不是有效的 JSON（{shown(str(error))}）") from error
        if not isinstance(item, dict):
            raise LineError("每行应为一个 JSON 对象")
        return item

    def _site(self, hostname: str) -> Site:
        site = self.sites.get(hostname.lower())
        if site is None:
            raise LineError(f"站点 {shown(hostname)} 不存在")
        return site

    def _column(self, site: Site, path: str) -> ColumnPage:
        key = (site.pk, path.strip("/"))
        if key not in self.columns:
            url_path = f"{site.root_page.url_path}{key[1]}/"
            self.columns[key] = ColumnPage.objects.filter(url_path=url_path).first() if key[1] else None
        column = self.columns[key]
        if column is None:
            raise LineError(f"站点 {site.hostname} 下没有栏目 {shown(path)}")
        return column

    def _attachment(self, value: str) -> Attachment:
        """Read an attachment, refusing anything an editor could not upload in the admin.

        The path is resolved with its symlinks first and must stay inside the attachments
        directory; the file is then opened without following a symlink swapped in since, and
        must be a regular file (not a FIFO, a device or /proc) no larger than the upload limit.
        """
        name = shown(value)
        if not value.strip():
            raise LineError("附件路径为空")
        try:
            path = (self.root / value.strip()).resolve(strict=True)
        except FileNotFoundError as error:
            raise LineError(f"附件不存在：{name}") from error
        except (OSError, RuntimeError, ValueError) as error:  # a symlink loop, a name too long
            raise LineError(f"附件路径无效：{name}") from error
        if not path.is_relative_to(self.root):
            raise LineError(f"附件 {name} 不在附件目录之内")
        allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
        for extension in {Path(value.strip()).suffix, path.suffix}:
            if allowed and extension.lower().lstrip(".") not in allowed:
                raise LineError(f"附件 {name} 的类型不允许上传（允许：{'、'.join(allowed)}）")
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError as error:
            raise LineError(f"附件无法读取：{name}") from error
        limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise LineError(f"附件 {name} 不是普通文件")
            content = handle.read() if limit is None else handle.read(limit + 1)
        if limit is not None and len(content) > limit:
            raise LineError(f"附件 {name} 超过大小上限 {filesizeformat(limit)}")
        if not content:
            raise LineError(f"附件 {name} 是空文件")
        return Attachment(name=path.name, content=content)


def _checked(value: str, label: str, max_length: int | None = None) -> str:
    """`value` if the database can store it; NUL and lone surrogates are refused, not altered."""
    if "\x00" in value:
        raise LineError(f"{label}含有 NUL 字符")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise LineError(f"{label}含有无效的 Unicode 字符（{shown(error.object[error.start : error.end])}）") from error
    if max_length is not None and len(value) > max_length:
        raise LineError(f"{label}过长（{len(value)} 个字符，最多 {max_length} 个）")
    return value


def _text(item: dict, name: str, label: str, *, required: bool = False, max_length: int | None = None) -> str:
    value = item.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise LineError(f"缺少{label}")
        return ""
    if not isinstance(value, str):
        raise LineError(f"{label}应为字符串")
    return _checked(value.strip(), label, max_length)


def _strings(item: dict, name: str, label: str) -> list[str]:
    value = item.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(element, str) for element in value):
        raise LineError(f"{label}应为字符串数组")
    return [_checked(element, label) for element in value]


def _body(item: dict) -> str:
    body = _text(item, "body_html", "正文（body_html）", required=True)
    if _html_depth(body) > MAX_HTML_DEPTH:
        raise LineError(f"正文 HTML 嵌套层次过深（超过 {MAX_HTML_DEPTH} 层）")
    body = sanitize_html(body)
    if not html.unescape(strip_tags(body)).strip() and "<img" not in body:
        raise LineError("正文清洗后为空（body_html 没有可显示的内容）")
    # Imported pages go live at once, and no page goes out with an image lacking a text alternative.
    if count := images_without_alt_in_html(body):
        raise LineError(f'正文中有 {count} 张图片没有替代文本（alt），请在源数据中补上（装饰性图片写 alt=""）')
    return body


def _html_depth(markup: str) -> int:
    depth = deepest = 0
    for closing, name, self_closing in HTML_TAG.findall(markup):
        if name.lower() in FLAT_ELEMENTS or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _published_at(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise LineError(f"发布时间 {shown(value)} 不是 ISO-8601 格式（如 2024-05-01T09:30:00+08:00）") from error
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # a time without zone is Beijing time
    if moment < EARLIEST_PUBLISHED:
        raise LineError(f"发布时间 {shown(value)} 早于 1900-01-01")
    if moment > timezone.now():
        raise LineError(f"发布时间 {shown(value)} 晚于当前时间")
    return moment


class _Importer:
    """Writes parsed lines, a transaction per batch and a savepoint per line.

    Pages are created live at the end of their column directly, without the revision, publish
    action and tree look-ups an editor's publish goes through: an import has no draft to keep.
    The search and reference indexes are brought up to date once per batch instead of per save.
    """

    def __init__(self, parser: LineParser) -> None:
        self.parser = parser
        self.report = ImportReport()
        self.imported_keys = set(ImportedItem.objects.values_list("key", flat=True))
        self.locale = Locale.get_default()
        self.collections: dict[int, Collection] = {}
        self.tags: dict[str, Tag] = {}
        # Documents already stored, by collection and content hash, so a shared file is stored once.
        self.documents: dict[tuple[int, str], object] = {}
        # The path of the last page under each column; read again at the start of every batch.
        self.last_child_paths: dict[int, str | None] = {}
        self.children_added: Counter[int] = Counter()

    def import_batch(self, batch: list[tuple[int, bytes | str]]) -> None:
        stored: list[str] = []
        self.last_child_paths.clear()
        self.children_added.clear()
        try:
            with transaction.atomic():
                written = [result for number, raw in batch if (result := self._import_line(number, raw, stored))]
                for column_id, added in self.children_added.items():
                    Page.objects.filter(pk=column_id).update(numchild=F("numchild") + added)
                try:
                    with transaction.atomic():
                        _index(written)
                except Exception:
                    # Derived data: the articles stand; rebuild_modelsearch_index and rebuild_references_index redo it.
                    logger.exception("导入的文章未能全部加入搜索和引用索引")
        except BaseException:
            _delete_files(stored)
            raise

    def _import_line(
        self, number: int, raw: bytes | str, stored: list[str]
    ) -> tuple[ArticlePage, LegacyArticle] | None:
        """Import one line; the names of the files it stored are added to `stored`."""
        if not raw.strip():
            return None
        try:
            article = self.parser.parse(raw, number)
        except LineError as error:
            self.report.errors.append((number, str(error)))
            return None
        if article.import_key in self.imported_keys:
            self.report.skipped += 1
            return None
        writer = _ArticleWriter(self, article)
        try:
            with transaction.atomic():
                page = writer.write()
        except LineError as error:
            _delete_files(writer.stored)
            self.report.errors.append((number, str(error)))
            return None
        except Exception as error:
            # Whatever a hostile line provokes in the layers below, it costs that line only.
            logger.exception("导入第 %s 行失败", number)
            _delete_files(writer.stored)
            self.report.errors.append((number, f"无法保存（{type(error).__name__}：{shown(str(error))}）"))
            return None
        stored += writer.stored
        self.imported_keys.add(article.import_key)
        self.documents.update(writer.documents)
        self.tags.update(writer.tags)
        self.last_child_paths[article.column.pk] = page.path
        self.children_added[article.column.pk] += 1
        self.report.imported += 1
        fan_out(ContentChange(Change.PUBLISHED, frozenset({article.site.pk}), page))
        return page, article

    def collection(self, site: Site) -> Collection:
        if site.pk not in self.collections:
            profile_collection = SiteProfile.for_site(site).collection
            self.collections[site.pk] = profile_collection or Collection.get_first_root_node()
        return self.collections[site.pk]

    def next_child_path(self, column: ColumnPage) -> str:
        """The tree path after the last page in `column`, as treebeard's `add_child` computes it."""
        if column.pk not in self.last_child_paths:
            self.last_child_paths[column.pk] = (
                Page.objects.filter(path__startswith=column.path, depth=column.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
        last = self.last_child_paths[column.pk]
        position = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        return Page._get_path(column.path, column.depth + 1, position)


class _ArticleWriter:
    """Publishes one article, remembering the files it stored so a rollback can delete them."""

    def __init__(self, importer: _Importer, article: LegacyArticle) -> None:
        self.importer = importer
        self.article = article
        self.stored: list[str] = []
        # What this line created, cached for the run only once its savepoint has committed.
        self.documents: dict[tuple[int, str], object] = {}
        self.tags: dict[str, Tag] = {}

    def write(self) -> ArticlePage:
        article = self.article
        column = article.column
        collection = self.importer.collection(article.site)
        documents = [self._document(attachment, collection) for attachment in article.attachments]
        page = ArticlePage(
            title=article.title,
            slug=f"{timezone.localtime(article.published_at):%Y%m%d}-{article.import_key[:12]}",
            source=article.source,
            author=article.author,
            pub_date=article.published_at,
            # Stored as it is: the body passed the sanitizer while parsing, and the legacy block
            # would only sanitize the same markup again.
            body=[{"type": "legacy_html", "value": article.body_html}],
            import_key=article.import_key,
            locale=self.importer.locale,
            live=True,
            has_unpublished_changes=False,
            # The legacy publish date, not the moment of import, is when the item was published.
            first_published_at=article.published_at,
            last_published_at=article.published_at,
            column_type=column.column_type,
            depth=column.depth + 1,
            path=self.importer.next_child_path(column),
        )
        if not Page._slug_is_available(page.slug, column):
            raise LineError(f"栏目 {column.url_path} 中已有网址名为 {page.slug} 的页面")
        # treebeard's own cache of the parent, as `add_child` leaves it: Wagtail's save reads it
        # for the URL path. Every field was checked while parsing, so Wagtail's validation is not
        # run again (its uniqueness checks cost eight queries a page).
        page._cached_parent_obj = column
        page.save(clean=False)
        ArticlePageTag.objects.bulk_create(
            ArticlePageTag(content_object=page, tag=self._tag(name)) for name in dict.fromkeys(article.tags)
        )
        ArticleAttachment.objects.bulk_create(
            ArticleAttachment(page=page, document=document, title=attachment.name, sort_order=sort_order)
            for sort_order, (attachment, document) in enumerate(zip(article.attachments, documents, strict=True))
        )
        ImportedItem.objects.create(key=article.import_key, site=article.site, page=page)
        return page

    def _tag(self, name: str) -> Tag:
        tag = self.importer.tags.get(name) or self.tags.get(name)
        if tag is None:
            tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
        self.tags[name] = tag
        return tag

    def _document(self, attachment: Attachment, collection: Collection):
        document_model = get_document_model()
        key = (collection.pk, attachment.content_hash)
        document = self.importer.documents.get(key) or self.documents.get(key)
        if document is None:
            document = document_model.objects.filter(file_hash=key[1], collection=collection).first()
        if document is None:
            document = document_model(title=attachment.name, collection=collection, file_hash=key[1])
            document.file.save(attachment.name, ContentFile(attachment.content), save=False)
            self.stored.append(document.file.name)
            document.file_size = len(attachment.content)
            document.save()
        self.documents[key] = document
        return document


@contextmanager
def _indexing_by_batch() -> Iterator[None]:
    """Keep the search and reference indexes from updating on every page save; `_index` does it."""
    search_connected = post_save.disconnect(search_signal_handlers.post_save_signal_handler, sender=ArticlePage)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        if search_connected:
            post_save.connect(search_signal_handlers.post_save_signal_handler, sender=ArticlePage)


def _index(written: list[tuple[ArticlePage, LegacyArticle]]) -> None:
    if not written:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ArticlePage, [page for page, _article in written])
    # An imported article refers to nothing but its attachments' documents.
    for page, article in written:
        if article.attachments:
            ReferenceIndex.create_or_update_for_object(page)


def _delete_files(names: list[str]) -> None:
    storage = get_document_model()._meta.get_field("file").storage
    for name in names:
        storage.delete(name)
