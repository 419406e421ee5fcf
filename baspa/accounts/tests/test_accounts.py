"""Newsroom accounts against guessing and forgotten sessions, through the real sign-in page."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from baspa.accounts.services import totp_device_create
from baspa.newsroom.services import ADMINISTRATOR, EDITOR

User = get_user_model()
PASSWORD = "Сенімді-құпиясөз-2026"
LOGIN = "/admin/login/"


@pytest.fixture
def editor(homes):
    user = User.objects.create_user(username="editor", password=PASSWORD)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


def sign_in(client, username="editor", password=PASSWORD, language="kk", otp_token="", **meta):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "otp_token": otp_token},
        HTTP_ACCEPT_LANGUAGE=language,
        **meta,
    )


@pytest.mark.django_db
def test_guessing_a_password_locks_that_account_from_that_address(client, editor):
    for _ in range(4):
        assert sign_in(client, password="wrong-guess").status_code == 200
    assert sign_in(client, password="wrong-guess").status_code == 429
    locked = sign_in(client)  # even the right password now
    assert locked.status_code == 429
    # The sign-in page speaks the site's language (Kazakh) to someone not signed in.
    assert "Кіру әрекеттері тым көп" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="editor").failures_since_start >= 5
    # Another address is not locked out: a stranger cannot shut an editor out.
    elsewhere = client.post(
        LOGIN, {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert elsewhere.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [("kk", "15 минутқа тоқтатылды"), ("ru", "приостановлен на 15 минут"), ("en", "15 minutes")],
)
def test_the_lockout_page_is_translated(rf, language, words):
    from django.utils import translation

    from baspa.accounts.views import lockout

    with translation.override(language):
        request = rf.post(LOGIN)
        request.user = AnonymousUser()
        response = lockout(request)
    assert response.status_code == 429 and words in response.content.decode()


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_dodge_the_lockout(client, editor):
    for n in range(6):
        sign_in(
            client,
            password="wrong-guess",
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    response = client.post(
        LOGIN,
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_the_proxy_the_client_address_counts(client, editor):
    for _ in range(6):
        sign_in(client, password="wrong-guess", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert sign_in(client, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert sign_in(client, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


@pytest.mark.django_db
def test_an_idle_session_ends_and_an_active_one_slides(client, editor):
    assert sign_in(client).status_code == 302
    assert client.get("/admin/").status_code == 200
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < left <= timedelta(hours=8)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", "Бұл құпиясөз тым қысқа"),
        ("ru", "Введённый пароль слишком короткий"),
        ("en", "This password is too short"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(client, homes, language, words):
    admin = User.objects.create_user(username="chief", password=PASSWORD)
    admin.groups.add(Group.objects.get(name=ADMINISTRATOR))
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin)
    messages = []
    for weak in ("qwerty", "12345678901234", "password1234"):
        response = client.post(
            "/admin/users/new/",
            {
                "username": "intern",
                "email": "intern@example.kz",
                "first_name": "Intern",
                "last_name": "Intern",
                "password1": weak,
                "password2": weak,
                "is_active": "on",
            },
        )
        assert response.status_code == 200, weak
        assert not User.objects.filter(username="intern").exists()
        messages.append(response.content.decode())
    assert words in messages[0]


@pytest.mark.django_db
def test_two_step_sign_in_asks_for_the_current_code(client, editor):
    device = totp_device_create(user=editor)
    response = sign_in(client)
    assert response.status_code == 200
    assert "Аутентификатор қолданбасындағы бір реттік кодты енгізіңіз" in response.content.decode()
    response = sign_in(client, otp_token="000000" if totp(device.bin_key) != 0 else "111111")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Бір реттік код қате" in response.content.decode()
    # django-otp slows guessing down: after a wrong code the device waits (1 s, doubling)
    # before it checks another. The test does not wait; it clears the delay.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    response = sign_in(client, otp_token=code)
    assert response.status_code == 302
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_accounts_without_a_device_sign_in_with_the_password_alone(client, editor):
    assert sign_in(client).status_code == 302


@pytest.mark.django_db
def test_the_totp_command_switches_two_step_sign_in_on_and_off(editor):
    out = StringIO()
    call_command("totp", "add", "editor", stdout=out)
    assert "otpauth://totp/" in out.getvalue()
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).count() == 1
    call_command("totp", "remove", "editor", stdout=StringIO())
    assert not TOTPDevice.objects.filter(user=editor).exists()
