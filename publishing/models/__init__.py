from publishing.models.modes import SiteMode
from publishing.models.secrecy import SECRECY_CONFIRMATIONS, SecrecyReviewTask, SecrecyReviewTaskState
from publishing.models.syndication import Submission
from publishing.models.words import WordRule

__all__ = ["SECRECY_CONFIRMATIONS", "SecrecyReviewTask", "SecrecyReviewTaskState", "SiteMode", "Submission", "WordRule"]
