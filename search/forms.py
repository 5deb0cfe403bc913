"""The search parameters of the public page and the API; anything unknown is ignored, not an error."""

from django import forms

from search.enums import Scope, SortOrder


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True)
    scope = forms.ChoiceField(choices=Scope.choices, required=False)
    site = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    kind = forms.SlugField(required=False, max_length=50)
    org = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    column_type = forms.SlugField(required=False, max_length=20)
    sort = forms.ChoiceField(choices=SortOrder.choices, required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10**6)

    def cleaned_or_default(self) -> dict:
        """Valid parameters as given, invalid ones (an unknown facet value, a page of `x`) as absent."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return {
            # As typed: the form's own checks would drop a query with a NUL, which the search explains.
            "q": str(self.data.get("q", "")).strip(),
            "scope": data.get("scope") or Scope.SITE,
            "site": data.get("site"),
            "kind": data.get("kind") or "",
            "org": data.get("org"),
            "year": data.get("year"),
            "column_type": data.get("column_type") or "",
            "sort": data.get("sort") or SortOrder.RELEVANCE,
            "page": data.get("page") or 1,
        }
