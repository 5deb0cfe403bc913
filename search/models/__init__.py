from .curation import BestBet, GovernmentTerm
from .documents import IndexState, SearchDocument, SearchDocumentSite
from .queries import QueryRecord

__all__ = ["BestBet", "GovernmentTerm", "IndexState", "QueryRecord", "SearchDocument", "SearchDocumentSite"]
