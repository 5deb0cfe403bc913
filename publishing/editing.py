"""Checks on what an editor's form submits, before Wagtail's page editor acts on it."""

import json

from django.contrib import messages
from django.shortcuts import redirect

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
    return _check_submitted_words(request)


def check_words_on_edit(request, page):
    """On opening the editor, show the listed words the latest draft holds; on saving, check the form."""
    if request.method == "GET":
        latest = page.get_latest_revision_as_object()
        check = check_texts(page_texts(latest))
        for rules, level in ((check.blocked, messages.error), (check.warned, messages.warning)):
            if rules:
                level(request, check.refusal() if rules is check.blocked else check.warning_html())
        return None
    return refuse_unconfirmed_secrecy_approval(request, page) or _check_submitted_words(request)


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
    approving = request.POST.get("action-workflow-action") and request.POST.get("workflow-action-name") == "approve"
    if check.blocked and (approving or any(request.POST.get(action) for action in _ONWARD_ACTIONS)):
        post = request.POST.copy()
        for action in (*_ONWARD_ACTIONS, "action-workflow-action"):
            post.pop(action, None)
        request.POST = post
        messages.error(request, f"{check.refusal()}已保存为草稿。")
    return None
