"""The notification centre: one notification per recipient, mailed only once the transaction
commits; each user reads, opens and clears their own, in the page, on the bell and in the API,
and never sees anyone else's."""

import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from talentzone.core.models import Notification
from talentzone.core.notifications import notify, unread_count

pytestmark = pytest.mark.django_db

API = "/api/v1/core/notifications/"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def alice(make_user):
    user = make_user("talent")
    user.email = "alice@example.cn"
    user.save()
    return user


@pytest.fixture
def bob(make_user):
    return make_user("talent")  # no email address


def signed_in(client, user):
    client.force_login(user)
    return client


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# Sending -------------------------------------------------------------------------------------


def test_notify_leaves_one_per_recipient_and_mails_those_with_an_address_after_commit(
    alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        sent = notify([alice, bob], title="申请已通过", body="将兑付 ¥50,000.00。", url="/x/1/")
        assert sent == 2
        assert Notification.objects.filter(recipient=alice).count() == 1
        assert Notification.objects.filter(recipient=bob).count() == 1
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [mail] = mailoutbox
    assert mail.to == ["alice@example.cn"]
    assert mail.subject == "申请已通过"
    assert "将兑付 ¥50,000.00。" in mail.body
    assert "/x/1/" in mail.body


def test_a_rolled_back_transaction_leaves_no_notification_and_sends_no_mail(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify([alice], title="申请已通过")
        raise RuntimeError("the decision failed")
    assert callbacks == []
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_a_mail_server_that_fails_does_not_undo_the_notification(
    alice, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    with django_capture_on_commit_callbacks(execute=True):
        notify([alice], title="申请已通过")
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert "Could not send 1 notification emails" in caplog.text


# The page ------------------------------------------------------------------------------------


def test_the_centre_lists_only_my_notifications_with_the_unread_ones_marked(client, alice, bob):
    notify([alice], title="已读的通知")
    Notification.objects.filter(recipient=alice).update(read_at="2026-01-01T00:00:00Z")
    notify([alice], title="未读的通知")
    notify([bob], title="别人的通知")
    html = signed_in(client, alice).get(reverse("notifications")).content.decode()
    assert "未读的通知" in html and "已读的通知" in html
    assert "别人的通知" not in html
    assert html.count('data-testid="notification"') == 2
    assert html.count('data-unread="true"') == 1
    assert 'data-testid="read-all"' in html


def test_the_centre_is_paginated(client, alice):
    for number in range(30):
        notify([alice], title=f"通知{number:02d}")
    html = signed_in(client, alice).get(reverse("notifications")).content.decode()
    assert html.count('data-testid="notification"') == 25
    assert "通知29" in html and "通知04" not in html  # newest first
    html = client.get(reverse("notifications"), {"page": 2}).content.decode()
    assert html.count('data-testid="notification"') == 5


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, alice):
    notify([alice], title="申请已退回", url="/policies/applications/7/")
    notification = Notification.objects.get()
    response = signed_in(client, alice).get(reverse("notification-open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/policies/applications/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_to_another_site_is_not_followed(client, alice):
    notify([alice], title="可疑链接", url="https://evil.example.com/")
    notification = Notification.objects.get()
    response = signed_in(client, alice).get(reverse("notification-open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications")


def test_nobody_opens_another_users_notification(client, alice, bob):
    notify([bob], title="别人的通知")
    notification = Notification.objects.get()
    response = signed_in(client, alice).get(reverse("notification-open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_clears_only_my_own(client, alice, bob):
    notify([alice, alice, bob], title="通知")
    signed_in(client, alice)
    assert client.get(reverse("notifications-read-all")).status_code == 405
    response = client.post(reverse("notifications-read-all"))
    assert response["Location"] == reverse("notifications")
    assert unread_count(alice) == 0
    assert unread_count(bob) == 1


def test_the_centre_asks_to_sign_in(client):
    response = client.get(reverse("notifications"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# The bell ------------------------------------------------------------------------------------


def bell_count(html: str) -> str | None:
    match = re.search(r'data-testid="unread-count">([^<]+)<', html)
    return match.group(1) if match else None


def test_the_bell_shows_how_many_are_unread(client, alice, bob):
    notify([alice, alice, alice, bob], title="通知")
    signed_in(client, alice)
    assert bell_count(client.get(reverse("notifications")).content.decode()) == "3"
    first = Notification.objects.filter(recipient=alice).first()
    client.get(reverse("notification-open", args=[first.pk]))
    assert bell_count(client.get(reverse("notifications")).content.decode()) == "2"
    client.post(reverse("notifications-read-all"))
    html = client.get(reverse("notifications")).content.decode()
    assert bell_count(html) is None
    assert 'data-testid="notification-bell"' in html


def test_the_bell_caps_its_count(client, alice):
    notify([alice] * 120, title="通知")
    html = signed_in(client, alice).get(reverse("notifications")).content.decode()
    assert bell_count(html) == "99+"


# The API -------------------------------------------------------------------------------------


def test_the_api_lists_my_notifications_only_newest_first(alice, bob):
    notify([alice], title="第一条")
    notify([alice], title="第二条")
    notify([bob], title="别人的")
    rows = api_for(alice).get(API).json()["results"]
    assert [row["title"] for row in rows] == ["第二条", "第一条"]
    assert set(rows[0]) == {"id", "title", "body", "url", "created_at", "read_at"}


def test_the_api_answers_404_for_another_users_notification(alice, bob):
    notify([bob], title="别人的")
    notification = Notification.objects.get()
    assert api_for(alice).get(f"{API}{notification.pk}/").status_code == 404
    assert api_for(bob).get(f"{API}{notification.pk}/").status_code == 200


def test_the_api_marks_the_named_ones_read_and_ignores_others(alice, bob):
    notify([alice, alice], title="我的")
    notify([bob], title="别人的")
    mine = Notification.objects.filter(recipient=alice).first()
    theirs = Notification.objects.get(recipient=bob)
    response = api_for(alice).post(f"{API}read/", {"ids": [mine.pk, theirs.pk]}, format="json")
    assert response.status_code == 200
    assert response.json() == {"marked": 1, "unread": 1}
    assert unread_count(bob) == 1
    unread = api_for(alice).get(API, {"unread": "true"}).json()["results"]
    assert len(unread) == 1


def test_the_api_marks_all_read_when_none_is_named(alice):
    notify([alice, alice], title="我的")
    response = api_for(alice).post(f"{API}read/", {}, format="json")
    assert response.json() == {"marked": 2, "unread": 0}


def test_the_api_refuses_ids_that_are_not_numbers_on_ids(alice):
    response = api_for(alice).post(f"{API}read/", {"ids": ["one"]}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"ids"}


def test_the_api_asks_to_sign_in():
    assert APIClient().get(API).status_code == 403
