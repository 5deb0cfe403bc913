"""Document downloads: the stored bytes, claiming no content coding."""

from django.http import HttpRequest, HttpResponse
from wagtail.documents.views.serve import serve


def serve_document(request: HttpRequest, document_id: str, document_filename: str) -> HttpResponse:
    """Wagtail's document view, less the Content-Encoding header its sendfile sets.

    The header holds the encoding guessed from the file name: the text "None" for a PDF, which a
    browser may take as a coding to undo, and "gzip" for a .gz file, which a browser would unpack.
    A document is sent as it is stored. @see https://github.com/wagtail/wagtail/pull/3903
    """
    response = serve(request, document_id, document_filename)
    del response["Content-Encoding"]
    return response
