"""What an uploaded image or document must be: of the kind its name claims, told by its content, and not too big.

The one rule for every upload: the admin's image and document forms (single, multiple and chooser uploads,
through `cms.image_forms` and `cms.document_forms`) and the interview console's images use these fields.
A file's name is chosen by whoever uploads it; its first bytes say what it is, so an executable named
.jpg or a web page named .pdf is refused. Each refusal says why in Chinese.
"""

import codecs
import os
import warnings

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image
from wagtail.documents.fields import WagtailDocumentField
from wagtail.images.fields import WagtailImageField

HEAD_BYTES = 8192
# The format filetype reads from an image's content, for each extension an image may have.
IMAGE_FORMATS = {"jpg": "jpg", "jpeg": "jpg", "png": "png", "gif": "gif", "webp": "webp"}
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# How a document of each extension begins: Office 97–2003 files are OLE containers; the newer Office,
# OpenDocument and OFD formats are ZIP archives.
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "ofd": ZIP,
    "zip": ZIP,
    "rar": (b"Rar!\x1a\x07",),
}
TEXT_EXTENSIONS = {"txt", "csv"}
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
# A text file starting so would be taken for a web page by a browser that guesses.
MARKUP_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<iframe", b"<?xml")


def _extension(upload) -> str:
    return os.path.splitext(upload.name or "")[1].lower().lstrip(".")


def _head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def _detected(head: bytes) -> str:
    kind = filetype.guess(head)
    return f"，实际是 {kind.extension.upper()} 文件" if kind else ""


def _check_size(upload, limit: int | None, kind: str) -> None:
    if limit is not None and upload.size > limit:
        size, most = _size_text(upload.size), _size_text(limit)
        raise ValidationError(f"文件太大（{size}），{kind}不能超过 {most}。", code="file_too_large")


def _size_text(size: int) -> str:
    # filesizeformat joins number and unit with a no-break space; a message reads better with a plain one.
    return filesizeformat(size).replace("\xa0", " ")


def _mismatch(extension: str, head: bytes) -> ValidationError:
    return ValidationError(
        f"文件内容不是扩展名所说的 .{extension} 格式{_detected(head)}，请上传真正的 .{extension} 文件。",
        code="content_mismatch",
    )


def check_image(upload) -> None:
    """Refuse an image that is too big, not of the format its extension names, too many pixels, or broken."""
    _check_size(upload, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, "图片")
    extension = _extension(upload)
    if extension not in IMAGE_FORMATS or extension not in settings.WAGTAILIMAGES_EXTENSIONS:
        allowed = "、".join(settings.WAGTAILIMAGES_EXTENSIONS)
        raise ValidationError(f"不支持 .{extension} 格式的图片，只能上传 {allowed} 格式。", code="invalid_extension")
    head = _head(upload)
    if filetype.guess_extension(head) != IMAGE_FORMATS[extension]:
        raise _mismatch(extension, head)
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    too_many = ValidationError(
        f"图片像素过多，不能超过 {limit:,} 像素（如 8000×6000）；请缩小尺寸后再上传。", code="too_many_pixels"
    )
    try:
        # Only the header is read here: the pixel count is known before anything is decoded.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height * getattr(image, "n_frames", 1) > limit:
                    raise too_many
                image.load()
    except Image.DecompressionBombError:
        raise too_many from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError("图片已损坏或不完整，无法读取，请重新导出后上传。", code="broken_image") from None
    finally:
        upload.seek(0)


def check_document(upload) -> None:
    """Refuse a document that is too big or whose content is not of the kind its extension names."""
    _check_size(upload, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, "文件")
    extension = _extension(upload)
    head = _head(upload)
    if extension in DOCUMENT_SIGNATURES:
        if not head.startswith(DOCUMENT_SIGNATURES[extension]):
            raise _mismatch(extension, head)
    elif extension in TEXT_EXTENSIONS:
        if filetype.guess(head) or b"\x00" in head or not _decodes(head):
            raise _mismatch(extension, head)
        if head.lstrip().lower().startswith(MARKUP_STARTS):
            raise ValidationError(
                f"文件内容是网页代码，不能作为 .{extension} 文件上传；请上传 PDF 或纯文本。", code="markup"
            )
    elif extension not in settings.WAGTAILDOCS_EXTENSIONS:
        allowed = "、".join(settings.WAGTAILDOCS_EXTENSIONS)
        raise ValidationError(f"不支持 .{extension} 格式的文件，只能上传 {allowed} 格式。", code="invalid_extension")


def _decodes(head: bytes) -> bool:
    for encoding in TEXT_ENCODINGS:
        try:
            # Incremental: the head may end inside a character.
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


class ImageUploadField(WagtailImageField):
    """Wagtail's image field, checked by `check_image` first: before Wagtail decodes every pixel."""

    def to_python(self, data):
        if hasattr(data, "read"):
            check_image(data)
        return super().to_python(data)


class DocumentUploadField(WagtailDocumentField):
    """Wagtail's document field, checked by `check_document`."""

    def to_python(self, data):
        if hasattr(data, "read"):
            check_document(data)
        return super().to_python(data)
