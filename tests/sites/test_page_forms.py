"""What an editor may pick on the admin's edit forms, posted through the real admin views, role by role.

Every form is read back from the edit view and posted with one change, as a browser would.
"""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupSitePermission, Site

from sites.models import ArticlePage, LeaderPage, Organisation, SiteProfile, TopicPage
from tests.admin_forms import edit_form_data

pytestmark = pytest.mark.django_db

HOST = "www.localhost"
IMAGE_REFUSAL = "所选图片不存在，或不在你有权选用的集合中。"
DOCUMENT_REFUSAL = "所选文档不存在，或不在你有权选用的集合中。"
PUBLISHER_REFUSAL = "发布机构只能是本网站的主办机构或其下属机构。"


def login(client, username: str):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def site(hostname: str) -> Site:
    return Site.objects.get(hostname=hostname)


def page_of(model, hostname: str):
    return model.objects.descendant_of(site(hostname).root_page).order_by("path").first()


def collection_of(hostname: str):
    return SiteProfile.for_site(site(hostname)).collection


def image_of(hostname: str):
    return get_image_model().objects.filter(collection=collection_of(hostname)).first()


def document_of(hostname: str):
    return get_document_model().objects.create(
        title=f"{hostname} 附件", collection=collection_of(hostname), file=ContentFile(b"%PDF-1.4", name="notice.pdf")
    )


def post_edit_form(client, url: str, changes: dict[str, object]):
    data = edit_form_data(client.get(url, HTTP_HOST=HOST))
    data.update({name: [str(value)] for name, value in changes.items()})
    return client.post(url, data, HTTP_HOST=HOST)


def edit_page(client, page, **changes):
    return post_edit_form(client, reverse("wagtailadmin_pages:edit", args=[page.pk]), changes)


def draft(page):
    """The page as its latest revision, saved or submitted through the admin, holds it."""
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def assert_saved(response):
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]


def assert_refused(response, message: str):
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()


IMAGE_FIELDS = [(ArticlePage, "cover_image"), (LeaderPage, "photo"), (TopicPage, "banner")]


@pytest.mark.parametrize("image_field", IMAGE_FIELDS, ids=lambda image_field: image_field[1])
@pytest.mark.parametrize(
    ("username", "image_site", "allowed"),
    [
        ("xinzhou_editor", "guangfeng.localhost", False),
        ("xinzhou_reviewer", "guangfeng.localhost", False),
        ("xinzhou_editor", "xinzhou.localhost", True),
        ("admin", "guangfeng.localhost", True),
    ],
)
def test_page_image__comes_from_a_collection_the_user_may_choose_from(
    client, image_field, username, image_site, allowed
):
    model, field = image_field
    page = page_of(model, "xinzhou.localhost")
    image = image_of(image_site)
    response = edit_page(login(client, username), page, **{field: image.pk})
    if allowed:
        assert_saved(response)
        assert getattr(draft(page), f"{field}_id") == image.pk
    else:
        assert_refused(response, IMAGE_REFUSAL)
        assert getattr(draft(page), f"{field}_id") != image.pk


def test_site_editor__refused_an_image_that_does_not_exist(client):
    page = page_of(ArticlePage, "xinzhou.localhost")
    assert_refused(edit_page(login(client, "xinzhou_editor"), page, cover_image=987654), IMAGE_REFUSAL)


def test_site_editor__keeps_an_image_a_cluster_admin_chose(client):
    page = page_of(ArticlePage, "xinzhou.localhost")
    foreign = image_of("guangfeng.localhost")
    page.cover_image = foreign
    page.save_revision().publish()
    assert_saved(edit_page(login(client, "xinzhou_editor"), page, title="改过标题的文章"))
    assert (draft(page).title, draft(page).cover_image_id) == ("改过标题的文章", foreign.pk)


def attachment(document) -> dict[str, object]:
    return {
        "attachments-TOTAL_FORMS": 1,
        "attachments-0-id": "",
        "attachments-0-ORDER": 1,
        "attachments-0-DELETE": "",
        "attachments-0-document": document.pk,
        "attachments-0-title": "附件",
    }


def test_site_editor__cannot_attach_another_sites_document(client):
    page = page_of(ArticlePage, "xinzhou.localhost")
    response = edit_page(login(client, "xinzhou_editor"), page, **attachment(document_of("guangfeng.localhost")))
    assert_refused(response, DOCUMENT_REFUSAL)
    assert not draft(page).attachments.exists()


def test_site_editor__attaches_own_sites_document(client):
    page = page_of(ArticlePage, "xinzhou.localhost")
    own = document_of("xinzhou.localhost")
    assert_saved(edit_page(login(client, "xinzhou_editor"), page, **attachment(own)))
    assert [item.document_id for item in draft(page).attachments.all()] == [own.pk]


@pytest.fixture
def xinzhou_profile_maintainer():
    # A site's editors who may also keep its 网站信息, on their own site only.
    xinzhou = site("xinzhou.localhost")
    GroupSitePermission.objects.create(
        group=SiteProfile.for_site(xinzhou).editor_group,
        site=xinzhou,
        permission=Permission.objects.get(content_type__app_label="sites", codename="change_siteprofile"),
    )
    return "xinzhou_editor"


def edit_profile(client, hostname: str, **changes):
    url = reverse("wagtailsettings:edit", args=["sites", "siteprofile", site(hostname).pk])
    return post_edit_form(client, url, changes)


def test_site_editor__cannot_put_another_sites_image_in_the_profile_logo(client, xinzhou_profile_maintainer):
    foreign = image_of("guangfeng.localhost")
    response = edit_profile(login(client, xinzhou_profile_maintainer), "xinzhou.localhost", logo=foreign.pk)
    assert_refused(response, IMAGE_REFUSAL)
    assert SiteProfile.for_site(site("xinzhou.localhost")).logo_id is None


def test_site_editor__puts_own_image_in_the_profile_logo(client, xinzhou_profile_maintainer):
    own = image_of("xinzhou.localhost")
    response = edit_profile(login(client, xinzhou_profile_maintainer), "xinzhou.localhost", logo=own.pk)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[-3000:]
    assert SiteProfile.for_site(site("xinzhou.localhost")).logo_id == own.pk


def test_cluster_admin__puts_any_image_in_the_profile_logo(client):
    foreign = image_of("guangfeng.localhost")
    assert edit_profile(login(client, "admin"), "xinzhou.localhost", logo=foreign.pk).status_code == HTTPStatus.FOUND
    assert SiteProfile.for_site(site("xinzhou.localhost")).logo_id == foreign.pk


@pytest.mark.parametrize(
    ("username", "hostname", "code", "allowed"),
    [
        ("xinzhou_editor", "xinzhou.localhost", "361100-jyj", False),  # a city department
        ("xinzhou_editor", "xinzhou.localhost", "361103", False),  # another county
        ("xinzhou_editor", "xinzhou.localhost", "361103-jytyj", False),  # another county's department
        ("xinzhou_editor", "xinzhou.localhost", "361102-jytyj", True),  # the county's own department
        ("xinzhou_editor", "xinzhou.localhost", "361102", True),
        ("guangfeng_editor", "guangfeng.localhost", "361102-jytyj", False),
        ("city_editor", "www.localhost", "361102-jytyj", True),  # the city portal's organisation is above it
        ("admin", "xinzhou.localhost", "361100-jyj", True),
    ],
)
def test_article_publisher__is_the_sites_organisation_or_one_under_it(client, username, hostname, code, allowed):
    page = page_of(ArticlePage, hostname)
    organisation = Organisation.objects.get(code=code)
    response = edit_page(login(client, username), page, organisation=organisation.pk)
    if allowed:
        assert_saved(response)
        assert draft(page).organisation_id == organisation.pk
    else:
        assert_refused(response, PUBLISHER_REFUSAL)
        assert draft(page).organisation_id != organisation.pk


def test_article_publisher__a_new_article_is_checked_against_its_parents_site(client):
    column = page_of(ArticlePage, "xinzhou.localhost").get_parent()
    url = reverse("wagtailadmin_pages:add", args=["sites", "articlepage", column.pk])
    foreign = Organisation.objects.get(code="361103")
    response = post_edit_form(
        login(client, "xinzhou_editor"), url, {"title": "新文章", "slug": "new-article", "organisation": foreign.pk}
    )
    assert_refused(response, PUBLISHER_REFUSAL)
    assert not ArticlePage.objects.filter(slug="new-article").exists()


def test_article_publisher__an_editor_keeps_the_publisher_a_cluster_admin_chose(client):
    page = page_of(ArticlePage, "xinzhou.localhost")
    page.organisation = Organisation.objects.get(code="361100-jyj")
    page.save_revision().publish()
    assert_saved(edit_page(login(client, "xinzhou_editor"), page, title="改过标题的文章"))
    assert draft(page).organisation.code == "361100-jyj"
