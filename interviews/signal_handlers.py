from django.db.models.signals import post_save

from interviews.models import Broadcast, InterviewPage


def on_interview_page_saved(sender, instance: InterviewPage, created: bool, **kwargs) -> None:
    """Every interview has its broadcast row from the start: the console and event ids rely on it."""
    if created:
        Broadcast.objects.get_or_create(interview=instance)


def register_signal_handlers() -> None:
    post_save.connect(on_interview_page_saved, sender=InterviewPage, dispatch_uid="interviews-page-saved")
