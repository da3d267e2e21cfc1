"""Input for the Word templates page. The checks on the file itself live in documents/validation.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.validation import MAX_BYTES


class SeenForm(forms.Form):
    """The number of the latest change the page showed, so a stale form is refused."""

    seen = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class UploadForm(SeenForm):
    file = forms.FileField(
        label=gettext_lazy("Word file (.docx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)d MB; a template is normally much smaller.")
                % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload
