"""Open data: `GET /api/disclosure/entries/` lists the public catalogue of the request's site as JSON or CSV."""

import csv
from http import HTTPStatus

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from wagtail.models import Site

from disclosure import catalogue

PAGE_SIZE = 50
CSV_COLUMNS = (
    ("index_number", "索引号"), ("title", "名称"), ("summary", "内容概述"), ("theme", "主题分类"),
    ("genre", "体裁分类"), ("organisation", "发布机构"), ("organisation_code", "机构编码"),
    ("written_on", "成文日期"), ("published_on", "发布日期"), ("document_number", "文号"),
    ("keywords", "主题词"), ("validity", "有效性"), ("mode", "公开方式"), ("url", "网址"),
)  # fmt: skip


def _csv_cell(value) -> str:
    text = "；".join(value) if isinstance(value, list) else str(value)
    # A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@require_GET
def entries(request: HttpRequest) -> HttpResponse:
    filters = catalogue.read_filters(request.GET)
    found = catalogue.browse(catalogue.scope_organisations(Site.find_for_request(request)), filters).prefetch_related(
        "tags", "attachments__document", "page"
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    records = [catalogue.entry_record(entry) for entry in page.object_list]
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="disclosure-entries.csv"'
        response.write("\ufeff")  # Excel reads UTF-8 only with a byte order mark
        writer = csv.writer(response)
        writer.writerow([label for _key, label in CSV_COLUMNS])
        for record in records:
            writer.writerow([_csv_cell(record[key]) for key, _label in CSV_COLUMNS])
        return response
    body = {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "errors": list(filters.errors),
        "results": records,
    }
    return JsonResponse(body, status=HTTPStatus.OK, json_dumps_params={"ensure_ascii": False})
