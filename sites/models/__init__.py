from .cache_versions import SiteCacheVersion
from .imports import ImportedItem
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
    "ImportedItem",
    "LeaderPage",
    "Organisation",
    "ServiceGuidePage",
    "SiteCacheVersion",
    "SiteProfile",
    "TopicPage",
]
