"""Admin views of 信息报送: submit an article, the receiving sites' queue, and the statistics."""

import csv
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from wagtail.models import Page

from publishing import syndication
from publishing.enums import SubmissionStatus
from publishing.forms import DecisionForm, PeriodForm, SubmitForm
from publishing.models import Submission
from publishing.records import publication_record
from sites.models import ArticlePage
from sites.permissions import is_cluster_admin


def record(request: HttpRequest, page_id: int) -> HttpResponse:
    """发布记录: who drafted, reviewed, secrecy-checked and published the page."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not (is_cluster_admin(request.user) or page.permissions_for_user(request.user).can_edit()):
        raise PermissionDenied
    return render(request, "publishing/record.html", {"page": page, "lines": publication_record(page)})


def submit(request: HttpRequest, page_id: int) -> HttpResponse:
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = SubmitForm(request.POST or None, columns=syndication.receiving_columns(article))
    if request.method == "POST" and form.is_valid():
        try:
            submissions = syndication.submit(article, list(form.cleaned_data["columns"]), request.user)
        except syndication.SubmissionError as error:
            form.add_error(None, str(error))
        else:
            titles = "、".join(f"“{submission.column.title}”" for submission in submissions)
            messages.success(request, f"《{article.title}》已报送到{titles}，等待对方网站处理。")
            return redirect("publishing_admin:queue")
    existing = Submission.objects.filter(article=article).select_related("column", "target_site")
    return render(request, "publishing/submit.html", {"article": article, "form": form, "existing": existing})


def queue(request: HttpRequest) -> HttpResponse:
    """What waits for the user's decision, and what the user's sites submitted."""
    visible = syndication.submissions_for(request.user)
    pending = [submission for submission in visible.pending() if syndication.may_decide(request.user, submission)]
    return render(
        request,
        "publishing/queue.html",
        {"pending": pending, "recent": visible.exclude(pk__in=[s.pk for s in pending])[:50]},
    )


@require_POST
def decide(request: HttpRequest, submission_id: int, action: str) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("column"), pk=submission_id)
    if not syndication.may_decide(request.user, submission):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        syndication.decide(submission.pk, request.user, accept=action == "accept", reason=reason)
    except syndication.SubmissionError as error:
        messages.error(request, str(error))
    else:
        verb = "已采用" if action == "accept" else "未采用"
        messages.success(request, f"《{submission.article.title}》{verb}。")
    return redirect("publishing_admin:queue")


def statistics(request: HttpRequest) -> HttpResponse:
    """信息报送统计 per organisation and period, as a table or, with `?format=csv`, a CSV file."""
    form = PeriodForm(request.GET or None)
    period = form.cleaned_data if form.is_valid() else {}
    rows = syndication.statistics(syndication.submissions_for(request.user), period.get("start"), period.get("end"))
    if request.GET.get("format") == "csv" and form.is_valid():
        return _csv(rows, period)
    return render(request, "publishing/statistics.html", {"form": form, "rows": rows})


def _csv(rows, period) -> HttpResponse:
    start, end = period.get("start"), period.get("end")
    name = f"信息报送统计_{start or '开始'}_{end or '至今'}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response.write("\ufeff")  # so that spreadsheet programs read the Chinese as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        ["报送单位", "报送", SubmissionStatus.ACCEPTED.label, SubmissionStatus.REJECTED.label, "待处理", "采用率"]
    )
    for row in rows:
        writer.writerow(
            [_cell(row.organisation), row.submitted, row.accepted, row.rejected, row.pending, row.acceptance_rate]
        )
    return response


def _cell(text: str) -> str:
    # A cell starting with one of these is a formula to spreadsheet programs.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
