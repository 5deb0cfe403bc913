"""Uploads are checked by content, size and pixel count, in every form that takes them, with Chinese refusals."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.upload_files import EXE, HTML, bomb_png, pdf, png, truncated_png

pytestmark = pytest.mark.django_db

HOST = "www.localhost"


HOSTILE_IMAGES = [
    ("照片.jpg", EXE, "文件内容不是扩展名所说的 .jpg 格式，实际是 EXE 文件"),
    ("照片.png", HTML, "文件内容不是扩展名所说的 .png 格式"),
    ("照片.jpg", png(), "文件内容不是扩展名所说的 .jpg 格式，实际是 PNG 文件"),
    ("炸弹.png", bomb_png(), "图片像素过多，不能超过 50,000,000 像素"),
    ("大图.png", bomb_png(9000, 9000), "图片像素过多"),
    ("半张.png", truncated_png(), "图片已损坏或不完整"),
]
HOSTILE_DOCUMENTS = [
    ("通知.pdf", HTML, "文件内容不是扩展名所说的 .pdf 格式"),
    ("通知.docx", EXE, "文件内容不是扩展名所说的 .docx 格式，实际是 EXE 文件"),
    ("名单.xls", pdf(), "文件内容不是扩展名所说的 .xls 格式，实际是 PDF 文件"),
    ("说明.txt", HTML, "文件内容是网页代码"),
    ("说明.txt", EXE, "文件内容不是扩展名所说的 .txt 格式"),
]


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def root_collection() -> str:
    return str(Collection.get_first_root_node().pk)


def add_image(client, name: str, content: bytes):
    data = {"title": "图片", "description": "测试图片", "collection": root_collection(), "tags": ""}
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(reverse("wagtailimages:add"), data, HTTP_HOST=HOST)


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE_IMAGES)
def test_image_add__refuses_hostile_files_in_chinese(admin_client, name, content, message):
    count = get_image_model().objects.count()
    response = add_image(admin_client, name, content)
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert get_image_model().objects.count() == count


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE_IMAGES[:4])
def test_image_multiple_upload__refuses_hostile_files_in_chinese(admin_client, name, content, message):
    data = {"files[]": SimpleUploadedFile(name, content), "collection": root_collection()}
    response = admin_client.post(reverse("wagtailimages:add_multiple"), data, HTTP_HOST=HOST)
    assert response.status_code == HTTPStatus.OK
    assert response.json()["success"] is False
    assert message in response.json()["error_message"]


def test_image_add__takes_a_real_image_and_refuses_one_too_big(admin_client, settings):
    assert add_image(admin_client, "照片.png", png()).status_code == HTTPStatus.FOUND
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = add_image(admin_client, "照片.png", png())
    assert "文件太大（" in response.content.decode()
    assert "图片不能超过 100 字节" in response.content.decode()


def add_document(client, name: str, content: bytes):
    data = {"title": "文件", "collection": root_collection(), "tags": "", "file": SimpleUploadedFile(name, content)}
    return client.post(reverse("wagtaildocs:add"), data, HTTP_HOST=HOST)


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE_DOCUMENTS)
def test_document_add__refuses_hostile_files_in_chinese(admin_client, name, content, message):
    count = get_document_model().objects.count()
    response = add_document(admin_client, name, content)
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert get_document_model().objects.count() == count


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE_DOCUMENTS[:2])
def test_document_multiple_upload__refuses_hostile_files_in_chinese(admin_client, name, content, message):
    data = {"files[]": SimpleUploadedFile(name, content), "collection": root_collection()}
    response = admin_client.post(reverse("wagtaildocs:add_multiple"), data, HTTP_HOST=HOST)
    assert response.json()["success"] is False
    assert message in response.json()["error_message"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("通知.pdf", pdf()), ("说明.txt", "政务公开，公开为常态。\n".encode("gb18030")), ("名单.csv", b"a,b\n1,2\n")],
)
def test_document_add__takes_real_documents(admin_client, name, content):
    assert add_document(admin_client, name, content).status_code == HTTPStatus.FOUND


def test_document_add__refuses_one_too_big(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    assert "文件不能超过 100 字节" in add_document(admin_client, "通知.pdf", pdf()).content.decode()


def test_documents__served_as_attachments_without_sniffing_and_never_from_media(admin_client, client):
    add_document(admin_client, "名单.xlsx", b"PK\x03\x04" + b"\x00" * 60)
    document = get_document_model().objects.latest("pk")
    response = client.get(document.url, HTTP_HOST=HOST)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    # The stored file itself is reachable only through the download view, which applies privacy.
    assert client.get(document.file.url, HTTP_HOST=HOST).status_code == HTTPStatus.NOT_FOUND


def test_images__served_from_media_without_sniffing(admin_client, client):
    add_image(admin_client, "照片.png", png())
    image = get_image_model().objects.latest("pk")
    response = client.get(image.file.url, HTTP_HOST=HOST)
    assert response.status_code == HTTPStatus.OK
    assert response["X-Content-Type-Options"] == "nosniff"
