from interviews.models.live import Broadcast, Event, InterviewRole, Message, Question
from interviews.models.pages import InterviewGuest, InterviewPage, InterviewRelatedPage
from interviews.models.words import SensitiveWord

__all__ = [
    "Broadcast",
    "Event",
    "InterviewGuest",
    "InterviewPage",
    "InterviewRelatedPage",
    "InterviewRole",
    "Message",
    "Question",
    "SensitiveWord",
]
