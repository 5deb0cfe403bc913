"""Checks on what an editor's form submits, before Wagtail's page editor acts on it."""

import json

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from publishing.models import SecrecyReviewTask
from publishing.words import check_texts, page_texts, submitted_texts

# The editor's buttons that send a page on towards publication.
_ONWARD_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


def refuse_unconfirmed_secrecy_approval(request, page):
    """A secrecy approval sent from the editor needs every confirmation.

    The editor passes its modal's data to the task without checking it; answering here gives
    the reviewer the reason in Chinese instead of a bare refusal from the task.
    """
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    task = page.current_workflow_task
    if task is None or task.specific_class is not SecrecyReviewTask:
        return None
    action = request.POST.get("workflow-action-name", "")
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        data = {}
    form = task.specific.get_form_for_action(action)(data=data if isinstance(data, dict) else {})
    if form.is_valid():
        return None
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("wagtailadmin_pages:edit", page.pk)


def check_words_on_create(request, parent_page, page_class):
    if request.method == "POST" and request.POST.get("action-publish"):
        _refuse_direct_publish(request, parent_page.permissions_for_user(request.user).can_publish_subpage())
    return _refuse_past_schedule(request, None) or _check_submitted_words(request)


def check_words_on_edit(request, page):
    """On opening the editor, show the listed words the latest draft holds; on saving, check the form."""
    if request.method == "GET":
        latest = page.get_latest_revision_as_object()
        check = check_texts(page_texts(latest))
        for rules, level in ((check.blocked, messages.error), (check.warned, messages.warning)):
            if rules:
                level(request, check.refusal() if rules is check.blocked else check.warning_html())
        return None
    if request.POST.get("action-publish"):
        _refuse_direct_publish(request, page.permissions_for_user(request.user).can_publish())
    return (
        refuse_unconfirmed_secrecy_approval(request, page)
        or _refuse_past_schedule(request, page)
        or _check_submitted_words(request)
    )


def _sending_on(request) -> bool:
    approving = request.POST.get("action-workflow-action") and request.POST.get("workflow-action-name") == "approve"
    return bool(approving or any(request.POST.get(action) for action in _ONWARD_ACTIONS))


def _hold_back(request, reason: str) -> None:
    """Save the editor's draft but send it no further, and say why."""
    post = request.POST.copy()
    for action in (*_ONWARD_ACTIONS, "action-workflow-action"):
        post.pop(action, None)
    request.POST = post
    messages.error(request, f"{reason}已保存为草稿。")


def _refuse_direct_publish(request, may_publish: bool) -> None:
    """Wagtail saves a draft when a publish it does not allow is posted; say why, in Chinese."""
    if not may_publish:
        _hold_back(request, "本网站的内容须经审核和保密审查后发布，您不能直接发布，请提交审核。")


def _refuse_past_schedule(request, page):
    """A go-live time newly set in the past is a mistake, not "publish now": hold the item back."""
    if request.method != "POST" or not _sending_on(request):
        return None
    go_live_at = parse_datetime(request.POST.get("go_live_at", "").strip())
    if go_live_at is None:
        return None
    if timezone.is_naive(go_live_at):
        go_live_at = timezone.make_aware(go_live_at)
    if go_live_at >= timezone.now() or (page is not None and page.go_live_at == go_live_at):
        return None
    shown = timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M")
    _hold_back(request, f"定时发布时间 {shown} 已经过去，请选择将来的时间，或清空后直接发布。")
    return None


def _check_submitted_words(request):
    """Warn about listed words; with a blocked word, save the draft but do not send it on.

    Nothing is published or submitted then; the editor keeps the draft and the message names
    the words, so nothing of the editor's work is lost.
    """
    if request.method != "POST":
        return None
    check = check_texts(submitted_texts(request.POST))
    if check.warned:
        messages.warning(request, check.warning_html())
    if check.blocked and _sending_on(request):
        _hold_back(request, check.refusal())
    return None
