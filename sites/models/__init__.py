from .cache_versions import SiteCacheVersion
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
    "SiteCacheVersion",
    "SiteProfile",
    "TopicPage",
]
