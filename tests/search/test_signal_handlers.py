"""Search follows publish, unpublish, move, delete, imports (batches), site changes and 信息报送."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from publishing import syndication
from search import indexing
from search.models import IndexState, SearchDocument, SearchDocumentSite
from search.service import SearchRequest, search
from sites.enums import ColumnType
from sites.models import SiteProfile
from sites.publishing import Change, ContentChange, batched_changes, fan_out

from .factories import column_of, publish_article

pytestmark = pytest.mark.django_db
User = get_user_model()


def titles(query: str, site, **kwargs) -> list[str]:
    return [result.document.title for result in search(SearchRequest(query, site, **kwargs), record=False).results]


def test_publish__a_new_article_is_found_at_once(city, indexed):
    with indexed():
        publish_article(column_of(city), "新发布的青砖黛瓦通知")
    assert titles("青砖黛瓦", city) == ["新发布的青砖黛瓦通知"]


def test_republish__the_document_follows_the_new_title_and_is_not_duplicated(city, indexed):
    with indexed():
        article = publish_article(column_of(city), "青砖黛瓦初稿")
        article.title = "粉墙黛瓦定稿"
        article.save_revision().publish()
    assert titles("青砖黛瓦", city) == []
    assert titles("粉墙黛瓦", city) == ["粉墙黛瓦定稿"]
    assert SearchDocument.objects.filter(page_id=article.pk).count() == 1


def test_unpublish__removes_the_result(city, indexed):
    with indexed():
        article = publish_article(column_of(city), "即将撤下的青砖黛瓦稿件")
    with indexed():
        article.unpublish()
    assert titles("青砖黛瓦", city) == []
    assert not SearchDocument.objects.filter(page_id=article.pk).exists()


def test_delete__removes_the_result(city, indexed):
    with indexed():
        article = publish_article(column_of(city), "即将删除的青砖黛瓦稿件")
    with indexed():
        Page.objects.get(pk=article.pk).specific.delete()
    assert titles("青砖黛瓦", city) == []


def test_deleting_a_column__removes_the_pages_below_it(city, indexed):
    with indexed():
        column = column_of(city).add_child(
            instance=type(column_of(city))(title="临时栏目", slug="temporary", column_type=ColumnType.NEWS)
        )
        column.save_revision().publish()
        publish_article(column, "临时栏目中的青砖黛瓦稿件")
    assert titles("青砖黛瓦", city) == ["临时栏目中的青砖黛瓦稿件"]
    with indexed():
        Page.objects.get(pk=column.pk).specific.delete()
    assert titles("青砖黛瓦", city, scope="cluster") == []


def test_move__to_another_site_changes_site_and_url(city, county, indexed):
    with indexed():
        article = publish_article(column_of(city), "要移走的青砖黛瓦稿件")
    with indexed():
        Page.objects.get(pk=article.pk).move(column_of(county), pos="last-child")
    assert titles("青砖黛瓦", city) == []
    assert titles("青砖黛瓦", county) == ["要移走的青砖黛瓦稿件"]
    document = SearchDocument.objects.get(page_id=article.pk)
    assert document.url.startswith(county.root_url)


def test_republished_column__renames_the_column_of_its_pages(city, indexed):
    column = column_of(city)
    with indexed():
        publish_article(column, "栏目改名测试青砖黛瓦")
        column.title = "新的栏目名称"
        column.save_revision().publish()
    assert SearchDocument.objects.get(title="栏目改名测试青砖黛瓦").column_title == "新的栏目名称"


def test_batch__an_import_indexes_every_page_named(city, indexed):
    with indexed(), batched_changes():
        for number in range(3):
            publish_article(column_of(city), f"批量导入的青砖黛瓦稿件{number}")
    assert len(titles("青砖黛瓦", city)) == 3


def test_accepted_submission__shows_on_the_receiving_sites_searches(city, county, indexed):
    """信息报送: accepting sends the page through the fan-out naming the receiving site; its searches show it."""
    with indexed():
        article = publish_article(column_of(county), "报送到市政府的青砖黛瓦信息")
    assert titles("青砖黛瓦", city) == []
    (submission,) = syndication.submit(article, [column_of(city)], User.objects.get(username="xinzhou_editor"))
    with indexed():
        syndication.decide(submission.pk, User.objects.get(username="city_reviewer"), accept=True)
    assert titles("青砖黛瓦", city) == ["报送到市政府的青砖黛瓦信息"]
    with indexed():
        article.save_revision().publish()
    assert titles("青砖黛瓦", city) == ["报送到市政府的青砖黛瓦信息"], "a later edit keeps it on the receiving site"


def test_site_address_change__rewrites_the_urls_of_its_documents(county, indexed):
    with indexed():
        county.hostname = "xinzhou-new.localhost"
        county.save()
    urls = set(SearchDocument.objects.filter(site=county).values_list("url", flat=True))
    assert urls
    assert all(url.startswith("http://xinzhou-new.localhost") for url in urls)


def test_draft_and_private_pages__are_never_indexed(city, indexed):
    from wagtail.models import PageViewRestriction

    with indexed():
        article = publish_article(column_of(city), "内部的青砖黛瓦稿件")
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="x")
        article.save_revision().publish()
    assert titles("青砖黛瓦", city) == []


def test_rebuild__swaps_to_a_new_generation_with_the_same_results(city):
    before = titles("电子政务", city)
    old = IndexState.get().current_generation
    written = indexing.rebuild()
    state = IndexState.get()
    assert state.current_generation == old + 1
    assert state.building_generation is None
    assert written == SearchDocument.objects.filter(generation=state.current_generation).count()
    assert not SearchDocument.objects.filter(generation=old).exists()
    assert titles("电子政务", city) == before


def test_rebuild__interrupted_half_way_leaves_search_working_and_the_next_one_completes(city):
    def stop_after_first_batch(batches, total):
        for number, batch in enumerate(batches):
            if number == 1:
                raise KeyboardInterrupt
            yield batch

    before = titles("电子政务", city)
    old = IndexState.get().current_generation
    with pytest.raises(KeyboardInterrupt):
        indexing.rebuild(progress=stop_after_first_batch, batch_size=50)
    assert IndexState.get().current_generation == old
    assert titles("电子政务", city) == before
    indexing.rebuild()
    assert titles("电子政务", city) == before
    assert set(SearchDocument.objects.values_list("generation", flat=True)) == {IndexState.get().current_generation}


def test_rebuild__keeps_the_receiving_sites_of_accepted_submissions(city, county, indexed):
    with indexed():
        article = publish_article(column_of(county), "报送后重建的青砖黛瓦信息")
        fan_out(ContentChange(Change.PUBLISHED, frozenset({county.pk, city.pk}), article))
    indexing.rebuild()
    document = SearchDocument.objects.get(page_id=article.pk)
    assert set(SearchDocumentSite.objects.filter(document=document).values_list("site_id", flat=True)) == {
        city.pk,
        county.pk,
    }


def test_changes_during_a_rebuild__reach_both_generations(city, indexed):
    state = IndexState.get()
    state.building_generation = state.current_generation + 1
    state.save()
    from search.engines import get_engine

    get_engine().create_generation(state.building_generation)
    with indexed():
        article = publish_article(column_of(city), "重建期间发布的青砖黛瓦稿件")
    assert set(SearchDocument.objects.filter(page_id=article.pk).values_list("generation", flat=True)) == {
        state.current_generation,
        state.building_generation,
    }


def test_catalogue_entry_without_a_page__is_found_under_its_kind_and_follows_its_changes(county, indexed):
    from tests.disclosure.factories import CatalogueEntryFactory, platform_page

    platform = platform_page(county)
    organisation = SiteProfile.for_site(county).organisation
    with indexed():
        entry = CatalogueEntryFactory(
            title="青砖黛瓦保护办法（附件）", summary="只以附件公开的文件", organisation=organisation
        )
    (result,) = search(SearchRequest("青砖黛瓦", county), record=False).results
    assert (result.document.kind_label, result.document.index_number) == ("公开目录", entry.index_number)
    assert result.document.url == f"{platform.full_url}entry/{entry.pk}/"
    with indexed():
        entry.live = False
        entry.save()
    assert titles("青砖黛瓦", county) == []
    with indexed():
        entry.live = True
        entry.save()
    assert titles("青砖黛瓦", county) == ["青砖黛瓦保护办法（附件）"]
    indexing.rebuild()
    assert titles("青砖黛瓦", county) == ["青砖黛瓦保护办法（附件）"], "a rebuild keeps it"
    with indexed():
        entry.delete()
    assert titles("青砖黛瓦", county) == []
