from publishing.models.secrecy import SECRECY_CONFIRMATIONS, SecrecyReviewTask, SecrecyReviewTaskState

__all__ = ["SECRECY_CONFIRMATIONS", "SecrecyReviewTask", "SecrecyReviewTaskState"]
