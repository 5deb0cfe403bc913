from django import template

from disclosure.models import CatalogueEntry

register = template.Library()


@register.simple_tag
def catalogue_entry(page):
    """The page's entry in the public catalogue, or None. A page shows it as its metadata table
    (`includes/disclosure_metadata.html`) and leaves out of its own header what the table holds."""
    return (
        CatalogueEntry.objects.public()
        .filter(page_id=page.pk)
        .select_related("organisation", "theme", "genre")
        .prefetch_related("tags")
        .first()
    )
