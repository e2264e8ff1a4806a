"""The budget ledger's services (the only writers of entries) and its figures.

Figures are summed from the entries every time:

- a reservation sets money aside; releases and disbursements *consume* the reservation they
  name, together never more than its amount (a release takes all that is left, once);
- reserved  = reservations − releases − disbursements   (what is set aside and not yet settled)
- disbursed = disbursements                             (what was paid)
- free      = amount − reserved − disbursed             (= amount − reservations + releases)

No line is ever overspent, also when approvals arrive at once: every writer locks the line's row
first (`select_for_update` inside the transaction: a row lock on PostgreSQL; SQLite's IMMEDIATE
transactions let one writer in at a time anyway), then recomputes the figures, then writes. The
audit record is written in the same transaction.

Who may reserve, release or pay is decided by the callers (the application services); these
functions keep the books right whoever calls them.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, FilteredRelation, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit

from .choices import EntryKind
from .models import BudgetLine, LedgerEntry
from .money import format_fen

# Locking the line is what keeps concurrent reservations from overspending it. The concurrency
# test switches it off once to show that the race is real; nothing else should touch it.
LOCK_LINES = True


class InsufficientBudget(ValidationError):
    """A reservation the line cannot afford: its message names the line and what is free."""


@dataclass(frozen=True)
class Figures:
    """A budget line's position in fen, summed from its entries."""

    amount: int
    reserved: int
    disbursed: int
    free: int


# Figures -------------------------------------------------------------------------------------


def _sum_of(kind: str, prefix: str = "") -> Coalesce:
    """The sum of the entries of one kind (0 when there are none), as a query expression."""
    total = Sum(f"{prefix}amount", filter=Q(**{f"{prefix}kind": kind}))
    return Coalesce(total, Value(0), output_field=models.BigIntegerField())


def line_figures(line: BudgetLine) -> Figures:
    """The line's figures now, in one aggregate query over its entries."""
    sums = LedgerEntry.objects.filter(line=line).aggregate(
        reserves=_sum_of(EntryKind.RESERVE),
        releases=_sum_of(EntryKind.RELEASE),
        disbursements=_sum_of(EntryKind.DISBURSE),
    )
    reserved = sums["reserves"] - sums["releases"] - sums["disbursements"]
    disbursed = sums["disbursements"]
    return Figures(
        amount=line.amount,
        reserved=reserved,
        disbursed=disbursed,
        free=line.amount - reserved - disbursed,
    )


def with_figures(lines: models.QuerySet, until: datetime.date | None = None) -> models.QuerySet:
    """`lines` annotated with `reserved_fen`, `disbursed_fen` and `free_fen` (one query).

    With `until`, the figures at the end of that day (local time): only the entries written by
    then are summed (the dashboards' figures of a past period)."""
    prefix = "entries__"
    if until is not None:
        next_day = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min)
        condition = Q(entries__created_at__lt=timezone.make_aware(next_day))
        lines = lines.alias(entries_until=FilteredRelation("entries", condition=condition))
        prefix = "entries_until__"
    reserves = _sum_of(EntryKind.RESERVE, prefix)
    releases = _sum_of(EntryKind.RELEASE, prefix)
    disbursements = _sum_of(EntryKind.DISBURSE, prefix)
    return lines.annotate(
        reserved_fen=reserves - releases - disbursements,
        disbursed_fen=disbursements,
        free_fen=F("amount") - reserves + releases,
    )


def lines_with_figures(year: int, until: datetime.date | None = None) -> models.QuerySet:
    """The year's budget lines with their figures, for a list page, in the order of their code
    (at the end of the day `until` when given, see `with_figures`)."""
    lines = BudgetLine.objects.filter(year=year).select_related("owner").order_by("code")
    return with_figures(lines, until)


def outstanding(reservation: LedgerEntry) -> int:
    """What is left of a reservation: its amount less the releases and payments made from it."""
    consumed = reservation.consumptions.aggregate(
        total=Coalesce(Sum("amount"), Value(0), output_field=models.BigIntegerField())
    )["total"]
    return reservation.amount - consumed


# Services ------------------------------------------------------------------------------------


def reserve(
    *, actor, line: BudgetLine, amount: int, reference: str, target=None, memo: str = ""
) -> LedgerEntry:
    """Set `amount` fen of `line` aside for `reference`; refused when the line cannot afford it."""
    _require_fen(amount)
    with transaction.atomic():
        line = _locked(line)
        free = line_figures(line).free
        if amount > free:
            raise InsufficientBudget(
                _("Budget line %(line)s cannot afford %(amount)s: only %(free)s is free."),
                code="insufficient_budget",
                params={"line": str(line), "amount": format_fen(amount), "free": format_fen(free)},
            )
        entry = LedgerEntry(line=line, kind=EntryKind.RESERVE, amount=amount, reference=reference)
        _point_at(entry, target)
        return _write(entry, actor=actor, memo=memo)


def release(*, actor, reservation_entry: LedgerEntry, memo: str = "") -> LedgerEntry:
    """Give back what is left of a reservation (all of it, or the rest after a payment)."""
    _require_reservation(reservation_entry)
    with transaction.atomic():
        _locked(reservation_entry.line)
        rest = _outstanding_or_refuse(reservation_entry)
        entry = _consuming(reservation_entry, EntryKind.RELEASE, rest)
        return _write(entry, actor=actor, memo=memo)


def disburse(
    *, actor, reservation_entry: LedgerEntry, amount: int | None = None, memo: str = ""
) -> LedgerEntry:
    """Pay out of a reservation: `amount` fen, or all that is left of it when not given."""
    _require_reservation(reservation_entry)
    if amount is not None:
        _require_fen(amount)
    with transaction.atomic():
        _locked(reservation_entry.line)
        rest = _outstanding_or_refuse(reservation_entry)
        amount = rest if amount is None else amount
        if amount > rest:
            raise ValidationError(
                _("Cannot pay %(amount)s from the reservation “%(reference)s”: %(rest)s is left."),
                code="more_than_reserved",
                params={
                    "amount": format_fen(amount),
                    "reference": reservation_entry.reference,
                    "rest": format_fen(rest),
                },
            )
        entry = _consuming(reservation_entry, EntryKind.DISBURSE, amount)
        return _write(entry, actor=actor, memo=memo)


# Helpers -------------------------------------------------------------------------------------


def _locked(line: BudgetLine) -> BudgetLine:
    """The line read afresh, its row locked until the transaction ends (see LOCK_LINES)."""
    lines = BudgetLine.objects.all()
    if LOCK_LINES:
        lines = lines.select_for_update()
    return lines.get(pk=line.pk)


def _outstanding_or_refuse(reservation: LedgerEntry) -> int:
    """What is left of the reservation; refused when nothing is (released or paid in full)."""
    rest = outstanding(reservation)
    if rest == 0:
        raise ValidationError(
            _("Nothing is left of the reservation “%(reference)s”: it is settled."),
            code="nothing_outstanding",
            params={"reference": reservation.reference},
        )
    return rest


def _require_fen(amount) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"Money is integers of fen, not {type(amount).__name__}.")
    if amount <= 0:
        raise ValidationError(
            _("An amount must be more than zero, not %(amount)s."),
            code="not_positive",
            params={"amount": format_fen(amount)},
        )


def _require_reservation(entry: LedgerEntry) -> None:
    if entry.kind != EntryKind.RESERVE:
        raise ValidationError(
            _("Only a reservation can be released or paid from, not a %(kind)s."),
            code="not_a_reservation",
            params={"kind": entry.get_kind_display()},
        )


def _point_at(entry: LedgerEntry, target) -> None:
    if target is None:
        return
    if target.pk is None:
        raise ValueError("A ledger entry points at a saved record only.")
    entry.target_type = ContentType.objects.get_for_model(target)
    entry.target_id = str(target.pk)


def _consuming(reservation: LedgerEntry, kind: str, amount: int) -> LedgerEntry:
    """A release or payment of `reservation`, on its line, for what it was reserved for."""
    return LedgerEntry(
        line_id=reservation.line_id,
        kind=kind,
        amount=amount,
        reservation=reservation,
        reference=reservation.reference,
        target_type_id=reservation.target_type_id,
        target_id=reservation.target_id,
    )


def _write(entry: LedgerEntry, *, actor, memo: str) -> LedgerEntry:
    """Save the entry and its audit record, in the caller's (locked) transaction."""
    entry.actor = actor
    entry.memo = memo
    entry.full_clean(validate_unique=False, validate_constraints=False)
    entry.save()
    line = entry.line
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=entry,
        detail={"kind": entry.kind, "fen": entry.amount, "line": f"{line.year}/{line.code}"},
    )
    return entry
