"""Seeds the demo cluster: 上饶市, its 12 counties and districts, departments, public institutions, sites and content.

Every step looks for what it would create first and only adds what is missing, so running the
seed again changes nothing, and undoes nothing an administrator has changed since: organisations
are found by code, sites by their organisation (whatever their host is called by now), and a
site's profile and a demo account's groups are set only when they are created.
"""

import hashlib
import io
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from cms.blocks import rich_text_body
from sites.blueprints import provision_site
from sites.demo import content
from sites.divisions import read_divisions
from sites.enums import Blueprint
from sites.models import ArticlePage, ColumnPage, LeaderPage, Organisation, ServiceGuidePage, SiteProfile, TopicPage
from sites.organisations import DepartmentSpec, ensure_department, load_divisions

BEIJING = ZoneInfo("Asia/Shanghai")
E_GOVERNMENT_PLAN = Path(__file__).parent / "data" / "2012-e-government-plan.txt"
E_GOVERNMENT_PLAN_NUMBER = "饶府厅字〔2012〕39号"
E_GOVERNMENT_PLAN_INTERPRETATION = "demo:e-government-plan-2012-interpretation"
COUNTY_COLOURS = (
    "#1b5e20", "#0d47a1", "#4a148c", "#006064", "#33691e", "#bf360c",
    "#1a237e", "#004d40", "#3e2723", "#880e4f", "#01579b", "#827717",
)  # fmt: skip
# Printed by seed_demo and listed in the README; demo settings only (DEMO_USERS_ALLOWED).
DEMO_PASSWORD = "Demo@2026"  # noqa: S105
# The sites that have demo editors and reviewers: account name prefix, organisation code.
DEMO_ACCOUNT_SITES = (("city", "361100"), ("xinzhou", "361102"), ("guangfeng", "361103"))


def site_hostname(slug: str, domain: str) -> str:
    return f"{slug}.{domain}"


@dataclass
class SeedReport:
    sites: list[Site] = field(default_factory=list)
    # Why a planned site was not provisioned, in Chinese (e.g. a deleted site's groups remain).
    refused: list[str] = field(default_factory=list)


def seed_cluster(domain: str, port: int, progress: Callable[[Iterable], Iterable] = iter) -> SeedReport:
    """Seed every organisation, site and page of the demo that is missing."""
    _remove_wagtail_placeholder()
    governments = load_divisions(read_divisions())
    city = next(organisation for organisation in governments.values() if organisation.parent_id is None)
    plan: list[tuple[Organisation, str, Blueprint]] = [(city, "www", Blueprint.CITY)]
    for order, spec in enumerate(content.CITY_DEPARTMENTS):
        department = ensure_department(city, spec, order)
        if spec.slug in content.CITY_DEPARTMENT_SITES:
            plan.append((department, spec.slug, Blueprint.DEPARTMENT))
    for order, spec in enumerate(content.CITY_PUBLIC_INSTITUTIONS, start=len(content.CITY_DEPARTMENTS)):
        ensure_department(city, spec, order)
    for county in governments.values():
        if county.pk == city.pk:
            continue
        plan.append((county, county.slug, Blueprint.COUNTY))
        for order, (name, slug, _news) in enumerate(content.COUNTY_DEPARTMENTS):
            ensure_department(
                county, DepartmentSpec(f"{county.short_name}{name}", f"{county.short_name}{name}", slug), order
            )

    seeded = SeedReport()
    for index, (organisation, slug, blueprint) in enumerate(progress(plan)):
        existing = _profile_of(organisation)
        hostname = existing.site.hostname if existing else site_hostname(slug, domain)
        try:
            report = provision_site(organisation, hostname, blueprint, port=port, is_default=organisation.pk == city.pk)
        except ValidationError as error:
            seeded.refused.append(f"{organisation.name}：{''.join(error.messages)}")
            continue
        if report.created_site:
            _brand(report.site, organisation, index)
        _seed_content(report.site, organisation, random.Random(organisation.code))  # noqa: S311 (demo text, not security)
        seeded.sites.append(report.site)
    if (city_profile := _profile_of(city)) is not None:
        _seed_e_government_plan(city_profile.site)
        _seed_e_government_plan_interpretation(city_profile.site)
    return seeded


def _profile_of(organisation: Organisation) -> SiteProfile | None:
    """The profile of the organisation's (first) site, whatever its host is called by now."""
    return (
        SiteProfile.objects.filter(organisation=organisation)
        .select_related("site", "editor_group", "reviewer_group")
        .order_by("pk")
        .first()
    )


def _remove_wagtail_placeholder() -> None:
    # A fresh Wagtail database holds a "Welcome" page and a localhost site; the cluster replaces them.
    for site in Site.objects.filter(root_page__content_type__model="page", root_page__depth=2):
        page = site.root_page
        site.delete()
        page.delete()


def _brand(site: Site, organisation: Organisation, index: int) -> None:
    """Fill in a new site's demo filing numbers, contact details and colours."""
    profile = SiteProfile.for_site(site)
    government = organisation.government()
    serial = profile.site_code[6:]
    profile.icp_number = f"赣ICP备{profile.site_code[2:]}号"
    profile.police_filing_number = f"赣公网安备 {government.division_code}02{serial}00号"
    profile.conac_id = f"DEMO{profile.site_code}"
    profile.address = f"江西省{government.name.removesuffix('人民政府')}行政中心"
    profile.postcode = "334000"
    profile.phone = f"0793-{8200000 + index * 1111}"
    profile.email = f"webmaster@{organisation.slug}.example.gov.cn"
    profile.description = f"{site.site_name}：政务公开、政务服务、政民互动。"
    profile.keywords = f"{organisation.short_name},政务公开,政务服务,政策文件"
    if organisation.is_government and organisation.parent_id:
        profile.primary_colour = COUNTY_COLOURS[index % len(COUNTY_COLOURS)]
    elif not organisation.is_government:
        profile.primary_colour = "#1f4e9c"
    profile.save()


def _column(home: Page, path: str) -> ColumnPage | None:
    url_path = f"{home.url_path}{path.strip('/')}/"
    return ColumnPage.objects.filter(url_path=url_path).first()


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _seed_content(site: Site, organisation: Organisation, rng: random.Random) -> None:
    home = site.root_page
    if ArticlePage.objects.descendant_of(home).filter(import_key__startswith="demo:").exists():
        return
    words = {"org": organisation.short_name, "gov": organisation.government().name}
    collection = SiteProfile.for_site(site).collection
    _seed_articles(site, organisation, collection, rng)
    for path, body in (("xxfb/gkxx", content.OVERVIEW_BODY), ("xxfb/jgzn", content.FUNCTIONS_BODY)):
        column = _column(home, path)
        column.body = rich_text_body(body.format(**words))
        column.save_revision().publish()
    _seed_leaders(_column(home, "xxfb/fzrxx"), organisation, collection, rng)
    _seed_service_guides(_column(home, "bsfw"), organisation)
    topics = _column(home, "ztzl")
    if topics:
        for number, (title, intro) in enumerate(content.TOPICS, start=1):
            topic = _publish(topics, TopicPage(title=title, slug=f"topic-{number}", intro=intro))
            _publish(
                topic,
                ArticlePage(
                    title=f"{organisation.short_name}{title.removesuffix('专题')}工作综述",
                    slug="overview",
                    source=organisation.name,
                    body=rich_text_body(content.NEWS_BODY.format(**words)),
                    pub_date=timezone.now() - timedelta(days=number),
                    import_key=f"demo:{site.pk}:topic-{number}",
                ),
            )


def _article_plan(home: Page, organisation: Organisation) -> list[tuple[str, Organisation, str, str]]:
    """(column path, publishing organisation, title template, body template) of each demo article."""
    plan = [
        (path, organisation, title, body)
        for path, titles, body in (
            ("xxfb/zwdt", content.NEWS_TITLES, content.NEWS_BODY),
            ("zwgk/tzgg", content.NOTICE_TITLES, content.NOTICE_BODY),
            ("xxfb/wjzl", content.POLICY_TITLES, content.POLICY_BODY),
            ("jdhy", content.INTERPRETATION_TITLES, content.INTERPRETATION_BODY),
        )
        for title in titles
    ]
    if _column(home, "xxfb/bmdt"):
        # Departments without a site of their own publish their news on their county's portal.
        news_by_slug = {slug: news for _name, slug, news in content.COUNTY_DEPARTMENTS}
        for department in organisation.children.filter(slug__in=news_by_slug).order_by("sort_order"):
            plan.append(("xxfb/bmdt", department, news_by_slug[department.slug], content.NEWS_BODY))
    return plan


def _seed_articles(site: Site, organisation: Organisation, collection: Collection, rng: random.Random) -> None:
    home = site.root_page
    cover = _demo_image(f"{organisation.short_name}题图", "#2e5c8a", (960, 540), collection)
    now = timezone.now()
    fresh_columns = set()
    for serial, (path, publisher, title, body) in enumerate(_article_plan(home, organisation), start=1):
        words = {"org": publisher.short_name, "gov": organisation.government().name}
        days = rng.randint(0, 60)
        if path not in fresh_columns:
            # Each column's first item is recent: a column without news for two weeks fails the site's audit.
            fresh_columns.add(path)
            days %= 5
        published = now - timedelta(days=days, hours=rng.randint(0, 9), minutes=rng.randint(0, 59))
        _publish(
            _column(home, path),
            ArticlePage(
                title=title.format(**words),
                slug=f"{published.astimezone(BEIJING):%Y%m%d}-{serial}",
                source=publisher.name,
                organisation=publisher,
                author="演示数据",
                pub_date=published,
                summary=title.format(**words),
                body=rich_text_body(body.format(**words)),
                cover_image=cover if serial == 1 else None,
                document_number=f"{organisation.short_name[:2]}发〔2026〕{serial}号" if path == "xxfb/wjzl" else "",
                import_key=f"demo:{site.pk}:{serial}",
            ),
        )


def _seed_leaders(column: ColumnPage, organisation: Organisation, collection: Collection, rng: random.Random) -> None:
    if organisation.is_government:
        role = "市" if organisation.parent_id is None else organisation.short_name[-1]
        positions = [position.format(role=role) for position in content.GOVERNMENT_POSITIONS]
    else:
        positions = list(content.DEPARTMENT_POSITIONS)
    photo = _demo_image(f"{organisation.short_name}负责人照片", "#7a8794", (240, 320), collection)
    for number, position in enumerate(positions, start=1):
        name = rng.choice(content.LEADER_SURNAMES) + rng.choice(content.LEADER_GIVEN_NAMES)
        words = {"name": name, "org": organisation.short_name, "position": position}
        _publish(
            column,
            LeaderPage(
                title=name,
                slug=f"leader-{number}",
                position=position,
                photo=photo,
                cv=content.LEADER_CV.format(**words),
                duties=content.LEADER_DUTIES.format(**words),
            ),
        )


def _seed_service_guides(column: ColumnPage, organisation: Organisation) -> None:
    for number, guide in enumerate(content.SERVICE_GUIDES, start=1):
        _publish(
            column,
            ServiceGuidePage(
                title=guide["title"],
                slug=f"guide-{number}",
                item_name=guide["title"],
                legal_basis=guide["legal_basis"],
                conditions=guide["conditions"],
                materials=guide["materials"],
                process=guide["process"],
                time_limit=guide["time_limit"],
                fees=guide["fees"],
                hotline="0793-12345",
            ),
        )


def _demo_image(title: str, colour: str, size: tuple[int, int], collection: Collection):
    image_model = get_image_model()
    # The alternative text every image needs (cms.alt_text); images seeded before it get it now.
    description = f"{title}（演示图片：灰色渐变背景上的圆形）"
    existing = image_model.objects.filter(title=title, collection=collection).first()
    if existing:
        if not existing.description:
            existing.description = description
            existing.save(update_fields=["description"])
        return existing
    canvas = PillowImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    width, height = size
    for step in range(0, height, 8):
        shade = int(255 * step / height * 0.35)
        draw.line([(0, step), (width, step)], fill=(shade, shade, shade), width=1)
    draw.ellipse([width * 0.3, height * 0.15, width * 0.7, height * 0.55], fill="#e8e8e8")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    name = hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]
    return image_model.objects.create(
        title=title, description=description, collection=collection, file=ImageFile(buffer, name=f"demo-{name}.png")
    )


def _seed_e_government_plan(city_site: Site) -> None:
    """The city's 2012 e-government plan, which this platform comes from, as a 政策文件."""
    if ArticlePage.objects.filter(document_number=E_GOVERNMENT_PLAN_NUMBER).exists():
        return
    lines = [line.strip() for line in E_GOVERNMENT_PLAN.read_text(encoding="utf-8").splitlines() if line.strip()]
    title = lines[2]
    paragraphs = []
    for line in lines[3:]:
        heading = line[:2] in {"一、", "二、", "三、", "四、", "五、"}
        paragraphs.append(f"<h3>{line}</h3>" if heading else f"<p>{line}</p>")
    _publish(
        _column(city_site.root_page, "xxfb/wjzl"),
        ArticlePage(
            title=title,
            slug="2012-e-government-plan",
            subtitle=lines[0],
            source="上饶市人民政府办公厅",
            pub_date=datetime(2012, 3, 26, 9, 0, tzinfo=BEIJING),
            document_number=E_GOVERNMENT_PLAN_NUMBER,
            summary="转发市电子政务办公室《2012年全市电子政务工作要点》，部署政府网站群建设等工作。",
            body=rich_text_body("".join(paragraphs)),
            import_key="demo:e-government-plan-2012",
        ),
    )


def _seed_e_government_plan_interpretation(city_site: Site) -> None:
    """The city portal's 政策解读 of the 2012 plan, linked to it."""
    plan = ArticlePage.objects.filter(document_number=E_GOVERNMENT_PLAN_NUMBER).first()
    column = _column(city_site.root_page, "jdhy")
    seeded = ArticlePage.objects.filter(import_key=E_GOVERNMENT_PLAN_INTERPRETATION).exists()
    if plan is None or column is None or seeded:
        return
    _publish(
        column,
        ArticlePage(
            title="《2012年全市电子政务工作要点》政策解读",
            slug="2012-e-government-plan-interpretation",
            source="上饶市人民政府办公厅",
            pub_date=datetime(2012, 3, 28, 9, 0, tzinfo=BEIJING),
            summary="解读全市政府网站群建设的目标、任务和分工。",
            body=rich_text_body(
                "<p>2012年，全市以政府网站群建设为重点推进电子政务：市政府门户网站和各县（市、区）、"
                "市直部门网站统一平台、统一标准、统一管理，信息统一发布、分级审核。</p>"
            ),
            interprets=plan,
            import_key=E_GOVERNMENT_PLAN_INTERPRETATION,
        ),
    )


def demo_users() -> list[tuple[str, str, Group | None]]:
    """(username, display name, group) of every demo account; the admin is a superuser too."""
    users = [("admin", "站群管理员", Group.objects.filter(name=settings.CLUSTER_ADMIN_GROUP_NAME).first())]
    for label, code in DEMO_ACCOUNT_SITES:
        organisation = Organisation.objects.filter(code=code).first()
        profile = _profile_of(organisation) if organisation else None
        if profile is None:
            continue
        users += [
            (f"{label}_editor", f"{profile.site.site_name}编辑", profile.editor_group),
            (f"{label}_reviewer", f"{profile.site.site_name}审核", profile.reviewer_group),
        ]
    return users


def seed_demo_users() -> list[str]:
    """Create the missing demo accounts, with the well-known password; refused where settings forbid it.

    An account that exists is left as it is: an administrator may have changed its groups.
    """
    if not settings.DEMO_USERS_ALLOWED:
        return []
    user_model = get_user_model()
    created = []
    for username, display_name, group in demo_users():
        if user_model.objects.filter(username=username).exists():
            continue
        user = user_model(username=username, first_name=display_name, is_staff=username == "admin")
        user.is_superuser = username == "admin"
        user.set_password(DEMO_PASSWORD)
        user.save()
        if group:
            user.groups.add(group)
        created.append(username)
    return created
