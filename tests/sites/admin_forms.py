"""An admin edit form read back as a browser would submit it, so a test can change one field and post."""

from bs4 import BeautifulSoup

UNSUBMITTED_INPUT_TYPES = {"submit", "button", "file", "image", "reset"}


def submitted_values(html: str) -> dict[str, list[str]]:
    """The values the admin's edit form (`data-edit-form`) in `html` would submit, by field name.

    Inline-panel templates (their names hold `__prefix__`) are left out, as the browser leaves them.
    """
    form = BeautifulSoup(html, "html.parser").select_one("form[data-edit-form]")
    assert form is not None, "no admin edit form in the page"
    values: dict[str, list[str]] = {}
    for element in form.select("input[name], textarea[name], select[name]"):
        name = element["name"]
        if "__prefix__" in name or element.has_attr("disabled"):
            continue
        if element.name == "textarea":
            # A textarea's content starts after the newline that follows its opening tag.
            values.setdefault(name, []).append(element.get_text().removeprefix("\n"))
        elif element.name == "select":
            options = element.select("option")
            selected = [option for option in options if option.has_attr("selected")]
            if not selected and options and not element.has_attr("multiple"):
                selected = options[:1]  # a single select with nothing selected submits its first option
            values.setdefault(name, []).extend(option.get("value", option.get_text()) for option in selected)
        elif element.get("type", "text") in {"checkbox", "radio"}:
            if element.has_attr("checked"):
                values.setdefault(name, []).append(element.get("value", "on"))
        elif element.get("type", "text") not in UNSUBMITTED_INPUT_TYPES:
            values.setdefault(name, []).append(element.get("value", ""))
    return values
