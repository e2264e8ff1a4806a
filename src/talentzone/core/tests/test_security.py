"""Sign-in throttling (django-axes) and password hashing (Argon2), as the office relies on them."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from talentzone.directory.tests.factories import UserFactory

PASSWORD = "demo-pass-123"
LIMIT = 3
PRODUCTION_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@pytest.fixture(autouse=True)
def failure_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.TALENTZONE_SUPPORT_CONTACT = "人才服务办公室 0571-12345678"


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def ask_token(username, password, address="10.0.0.1"):
    return APIClient().post(
        "/api/v1/auth/token/",
        {"username": username, "password": password},
        format="json",
        REMOTE_ADDR=address,
    )


def fail_times(username, times=LIMIT, address="10.0.0.1"):
    """Wrong passwords: the form again with its error, until the last of the limit locks."""
    for attempt in range(1, times + 1):
        response = sign_in(Client(), username, "wrong-password", address)
        assert response.status_code == (429 if attempt == LIMIT else 200)


def signed_in(response) -> bool:
    return response.status_code == 302 and response.url == reverse("home")


@pytest.mark.django_db
def test_a_wrong_password_below_the_limit_shows_the_form_again_and_the_right_one_signs_in():
    user = UserFactory()
    fail_times(user.username, LIMIT - 1)
    assert signed_in(sign_in(Client(), user.username, PASSWORD))


@pytest.mark.django_db
def test_after_the_limit_even_the_right_password_gets_the_locked_out_page():
    user = UserFactory()
    fail_times(user.username)
    response = sign_in(Client(), user.username, PASSWORD)
    assert response.status_code == 429
    assert "core/locked_out.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "0571-12345678" in page  # whom to ask
    assert response.context["minutes"] == 15
    assert response["Retry-After"] == "900"


@pytest.mark.django_db
def test_the_locked_out_page_speaks_english_to_an_english_browser():
    user = UserFactory()
    fail_times(user.username)
    response = Client().post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    assert "Try again after" in response.content.decode()


@pytest.mark.django_db
def test_the_api_token_endpoint_answers_429_with_a_detail_once_locked():
    user = UserFactory()
    for _ in range(LIMIT - 1):
        assert ask_token(user.username, "wrong-password").status_code == 400
    assert ask_token(user.username, "wrong-password").status_code == 429
    response = ask_token(user.username, PASSWORD)
    assert response.status_code == 429
    assert "locked" in response.json()["detail"] or "锁定" in response.json()["detail"]
    assert response.json()["retry_after"] == 900
    assert "token" not in response.json()


@pytest.mark.django_db
def test_failures_on_the_page_and_the_api_count_together():
    user = UserFactory()
    fail_times(user.username, LIMIT - 1)
    assert ask_token(user.username, "wrong-password").status_code == 429  # the last of the limit
    assert sign_in(Client(), user.username, PASSWORD).status_code == 429


@pytest.mark.django_db
def test_another_user_and_another_address_are_not_locked():
    victim, colleague = UserFactory(), UserFactory()
    fail_times(victim.username, address="10.0.0.1")
    assert signed_in(sign_in(Client(), colleague.username, PASSWORD, "10.0.0.1"))
    assert signed_in(sign_in(Client(), victim.username, PASSWORD, "10.0.0.2"))
    assert ask_token(colleague.username, PASSWORD).status_code == 200


@pytest.mark.django_db
def test_a_success_resets_the_count():
    user = UserFactory()
    fail_times(user.username, LIMIT - 1)
    assert signed_in(sign_in(Client(), user.username, PASSWORD))
    fail_times(user.username, LIMIT - 1)
    assert signed_in(sign_in(Client(), user.username, PASSWORD))


@pytest.mark.django_db
def test_the_lock_ends_after_the_cool_off():
    user = UserFactory()
    fail_times(user.username)
    assert sign_in(Client(), user.username, PASSWORD).status_code == 429
    # Sixteen minutes later (the attempts' clock moved back rather than the test's forward).
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert signed_in(sign_in(Client(), user.username, PASSWORD))


@pytest.mark.django_db
def test_the_office_lifts_a_lock_at_once_with_axes_reset_username():
    user = UserFactory()
    fail_times(user.username)
    call_command("axes_reset_username", user.username)
    assert signed_in(sign_in(Client(), user.username, PASSWORD))


@pytest.mark.django_db
def test_behind_a_proxy_the_lock_follows_the_address_the_proxy_saw(settings):
    settings.TALENTZONE_PROXY_COUNT = 1
    user = UserFactory()
    for _ in range(LIMIT):
        Client().post(
            reverse("login"),
            {"username": user.username, "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.1",  # the client forged the first entry
        )
    # Another client behind the same proxy is not locked; the guesser's address is.
    assert signed_in(sign_in(Client(), user.username, PASSWORD, "127.0.0.1"))
    locked = Client().post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="9.9.9.9, 10.0.0.1",
    )
    assert locked.status_code == 429


# Password hashing --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_password_is_stored_with_argon2(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = UserFactory()
    user.set_password("a-new-password-1")
    user.save()
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("a-new-password-1")


@pytest.mark.django_db
def test_an_old_pbkdf2_hash_still_signs_in_and_is_upgraded_to_argon2(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    user = UserFactory()
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    assert user.password.startswith("pbkdf2_sha256$")
    assert signed_in(sign_in(Client(), user.username, PASSWORD))
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
