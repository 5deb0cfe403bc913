from django.db.models.signals import post_delete, post_save

from audits.auditing import rescore
from audits.models import AssessorScore
from audits.reports import score_history


def rescore_latest_assessment(sender, instance: AssessorScore, **kwargs) -> None:
    """An assessor's score counts at once in the site's latest assessment under the same indicator set."""
    history = [
        assessment
        for assessment in score_history(instance.site)
        if assessment.run.indicator_set_id == instance.indicator.indicator_set_id
    ]
    if history:
        rescore(history[-1])


def register_signal_handlers() -> None:
    post_save.connect(rescore_latest_assessment, sender=AssessorScore, dispatch_uid="audits_rescore_on_save")
    post_delete.connect(rescore_latest_assessment, sender=AssessorScore, dispatch_uid="audits_rescore_on_delete")
