"""The 保密审查 step of every site's review workflow, and its reviewers' group."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import Site, Task

from publishing.models import SecrecyReviewTask
from sites.permissions import is_cluster_admin


def secrecy_group_name(site_name: str) -> str:
    return f"{site_name}{settings.SITE_SECRECY_REVIEWER_GROUP_SUFFIX}"


def site_review_tasks(site: Site) -> list[Task]:
    """The site's 保密审查 task, with its reviewers' group, created if missing; safe to run again.

    Offered to `sites.blueprints` through the `site_review_tasks` hook, so the workflow of every
    site provisioned reads 审核 → 保密审查 → publish. Groups an administrator has given the task
    since are kept.
    """
    task = SecrecyReviewTask.objects.filter(site=site).first()
    if task is None:
        task = SecrecyReviewTask.objects.create(name=f"{site.site_name}保密审查", site=site)
    if not task.groups.exists():
        group, _ = Group.objects.get_or_create(name=secrecy_group_name(site.site_name))
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
        task.groups.add(group)
    return [task]


def secrecy_group_of(site: Site) -> Group | None:
    task = SecrecyReviewTask.objects.filter(site=site).first()
    return task.groups.order_by("pk").first() if task else None


def secrecy_review_required(page) -> bool:
    """Whether `page` (or a new page under it) goes through a workflow with a 保密审查 step."""
    workflow = page.get_workflow()
    return (
        workflow is not None
        and SecrecyReviewTask.objects.filter(active=True, workflow_tasks__workflow=workflow).exists()
    )


def refuse_direct_publish(page, user) -> bool:
    """`refuse_direct_publish` hook: where 保密审查 applies, only the approved workflow publishes.

    A reviewer keeps Wagtail's publish permission, for unpublishing and for deciding 信息报送,
    but may not publish around the secrecy review; cluster administrators may.
    """
    return not is_cluster_admin(user) and secrecy_review_required(page)
