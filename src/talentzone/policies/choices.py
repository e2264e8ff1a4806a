"""Choices of the policies app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    """What a ledger entry does to its budget line.

    A reservation sets money aside for one purpose (an approved application); a release gives
    the rest of a reservation back; a disbursement pays out of a reservation.
    """

    RESERVE = "reserve", _("reservation")
    RELEASE = "release", _("release")
    DISBURSE = "disburse", _("disbursement")
