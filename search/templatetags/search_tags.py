from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def search_url(context, **changes) -> str:
    """The search page's URL with `changes` to the current parameters (an empty value removes one).

    Any change but the page number starts again at page 1.
    """
    params: QueryDict = context["request"].GET.copy()
    if "page" not in changes:
        params.pop("page", None)
    for name, value in changes.items():
        if value in ("", None):
            params.pop(name, None)
        else:
            params[name] = str(value)
    return "?" + params.urlencode()


@register.inclusion_tag("includes/search_fragments.html")
def fragments(parts):
    """Text with the query's terms marked, each part escaped by the template."""
    return {"parts": parts}


@register.simple_tag(takes_context=True)
def search_url_for(context, name: str, value="") -> str:
    """`search_url` for a parameter whose name is itself a variable (a facet's)."""
    return search_url(context, **{name: value})
