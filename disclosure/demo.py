"""Demo disclosure: every site's 政府信息公开 page, its catalogue, guides, last year's reports and
requests in every state. Only what is missing is added."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from disclosure import applications, catalogue
from disclosure.enums import ApplicantType, DeliveryMethod, IdDocumentType, Outcome
from disclosure.models import (
    AnnualReport,
    CatalogueEntry,
    DisclosureGuide,
    DisclosurePage,
    EntryAttachment,
    GenreCategory,
    ThemeCategory,
)
from disclosure.reports import publish_report
from disclosure.validators import RESIDENT_ID_CHECKS, RESIDENT_ID_WEIGHTS
from sites.enums import ColumnType
from sites.models import ArticlePage, SiteProfile

PAGE_SLUG = "xxgk"
# Requests on these sites (those with demo accounts), one per state of the handling.
REQUEST_SITES = ("www.", "xinzhou.", "guangfeng.")
REQUEST_SCRIPT = (
    ("received", "2012年以来本市电子政务建设项目的立项批复文件", 1),
    ("accepted", "本区老旧小区改造年度计划及资金安排", 6),
    ("clarifying", "关于某路段拓宽工程的有关文件", 10),
    ("extended", "近三年城区道路挖掘审批情况", 15),
    ("due_soon", "2025年度义务教育学校招生划片方案", 24),
    ("overdue", "本市公共租赁住房分配名单的公开情况", 40),
    ("disclosed", "2025年本级财政预算执行情况", 45),
    ("refused", "某企业环境影响评价报告中涉及商业秘密的部分", 50),
    ("not_held", "1990年某村土地征收的批复文件", 55),
    ("withdrawn", "城区停车位规划资料", 30),
)
APPLICANTS = (("张明", "江西省上饶市信州区五三大道1号"), ("李华", "江西省上饶市广丰区永丰大道8号"))


def seed_demo(sites: list[Site]) -> None:
    """Add the demo disclosure content that is not there yet."""
    theme = ThemeCategory.objects.filter(name="综合政务").first()
    genre = GenreCategory.objects.filter(name="规范性文件").first()
    for site in sites:
        profile = SiteProfile.for_site(site)
        if profile.organisation is None:
            continue
        _platform_page(site)
        _catalogue(site, profile, theme, genre)
        guided = set(DisclosureGuide.objects.values_list("organisation", flat=True))
        for organisation in catalogue.scope_organisations(site):
            if organisation.pk not in guided:
                _guide(organisation, profile)
        _report(profile.organisation)
        if site.hostname.startswith(REQUEST_SITES):
            _requests(profile.organisation)


def _platform_page(site: Site) -> DisclosurePage:
    home = site.root_page
    existing = DisclosurePage.objects.descendant_of(home).first()
    if existing:
        return existing
    page = DisclosurePage(title="政府信息公开", slug=PAGE_SLUG)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _catalogue(site: Site, profile: SiteProfile, theme, genre) -> None:
    home: Page = site.root_page
    policies = ArticlePage.objects.live().descendant_of(home).filter(column_type=ColumnType.POLICY_FILES)
    for number, page in enumerate(policies.order_by("pub_date"), start=1):
        entry = catalogue.sync_page(page)
        if entry is not None and entry.theme_id is None:
            entry.theme, entry.genre = theme, genre
            entry.written_on = timezone.localdate(entry.published_at) - timedelta(days=3)
            entry.save()
            entry.tags.add("政务公开", "演示" if number % 2 else "政务服务")
    organisation = profile.organisation
    title = f"{organisation.short_name}权责清单（演示附件）"
    if CatalogueEntry.objects.filter(title=title, page__isnull=True).exists():
        return
    document = get_document_model().objects.create(
        title=title,
        collection=profile.collection,
        file=ContentFile(f"{title}\n本文件为演示数据。\n".encode(), name=f"demo-qzqd-{organisation.slug}.txt"),
    )
    entry = CatalogueEntry(
        title=title,
        summary=f"{organisation.name}行政权力和责任事项清单，以附件形式公开。",
        theme=theme,
        genre=GenreCategory.objects.filter(name="其他").first(),
        organisation=organisation,
        written_on=date(timezone.localdate().year, 1, 15),
    )
    entry.attachments = [EntryAttachment(document=document)]
    entry.save()


def _guide(organisation, profile: SiteProfile) -> None:
    DisclosureGuide.objects.create(
        organisation=organisation,
        classification=(
            "主动公开的政府信息按主题分类和体裁分类编排，每条信息标注索引号、名称、内容概述、"
            "发布机构、成文日期、发布日期、文号和有效性。（演示数据）"
        ),
        how_to_obtain=(
            "主动公开的信息可在本网站“政府信息公开”栏目检索、查阅和下载。"
            "申请获取其他政府信息的，可通过本网站在线提交申请，也可以书面形式当面提交或邮寄。"
        ),
        office_name=f"{organisation.short_name}政务公开办公室",
        office_address=profile.address or "江西省上饶市",
        office_hours="工作日 上午8:30–12:00，下午14:30–17:30",
        phone=profile.phone or "0793-12345",
        fax=profile.phone or "0793-12345",
        web_contact=profile.email or "webmaster@example.gov.cn",
    )


def _report(organisation) -> None:
    year = timezone.localdate().year - 1
    if AnnualReport.objects.filter(organisation=organisation, year=year).exists():
        return
    report = AnnualReport.objects.create(
        organisation=organisation,
        year=year,
        overview=f"{year}年，{organisation.name}认真贯彻《中华人民共和国政府信息公开条例》，持续推进政务公开。（演示数据）",
        problems="政策解读形式还不够丰富；下一年度将加强图解、视频等解读方式。",
        reconsiderations_upheld=1,
    )
    publish_report(report)


def _resident_id(serial: int) -> str:
    body = f"36110219900101{serial % 1000:03}"
    return body + RESIDENT_ID_CHECKS[sum(int(d) * w for d, w in zip(body, RESIDENT_ID_WEIGHTS, strict=True)) % 11]


def _requests(organisation) -> None:
    today = timezone.localdate()
    for number, (state, description, days_ago) in enumerate(REQUEST_SCRIPT, start=1):
        name, address = APPLICANTS[number % 2]
        data = {
            "applicant_type": ApplicantType.CITIZEN,
            "name": name,
            "id_type": IdDocumentType.RESIDENT_ID,
            "id_number": _resident_id(number),
            "phone": f"1390793{number:04}",
            "address": address,
            "description": f"{description}（演示数据）",
            "delivery": DeliveryMethod.POST,
        }
        received = today - timedelta(days=days_ago)
        request, created = applications.submit_request(
            data, organisation, f"demo-{organisation.code}-{number}", received_on=received
        )
        if created:
            _handle(request, state, received)


def _handle(request, state: str, received: date) -> None:
    if state == "received":
        return
    if state == "withdrawn":
        applications.withdraw(request, None, "申请人来电撤回。", on=received + timedelta(days=2))
        return
    applications.accept(request, None, on=received + timedelta(days=1))
    if state == "clarifying":
        applications.request_clarification(
            request, None, "请补充说明所需文件的名称或文号。", on=received + timedelta(days=2)
        )
    elif state == "extended":
        applications.extend(request, None, 10, "涉及多个部门，需会商。", on=received + timedelta(days=7))
    elif state in ("disclosed", "refused", "not_held"):
        ground = "《中华人民共和国政府信息公开条例》第十五条" if state == "refused" else ""
        applications.answer(
            request,
            None,
            Outcome(state),
            legal_ground=ground,
            note="已按申请人选择的方式送达。",
            on=received + timedelta(days=12),
        )
