"""Checks on what an editor's form submits, before Wagtail's page editor acts on it."""

import json

from django.contrib import messages
from django.shortcuts import redirect

from publishing.models import SecrecyReviewTask


def refuse_unconfirmed_secrecy_approval(request, page):
    """`before_edit_page`: a secrecy approval sent from the editor needs every confirmation.

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
