"""Reading an admin form as a browser would submit it, so tests can post it back changed or not."""

from bs4 import BeautifulSoup

SKIPPED_INPUT_TYPES = {"submit", "button", "file", "image", "reset"}


def edit_form_data(response, form_selector: str = "form[method=post]") -> dict[str, list[str]]:
    """The fields of the first matching form in `response`, with the values a browser would send."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    form = next(form for form in soup.select(form_selector) if form.find(attrs={"name": "csrfmiddlewaretoken"}))
    data: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            value = field.string or ""
            # A browser drops the one newline that follows <textarea>.
            data.setdefault(name, []).append(value.removeprefix("\n"))
        elif field.name == "select":
            chosen = field.find_all("option", selected=True) or field.find_all("option")[:1]
            if field.has_attr("multiple"):
                chosen = field.find_all("option", selected=True)
            data.setdefault(name, []).extend(option.get("value", option.text) for option in chosen)
        else:
            kind = field.get("type", "text").lower()
            if kind in SKIPPED_INPUT_TYPES or (kind in ("checkbox", "radio") and not field.has_attr("checked")):
                continue
            data.setdefault(name, []).append(field.get("value", "on" if kind in ("checkbox", "radio") else ""))
    return data
