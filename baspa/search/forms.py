from django import forms
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("all", _("All languages"))]


class SearchForm(forms.Form):
    """The reader's query and filters, as they arrive in the address (GET)."""

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    section = forms.IntegerField(label=_("Section"), required=False, min_value=1)
    author = forms.IntegerField(label=_("Author"), required=False, min_value=1)
    region = forms.IntegerField(label=_("Region"), required=False, min_value=1)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A NUL in the query is dropped with the other control characters (analysis.clean_query)
        # rather than refused.
        self.fields["q"].validators = []

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data
