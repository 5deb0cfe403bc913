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
