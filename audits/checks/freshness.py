"""Update timeliness, counted in working days by the official calendar, and blank columns."""

from datetime import date

from django.apps import apps
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page

from audits.checks.base import AuditContext, Observation
from audits.working_days import working_days_since
from sites.enums import ColumnType
from sites.models import ArticlePage, ColumnPage
from sites.sections import site_sections

COLUMN_TYPE_BY_LABEL = {label: value for value, label in ColumnType.choices}


def _local_date(moment) -> date:
    return timezone.localtime(moment).date()


def home_not_updated(context: AuditContext):
    root = context.site.root_page
    newest = ArticlePage.objects.live().descendant_of(root).aggregate(newest=Max("pub_date"))["newest"]
    limit = context.indicator_set.home_stale_working_days
    if newest is None:
        yield Observation("首页没有任何带发布时间的信息", context.crawl.start_url)
        return
    age = working_days_since(_local_date(newest), context.today)
    if age > limit:
        yield Observation(
            f"首页最新信息发布于 {_local_date(newest):%Y-%m-%d}，已 {age} 个工作日未更新（期限 {limit} 个工作日）",
            context.crawl.start_url,
        )


def _columns(context: AuditContext) -> list[dict]:
    """The site's live columns, from the same cached sections navigation is built from."""
    return [
        {**section, "type": COLUMN_TYPE_BY_LABEL.get(section["column"]["ColumnType"], "")}
        for path, section in sorted(site_sections(context.site).items())
        if section["column"]
    ]


def _accepted_from_other_sites(context: AuditContext) -> dict[str, list]:
    """{column path: publish dates} of the live articles other sites submitted and the column accepted.

    Read from `publishing`'s submissions by model name, when it is installed, as sibling apps do.
    """
    if not apps.is_installed("publishing"):
        return {}
    accepted: dict[str, list] = {}
    rows = (
        apps.get_model("publishing", "Submission")
        .objects.filter(status="accepted", column__path__startswith=context.site.root_page.path, article__live=True)
        .values_list("column__path", "article__pub_date")
    )
    for path, pub_date in rows:
        accepted.setdefault(path, []).append(pub_date)
    return accepted


def stale_columns(context: AuditContext):
    articles = list(ArticlePage.objects.live().descendant_of(context.site.root_page).values_list("path", "pub_date"))
    accepted = _accepted_from_other_sites(context)
    for column in _columns(context):
        rule = context.column_rules.get(column["type"])
        if rule is None or rule.stale_after_working_days is None:
            continue
        dates = [pub_date for path, pub_date in articles if path.startswith(column["path"])]
        dates += accepted.get(column["path"], [])
        url = context.absolute(column["url"])
        limit = rule.stale_after_working_days
        if not dates:
            # A column without any item is a blank column, counted once, by the blank-column check.
            continue
        newest = _local_date(max(dates))
        age = working_days_since(newest, context.today)
        if age > limit:
            yield Observation(
                f"栏目“{column['title']}”已 {age} 个工作日未更新",
                url,
                f"最新信息 {newest:%Y-%m-%d}；{column['column']['ColumnType']}栏目期限 {limit} 个工作日",
            )


def blank_columns(context: AuditContext):
    root = context.site.root_page
    live_paths = list(Page.objects.live().descendant_of(root).values_list("path", flat=True))
    accepted = _accepted_from_other_sites(context)
    candidates = []
    for column in _columns(context):
        rule = context.column_rules.get(column["type"])
        if (rule is not None and rule.may_be_blank) or column["path"] in accepted:
            continue
        if not any(path.startswith(column["path"]) and path != column["path"] for path in live_paths):
            candidates.append(column)
    with_body = {
        column.path
        for column in ColumnPage.objects.filter(path__in=[column["path"] for column in candidates])
        if len(column.body)
    }
    for column in candidates:
        if column["path"] not in with_body:
            yield Observation(f"栏目“{column['title']}”没有任何内容", context.absolute(column["url"]))
