"""Blueprints: provision a whole site, with the standard column tree, groups and review workflow.

Every step looks for what exists before it creates anything, so provisioning a site twice leaves
it as provisioning it once did. What provisioning may not do (take another organisation's host,
or give a new site a name whose groups or collection exist already) is refused before anything
is written, by the one rule that the command and the admin form share.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail import hooks
from wagtail.models import Collection, GroupApprovalTask, Page, Site, Workflow, WorkflowPage, WorkflowTask

from sites.enums import Blueprint, ColumnType, ThemeName
from sites.models import ColumnPage, HomePage, Organisation, SiteProfile
from sites.permissions import SiteGroups, ensure_site_groups, site_group_names
from sites.validators import hostname_validator

PORTS = range(1, 65536)


@dataclass(frozen=True)
class ColumnSpec:
    title: str
    slug: str
    column_type: str
    children: tuple["ColumnSpec", ...] = ()


INFORMATION_COLUMNS = (
    ColumnSpec("概况信息", "gkxx", ColumnType.OVERVIEW),
    ColumnSpec("机构职能", "jgzn", ColumnType.FUNCTIONS),
    ColumnSpec("负责人信息", "fzrxx", ColumnType.LEADERS),
    ColumnSpec("文件资料", "wjzl", ColumnType.POLICY_FILES),
    ColumnSpec("政务动态", "zwdt", ColumnType.NEWS),
)
# County portals also carry the news of the departments that have no site of their own.
COUNTY_INFORMATION_COLUMNS = (*INFORMATION_COLUMNS, ColumnSpec("部门动态", "bmdt", ColumnType.NEWS))
# The city portal lists the news the counties submit to it (信息报送, the `publishing` app).
CITY_INFORMATION_COLUMNS = (*INFORMATION_COLUMNS, ColumnSpec("区县动态", "qxdt", ColumnType.NEWS))


def _standard_columns(information_columns: tuple[ColumnSpec, ...]) -> tuple[ColumnSpec, ...]:
    return (
        ColumnSpec("信息发布", "xxfb", ColumnType.CHANNEL, information_columns),
        ColumnSpec("政务公开", "zwgk", ColumnType.CHANNEL, (ColumnSpec("通知公告", "tzgg", ColumnType.NOTICES),)),
        ColumnSpec("解读回应", "jdhy", ColumnType.POLICY_INTERPRETATION),
        ColumnSpec("办事服务", "bsfw", ColumnType.SERVICES),
        ColumnSpec("互动交流", "hdjl", ColumnType.INTERACTION),
        ColumnSpec("在线访谈", "zxft", ColumnType.INTERVIEWS),
    )


TOPICS_COLUMN = ColumnSpec("专题专栏", "ztzl", ColumnType.TOPICS)

BLUEPRINT_COLUMNS: dict[str, tuple[ColumnSpec, ...]] = {
    Blueprint.CITY: (*_standard_columns(CITY_INFORMATION_COLUMNS), TOPICS_COLUMN),
    Blueprint.COUNTY: (*_standard_columns(COUNTY_INFORMATION_COLUMNS), TOPICS_COLUMN),
    Blueprint.DEPARTMENT: _standard_columns(INFORMATION_COLUMNS),
}
BLUEPRINT_THEMES = {
    Blueprint.CITY: ThemeName.CITY,
    Blueprint.COUNTY: ThemeName.COUNTY,
    Blueprint.DEPARTMENT: ThemeName.DEPARTMENT,
}


def default_blueprint(organisation: Organisation) -> Blueprint:
    if not organisation.is_government:
        return Blueprint.DEPARTMENT
    return Blueprint.CITY if organisation.parent_id is None else Blueprint.COUNTY


def default_site_name(organisation: Organisation) -> str:
    return organisation.name if not organisation.is_government else f"{organisation.name}门户网站"


@dataclass
class ProvisionReport:
    site: Site
    created_site: bool = False
    created_columns: list[str] = field(default_factory=list)


def _normalised_hostname(hostname: str) -> str:
    return hostname.strip().lower()


def check_provisioning(organisation: Organisation, hostname: str, *, port: int, site_name: str | None) -> None:
    """Refuse, in Chinese and by form field, what `provision_site` may not do.

    Raises:
        ValidationError: the host name is malformed or serves another organisation's site, the
            port is out of range, or a new site's name is taken by a site, a group or a collection:
            each site has groups and a collection of its own, named after it.
    """
    hostname = _normalised_hostname(hostname)
    errors: dict[str, list[str]] = {}
    try:
        hostname_validator(hostname)
    except ValidationError as error:
        errors["hostname"] = error.messages
    if port not in PORTS:
        errors["port"] = [f"端口应在 {PORTS.start} 到 {PORTS.stop - 1} 之间。"]
    site = Site.objects.filter(hostname=hostname).first()
    owner = Organisation.objects.filter(site_profiles__site=site).first() if site else None
    if owner and owner != organisation:
        errors["hostname"] = [f"域名 {hostname} 已由 {owner.name} 使用。"]
    if site is None and (taken := _name_taken(site_name or default_site_name(organisation))):
        errors["site_name"] = [taken]
    if errors:
        raise ValidationError(errors)


def _name_taken(site_name: str) -> str:
    """Why a new site may not be called `site_name`, or "" if it may."""
    other = Site.objects.filter(site_name=site_name).first()
    if other:
        return f"网站名称“{site_name}”已由 {other.hostname} 使用，请另取网站名称。"
    group = Group.objects.filter(name__in=site_group_names(site_name)).first()
    if group:
        return f"用户组“{group.name}”已存在，请另取网站名称。"
    if Collection.get_first_root_node().get_children().filter(name=site_name).exists():
        return f"集合“{site_name}”已存在，请另取网站名称。"
    return ""


@transaction.atomic
def provision_site(
    organisation: Organisation,
    hostname: str,
    blueprint: str | None = None,
    *,
    port: int = 80,
    site_name: str | None = None,
    is_default: bool = False,
) -> ProvisionReport:
    """Create or complete the site of `organisation` at `hostname` from a blueprint.

    Raises:
        ValidationError: see `check_provisioning`; nothing is written then.
    """
    hostname = _normalised_hostname(hostname)
    check_provisioning(organisation, hostname, port=port, site_name=site_name)
    blueprint = Blueprint(blueprint or default_blueprint(organisation))
    site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
    report = ProvisionReport(site=site)
    if site is None:
        site_name = site_name or default_site_name(organisation)
        home = _create_home(hostname, site_name)
        if is_default:
            Site.objects.filter(is_default_site=True).update(is_default_site=False)
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, site_name=site_name, is_default_site=is_default
        )
        report.site, report.created_site = site, True
    home = site.root_page
    report.created_columns = _ensure_columns(home, BLUEPRINT_COLUMNS[blueprint])
    profile = _ensure_profile(site, organisation, blueprint, report.created_site)
    # The profile remembers the site's collection and groups, so a renamed site keeps them. A new
    # site finds none by its name (`check_provisioning` saw to that), so it gets its own.
    profile.collection = profile.collection or _ensure_collection(site.site_name)
    existing = SiteGroups(profile.editor_group, profile.reviewer_group) if profile.editor_group_id else None
    groups = ensure_site_groups(site.site_name, home, profile.collection, existing)
    profile.editor_group, profile.reviewer_group = groups.editors, groups.reviewers
    profile.save(update_fields=["collection", "editor_group", "reviewer_group"])
    _ensure_workflow(site, home, groups.reviewers)
    # Apps complete the site with what they own (the 政府信息公开 page, say): `fn(site)`, safe to run again.
    for complete_site in hooks.get_hooks("site_provisioned"):
        complete_site(site)
    return report


def _create_home(hostname: str, site_name: str) -> HomePage:
    root = Page.get_first_root_node()
    # A site's home slug never shows in its URLs; the hostname keeps it unique among the homes.
    home = HomePage(title=site_name, slug=slugify(hostname.replace(".", "-")))
    root.add_child(instance=home)
    home.save_revision().publish()
    return home


def _ensure_columns(parent: Page, specs: tuple[ColumnSpec, ...], prefix: str = "") -> list[str]:
    created: list[str] = []
    existing = {page.slug: page for page in parent.get_children()}
    for spec in specs:
        column = existing.get(spec.slug)
        if column is None:
            column = ColumnPage(
                title=spec.title, slug=spec.slug, column_type=spec.column_type, show_in_menus=parent.depth == 2
            )
            parent.add_child(instance=column)
            column.save_revision().publish()
            created.append(f"{prefix}{spec.slug}")
        created += _ensure_columns(column, spec.children, prefix=f"{prefix}{spec.slug}/")
    return created


def _ensure_profile(site: Site, organisation: Organisation, blueprint: Blueprint, new_site: bool) -> SiteProfile:
    profile = SiteProfile.for_site(site)
    profile.organisation = organisation
    profile.short_name = profile.short_name or organisation.short_name
    if not profile.sponsor:
        profile.sponsor = f"{organisation.name}办公室" if organisation.is_government else organisation.name
    if not profile.site_code:
        profile.site_code = next_site_code(organisation.division_code)
    if new_site:
        # Only a new site takes the blueprint's theme; a later choice in the admin stands.
        profile.theme = BLUEPRINT_THEMES[blueprint]
    profile.save()
    return profile


def next_site_code(division_code: str) -> str:
    """The next free 网站标识码 of a division: its code followed by a 4-digit serial."""
    used = SiteProfile.objects.filter(site_code__startswith=division_code).values_list("site_code", flat=True)
    serial = max((int(code[6:]) for code in used if code[6:].isdigit()), default=0) + 1
    return f"{division_code}{serial:04d}"


def _ensure_collection(site_name: str) -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=site_name).first()
    return collection or root.add_child(name=site_name)


def _ensure_workflow(site: Site, home: Page, reviewers) -> Workflow:
    """The site's review workflow: 审核 by its reviewers, then the steps apps add (保密审查).

    Apps add steps through the `site_review_tasks` hook: `fn(site) -> list[Task]`, each task
    created for the site if missing. An existing workflow gets the steps it lacks at its end, so
    provisioning a site again brings an older site's workflow up to date.
    """
    assigned = WorkflowPage.objects.filter(page=home).select_related("workflow").first()
    if assigned:
        workflow = assigned.workflow
    else:
        workflow = Workflow.objects.create(name=f"{site.site_name}审核流程")
        task = GroupApprovalTask.objects.create(name=f"{site.site_name}内容审核")
        task.groups.set([reviewers])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(page=home, workflow=workflow)
    orders = dict(workflow.workflow_tasks.values_list("task_id", "sort_order"))
    present, next_order = set(orders), max(orders.values(), default=-1) + 1
    for add_tasks in hooks.get_hooks("site_review_tasks"):
        for task in add_tasks(site):
            if task.pk not in present:
                WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=next_order)
                present.add(task.pk)
                next_order += 1
    return workflow
