"""Demo disclosure: every site's 政府信息公开 page, its catalogue, guides, last year's reports and
requests in every state, and the catalogues of the 公共企事业单位. Only what is missing is added."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from disclosure import applications, catalogue
from disclosure.deadlines import answer_deadline, working_days_between
from disclosure.enums import (
    OUTCOMES_NEEDING_GROUND,
    ApplicantType,
    DeliveryMethod,
    EventKind,
    IdDocumentType,
    Outcome,
    RequestStatus,
)
from disclosure.models import (
    AnnualReport,
    CatalogueEntry,
    DisclosureGuide,
    DisclosurePage,
    EntryAttachment,
    GenreCategory,
    InformationRequest,
    RequestEvent,
    ThemeCategory,
)
from disclosure.reports import publish_report
from disclosure.validators import RESIDENT_ID_CHECKS, RESIDENT_ID_WEIGHTS
from sites.enums import ColumnType, OrganisationKind
from sites.models import ArticlePage, SiteProfile

# One request per state of the handling, on every site; the answered ones with several outcomes.
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
    ("partly", "2024年城区燃气管网改造工程的招标及合同文件", 48),
    ("not_ours", "某上市公司年度财务报告", 35),
)
# Sites whose queues show a request past its deadline; the others stay clean for the demo's own audit.
OVERDUE_DEMO_SITES = ("www", "xinzhou", "guangfeng")
APPLICANTS = (("张明", "江西省上饶市信州区五三大道1号"), ("李华", "江西省上饶市广丰区永丰大道8号"))
REFUSAL_GROUND = "《中华人民共和国政府信息公开条例》第十五条"
# What each demo 公共企事业单位 publishes (by slug); others publish the generic pair.
INSTITUTION_ENTRIES = {
    "zls": ("{org}2025年第四季度供水水质公示", "{org}居民生活用水价格及收费标准"),
    "gdgs": ("{org}2026年1月计划停电公告", "{org}居民用电阶梯电价执行标准"),
    "rmyy": ("{org}医疗服务价格公示", "{org}2025年度院务公开报告"),
    "gjgs": ("{org}公交线路调整公告", "{org}公交票价及优惠乘车政策"),
}
GENERIC_INSTITUTION_ENTRIES = ("{org}服务收费标准", "{org}服务承诺及办事指南")


def seed_demo(sites: list[Site]) -> None:
    """Add the demo disclosure content that is not there yet."""
    theme = ThemeCategory.objects.filter(name="综合政务").first()
    genre = GenreCategory.objects.filter(name="规范性文件").first()
    organisations = []
    for site in sites:
        profile = SiteProfile.for_site(site)
        if profile.organisation is None:
            continue
        DisclosurePage.ensure_for(site)
        _catalogue(site, profile, theme, genre)
        guided = set(DisclosureGuide.objects.values_list("organisation", flat=True))
        for organisation in catalogue.scope_organisations(site):
            if organisation.pk not in guided:
                _guide(organisation, profile)
            if organisation.kind == OrganisationKind.PUBLIC_INSTITUTION:
                _institution_catalogue(organisation, profile, theme)
        _report(profile.organisation)
        organisations.append((profile.organisation, site.hostname.split(".")[0] in OVERDUE_DEMO_SITES))
    _requests(organisations)


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
    _attachment_entry(
        organisation,
        profile,
        title=f"{organisation.short_name}权责清单（演示附件）",
        summary=f"{organisation.name}行政权力和责任事项清单，以附件形式公开。",
        theme=theme,
        file_name=f"demo-qzqd-{organisation.slug}.txt",
    )


def _institution_catalogue(organisation, profile: SiteProfile, theme) -> None:
    titles = INSTITUTION_ENTRIES.get(organisation.slug, GENERIC_INSTITUTION_ENTRIES)
    for number, template in enumerate(titles, start=1):
        title = template.format(org=organisation.short_name)
        _attachment_entry(
            organisation,
            profile,
            title=f"{title}（演示附件）",
            summary=f"{organisation.name}依照所在领域的信息公开规定公开的{title.removeprefix(organisation.short_name)}。",
            theme=theme,
            file_name=f"demo-{organisation.code}-{number}.txt",
        )


def _attachment_entry(organisation, profile: SiteProfile, *, title: str, summary: str, theme, file_name: str) -> None:
    """An entry published only as an attached file, once."""
    if CatalogueEntry.objects.filter(title=title, page__isnull=True).exists():
        return
    document = get_document_model().objects.create(
        title=title,
        collection=profile.collection,
        file=ContentFile(f"{title}\n本文件为演示数据。\n".encode(), name=file_name),
    )
    entry = CatalogueEntry(
        title=title,
        summary=summary,
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


def _requests(organisations) -> None:
    """The demo requests of every (organisation, with an overdue one), in two bulk inserts with their logs.

    Each request's state, deadline and working days come from its scripted events by the rules
    the handling steps use; no applicant is notified of demo steps.
    """
    tokens = {
        f"demo-{organisation.code}-{number}": (organisation, number)
        for organisation, with_overdue in organisations
        for number, (state, _, _) in enumerate(REQUEST_SCRIPT, start=1)
        if with_overdue or state != "overdue"
    }
    seeded = set(
        InformationRequest.objects.filter(submission_token__in=tokens).values_list("submission_token", flat=True)
    )
    today = timezone.localdate()
    requests, logs = [], []
    for token, (organisation, number) in tokens.items():
        if token in seeded:
            continue
        state, description, days_ago = REQUEST_SCRIPT[number - 1]
        name, address = APPLICANTS[number % 2]
        received = today - timedelta(days=days_ago)
        request = InformationRequest(
            organisation=organisation,
            tracking_code=applications.new_tracking_code(received),
            submission_token=token,
            applicant_type=ApplicantType.CITIZEN,
            name=name,
            id_type=IdDocumentType.RESIDENT_ID,
            id_number=_resident_id(number),
            phone=f"1390793{number:04}",
            address=address,
            description=f"{description}（演示数据）",
            delivery=DeliveryMethod.POST,
            received_on=received,
        )
        events = _handling(request, state, received)
        requests.append(request)
        logs.append(events)
    InformationRequest.objects.bulk_create(requests)
    RequestEvent.objects.bulk_create(
        [
            RequestEvent(request=request, kind=kind, on=on, note=note)
            for request, events in zip(requests, logs, strict=True)
            for kind, on, note in events
        ]
    )


def _handling(request: InformationRequest, state: str, received: date) -> list[tuple[str, date, str]]:
    """The scripted events of a request in `state`, with the request's handling fields set from them."""
    events = [(EventKind.RECEIVED, received, "")]
    if state == "withdrawn":
        events.append((EventKind.WITHDRAWN, received + timedelta(days=2), "申请人来电撤回。"))
        request.status = RequestStatus.WITHDRAWN
    elif state != "received":
        events.append((EventKind.ACCEPTED, received + timedelta(days=1), ""))
        request.status = RequestStatus.ACCEPTED
    if state == "clarifying":
        events.append(
            (EventKind.CLARIFICATION_REQUESTED, received + timedelta(days=2), "请补充说明所需文件的名称或文号。")
        )
        request.status = RequestStatus.CLARIFYING
    elif state == "extended":
        events.append((EventKind.EXTENDED, received + timedelta(days=7), "延长10个工作日：涉及多个部门，需会商。"))
        request.status, request.extension_days = RequestStatus.EXTENDED, 10
    elif state in Outcome.values:
        answered = received + timedelta(days=12)
        events.append((EventKind.ANSWERED, answered, "已按申请人选择的方式送达。"))
        request.status, request.outcome, request.answered_on = RequestStatus.ANSWERED, state, answered
        request.legal_ground = REFUSAL_GROUND if state in OUTCOMES_NEEDING_GROUND else ""
    pauses = applications.pauses_in((kind, on) for kind, on, _note in events)
    if request.answered_on:
        request.working_days_taken = working_days_between(received, request.answered_on, pauses)
    deadline = answer_deadline(received, pauses, request.extension_days)
    request.due_on, request.due_provisional = deadline.due_on, deadline.provisional
    return events
