from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import AuditAction


class User(AbstractUser):
    """A person who signs in. What they may do comes from their groups (roles) and memberships."""

    display_name = models.CharField(_("display name"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


# The audit trail ------------------------------------------------------------------------------

GENESIS_HASH = "0" * 64  # what the first record of the trail follows


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit record from Python."""


class AppendOnlyQuerySet(models.QuerySet):
    """Reads and inserts only: a row once written is a fact; a correction is a new row."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A table of facts (ledger entries, timelines): Python inserts and never changes or
    deletes a row, through an instance or a queryset."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed.")
        super().save(**{**kwargs, "force_insert": True})

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted.")


class AuditRecordQuerySet(models.QuerySet):
    """Reads and inserts only: the trail is append-only (the database refuses too, see 0003)."""

    def update(self, **kwargs):
        raise AppendOnlyError("Audit records cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Audit records cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit records cannot be deleted.")


class AuditRecord(models.Model):
    """Who did what to which record, when; each record's hash covers the one before it.

    Written only by `core.audit`. `seq` is the record's place in the chain (1, 2, 3…), so the
    chain's order does not depend on how the database hands out ids.
    """

    seq = models.PositiveBigIntegerField(_("number"), unique=True, editable=False)
    at = models.DateTimeField(_("time"), db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # An account that appears in the trail cannot be deleted (deactivate it instead): the
        # database would refuse to clear the reference anyway, and the record must stay intact.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_records",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("actor's username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    target_type = models.CharField(_("record type"), max_length=100, blank=True)
    target_id = models.CharField(_("record ID"), max_length=64, blank=True)
    target_repr = models.CharField(_("record"), max_length=200, blank=True)
    changes = models.JSONField(_("changed fields"), default=list, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # Unique: two records that follow the same one would be a fork of the chain.
    prev_hash = models.CharField(_("previous hash"), max_length=64, unique=True)
    hash = models.CharField(_("hash"), max_length=64)

    objects = AuditRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["action", "at"]),
            models.Index(fields=["actor_name"]),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_action_display()} {self.target_repr}".strip()

    def save(self, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit records cannot be changed.")
        super().save(**{**kwargs, "force_insert": True})

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit records cannot be deleted.")


class AuditHead(models.Model):
    """The end of the audit chain, in a single row: appends lock it, so they queue one by one
    and each follows the last. It also lets `audit verify` notice records cut off the end."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(_("number of the last record"), default=0)
    last_hash = models.CharField(_("hash of the last record"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("end of the audit trail")
        verbose_name_plural = _("end of the audit trail")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="audithead_single_row")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.last_hash}"


# Notifications --------------------------------------------------------------------------------


class Notification(models.Model):
    """A message for one user in their notification centre (also sent by email, see
    `core.notifications`). Written in the recipient's language when it is created."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


# The working calendar -------------------------------------------------------------------------


class CalendarDay(models.Model):
    """A day that breaks the default week (Monday to Friday working, the weekend off): a public
    holiday on a weekday, or a weekend day made up as a working day (调休). Deadlines counted in
    working days (`core.workdays`) read this table; the talent office keeps it each year when the
    State Council publishes the holidays."""

    date = models.DateField(_("date"), unique=True)
    working = models.BooleanField(
        _("working day"), help_text=_("Ticked for a weekend day made up as a working day.")
    )
    name = models.CharField(_("name"), max_length=40, help_text=_("E.g. 春节, 国庆节"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
