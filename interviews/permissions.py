"""Who may do what in an interview's console: by the roles they hold on that interview."""

from enum import StrEnum

from interviews.enums import Role
from interviews.models import InterviewPage, InterviewRole


class Action(StrEnum):
    VIEW = "view"  # open the console, see the question queue live
    POST = "post"  # post as host or guest, notices and images
    ANSWER = "answer"  # answer a citizen's question
    MODERATE = "moderate"  # approve, reject, merge questions
    CURATE = "curate"  # edit, delete, pin messages
    DIRECT = "direct"  # start and end the broadcast, publish the transcript


ALLOWED_ROLES: dict[Action, frozenset[Role]] = {
    Action.VIEW: frozenset(Role),
    Action.POST: frozenset({Role.HOST, Role.GUEST, Role.DIRECTOR}),
    Action.ANSWER: frozenset({Role.HOST, Role.GUEST, Role.DIRECTOR}),
    Action.MODERATE: frozenset({Role.MODERATOR, Role.DIRECTOR, Role.HOST}),
    Action.CURATE: frozenset({Role.MODERATOR, Role.DIRECTOR, Role.HOST}),
    Action.DIRECT: frozenset({Role.HOST, Role.DIRECTOR}),
}
ACTION_NAMES = {
    Action.VIEW: "进入访谈控制台",
    Action.POST: "发布直播内容",
    Action.ANSWER: "答复网友提问",
    Action.MODERATE: "审核网友提问",
    Action.CURATE: "编辑、删除或置顶消息",
    Action.DIRECT: "开始或结束直播",
}


def roles_of(user, interview: InterviewPage) -> set[Role]:
    """The roles `user` holds on `interview`; a superuser holds them all."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return set(Role)
    return {
        Role(role)
        for role in InterviewRole.objects.filter(interview=interview, user=user).values_list("role", flat=True)
    }


def can(roles: set[Role], action: Action) -> bool:
    return bool(roles & ALLOWED_ROLES[action])


def can_manage_roles(user, interview: InterviewPage) -> bool:
    """Who may give and take roles: whoever may edit the interview's page (its site's staff)."""
    return user.is_active and (user.is_superuser or interview.permissions_for_user(user).can_edit())
