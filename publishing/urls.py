from django.urls import path

from publishing.feeds import ColumnFeed, SiteFeed

urlpatterns = [
    path("feeds/", SiteFeed(), name="publishing_site_feed"),
    path("feeds/<int:column_id>/", ColumnFeed(), name="publishing_column_feed"),
]
