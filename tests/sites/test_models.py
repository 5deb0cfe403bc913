import pytest
from django.core.exceptions import ValidationError

from sites.enums import ColumnType
from sites.models import ServiceGuidePage
from tests.sites.factories import ArticlePageFactory, ColumnPageFactory

pytestmark = pytest.mark.django_db


def test_article__body_passes_the_sanitizer_on_save():
    article = ArticlePageFactory(body='<p onclick="x()">正文<script>steal()</script></p>')
    article.refresh_from_db()
    assert article.body == "<p>正文</p>"


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
