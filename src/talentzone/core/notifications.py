"""The notification centre: a message in the app for each recipient, and the same by email.

`notify` is called inside the caller's transaction; the emails go out only once it commits, so a
rolled-back decision never mails anybody. A failing mail server is logged and does not undo the
in-app notification (that is the record; the mail is a courtesy).
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.message import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)


def notify(recipients: Iterable, *, title: str, body: str = "", url: str = "") -> int:
    """Leave a notification for each recipient and email those with an address."""
    recipients = [user for user in recipients if user is not None]
    Notification.objects.bulk_create(
        [Notification(recipient=user, title=title, body=body, url=url) for user in recipients],
        batch_size=1000,
    )
    mails = [
        EmailMessage(subject=title, body=_mail_body(body, url), to=[user.email])
        for user in recipients
        if user.email
    ]
    if mails:
        transaction.on_commit(lambda: _send(mails))
    return len(recipients)


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read: those named, or all of them."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


def _mail_body(body: str, url: str) -> str:
    if not url:
        return body
    base = getattr(settings, "TALENTZONE_BASE_URL", "")
    return f"{body}\n\n{base}{url}"


def _send(mails: list[EmailMessage]) -> None:
    try:
        get_connection().send_messages(mails)
    except OSError:
        logger.exception("Could not send %d notification emails", len(mails))
