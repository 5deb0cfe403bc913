"""The review workflow 审核 → 保密审查 → publish, through the admin's real HTTP views, role by role."""

import re
from http import HTTPStatus
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Site, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from publishing.models import SecrecyReviewTask, SecrecyReviewTaskState
from publishing.workflows import secrecy_group_of
from sites.blueprints import provision_site
from sites.models import ArticlePage, ColumnPage, SiteProfile
from tests.admin_forms import edit_form_data
from tests.sites.factories import SiteFactory

pytestmark = pytest.mark.django_db

HOST = "xinzhou.localhost"
CONFIRMED = {"no_state_secret": "on", "no_commercial_secret": "on", "no_personal_information": "on"}


def user(username: str):
    return get_user_model().objects.get(username=username)


def news_column(hostname: str) -> ColumnPage:
    home = Site.objects.get(hostname=hostname).root_page
    return ColumnPage.objects.descendant_of(home).get(slug="zwdt")


def submit_article(client, hostname: str = HOST, slug: str = "secrecy-article") -> ArticlePage:
    client.force_login(user("xinzhou_editor"))
    url = reverse("wagtailadmin_pages:add", args=["sites", "articlepage", news_column(hostname).pk])
    data = nested_form_data(
        {
            "title": "保密审查流程中的文章",
            "slug": slug,
            "source": "信州区人民政府办公室",
            "pub_date": "2026-11-20 09:00",
            "validity": "valid",
            "body": streamfield([("rich_text", rich_text("<p>待审核的正文。</p>"))]),
            "attachments": inline_formset([]),
            "tags": "",
            "action-submit": "提交审核",
        }
    )
    response = client.post(url, data, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    return ArticlePage.objects.get(slug=slug)


def act(client, username: str, page: ArticlePage, action: str, data: dict, **headers):
    client.force_login(user(username))
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, data, HTTP_HOST="www.localhost", **headers)


@pytest.fixture
def secrecy_reviewer():
    reviewer = get_user_model().objects.create_user("xinzhou_secrecy_officer", first_name="保密员")
    reviewer.groups.add(secrecy_group_of(Site.objects.get(hostname=HOST)))
    return reviewer


def test_site_workflow__reads_review_then_secrecy_review():
    site = Site.objects.get(hostname=HOST)
    workflow = WorkflowPage.objects.get(page=site.root_page).workflow
    assert [task.name for task in workflow.tasks] == [f"{site.site_name}内容审核", f"{site.site_name}保密审查"]
    assert secrecy_group_of(site).name == f"{site.site_name}保密审查"


def test_provisioning_again__adds_no_second_secrecy_step():
    site = SiteFactory()
    provision_site(SiteProfile.for_site(site).organisation, site.hostname)
    workflow = WorkflowPage.objects.get(page=site.root_page).workflow
    assert [task.specific_class for task in workflow.tasks] == [GroupApprovalTask, SecrecyReviewTask]


def test_migration__gives_an_existing_sites_workflow_its_secrecy_step():
    site = SiteFactory()
    SecrecyReviewTask.objects.filter(site=site).delete()
    workflow = WorkflowPage.objects.get(page=site.root_page).workflow
    assert [task.specific_class for task in workflow.tasks] == [GroupApprovalTask]

    migration = import_module("publishing.migrations.0002_secrecy_review_of_existing_sites")
    migration.add_secrecy_review(apps, None)

    assert [task.specific_class for task in workflow.tasks] == [GroupApprovalTask, SecrecyReviewTask]
    assert secrecy_group_of(site).permissions.filter(codename="access_admin").exists()


def test_three_users__draft_review_and_secrecy_check_publish_the_article(client, secrecy_reviewer):
    page = submit_article(client)
    assert page.current_workflow_task.specific_class is GroupApprovalTask

    response = act(client, "xinzhou_reviewer", page, "approve", {"comment": "内容无误"})
    assert response.status_code == HTTPStatus.FOUND
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.specific_class is SecrecyReviewTask

    response = act(client, secrecy_reviewer.username, page, "approve", CONFIRMED)
    assert response.status_code == HTTPStatus.FOUND
    page.refresh_from_db()
    assert page.live
    review = SecrecyReviewTaskState.objects.get(workflow_state__object_id=str(page.pk))
    assert review.status == review.STATUS_APPROVED
    assert (review.no_state_secret, review.no_commercial_secret, review.no_personal_information) == (True,) * 3
    assert review.finished_by == secrecy_reviewer
    assert review.finished_at is not None


def test_secrecy_approval__without_every_confirmation_is_refused(client, secrecy_reviewer):
    page = submit_article(client)
    act(client, "xinzhou_reviewer", page, "approve", {"comment": ""})
    page.refresh_from_db()

    partial = {"no_state_secret": "on", "no_commercial_secret": "on"}
    response = act(client, secrecy_reviewer.username, page, "approve", partial, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert "须确认不含个人信息" in response.json()["html"]
    act(client, secrecy_reviewer.username, page, "approve", partial)

    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state.status == "in_progress"


def test_secrecy_approval__from_the_editor_without_confirmations_is_refused(client, secrecy_reviewer):
    """The page editor hands its modal's data to the task unchecked; it is checked before."""
    page = submit_article(client)
    act(client, "xinzhou_reviewer", page, "approve", {"comment": ""})
    client.force_login(secrecy_reviewer)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), HTTP_HOST="www.localhost")
    assert edit.status_code == HTTPStatus.OK
    data = edit_form_data(edit)
    data |= {
        "action-workflow-action": ["true"],
        "workflow-action-name": ["approve"],
        "workflow-action-extra-data": ['{"no_state_secret": true}'],
    }
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, data, HTTP_HOST="www.localhost", follow=True)

    assert "须确认不含商业秘密" in response.content.decode()
    page.refresh_from_db()
    assert not page.live


def test_secrecy_reviewer__rejects_with_a_reason_and_the_editor_sees_it(client, secrecy_reviewer):
    page = submit_article(client)
    act(client, "xinzhou_reviewer", page, "approve", {"comment": ""})
    page.refresh_from_db()

    act(client, secrecy_reviewer.username, page, "reject", {"comment": ""})
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    act(client, secrecy_reviewer.username, page, "reject", {"comment": "第三段含有住址，请删除"})
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(user("xinzhou_editor"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), HTTP_HOST="www.localhost").content.decode()
    assert "第三段含有住址，请删除" in html


def test_another_sites_secrecy_reviewer__cannot_approve(client):
    page = submit_article(client)
    act(client, "xinzhou_reviewer", page, "approve", {"comment": ""})
    page.refresh_from_db()
    outsider = get_user_model().objects.create_user("guangfeng_secrecy_officer")
    outsider.groups.add(secrecy_group_of(Site.objects.get(hostname="guangfeng.localhost")))

    response = act(client, outsider.username, page, "approve", CONFIRMED)

    assert response.status_code == HTTPStatus.FORBIDDEN
    page.refresh_from_db()
    assert not page.live


def test_audit_log__names_reviewer_and_secrecy_reviewer_with_the_confirmation(client, secrecy_reviewer):
    page = submit_article(client)
    act(client, "xinzhou_reviewer", page, "approve", {"comment": ""})
    page.refresh_from_db()
    act(client, secrecy_reviewer.username, page, "approve", CONFIRMED)

    client.force_login(user("admin"))
    html = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]), HTTP_HOST="www.localhost").content
    html = html.decode()
    assert "已确认不含国家秘密、不含商业秘密、不含个人信息" in html
    assert "保密员" in html


def test_secrecy_task__refuses_an_approval_without_confirmations_whoever_calls_it(client, secrecy_reviewer):
    page = submit_article(client)
    act(client, "xinzhou_reviewer", page, "approve", {"comment": ""})
    page.refresh_from_db()
    task = page.current_workflow_task.specific

    with pytest.raises(PermissionDenied, match="须确认不含个人信息"):
        task.on_action(page.current_workflow_task_state, secrecy_reviewer, "approve", no_state_secret=True)
    page.refresh_from_db()
    assert page.current_workflow_task_state.status == "in_progress"


def test_publication_record__names_who_drafted_reviewed_checked_and_published(client, secrecy_reviewer):
    page = submit_article(client)
    act(client, "xinzhou_reviewer", page, "approve", {"comment": "同意"})
    page.refresh_from_db()
    act(client, secrecy_reviewer.username, page, "approve", CONFIRMED)

    client.force_login(user("xinzhou_editor"))
    html = client.get(reverse("publishing_admin:record", args=[page.pk]), HTTP_HOST="www.localhost").content.decode()

    rows = re.findall(r'<th scope="row">(\S+)</th><td>([^<]+)</td>', html)
    drafter = user("xinzhou_editor")
    reviewer = user("xinzhou_reviewer")
    assert rows == [
        ("起草", drafter.get_full_name() or drafter.username),
        ("审核", reviewer.get_full_name() or reviewer.username),
        ("保密审查", "保密员"),
        ("发布", "保密员"),
    ]


def test_publication_record__is_not_shown_to_another_sites_editor(client):
    page = submit_article(client)
    client.force_login(user("guangfeng_editor"))
    response = client.get(reverse("publishing_admin:record", args=[page.pk]), HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_secrecy_reviewer__finds_the_item_awaiting_them_on_the_dashboard(client, secrecy_reviewer):
    page = submit_article(client)
    act(client, "xinzhou_reviewer", page, "approve", {"comment": ""})

    client.force_login(secrecy_reviewer)
    dashboard = client.get(reverse("wagtailadmin_home"), HTTP_HOST="www.localhost").content.decode()
    assert page.title in dashboard
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), HTTP_HOST="www.localhost")
    assert edit.status_code == HTTPStatus.OK
    assert "保密审查通过" in edit.content.decode()
