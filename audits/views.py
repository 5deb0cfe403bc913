"""The assessors' admin views: ranking, site report (with chart, CSV and print), dismissing findings."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Site

from audits import reports
from audits.auditing import dismiss
from audits.forms import DismissalForm
from audits.models import Finding
from audits.permissions import can_dismiss, is_assessor, visible_sites


def _visible_sites_or_deny(request: HttpRequest) -> list[Site]:
    sites = visible_sites(request.user)
    if not sites:
        raise PermissionDenied
    return sites


def ranking(request: HttpRequest):
    sites = _visible_sites_or_deny(request)
    context = {
        "assessments": reports.ranking(sites),
        "run": reports.latest_run(),
        "all_sites": is_assessor(request.user),
    }
    return render(request, "audits/ranking.html", context)


def ranking_csv(request: HttpRequest) -> HttpResponse:
    sites = _visible_sites_or_deny(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-ranking-{timezone.localdate():%Y-%m-%d}.csv"'
    # A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["排名", "网站", "域名", "得分", "扣分", "加分", "单项否决", "结论", "问题数", "考核时间"])
    for place, assessment in enumerate(reports.ranking(sites), start=1):
        writer.writerow(
            [
                place,
                _spreadsheet_safe(assessment.site_name),
                assessment.site.hostname,
                assessment.score,
                assessment.deductions,
                assessment.bonus,
                "是" if assessment.vetoed else "否",
                assessment.get_verdict_display(),
                assessment.open_findings,
                f"{timezone.localtime(assessment.run.started_at):%Y-%m-%d %H:%M}",
            ]
        )
    return response


def _spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def site_report(request: HttpRequest, site_id: int):
    site = _visible_site(request, site_id)
    history = reports.score_history(site)
    if not history:
        raise Http404("该网站尚未考核。")
    assessment = history[-1]
    context = {
        "site": site,
        "assessment": assessment,
        "groups": reports.grouped_findings(assessment),
        "points": reports.chart_points(history),
        "chart": {"width": reports.CHART_WIDTH, "height": reports.CHART_HEIGHT, "top": reports.CHART_TOP_SCORE},
        "pass_y": reports.CHART_HEIGHT
        - float(assessment.run.indicator_set.pass_mark) / reports.CHART_TOP_SCORE * reports.CHART_HEIGHT,
        "can_dismiss": can_dismiss(request.user),
        "dismissal_form": DismissalForm(),
    }
    template = "audits/site_report_print.html" if request.GET.get("print") else "audits/site_report.html"
    return render(request, template, context)


def _visible_site(request: HttpRequest, site_id: int) -> Site:
    sites = _visible_sites_or_deny(request)
    site = next((site for site in sites if site.pk == site_id), None)
    if site is None:
        # Another site's report does not exist, as far as this user can tell.
        raise Http404("没有这个网站的考核报告。")
    return site


@require_POST
def dismiss_finding(request: HttpRequest, finding_id: int):
    if not can_dismiss(request.user):
        raise PermissionDenied
    finding = get_object_or_404(Finding.objects.select_related("assessment__site"), pk=finding_id)
    site = finding.assessment.site
    form = DismissalForm(request.POST)
    if form.is_valid():
        dismiss(finding, form.cleaned_data["reason"], request.user)
        messages.success(request, f"已排除：{finding.message}")
    else:
        messages.error(request, "；".join(form.errors["reason"]))
    return redirect("audits:site_report", site_id=site.pk)
