from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from declarations.models import Conference
from rcm.interchange.importing.sources import ENCODINGS, MAX_SOURCE_BYTES, too_large


class ImportForm(forms.Form):
    """A declaration to import: a file, or text pasted from one."""

    file = forms.FileField(
        required=False,
        label=_("File"),
        help_text=_("Plain text, Word (.docx), PDF or declaration JSON, up to 5 MB and 200,000 characters of text."),
    )
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 12}), label=_("Or paste the text"), strip=False
    )
    meeting = forms.ModelChoiceField(
        queryset=Conference.objects.select_related("body"),
        required=False,
        label=_("Meeting"),
        empty_label=_("The meeting the text names"),
        help_text=_("For a text that does not say which meeting adopted it, or says it wrongly."),
    )
    encoding = forms.ChoiceField(
        choices=list(ENCODINGS.items()),
        initial="utf-8",
        label=_("Encoding"),
        help_text=_("For plain text files only: older Word exports are often Windows-1252."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text", "")
        if bool(upload) == bool(text.strip()):
            raise forms.ValidationError(_("Choose a file or paste a text, not both."), code="one_source")
        if upload and upload.size > MAX_SOURCE_BYTES:
            raise forms.ValidationError(f"{too_large(upload.size).capitalize()}.", code="too_large")
        cleaned["name"] = upload.name if upload else gettext("pasted text")
        cleaned["content"] = upload.read() if upload else text.encode("utf-8")
        return cleaned
