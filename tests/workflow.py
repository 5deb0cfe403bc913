"""Taking a submitted page through its site's 审核 and 保密审查 as the workflow action dialog does."""

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

ADMIN_HOST = "www.localhost"
CONFIRMED = {"no_state_secret": "on", "no_commercial_secret": "on", "no_personal_information": "on"}


def approve_through_workflow(page: Page, reviewer: str, secrecy_reviewer: str) -> None:
    """`reviewer` approves 审核, then `secrecy_reviewer` confirms 保密审查, which publishes the page."""
    client = Client()
    for username, data in ((reviewer, {"comment": ""}), (secrecy_reviewer, CONFIRMED)):
        client.force_login(get_user_model().objects.get(username=username))
        state = Page.objects.get(pk=page.pk).current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
        response = client.post(url, data, HTTP_HOST=ADMIN_HOST)
        assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
