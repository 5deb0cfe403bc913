from django import template

from disclosure.models import CatalogueEntry

register = template.Library()


@register.inclusion_tag("includes/disclosure_page_metadata.html")
def catalogue_metadata(page):
    """The 索引号 and metadata table of a page that is in the public catalogue; nothing otherwise."""
    entry = (
        CatalogueEntry.objects.public()
        .filter(page_id=page.pk)
        .select_related("organisation", "theme", "genre")
        .prefetch_related("tags")
        .first()
    )
    return {"entry": entry}
