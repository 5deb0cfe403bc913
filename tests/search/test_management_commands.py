import io
import re

import pytest
from django.core.management import CommandError, call_command

from search.models import IndexState, SearchDocument

pytestmark = pytest.mark.django_db


def test_rebuild_search_index__rebuilds_with_a_progress_bar():
    old = IndexState.get().current_generation
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", "--batch-size", "200", stdout=stdout, stderr=stderr)
    generation = IndexState.get().current_generation
    assert generation == old + 1
    count = SearchDocument.objects.filter(generation=generation).count()
    assert f"检索索引已重建：{count} 个文档" in stdout.getvalue()
    assert "索引页面" in stderr.getvalue()
    assert re.search(r"(\d+)/\1 ", stderr.getvalue()), "the bar reaches its total"


def test_rebuild_search_index__dry_run_changes_nothing():
    old = IndexState.get().current_generation
    stdout = io.StringIO()
    call_command("rebuild_search_index", "--dry-run", stdout=stdout)
    assert "将索引" in stdout.getvalue()
    assert IndexState.get().current_generation == old


def test_rebuild_search_index__refuses_a_batch_size_below_one():
    with pytest.raises(CommandError, match="正整数"):
        call_command("rebuild_search_index", "--batch-size", "0")


def test_update_index__pages_go_to_the_clusters_index_only():
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.conf import get_app_config
    from wagtail.models import Page

    old = IndexState.get().current_generation
    call_command("update_index", stdout=io.StringIO())
    assert IndexState.get().current_generation == old + 1, "the cluster's index was rebuilt"
    entries = get_app_config().get_model("IndexEntry").objects.all()
    assert entries.exists(), "images, documents and snippets are in Wagtail's index"
    pages = ContentType.objects.filter(pk__in=Page.objects.values("content_type"))
    assert not entries.filter(content_type__in=pages).exists()
