from django import forms


class MakeFeedForm(forms.Form):
    """The live link the page showed (empty when there was none): a second click is then recognised."""

    replaces = forms.IntegerField(required=False, min_value=1)


class RevokeFeedForm(forms.Form):
    feed = forms.IntegerField(min_value=1)
