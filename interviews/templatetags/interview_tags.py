"""The 在线访谈 column's listing: live now, upcoming, and past interviews with their transcripts."""

from django import template
from django.core.paginator import Paginator

from interviews.enums import BroadcastStatus
from interviews.models import InterviewPage

register = template.Library()

PAST_PAGE_SIZE = 10


@register.inclusion_tag("includes/interview_column.html", takes_context=True)
def interview_listing(context, column):
    request = context["request"]
    interviews = (
        InterviewPage.objects.live()
        .child_of(column)
        .select_related("broadcast", "cover_image")
        .prefetch_related("cover_image__renditions")
    )
    live, upcoming, past = [], [], []
    for interview in interviews.order_by("scheduled_start"):
        status = interview.status
        if status == BroadcastStatus.LIVE:
            live.append(interview)
        elif status == BroadcastStatus.SCHEDULED:
            upcoming.append(interview)
        else:
            past.append(interview)
    past.reverse()
    return {
        "request": request,
        "live": live,
        "upcoming": upcoming,
        "past": Paginator(past, PAST_PAGE_SIZE).get_page(request.GET.get("page")),
    }
