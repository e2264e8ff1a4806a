"""The budget ledger: yearly budget lines and the append-only entries that spend them.

A line's figures (reserved, disbursed, free) are never stored: they are summed from its entries
each time (see `ledger.line_figures`), so there is no counter that can drift from the facts.
Only `policies.ledger` writes entries.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentzone.core.models import AppendOnlyError

from .choices import EntryKind
from .money import format_fen


class BudgetLine(models.Model):
    """Money a department may spend in one year on one purpose (e.g. 2026 · RC-01 人才奖励)."""

    year = models.PositiveSmallIntegerField(_("year"))
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("owning department"),
    )
    amount = models.BigIntegerField(
        _("amount (fen)"), validators=[MinValueValidator(1)], help_text=_("In fen: ¥1.00 is 100.")
    )

    class Meta:
        ordering = ["-year", "code"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "code"],
                name="budget_line_code_unique_per_year",
                violation_error_message=_("A budget line with this code exists for that year."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="budget_line_amount_positive",
                violation_error_message=_("A budget line's amount must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.code} {self.name}"

    @property
    def amount_display(self) -> str:
        return format_fen(self.amount)


class LedgerEntryQuerySet(models.QuerySet):
    """Reads and inserts only: an entry, once written, is a fact; corrections are new entries."""

    def update(self, **kwargs):
        raise AppendOnlyError("Ledger entries cannot be changed.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Ledger entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Ledger entries cannot be deleted.")


class LedgerEntry(models.Model):
    """One movement on a budget line, in fen.

    A reservation stands alone; a release or a disbursement consumes the reservation it names,
    never more than what is left of it. `reference` says what the money is for in words; the
    optional `target` points at the record behind it (an application, later).
    """

    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="entries", verbose_name=_("budget line")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    amount = models.BigIntegerField(_("amount (fen)"), validators=[MinValueValidator(1)])
    reservation = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consumptions",
        verbose_name=_("reservation"),
    )
    reference = models.CharField(_("reference"), max_length=100)
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("record type"),
    )
    target_id = models.CharField(_("record ID"), max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("actor"),
    )
    memo = models.CharField(_("memo"), max_length=200, blank=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [models.Index(fields=["target_type", "target_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="ledger_entry_amount_positive",
                violation_error_message=_("A ledger entry's amount must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(kind=EntryKind.RESERVE, reservation__isnull=True)
                | (~Q(kind=EntryKind.RESERVE) & Q(reservation__isnull=False)),
                name="ledger_entry_consumes_a_reservation_unless_one",
                violation_error_message=_(
                    "A release or disbursement names its reservation; a reservation names none."
                ),
            ),
            # A release gives back everything left, so a second one could only be a mistake.
            models.UniqueConstraint(
                fields=["reservation"],
                condition=Q(kind=EntryKind.RELEASE),
                name="ledger_entry_one_release_per_reservation",
                violation_error_message=_("This reservation has been released already."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_fen(self.amount)} · {self.reference}"

    def save(self, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Ledger entries cannot be changed.")
        super().save(**{**kwargs, "force_insert": True})

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Ledger entries cannot be deleted.")
