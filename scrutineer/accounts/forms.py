from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask an administrator.",
    }


class SecurityCodeForm(forms.Form):
    """The 6-digit code an authenticator app shows (spaces and dashes people type are ignored)."""

    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code your authenticator app shows now.",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        max_length=20,
    )

    def clean_code(self) -> str:
        code = "".join(c for c in self.cleaned_data["code"] if c not in " -")
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError("Enter the code as 6 digits, like 123456")
        return code
