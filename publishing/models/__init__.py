from publishing.models.secrecy import SECRECY_CONFIRMATIONS, SecrecyReviewTask, SecrecyReviewTaskState
from publishing.models.syndication import Submission
from publishing.models.words import WordRule

__all__ = ["SECRECY_CONFIRMATIONS", "SecrecyReviewTask", "SecrecyReviewTaskState", "Submission", "WordRule"]
