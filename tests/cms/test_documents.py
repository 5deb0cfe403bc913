"""Document downloads carry the stored bytes and no Content-Encoding a browser would try to undo."""

import io
from http import HTTPStatus

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "#c0392b").save(buffer, format="PDF")
    return buffer.getvalue()


def document(name: str, content: bytes):
    return get_document_model().objects.create(
        title=name, file=ContentFile(content, name=name), collection=Collection.get_first_root_node()
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("通知.pdf", pdf_bytes(), "application/pdf"),
        ("名单.xlsx", b"PK\x03\x04 spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("说明.txt", "政务公开\n".encode(), "text/plain"),
        ("附件.zip", b"PK\x03\x04\x14\x00\x00\x00", "application/zip"),
    ],
)
def test_document__downloads_as_stored_without_a_content_encoding(client, name, content, content_type):
    doc = document(name, content)
    response = client.get(doc.url, HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.OK
    assert "Content-Encoding" not in response
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


def test_document__gzip_file_is_not_declared_gzip_encoded(client):
    # A browser told "Content-Encoding: gzip" saves the unpacked bytes under the .gz name.
    content = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"
    doc = document("数据.csv.gz", content)
    response = client.get(doc.url, HTTP_HOST="www.localhost")
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content) == content


def test_document__with_a_wrong_filename_is_not_found(client):
    doc = document("通知.pdf", pdf_bytes())
    response = client.get(f"/documents/{doc.pk}/other.pdf", HTTP_HOST="www.localhost")
    assert response.status_code == HTTPStatus.NOT_FOUND
