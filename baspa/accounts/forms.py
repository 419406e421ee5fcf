"""The admin's sign-in form: Wagtail's, plus a one-time code for accounts that use TOTP."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    otp_token = forms.CharField(
        label=_("One-time code"),
        required=False,
        max_length=8,
        help_text=_("Only if your account uses two-step sign-in: the code your app shows now."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **WagtailLoginForm.error_messages,
        "otp_missing": _("Enter the one-time code from your authenticator app."),
        "otp_invalid": _("This one-time code is wrong or has expired. Try the current one."),
    }

    def clean(self):
        cleaned = super().clean()  # the password first: axes counts failures there
        user = self.get_user()
        if user is None or not user_has_device(user, confirmed=True):
            return cleaned
        token = (cleaned.get("otp_token") or "").replace(" ", "")
        if not token:
            raise forms.ValidationError(self.error_messages["otp_missing"], code="otp_missing")
        device = match_token(user, token)
        if device is None:
            raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
        # django_otp's user_logged_in receiver marks the new session as verified with it.
        user.otp_device = device
        return cleaned
