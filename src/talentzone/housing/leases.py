"""The leases of the talent apartments: signing an accepted offer, renewing, ending early, the
move-out inspection that returns the flat to the vacant list (or sends it to repair), and the
two daily checks (leases about to end, tenants who left the zone's employment).

    offer accepted ─sign→ lease active (flat let, household housed)
        ├─renew→ ended ("renewed"), a new active lease of the same flat from the day after
        └─terminate (on, reason)→ terminated (or ended, on its last day or later); flat still let
              └─inspection→ flat vacant, or in repair ─repaired→ vacant; household withdrawn

Like the other services, each function checks the actor's permission (rules.py), writes in one
transaction with the rows it changes locked (`select_for_update`), writes an audit record and
notifies whom it concerns; a step that does not hold raises
ValidationError({field: ValidationError(message, code=…)}) and writes nothing. One active lease
per flat and per talent is also the database's (partial unique constraints): a renewal ends the
old lease before it inserts the new one.
"""

import calendar
import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit
from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.core.notifications import notify
from talentzone.core.services import require_perm
from talentzone.directory.choices import TalentStatus

from .choices import (
    ApartmentStatus,
    EntryStatus,
    InspectionOutcome,
    LeaseStatus,
    OfferStatus,
)
from .models import Apartment, Inspection, Lease, Offer, QueueEntry, Scheme

RENEWED = "renewed"  # Lease.end_reason of a lease that a renewal replaced
TITLE_LENGTH = 120  # Notification.title

__all__ = [
    "RENEWED",
    "add_months",
    "apartment_repaired",
    "flag_left_employment",
    "inspection_record",
    "lease_end",
    "lease_renew",
    "lease_sign",
    "lease_terminate",
    "remind_leases",
]


# Dates, money and small helpers --------------------------------------------------------------


def add_months(start: datetime.date, months: int) -> datetime.date:
    """`start` moved `months` calendar months on, the day clamped to the month's last
    (31 January + 1 month = 28 or 29 February)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return start.replace(
        year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1])
    )


def lease_end(starts_on: datetime.date, months: int) -> datetime.date:
    """The last day of a lease of `months` months from `starts_on` (1 June + 12 → 31 May)."""
    return add_months(starts_on, months) - datetime.timedelta(days=1)


def _today(today: datetime.date | None, now: datetime.datetime | None = None) -> datetime.date:
    return today or timezone.localtime(now or timezone.now()).date()


def _refuse(field: str, message: str, code: str, params: Mapping | None = None):
    return ValidationError({field: ValidationError(message, code=code, params=params)})


def _terms(scheme: Scheme, talent, rent_fen: int) -> dict:
    """Rent, discount and deposit for `talent` under `scheme` at the flat's list rent."""
    code = talent.tier.code if talent.tier_id is not None else ""
    discount = max(0, min(100, int(scheme.discount_percent.get(code, 0))))
    rent = rent_fen * (100 - discount) // 100
    return {
        "discount_percent": discount,
        "rent_fen": rent,
        "deposit_fen": rent * scheme.deposit_months,
    }


def _link(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the pages are not wired (or named otherwise)
        return ""


def _lease_url(lease: Lease) -> str:
    return _link("housing:lease", lease.pk)


def office_admins():
    return User.objects.filter(groups__name=Role.OFFICE_ADMIN, is_active=True).distinct()


def _tenant(lease: Lease) -> list:
    user = lease.talent.user
    return [user] if user is not None and user.is_active else []


def _tell(users, lease: Lease, title: str, body: str = "", *, besides=None) -> None:
    """Notify `users` about `lease`, never the one who did it (and each person once)."""
    unique = {user.pk: user for user in users if besides is None or user.pk != besides.pk}
    notify(list(unique.values()), title=str(title)[:TITLE_LENGTH], body=body, url=_lease_url(lease))


def _money(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _locked_lease(lease: Lease) -> Lease:
    return (
        Lease.objects.select_for_update(of=("self",))
        .select_related("talent", "talent__tier", "talent__user", "entry__scheme", "apartment")
        .get(pk=lease.pk)
    )


def _locked_apartment(pk: int) -> Apartment:
    return Apartment.objects.select_for_update().get(pk=pk)


def _locked_entry(pk: int) -> QueueEntry:
    return QueueEntry.objects.select_for_update().get(pk=pk)


def _require_active(lease: Lease) -> None:
    if lease.status != LeaseStatus.ACTIVE:
        raise _refuse("lease", _("This lease is no longer active."), "not_active")


def _insert(lease: Lease) -> Lease:
    """Save a new active lease; the database's one-active-lease rules speak as refusals."""
    try:
        with transaction.atomic():
            lease.save()
    except IntegrityError:
        if Lease.objects.filter(apartment=lease.apartment, status=LeaseStatus.ACTIVE).exists():
            raise _refuse(
                "apartment", _("The flat already has an active lease."), "already_let"
            ) from None
        raise _refuse(
            "talent", _("The tenant already holds an active lease."), "already_housed"
        ) from None
    return lease


# Signing, renewing, ending -------------------------------------------------------------------


@transaction.atomic
def lease_sign(
    *,
    actor,
    offer: Offer,
    starts_on: datetime.date | None = None,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Lease:
    """Sign the lease of an accepted offer: from `starts_on` (today unless told) for the scheme's
    lease length, at the flat's rent less the tier's discount, with the scheme's deposit. The
    offer is signed, the flat let and the household housed."""
    require_perm(actor, "housing.manage_leases")
    today = _today(today, now)
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("entry__scheme", "entry__talent__tier", "entry__talent__user")
        .get(pk=offer.pk)
    )
    if offer.status != OfferStatus.ACCEPTED:
        raise _refuse(
            "offer",
            _("Only an accepted offer is signed (this one is %(status)s)."),
            "not_accepted",
            {"status": offer.get_status_display()},
        )
    starts_on = starts_on or today
    apartment = _locked_apartment(offer.apartment_id)
    entry = _locked_entry(offer.entry_id)
    scheme, talent = entry.scheme, entry.talent
    lease = _insert(
        Lease(
            offer=offer,
            apartment=apartment,
            entry=entry,
            talent=talent,
            starts_on=starts_on,
            ends_on=lease_end(starts_on, scheme.lease_months),
            **_terms(scheme, talent, apartment.rent_fen),
        )
    )
    offer.status = OfferStatus.SIGNED
    offer.save(update_fields=["status"])
    apartment.status = ApartmentStatus.LET
    apartment.save(update_fields=["status", "updated_at"])
    entry.status = EntryStatus.HOUSED
    entry.save(update_fields=["status", "updated_at"])
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=lease,
        changes=["starts_on", "ends_on", "rent_fen", "discount_percent", "deposit_fen"],
        detail={"offer": offer.pk, "apartment": apartment.pk},
    )
    _tell(
        _tenant(lease),
        lease,
        _("Your lease of %(apartment)s is signed") % {"apartment": apartment},
        _(
            "From %(start)s to %(end)s; rent %(rent)s yuan a month (%(discount)s%% off), "
            "deposit %(deposit)s yuan."
        )
        % {
            "start": lease.starts_on.isoformat(),
            "end": lease.ends_on.isoformat(),
            "rent": _money(lease.rent_fen),
            "discount": lease.discount_percent,
            "deposit": _money(lease.deposit_fen),
        },
        besides=actor,
    )
    return lease


@transaction.atomic
def lease_renew(
    *,
    actor,
    lease: Lease,
    months: int | None = None,
    today: datetime.date | None = None,
) -> Lease:
    """Renew an active lease: it ends on its last day ("renewed") and a new lease of the same
    flat and tenant runs from the day after, for `months` (the scheme's length unless told), at
    the rent the tenant's tier earns today. The old lease ends before the new one is inserted:
    the database holds one active lease per flat and per talent."""
    require_perm(actor, "housing.manage_leases")
    today = _today(today)
    old = _locked_lease(lease)
    _require_active(old)
    scheme = old.entry.scheme
    months = scheme.lease_months if months is None else months
    if months < 1:
        raise _refuse("months", _("A lease runs at least one month."), "invalid")
    apartment = _locked_apartment(old.apartment_id)
    old.status = LeaseStatus.ENDED
    old.ended_on = old.ends_on
    old.end_reason = RENEWED
    old.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    starts_on = old.ends_on + datetime.timedelta(days=1)
    new = _insert(
        Lease(
            renews=old,
            apartment=apartment,
            entry=old.entry,
            talent=old.talent,
            starts_on=starts_on,
            ends_on=lease_end(starts_on, months),
            **_terms(scheme, old.talent, apartment.rent_fen),
        )
    )
    audit(
        actor=actor,
        action=AuditAction.UPDATE,
        target=old,
        changes=["status", "ended_on", "end_reason"],
        detail={"renewed_by": new.pk},
    )
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=new,
        changes=["starts_on", "ends_on", "rent_fen", "discount_percent", "deposit_fen"],
        detail={"renews": old.pk, "on": today},
    )
    _tell(
        _tenant(new),
        new,
        _("Your lease of %(apartment)s is renewed") % {"apartment": apartment},
        _("From %(start)s to %(end)s; rent %(rent)s yuan a month (%(discount)s%% off).")
        % {
            "start": new.starts_on.isoformat(),
            "end": new.ends_on.isoformat(),
            "rent": _money(new.rent_fen),
            "discount": new.discount_percent,
        },
        besides=actor,
    )
    return new


@transaction.atomic
def lease_terminate(*, actor, lease: Lease, on: datetime.date, reason: str) -> Lease:
    """End an active lease on `on` for `reason`: terminated when before its last day, ended on
    or after it. The flat stays let until the move-out inspection."""
    require_perm(actor, "housing.manage_leases")
    reason = (reason or "").strip()
    if not reason:
        raise _refuse("reason", _("Say why the lease ends."), "required")
    lease = _locked_lease(lease)
    _require_active(lease)
    if on is None:
        raise _refuse("on", _("Say on which day the lease ends."), "required")
    if on < lease.starts_on:
        raise _refuse(
            "on",
            _("A lease cannot end before it starts (%(date)s)."),
            "before_start",
            {"date": lease.starts_on.isoformat()},
        )
    lease.status = LeaseStatus.TERMINATED if on < lease.ends_on else LeaseStatus.ENDED
    lease.ended_on = on
    lease.end_reason = reason
    lease.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    audit(
        actor=actor,
        action=AuditAction.UPDATE,
        target=lease,
        changes=["status", "ended_on", "end_reason"],
    )
    _tell(
        _tenant(lease),
        lease,
        _("Your lease of %(apartment)s ends on %(date)s")
        % {"apartment": lease.apartment, "date": on.isoformat()},
        reason,
        besides=actor,
    )
    return lease


# Moving out ----------------------------------------------------------------------------------


@transaction.atomic
def inspection_record(
    *,
    actor,
    lease: Lease,
    outcome: str,
    notes: str = "",
    today: datetime.date | None = None,
) -> Inspection:
    """Record the move-out inspection of an ended lease: the flat goes back to the vacant list
    or to repair, and the household, housed and gone, leaves the queue (withdrawn)."""
    require_perm(actor, "housing.manage_leases")
    today = _today(today)
    if outcome not in InspectionOutcome.values:
        raise _refuse("outcome", _("Choose the inspection's outcome."), "invalid")
    lease = _locked_lease(lease)
    if lease.status == LeaseStatus.ACTIVE:
        raise _refuse(
            "lease", _("The lease is still active: end it before the inspection."), "still_active"
        )
    if Lease.objects.filter(renews=lease).exists():
        raise _refuse("lease", _("The lease was renewed: the tenant has not moved out."), "renewed")
    if Inspection.objects.filter(lease=lease).exists():
        raise _refuse("lease", _("The flat was inspected already."), "already_inspected")
    apartment = _locked_apartment(lease.apartment_id)
    inspection = Inspection.objects.create(
        lease=lease, inspected_on=today, outcome=outcome, notes=notes.strip(), inspected_by=actor
    )
    apartment.status = (
        ApartmentStatus.VACANT if outcome == InspectionOutcome.VACANT else ApartmentStatus.REPAIR
    )
    apartment.save(update_fields=["status", "updated_at"])
    entry = _locked_entry(lease.entry_id)
    if entry.status == EntryStatus.HOUSED:
        entry.status = EntryStatus.WITHDRAWN
        entry.save(update_fields=["status", "updated_at"])
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=inspection,
        changes=["inspected_on", "outcome", "notes"],
        detail={"lease": lease.pk, "apartment": apartment.pk, "status": apartment.status},
    )
    return inspection


@transaction.atomic
def apartment_repaired(*, actor, apartment: Apartment) -> Apartment:
    """A flat back from repair goes on the vacant list."""
    require_perm(actor, "housing.manage_apartments")
    apartment = _locked_apartment(apartment.pk)
    if apartment.status != ApartmentStatus.REPAIR:
        raise _refuse("apartment", _("The flat is not under repair."), "not_in_repair")
    apartment.status = ApartmentStatus.VACANT
    apartment.save(update_fields=["status", "updated_at"])
    audit(actor=actor, action=AuditAction.UPDATE, target=apartment, changes=["status"])
    return apartment


# The daily checks (tasks.py runs them) -------------------------------------------------------


def remind_leases(*, today: datetime.date | None = None) -> int:
    """Tell the tenant and the office of each active lease ending within its scheme's
    `reminder_days` that was not reminded yet; returns how many were reminded. Each lease is
    reminded once (its renewal, a new lease, is reminded in its turn)."""
    today = _today(today)
    reminded = 0
    for scheme in Scheme.objects.all():
        horizon = today + datetime.timedelta(days=scheme.reminder_days)
        due = Lease.objects.filter(
            entry__scheme=scheme,
            status=LeaseStatus.ACTIVE,
            reminded_on__isnull=True,
            ends_on__lte=horizon,
        ).order_by("ends_on", "pk")
        for pk in due.values_list("pk", flat=True):
            reminded += _remind(pk, today)
    return reminded


def _remind(pk: int, today: datetime.date) -> bool:
    with transaction.atomic():
        lease = _locked_lease(Lease(pk=pk))
        if lease.status != LeaseStatus.ACTIVE or lease.reminded_on is not None:
            return False  # another run got here first
        lease.reminded_on = today
        lease.save(update_fields=["reminded_on", "updated_at"])
        audit(actor=None, action=AuditAction.UPDATE, target=lease, changes=["reminded_on"])
        _tell(
            [*_tenant(lease), *office_admins()],
            lease,
            _("The lease of %(apartment)s ends on %(date)s")
            % {"apartment": lease.apartment, "date": lease.ends_on.isoformat()},
            _("Tenant: %(talent)s. Renew it or plan the move-out.") % {"talent": lease.talent},
        )
    return True


def flag_left_employment(*, today: datetime.date | None = None) -> int:
    """Flag to the office each active lease whose tenant is no longer in the zone (the
    directory's status) or has no employer, once (`left_employment_on`); returns how many."""
    today = _today(today)
    gone = (
        Lease.objects.filter(status=LeaseStatus.ACTIVE, left_employment_on__isnull=True)
        .filter(~Q(talent__status=TalentStatus.IN_ZONE) | Q(talent__employer__isnull=True))
        .order_by("pk")
    )
    return sum(_flag(pk, today) for pk in gone.values_list("pk", flat=True))


def _left(talent) -> bool:
    return talent.status != TalentStatus.IN_ZONE or talent.employer_id is None


def _flag(pk: int, today: datetime.date) -> bool:
    with transaction.atomic():
        lease = _locked_lease(Lease(pk=pk))
        if (
            lease.status != LeaseStatus.ACTIVE
            or lease.left_employment_on is not None
            or not _left(lease.talent)
        ):
            return False
        lease.left_employment_on = today
        lease.save(update_fields=["left_employment_on", "updated_at"])
        audit(actor=None, action=AuditAction.UPDATE, target=lease, changes=["left_employment_on"])
        _tell(
            office_admins(),
            lease,
            _("%(talent)s, tenant of %(apartment)s, left the zone's employment")
            % {"talent": lease.talent, "apartment": lease.apartment},
            _("The lease runs to %(date)s; review whether it continues.")
            % {"date": lease.ends_on.isoformat()},
        )
    return True
