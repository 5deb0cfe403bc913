"""Demo interviews: on the city portal and two county portals, one finished with its transcript,
one announced and taking questions, one live. Only what is missing is added."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone
from wagtail.models import Site

from cms.blocks import rich_text_body
from interviews.broadcasting import end_broadcast, post_message, start_broadcast
from interviews.enums import MessageKind, Role
from interviews.models import InterviewGuest, InterviewPage, InterviewRole, Message, Question, SensitiveWord
from interviews.moderation import answer_question, approve_question, ask_question, reject_question
from sites.enums import ColumnType
from sites.models import ColumnPage, SiteProfile

SENSITIVE_WORDS = ("代开发票", "网络赌博", "办证刻章")
# (site hostname prefix, demo account label): the accounts seed_demo creates for these sites.
DEMO_SITES = (("www", "city"), ("xinzhou", "xinzhou"), ("guangfeng", "guangfeng"))
TOPICS = (
    ("finished", "优化营商环境 服务企业发展", "如何进一步压缩企业开办时间、减轻企业负担", -14),
    ("live", "办好家门口的民生实事", "老旧小区改造、养老托育和背街小巷整治进展", 0),
    ("announced", "秋季学期义务教育招生政策解读", "招生范围、报名流程和随迁子女入学", 5),
)
GUESTS = (("王建华", "{org}发展改革部门主要负责同志"), ("李秀英", "{org}教育部门分管负责同志"))
SCRIPT = (
    (MessageKind.HOST, "各位网友，大家好！欢迎来到{org}在线访谈。今天我们邀请到两位嘉宾，就本期主题与大家交流。"),
    (MessageKind.GUEST, "主持人好，各位网友好！很高兴通过网站与大家交流，欢迎大家踊跃提问。"),
    (MessageKind.HOST, "请您先介绍一下今年这方面工作的总体情况。"),
    (MessageKind.GUEST, "今年以来，我们围绕群众和企业反映集中的问题，制定了专项工作方案，已完成年度任务的七成以上。"),
    (MessageKind.NOTICE, "欢迎网友在页面下方提问，嘉宾将在线答复。"),
)
QUESTIONS = (
    ("热心市民", "我们小区申请改造需要走哪些程序？大概多久能开工？"),
    ("小王", "个体工商户办理营业执照现在可以全程网上办吗？"),
    ("家长李女士", "随迁子女入学需要准备哪些材料？"),
)


def seed_demo(sites: list[Site]) -> None:
    """Add the demo interviews, roles and sensitive words that are not there yet."""
    for word in SENSITIVE_WORDS:
        SensitiveWord.objects.get_or_create(word=word)
    for prefix, label in DEMO_SITES:
        site = next((site for site in sites if site.hostname.startswith(f"{prefix}.")), None)
        column = (
            site
            and ColumnPage.objects.filter(
                column_type=ColumnType.INTERVIEWS, path__startswith=site.root_page.path, depth=site.root_page.depth + 1
            ).first()
        )
        if column is None:
            continue
        organisation = SiteProfile.for_site(site).organisation
        for kind, title, topic, days in TOPICS:
            if not InterviewPage.objects.child_of(column).filter(slug=f"demo-{kind}").exists():
                interview = _interview(column, organisation, (kind, title, topic, days))
                _give_roles(interview, label)
                _broadcast(interview, kind, organisation.short_name)


def _interview(column, organisation, spec: tuple[str, str, str, int]) -> InterviewPage:
    kind, title, topic, days = spec
    start = (timezone.now() + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
    if kind == "live":
        start = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=20)
    words = {"org": organisation.short_name}
    interview = InterviewPage(
        title=f"{organisation.short_name}：{title}",
        slug=f"demo-{kind}",
        topic=topic,
        organisation=organisation,
        host_name="陈晓",
        scheduled_start=start,
        scheduled_end=start + timedelta(minutes=90),
        intro=rich_text_body(f"<p>本期访谈围绕“{topic}”，邀请有关部门负责同志在线解答网友关心的问题（演示数据）。</p>"),
    )
    interview.guests = [InterviewGuest(name=name, title=guest_title.format(**words)) for name, guest_title in GUESTS]
    column.add_child(instance=interview)
    interview.save_revision().publish()
    return interview


def _give_roles(interview: InterviewPage, label: str) -> None:
    users = get_user_model().objects.filter(username__in=[f"{label}_editor", f"{label}_reviewer"])
    for user in users:
        roles = (Role.HOST, Role.DIRECTOR) if user.username.endswith("_editor") else (Role.MODERATOR,)
        for role in roles:
            InterviewRole.objects.get_or_create(interview=interview, user=user, role=role)


def _broadcast(interview: InterviewPage, kind: str, org: str) -> None:
    questions = [ask_question(interview, nickname, text, address="127.0.0.1") for nickname, text in QUESTIONS]
    flagged = ask_question(interview, "匿名", "有人在群里说可以代开发票，这是真的吗？", address="127.0.0.1")
    if kind == "announced":
        approve_question(interview, questions[0].pk, None)
        return
    start_broadcast(interview)
    guests = list(interview.guests.all())
    for message_kind, text in SCRIPT:
        guest = guests[0] if message_kind == MessageKind.GUEST else None
        post_message(interview, None, message_kind, text.format(org=org), guest=guest)
    approve_question(interview, questions[1].pk, None)
    answer_question(
        interview, questions[0].pk, guests[0], "您可以向所在社区提出申请，经摸底纳入计划后，一般三个月内开工。", None
    )
    if kind != "finished":
        return
    # A finished interview leaves no question waiting: the audit counts those (audits.checks.interaction).
    reject_question(interview, flagged.pk, None)
    end_broadcast(interview)
    answer_question(interview, questions[1].pk, guests[0], "补充答复：个体工商户营业执照可在政务服务网全程网办。", None)
    answer_question(interview, questions[2].pk, guests[1], "补充答复：请带户口簿和居住证向学区学校报名。", None)
    # The finished interview took place at its scheduled time, not at seeding time.
    shift = timezone.now() - interview.scheduled_start - timedelta(minutes=30)
    Message.objects.filter(interview=interview).update(created_at=F("created_at") - shift)
    Question.objects.filter(interview=interview).update(created_at=F("created_at") - shift)
