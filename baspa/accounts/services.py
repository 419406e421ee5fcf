"""Account services: who is knocking (for login throttling) and two-step sign-in devices."""

import ipaddress

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


def client_ip(request) -> str:
    """The client's address for django-axes. Behind nginx every request comes from loopback,
    so the last address nginx appended to X-Forwarded-For is the client; a header sent by
    anyone else is ignored (it could name any address and dodge the lockout)."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in settings.BASPA_TRUSTED_PROXIES:
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    return remote


@transaction.atomic
def totp_device_create(*, user, name: str = "authenticator") -> TOTPDevice:
    """A new confirmed TOTP device for `user` (RFC 6238, 30 s steps, 6 digits), replacing any
    earlier one: from the next sign-in on, the account needs a code."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def totp_device_remove(*, user) -> int:
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    return deleted
