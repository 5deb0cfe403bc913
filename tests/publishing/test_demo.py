"""The demo cluster shows 信息报送 at work and has a secrecy reviewer per demo site."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Site

from publishing.models import Submission, WordRule
from publishing.workflows import secrecy_group_of

pytestmark = pytest.mark.django_db


def test_demo__city_portals_county_news_column_lists_what_it_accepted(client):
    submission = (
        Submission.objects.accepted().filter(column__slug="qxdt", target_site__hostname="www.localhost").first()
    )
    assert submission is not None
    html = client.get(submission.column.url, HTTP_HOST="www.localhost").content.decode()
    assert f'href="{submission.article.full_url}"' in html


def test_demo__has_a_secrecy_reviewer_for_the_county_portal():
    reviewer = get_user_model().objects.get(username="xinzhou_secrecy")
    assert secrecy_group_of(Site.objects.get(hostname="xinzhou.localhost")) in reviewer.groups.all()


def test_seed_demo__twice_adds_nothing_of_publishing():
    before = (Submission.objects.count(), WordRule.objects.count(), get_user_model().objects.count())
    call_command("seed_demo", "--port", "80", stdout=io.StringIO())
    assert (Submission.objects.count(), WordRule.objects.count(), get_user_model().objects.count()) == before
