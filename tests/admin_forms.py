"""Reading an admin form as a browser would submit it, so tests can post it back changed or not."""

import json

from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import nested_form_data, streamfield

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
    for stream in form.select('[data-controller~="w-block"]'):
        data.update(_stream_fields(stream["id"], json.loads(stream["data-w-block-arguments-value"])[0]))
    return data


def _stream_fields(prefix: str, blocks: list[dict]) -> dict[str, list[str]]:
    # The inputs Wagtail's StreamField script builds from the blocks it was given.
    fields = {f"{prefix}-count": [str(len(blocks))]}
    for index, block in enumerate(blocks):
        value = block["value"]
        fields |= {
            f"{prefix}-{index}-type": [block["type"]],
            f"{prefix}-{index}-value": [value if isinstance(value, str) else json.dumps(value)],
            f"{prefix}-{index}-id": [block.get("id") or ""],
            f"{prefix}-{index}-deleted": [""],
            f"{prefix}-{index}-order": [str(index)],
        }
    return fields


def with_legacy_body(data: dict[str, list[str]], html: str) -> dict[str, list[str]]:
    """The edit form's data with the page's body replaced by one legacy-markup block of `html`."""
    data = {key: value for key, value in data.items() if not key.startswith("body-")}
    data.update(nested_form_data({"body": streamfield([("legacy_html", html)])}))
    return data
