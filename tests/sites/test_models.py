import pytest
from django.core.exceptions import ValidationError

from cms.blocks import legacy_html_body, rich_text_body
from sites.enums import ColumnType
from sites.models import ServiceGuidePage
from tests.sites.factories import ArticlePageFactory, ColumnPageFactory

pytestmark = pytest.mark.django_db


def test_article__every_body_block_passes_the_sanitizer_on_save():
    dirty = '<p onclick="x()">正文<script>steal()</script></p>'
    article = ArticlePageFactory(body=[*rich_text_body(dirty), *legacy_html_body(dirty)])
    article.refresh_from_db()
    assert [block.block_type for block in article.body] == ["rich_text", "legacy_html"]
    assert article.body[0].value.source == "<p>正文</p>"
    assert str(article.body[1].value) == "<p>正文</p>"


def test_article__knows_the_type_of_its_nearest_column():
    notices = ColumnPageFactory(column_type=ColumnType.NOTICES)
    sub_column = ColumnPageFactory(parent=notices, column_type=ColumnType.POLICY_FILES)
    assert ArticlePageFactory(parent=notices).column_type == ColumnType.NOTICES
    assert ArticlePageFactory(parent=sub_column).column_type == ColumnType.POLICY_FILES
    assert ArticlePageFactory(parent=sub_column).get_column() == sub_column


def test_service_guide__every_key_element_is_required():
    guide = ServiceGuidePage(title="不完整的办事指南", slug="incomplete")
    with pytest.raises(ValidationError) as error:
        guide.full_clean()
    for field in ("item_name", "legal_basis", "conditions", "materials", "process", "time_limit", "fees", "hotline"):
        assert field in error.value.message_dict, field
    assert error.value.message_dict["item_name"] == ["此字段不能为空。"]
