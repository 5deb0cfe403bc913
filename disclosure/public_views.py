"""What visitors see on a site's 政府信息公开 page: catalogue, entry, guides, reports, request form, status."""

from http import HTTPStatus

from django.core.paginator import Paginator
from django.http import Http404
from wagtail.models import Site

from cms.client_ip import client_ip
from disclosure import catalogue
from disclosure.applications import find_request, submit_request
from disclosure.enums import EventKind
from disclosure.forms import InformationRequestForm, StatusForm, new_submission_token
from disclosure.models import AnnualReport, CatalogueEntry, DisclosureGuide, GenreCategory, ThemeCategory
from disclosure.ratelimit import lookup_retry_after, submit_retry_after
from sites.enums import Validity

PAGE_SIZE = 20


def _scope(request) -> list[int]:
    return [organisation.pk for organisation in catalogue.scope_organisations(Site.find_for_request(request))]


def catalogue_context(request) -> dict:
    organisations = catalogue.scope_organisations(Site.find_for_request(request))
    filters = catalogue.read_filters(request.GET)
    entries = catalogue.browse(organisations, filters)
    listing = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filters": filters,
        "listing": listing,
        "filter_query": query.urlencode(),
        "organisation_groups": catalogue.organisation_groups(organisations),
        "themes": ThemeCategory.objects.all(),
        "genres": GenreCategory.objects.all(),
        "validities": Validity.choices,
    }


def catalogue_index(page, request):
    return page._render(request, "pages/disclosure_page.html", catalogue_context(request))


def entry(page, request, entry_id: int):
    found = (
        CatalogueEntry.objects.public()
        .filter(pk=entry_id, organisation__in=_scope(request))
        .select_related("organisation", "theme", "genre", "page")
        .first()
    )
    if found is None:
        raise Http404("目录条目不存在。")
    return page._render(request, "pages/disclosure_entry.html", {"entry": found})


def guides(page, request):
    found = DisclosureGuide.objects.filter(organisation__in=_scope(request)).select_related("organisation")
    return page._render(request, "pages/disclosure_guides.html", {"guides": found.order_by("organisation__sort_order")})


def reports(page, request):
    found = (
        AnnualReport.objects.filter(organisation__in=_scope(request), published_at__isnull=False)
        .select_related("organisation")
        .order_by("-year", "organisation__sort_order", "organisation__code")
    )
    return page._render(request, "pages/disclosure_reports.html", {"reports": found})


def report(page, request, report_id: int):
    found = (
        AnnualReport.objects.filter(pk=report_id, organisation__in=_scope(request), published_at__isnull=False)
        .select_related("organisation")
        .first()
    )
    if found is None or not found.is_published:
        raise Http404("年度报告不存在。")
    return page._render(request, "pages/disclosure_report.html", {"report": found})


def apply(page, request):
    """The request form; a valid submit is stored first, then its tracking code is shown."""
    organisations = catalogue.scope_organisations(Site.find_for_request(request))
    if request.method != "POST":
        initial = {"token": new_submission_token(), "organisation": request.GET.get("org", "")}
        form = InformationRequestForm(initial=initial, organisations=organisations)
        return page._render(request, "pages/disclosure_apply.html", {"form": form}, private=True)
    wait = submit_retry_after(client_ip(request))
    if wait is not None:
        form = InformationRequestForm(request.POST, organisations=organisations)
        context = {"form": form, "error": f"提交过于频繁，请{wait}秒后再试。"}
        return page._render(request, "pages/disclosure_apply.html", context, HTTPStatus.TOO_MANY_REQUESTS, True)
    form = InformationRequestForm(request.POST, organisations=organisations)
    if not form.is_valid():
        return page._render(request, "pages/disclosure_apply.html", {"form": form}, HTTPStatus.BAD_REQUEST, True)
    organisation = next(org for org in organisations if org.pk == form.cleaned_data["organisation"])
    stored, _new = submit_request(form.cleaned_data, organisation, form.cleaned_data["token"])
    return page._render(request, "pages/disclosure_submitted.html", {"stored": stored}, private=True)


def status(page, request):
    """An applicant checks their request with its tracking code and phone number (POST: neither lands in a URL)."""
    if request.method != "POST":
        return page._render(request, "pages/disclosure_status.html", {"form": StatusForm()}, private=True)
    form = StatusForm(request.POST)
    context: dict = {"form": form}
    code = HTTPStatus.OK
    if lookup_retry_after(client_ip(request)) is not None:
        context["error"], code = "查询过于频繁，请稍后再试。", HTTPStatus.TOO_MANY_REQUESTS
    elif not form.is_valid():
        code = HTTPStatus.BAD_REQUEST
    else:
        found = find_request(form.cleaned_data["tracking_code"], form.cleaned_data["phone"])
        if found is None:
            context["error"], code = "未找到该申请，请核对查询码和联系电话。", HTTPStatus.NOT_FOUND
        else:
            context["found"] = found
            # Whether an email reached them is for staff; the applicant sees the steps.
            context["events"] = found.events.exclude(kind=EventKind.NOTIFIED)
    return page._render(request, "pages/disclosure_status.html", context, code, True)
