"""Importing legacy content: JSON Lines, one article a line, published as ArticlePages.

This is how the cluster absorbs the sites it replaces (集约化). A bad line is reported with its
number and reason and the others still go in; a line already imported is recognised by a key
derived from its site, column, title and date, so running the same file again adds nothing.
"""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Site

from cms.blocks import legacy_html_body
from cms.sanitizer import sanitize_html
from sites.models import ArticleAttachment, ArticlePage, ColumnPage, SiteProfile

REQUIRED_TEXT_FIELDS = ("site", "column", "title")


class LineError(Exception):
    """A line that cannot be imported; the message is shown to the person importing."""


@dataclass
class ImportReport:
    imported: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


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
    attachments: list[Path]

    @property
    def import_key(self) -> str:
        identity = f"{self.site.hostname}\n{self.column.url_path}\n{self.title}\n{self.published_at.isoformat()}"
        return hashlib.sha256(identity.encode()).hexdigest()


def import_lines(lines: Iterable[str], base_dir: Path, progress: Callable[[Iterable], Iterable] = iter) -> ImportReport:
    """Import every line of a JSON Lines file; attachment paths are relative to `base_dir`."""
    report = ImportReport()
    resolver = _Resolver()
    for number, line in enumerate(progress(lines), start=1):
        if not line.strip():
            continue
        try:
            article = parse_line(line, base_dir, resolver)
            if ArticlePage.objects.filter(import_key=article.import_key).exists():
                report.skipped += 1
                continue
            publish_article(article)
            report.imported += 1
        except LineError as error:
            report.errors.append((number, str(error)))
    return report


class _Resolver:
    """Looks up sites and columns once per file rather than once per line."""

    def __init__(self) -> None:
        self.sites = {site.hostname: site for site in Site.objects.select_related("root_page")}
        self.columns: dict[tuple[int, str], ColumnPage | None] = {}

    def site(self, hostname: str) -> Site:
        site = self.sites.get(hostname.strip().lower())
        if site is None:
            raise LineError(f"站点 {hostname} 不存在")
        return site

    def column(self, site: Site, path: str) -> ColumnPage:
        key = (site.pk, path.strip("/"))
        if key not in self.columns:
            url_path = f"{site.root_page.url_path}{key[1]}/"
            self.columns[key] = ColumnPage.objects.filter(url_path=url_path).first() if key[1] else None
        column = self.columns[key]
        if column is None:
            raise LineError(f"站点 {site.hostname} 下没有栏目 {path}")
        return column


def parse_line(line: str, base_dir: Path, resolver: _Resolver) -> LegacyArticle:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise LineError(f"不是有效的 JSON（第 {error.colno} 列：{error.msg}）") from error
    if not isinstance(item, dict):
        raise LineError("每行应为一个 JSON 对象")
    for name in REQUIRED_TEXT_FIELDS:
        if not isinstance(item.get(name), str) or not item[name].strip():
            raise LineError(
                {"site": "缺少站点（site）", "column": "缺少栏目（column）", "title": "缺少标题（title）"}[name]
            )
    site = resolver.site(item["site"])
    column = resolver.column(site, item["column"])
    title = item["title"].strip()
    if len(title) > ArticlePage._meta.get_field("title").max_length:
        raise LineError("标题过长（最多255个字符）")
    return LegacyArticle(
        site=site,
        column=column,
        title=title,
        body_html=sanitize_html(_text(item, "body_html")),
        published_at=_published_at(item.get("published_at")),
        source=_text(item, "source")[:120] or site.site_name,
        author=_text(item, "author")[:60],
        tags=_tags(item.get("tags")),
        attachments=_attachments(item.get("attachments"), base_dir),
    )


def _text(item: dict, name: str) -> str:
    value = item.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise LineError(f"{name} 应为字符串")
    return value.strip()


def _published_at(value) -> datetime:
    if not isinstance(value, str) or not value.strip():
        raise LineError("缺少发布时间（published_at）")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as error:
        raise LineError(f"发布时间 {value} 不是 ISO-8601 格式（如 2024-05-01T09:30:00+08:00）") from error
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # a time without zone is Beijing time
    if moment > timezone.now():
        raise LineError(f"发布时间 {value} 晚于当前时间")
    return moment


def _tags(value) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise LineError("tags 应为字符串数组")
    return [tag.strip()[:100] for tag in value if tag.strip()]


def _attachments(value, base_dir: Path) -> list[Path]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(path, str) for path in value):
        raise LineError("attachments 应为文件路径数组")
    paths = [(base_dir / path).resolve() for path in value]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise LineError("附件不存在：" + "、".join(missing))
    return paths


@transaction.atomic
def publish_article(article: LegacyArticle) -> ArticlePage:
    """Publish one legacy article in its column, attachments filed in its site's collection."""
    page = ArticlePage(
        title=article.title,
        slug=f"{timezone.localtime(article.published_at):%Y%m%d}-{article.import_key[:10]}",
        source=article.source,
        author=article.author,
        pub_date=article.published_at,
        body=legacy_html_body(article.body_html),
        import_key=article.import_key,
    )
    page.tags.add(*article.tags)
    collection = SiteProfile.for_site(article.site).collection or Collection.get_first_root_node()
    for sort_order, path in enumerate(article.attachments):
        page.attachments.add(
            ArticleAttachment(document=_document(path, collection), title=path.name, sort_order=sort_order)
        )
    article.column.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    # The legacy publish date, not the moment of import, is when the item was first published.
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=article.published_at)
    return page


def _document(path: Path, collection: Collection):
    document_model = get_document_model()
    with path.open("rb") as handle:
        content_hash = hashlib.sha1(handle.read(), usedforsecurity=False).hexdigest()
        existing = document_model.objects.filter(file_hash=content_hash).first()
        if existing:
            return existing
        handle.seek(0)
        document = document_model(title=path.name, collection=collection)
        document.file.save(path.name, File(handle), save=False)
        document.file_hash = content_hash
        document.save()
        return document
