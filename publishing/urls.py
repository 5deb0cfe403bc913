from django.urls import path

from publishing.feeds import ColumnAtomFeed, ColumnFeed, SiteAtomFeed, SiteFeed

urlpatterns = [
    path("feeds/", SiteFeed(), name="publishing_site_feed"),
    path("feeds/<int:column_id>/", ColumnFeed(), name="publishing_column_feed"),
    path("feeds/atom/", SiteAtomFeed(), name="publishing_site_atom_feed"),
    path("feeds/<int:column_id>/atom/", ColumnAtomFeed(), name="publishing_column_atom_feed"),
]
