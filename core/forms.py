"""Helpers shared by the views of every app."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def apply_action(form: forms.Form, action: Callable[[dict[str, Any]], Any]) -> bool:
    """Run `action` on a valid form's data; a refusal from the action becomes a form error.

    Returns True when the action ran. Actions raise ValidationError with a
    Vietnamese message when the domain rules refuse the change.
    """
    if not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True
