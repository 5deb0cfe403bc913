"""The document form of the admin (`WAGTAILDOCS_DOCUMENT_FORM_BASE`); apart from `cms.forms`, which
page models import while Wagtail's document forms cannot be loaded yet."""

from wagtail.documents.forms import BaseDocumentForm

from cms.uploads import DocumentUploadField


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, its file checked by the cluster's upload rule (`cms.uploads`) in every
    view that uploads documents."""

    file = DocumentUploadField(label="文件")
