"""The admin's searches find Chinese partial terms, as a county editor uses them, within their own sites."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from sites.enums import ColumnType
from sites.models import ArticlePage, SiteProfile

from .factories import column_of, publish_article

pytestmark = pytest.mark.django_db

TITLE = "关于印发2012年全市电子政务工作要点的通知"
PARTS = ("电子政务", "电子政务工作要点", "2012年全市电子政务工作要点", "工作要点", "2012年")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.get(username="xinzhou_editor")
    client.force_login(user)
    return user


@pytest.fixture
def pages(county, city, indexed):
    """The plan on the editor's county site, and the same title on another county's site."""
    other = Site.objects.exclude(pk__in=[county.pk, city.pk]).order_by("pk").first()
    with indexed():
        own = publish_article(
            column_of(county, ColumnType.POLICY_FILES) or column_of(county),
            TITLE,
            "核对服务器IP地址，按饶府厅字〔2012〕39号执行。",
        )
        theirs = publish_article(column_of(other), TITLE)
    return own, theirs


def test_page_explorer_search__partial_terms_find_the_editors_page_only(client, editor, pages):
    own, theirs = pages
    for query in (*PARTS, "IP地址", "〔2012〕39号"):
        response = client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200
        found = {page.pk for page in response.context["pages"]}
        assert own.pk in found, query
        assert theirs.pk not in found, query


def test_page_chooser_search__partial_terms_and_own_sites_only(client, editor, pages):
    own, theirs = pages
    for query in PARTS:
        response = client.get("/admin/choose-page/search/", {"q": query})
        assert response.status_code == 200
        found = {page.pk for page in response.context["pages"]}
        assert own.pk in found, query
        assert theirs.pk not in found, query


def test_page_search__a_draft_is_found_by_its_title(client, editor, county):
    draft = column_of(county).add_child(instance=ArticlePage(title="电子政务草稿待审", source="测试来源", live=False))
    response = client.get("/admin/pages/search/", {"q": "政务草稿"})
    assert draft.pk in {page.pk for page in response.context["pages"]}


def test_image_and_document_choosers__partial_terms(client, editor, county):
    collection = SiteProfile.for_site(county).collection
    image = get_image_model().objects.create(
        title=f"{TITLE}配图", collection=collection, file=ImageFile(get_test_image_file().file, name="plan.png")
    )
    document = get_document_model().objects.create(
        title=f"{TITLE}（附件）", collection=collection, file=ContentFile(b"plan", name="plan.txt")
    )
    for query in PARTS:
        images = client.get("/admin/images/chooser/results/", {"q": query}).context["results"]
        assert image.pk in {item.pk for item in images}, query
        documents = client.get("/admin/documents/chooser/results/", {"q": query}).context["results"]
        assert document.pk in {item.pk for item in documents}, query
    assert not client.get("/admin/images/chooser/results/", {"q": "青砖黛瓦"}).context["results"]


def test_snippet_list_search__partial_terms(client, county):
    client.force_login(get_user_model().objects.get(username="admin"))
    organisation = SiteProfile.for_site(county).organisation
    part = organisation.name[1:4]
    response = client.get("/admin/snippets/sites/organisation/", {"q": part})
    assert response.status_code == 200
    assert organisation.pk in {item.pk for item in response.context["object_list"]}
