from .organisations import Organisation
from .pages import (
    ArticleAttachment,
    ArticlePage,
    ArticlePageTag,
    ColumnPage,
    HomePage,
    LeaderPage,
    ServiceGuidePage,
    TopicPage,
)
from .profiles import SiteProfile

__all__ = [
    "ArticleAttachment",
    "ArticlePage",
    "ArticlePageTag",
    "ColumnPage",
    "HomePage",
    "LeaderPage",
    "Organisation",
    "ServiceGuidePage",
    "SiteProfile",
    "TopicPage",
]
