"""The search box and its filters, all in the query string so that a search can be bookmarked and shared."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from search.models import Kind
from search.queries import MAX_PAGE, Filters
from search.terms import MAX_QUERY


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=MAX_QUERY, strip=True)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2199)
    org = forms.IntegerField(label=_("Organization"), required=False, min_value=1)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def filters(self) -> Filters:
        """The filters asked for; one that does not make sense is left out rather than refused."""
        self.is_valid()
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        return Filters(
            kind=data.get("kind") or "",
            year=data.get("year"),
            org_id=data.get("org"),
            page=data.get("page") or 1,
        )

    def query_text(self) -> str:
        """What was typed; a query longer than allowed is cut rather than refused."""
        self.is_valid()
        if "q" in self.cleaned_data:
            return self.cleaned_data["q"]
        return str(self.data.get("q") or "")[:MAX_QUERY].strip()
