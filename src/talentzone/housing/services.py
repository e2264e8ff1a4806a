"""The talent apartments' services: the only writers of the queue, the allocation rounds and the
offers (the leases are in `leases.py`).

Every function checks the actor's permission (rules.py), writes in one transaction, writes an
audit record and notifies whom it concerns. A step that does not hold raises
ValidationError({field: ValidationError(message, code=…)}) or PermissionDenied, and writes
nothing.

    queue_enter → waiting ─round / pass-on→ offered (offer open) ─accept→ offer accepted
                     ↑                                  │          (leases.lease_sign → housed)
                     └────── decline / expiry ──────────┘  and the flat passes on at once

Who may change offers takes turns per scheme: every step that writes an offer or a household's
place first locks the scheme's row (`select_for_update`), then the rows it changes; a round also
locks the vacant flats it offers (a flat belongs to no scheme, so two schemes' rounds meet on the
flats' rows). The partial unique constraints (one live offer per flat and per household) are the
database's half and hold even if a path forgets the lock.

Priority: `tier points + whole years in the zone × per-year + household members × per-member +
whole months waited × per-month`; households are ordered by score (highest first), then by the
day they entered the queue (earliest first), then by their entry's id (the tie rule). A household
never gets again a flat it turned down or let expire.

Every function takes the clock (`today`, `now`) so tests fix it; they default to the park's.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit
from talentzone.core.notifications import notify
from talentzone.core.services import require_perm
from talentzone.directory.models import Talent

from .choices import MAX_HOUSEHOLD, ApartmentStatus, EntryStatus, Layout, LeaseStatus, OfferStatus
from .models import LIVE_OFFER, Apartment, Offer, QueueEntry, Round, Scheme

TITLE_LENGTH = 120  # Notification.title
QUEUED_STATUSES = (EntryStatus.WAITING, EntryStatus.OFFERED)


# The clock and small helpers -----------------------------------------------------------------


def _clock(
    today: datetime.date | None, now: datetime.datetime | None
) -> tuple[datetime.date, datetime.datetime]:
    """(today, now) on the park's clock; a test giving only `now` gets its day as `today`."""
    now = now or timezone.now()
    return today or timezone.localtime(now).date(), now


def _refuse(field_name: str, message: str, code: str, params: Mapping | None = None):
    return ValidationError({field_name: ValidationError(message, code=code, params=params)})


def _title(text: str) -> str:
    return str(text)[:TITLE_LENGTH]


def _lock_scheme(scheme_id: int) -> Scheme:
    """The scheme's row, locked until the transaction ends: the steps that change its offers and
    its queue take turns."""
    return Scheme.objects.select_for_update().get(pk=scheme_id)


def _locked_offer(offer: Offer) -> Offer:
    return (
        Offer.objects.select_for_update(of=("self",))
        .select_related("entry", "entry__scheme", "entry__talent", "entry__talent__tier")
        .select_related("apartment", "apartment__community")
        .get(pk=offer.pk)
    )


def _locked_apartment(apartment_id: int) -> Apartment:
    return (
        Apartment.objects.select_for_update(of=("self",))
        .select_related("community")
        .get(pk=apartment_id)
    )


def _set_apartment(apartment: Apartment, status: str) -> None:
    apartment.status = status
    apartment.save(update_fields=["status", "updated_at"])


def _set_entry(entry: QueueEntry, status: str) -> None:
    entry.status = status
    entry.save(update_fields=["status", "updated_at"])


# Queue ---------------------------------------------------------------------------------------


def fits(entry: QueueEntry, apartment: Apartment) -> bool:
    """Whether the household wants the flat's layout and is not too many for it."""
    return apartment.layout in entry.layouts and entry.household_size <= MAX_HOUSEHOLD.get(
        apartment.layout, 0
    )


def _fits_layout(entry: QueueEntry, layout: str) -> bool:
    return layout in entry.layouts and entry.household_size <= MAX_HOUSEHOLD.get(layout, 0)


def _clean_layouts(layouts) -> list[str]:
    if isinstance(layouts, str):
        layouts = [layouts]
    chosen = [str(layout) for layout in layouts or ()]
    if not chosen or any(layout not in Layout.values for layout in chosen):
        raise _refuse("layouts", _("Choose one or more of the layouts offered."), "invalid")
    return [layout for layout in Layout.values if layout in chosen]  # known order, no repeats


def queue_enter(
    *,
    actor,
    scheme: Scheme,
    talent: Talent,
    layouts: Sequence[str],
    household_size: int,
    application=None,
    today: datetime.date | None = None,
    system: bool = False,
) -> QueueEntry:
    """Put an approved household in the scheme's queue from `today` (the day its months waited
    count from). `system=True` is the approval of a housing application (outcomes.py): no actor,
    no permission to check."""
    if not system:
        require_perm(actor, "housing.manage_queue")
    today, now = _clock(today, None)
    layouts = _clean_layouts(layouts)
    if not isinstance(household_size, int) or household_size < 1:
        raise _refuse("household_size", _("A household has at least one member."), "invalid")
    if not any(household_size <= MAX_HOUSEHOLD[layout] for layout in layouts):
        raise _refuse(
            "household_size",
            _("A household of %(size)d fits none of the layouts chosen."),
            "too_large",
            {"size": household_size},
        )
    with transaction.atomic():
        talent = Talent.objects.select_for_update().get(pk=talent.pk)
        if QueueEntry.objects.filter(talent=talent, status__in=_live_entry_statuses()).exists():
            raise _already_queued()
        try:
            with transaction.atomic():
                entry = QueueEntry.objects.create(
                    scheme=scheme,
                    talent=talent,
                    application=application,
                    layouts=layouts,
                    household_size=household_size,
                    approved_on=today,
                    status=EntryStatus.WAITING,
                )
        except IntegrityError:
            raise _already_queued() from None
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=entry,
            detail={"scheme": scheme.pk, "layouts": layouts, "household_size": household_size},
        )
        notify(
            [talent.user],
            title=_title(_("You are in the queue for a talent apartment")),
            body=_("Scheme: %(scheme)s. In the queue since %(day)s.")
            % {"scheme": scheme, "day": today.isoformat()},
        )
    return entry


def _live_entry_statuses() -> tuple[str, ...]:
    return (EntryStatus.WAITING, EntryStatus.OFFERED, EntryStatus.HOUSED)


def _already_queued() -> ValidationError:
    return _refuse(
        "talent", _("This talent's household is already in a housing queue."), "already_queued"
    )


def queue_withdraw(
    *, actor, entry: QueueEntry, today: datetime.date | None = None, now=None
) -> QueueEntry:
    """Take a household out of the queue (office only). An offer it holds, open or accepted and
    not yet signed, is cancelled (recorded as declined) and its flat passes on at once."""
    require_perm(actor, "housing.manage_queue")
    today, now = _clock(today, now)
    with transaction.atomic():
        _lock_scheme(entry.scheme_id)
        # The offers before the household's row: leases.lease_sign locks offer, then entry.
        live = [
            _locked_offer(offer)
            for offer in Offer.objects.filter(LIVE_OFFER, entry_id=entry.pk).order_by("id")
        ]
        entry = (
            QueueEntry.objects.select_for_update(of=("self",))
            .select_related("scheme", "talent")
            .get(pk=entry.pk)
        )
        if entry.status == EntryStatus.HOUSED:
            raise _refuse("entry", _("The household is housed: end its lease instead."), "housed")
        if entry.status not in QUEUED_STATUSES:
            raise _refuse("entry", _("The household is no longer in the queue."), "not_queued")
        live = [offer for offer in live if offer.status in (OfferStatus.OPEN, OfferStatus.ACCEPTED)]
        _set_entry(entry, EntryStatus.WITHDRAWN)
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=entry,
            changes=["status"],
            detail={"status": EntryStatus.WITHDRAWN, "offers_cancelled": [o.pk for o in live]},
        )
        for offer in live:
            offer.status = OfferStatus.WITHDRAWN
            offer.answered_at = now
            offer.save(update_fields=["status", "answered_at"])
            audit(
                actor=actor,
                action=AuditAction.UPDATE,
                target=offer,
                changes=["status"],
                detail={"status": OfferStatus.WITHDRAWN},
            )
            _pass_on(offer, actor=actor, today=today, now=now)
        notify(
            [entry.talent.user],
            title=_title(_("Your household left the housing queue")),
            body=_("Scheme: %(scheme)s.") % {"scheme": entry.scheme},
        )
    return entry


# Priority ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """A household's priority and how it is made: parts are (label, figure, points), the
    explanation shown to the applicant."""

    total: int
    parts: list[tuple[str, object, int]] = field(default_factory=list)

    def explain(self) -> str:
        terms = " + ".join(f"{label} {figure} → {points}" for label, figure, points in self.parts)
        return f"{self.total} = {terms}" if terms else str(self.total)


def whole_years(start: datetime.date, end: datetime.date) -> int:
    """Whole years from `start` to `end` (0 if `end` is before)."""
    years = end.year - start.year - ((end.month, end.day) < (start.month, start.day))
    return max(years, 0)


def whole_months(start: datetime.date, end: datetime.date) -> int:
    """Whole months from `start` to `end` (0 if `end` is before); 31 January to 28 February is
    not yet a month."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(months, 0)


def priority(entry: QueueEntry, *, today: datetime.date) -> Score:
    """The household's score on `today` under its scheme's weights."""
    scheme = entry.scheme
    talent = entry.talent
    tier = talent.tier
    tier_points = int((scheme.tier_points or {}).get(tier.code, 0)) if tier else 0
    since = talent.arrival_date or entry.approved_on
    years = whole_years(since, today)
    months = whole_months(entry.approved_on, today)
    parts = [
        (_("Talent tier"), str(tier) if tier else "—", tier_points),
        (_("Years in the zone"), years, years * scheme.points_per_year),
        (
            _("Household members"),
            entry.household_size,
            entry.household_size * scheme.points_per_member,
        ),
        (_("Months waited"), months, months * scheme.points_per_month_waited),
    ]
    return Score(total=sum(points for _label, _figure, points in parts), parts=parts)


def order_key(entry: QueueEntry, score: Score) -> tuple:
    """The ordering of households for a flat: score desc, then in the queue since asc, then id."""
    return (-score.total, entry.approved_on, entry.pk)


def ranked(
    entries: Iterable[QueueEntry], *, today: datetime.date
) -> list[tuple[QueueEntry, Score]]:
    """(entry, score) pairs in priority order."""
    scored = [(entry, priority(entry, today=today)) for entry in entries]
    scored.sort(key=lambda pair: order_key(*pair))
    return scored


def _queued(scheme_id: int):
    """The households of the scheme still in the queue (waiting or holding an offer)."""
    return QueueEntry.objects.filter(
        scheme_id=scheme_id, status__in=QUEUED_STATUSES
    ).select_related("scheme", "talent", "talent__tier", "talent__user")


# Rounds --------------------------------------------------------------------------------------


def _turned_down(apartment_id: int) -> set[int]:
    """The households that declined or let expire an offer of this flat: never offered it again."""
    return set(
        Offer.objects.filter(
            apartment_id=apartment_id, status__in=[OfferStatus.DECLINED, OfferStatus.EXPIRED]
        ).values_list("entry_id", flat=True)
    )


def _unavailable(entry_ids: Iterable[int]) -> set[int]:
    """Of these households, those holding a live offer or whose talent holds an active lease."""
    entry_ids = list(entry_ids)
    busy = set(
        Offer.objects.filter(LIVE_OFFER, entry_id__in=entry_ids).values_list("entry_id", flat=True)
    )
    leased = set(
        QueueEntry.objects.filter(
            pk__in=entry_ids,
            talent__leases__status=LeaseStatus.ACTIVE,
        ).values_list("pk", flat=True)
    )
    return busy | leased


def _choose(
    apartment: Apartment, queue: list[tuple[QueueEntry, Score]], busy: set[int]
) -> tuple[QueueEntry, Score, int, int] | None:
    """The first waiting, free household of the ordered queue who fits the flat and has not
    turned it down: (entry, score, rank, fitting) where rank is its place among the queued
    households who fit and have not turned it down (`fitting` of them)."""
    refused = _turned_down(apartment.pk)
    candidates = [
        (entry, score)
        for entry, score in queue
        if entry.pk not in refused and fits(entry, apartment)
    ]
    for rank, (entry, score) in enumerate(candidates, start=1):
        if entry.status == EntryStatus.WAITING and entry.pk not in busy:
            return entry, score, rank, len(candidates)
    return None


def _reason(apartment: Apartment, score: Score, rank: int, fitting: int) -> str:
    terms = " + ".join(
        _("%(label)s %(figure)s: %(points)d") % {"label": label, "figure": figure, "points": points}
        for label, figure, points in score.parts
    )
    return _(
        "Priority score %(score)d = %(parts)s. Rank %(rank)d of %(fitting)d households in the "
        "queue who want and fit this layout (%(layout)s); those ranked above already hold an "
        "offer."
    ) % {
        "score": score.total,
        "parts": terms,
        "rank": rank,
        "fitting": fitting,
        "layout": apartment.get_layout_display(),
    }


def _make_offer(
    *,
    actor,
    apartment: Apartment,
    entry: QueueEntry,
    score: Score,
    rank: int,
    fitting: int,
    round: Round | None,
    passed_on_from: Offer | None,
    today: datetime.date,
    now: datetime.datetime,
) -> Offer:
    scheme = entry.scheme
    offer = Offer.objects.create(
        round=round,
        entry=entry,
        apartment=apartment,
        passed_on_from=passed_on_from,
        score=score.total,
        rank=rank,
        reason=_reason(apartment, score, rank, fitting),
        status=OfferStatus.OPEN,
        offered_at=now,
        expires_on=today + datetime.timedelta(days=scheme.offer_days),
    )
    _set_apartment(apartment, ApartmentStatus.RESERVED)
    _set_entry(entry, EntryStatus.OFFERED)
    audit(
        actor=actor,
        action=AuditAction.CREATE,
        target=offer,
        detail={
            "apartment": apartment.pk,
            "entry": entry.pk,
            "score": score.total,
            "rank": rank,
            "round": round.pk if round else None,
            "passed_on_from": passed_on_from.pk if passed_on_from else None,
        },
    )
    notify(
        [entry.talent.user],
        title=_title(_("A talent apartment is offered to you: %(flat)s") % {"flat": apartment}),
        body=_("Answer by %(day)s. %(reason)s")
        % {"day": offer.expires_on.isoformat(), "reason": offer.reason},
    )
    return offer


def round_run(
    *,
    actor,
    scheme: Scheme,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Round:
    """Offer every vacant flat, in the order community, building, flat number, to the household
    of the scheme ranked highest among those waiting who fit it and are free; one offer per
    household per round. Flats no one fits stay vacant: `round.unoffered` lists them."""
    require_perm(actor, "housing.run_round")
    today, now = _clock(today, now)
    with transaction.atomic():
        scheme = _lock_scheme(scheme.pk)
        flats = list(
            Apartment.objects.select_for_update(of=("self",))
            .filter(status=ApartmentStatus.VACANT)
            .select_related("community")
            .order_by("community__name", "building", "unit", "id")
        )
        queue = ranked(_queued(scheme.pk), today=today)
        waiting = [entry for entry, _score in queue if entry.status == EntryStatus.WAITING]
        busy = _unavailable(entry.pk for entry in waiting)
        round = Round.objects.create(
            scheme=scheme,
            run_at=now,
            run_by=actor,
            flats_considered=len(flats),
            households_waiting=len(waiting),
        )
        offers, unoffered = [], []
        for apartment in flats:
            chosen = _choose(apartment, queue, busy)
            if chosen is None:
                unoffered.append(apartment)
                continue
            entry, score, rank, fitting = chosen
            offers.append(
                _make_offer(
                    actor=actor,
                    apartment=apartment,
                    entry=entry,
                    score=score,
                    rank=rank,
                    fitting=fitting,
                    round=round,
                    passed_on_from=None,
                    today=today,
                    now=now,
                )
            )
            busy.add(entry.pk)  # one offer per household per round (its status is now offered)
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=round,
            detail={
                "scheme": scheme.pk,
                "offers": [offer.pk for offer in offers],
                "unoffered": [apartment.pk for apartment in unoffered],
            },
        )
    round.unoffered = unoffered
    return round


# Offers --------------------------------------------------------------------------------------


def _pass_on(offer: Offer, *, actor, today: datetime.date, now: datetime.datetime) -> Offer | None:
    """Offer the flat of a declined, expired or cancelled offer to the next household of the same
    scheme at once (no round), or set it vacant if no one fits. The caller holds the scheme's
    lock."""
    apartment = _locked_apartment(offer.apartment_id)
    if apartment.status != ApartmentStatus.RESERVED:
        return None
    if Offer.objects.filter(LIVE_OFFER, apartment=apartment).exists():
        return None  # already given again (cannot happen under the scheme lock; the index agrees)
    queue = ranked(_queued(offer.entry.scheme_id), today=today)
    busy = _unavailable(e.pk for e, _score in queue if e.status == EntryStatus.WAITING)
    chosen = _choose(apartment, queue, busy)
    if chosen is None:
        _set_apartment(apartment, ApartmentStatus.VACANT)
        return None
    entry, score, rank, fitting = chosen
    return _make_offer(
        actor=actor,
        apartment=apartment,
        entry=entry,
        score=score,
        rank=rank,
        fitting=fitting,
        round=None,
        passed_on_from=offer,
        today=today,
        now=now,
    )


def _answerable(offer: Offer, today: datetime.date) -> None:
    if offer.status != OfferStatus.OPEN:
        raise _refuse(NON_FIELD_ERRORS, _("This offer is no longer open."), "not_open")
    if today > offer.expires_on:
        raise _refuse(
            NON_FIELD_ERRORS,
            _("The offer expired on %(day)s."),
            "expired",
            {"day": offer.expires_on.isoformat()},
        )


def offer_accept(*, actor, offer: Offer, now: datetime.datetime | None = None) -> Offer:
    """The household accepts the flat (until the end of the answer-by day); the office then signs
    the lease."""
    require_perm(actor, "housing.answer_offer", offer)
    today, now = _clock(None, now)
    with transaction.atomic():
        _lock_scheme(offer.entry.scheme_id)
        offer = _locked_offer(offer)
        _answerable(offer, today)
        offer.status = OfferStatus.ACCEPTED
        offer.answered_at = now
        offer.save(update_fields=["status", "answered_at"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=offer,
            changes=["status"],
            detail={"status": OfferStatus.ACCEPTED},
        )
    return offer


def offer_decline(
    *, actor, offer: Offer, reason: str = "", now: datetime.datetime | None = None
) -> Offer:
    """The household declines: it goes back to waiting (never offered this flat again) and the
    flat passes on at once to the next household, or becomes vacant."""
    require_perm(actor, "housing.answer_offer", offer)
    today, now = _clock(None, now)
    with transaction.atomic():
        _lock_scheme(offer.entry.scheme_id)
        offer = _locked_offer(offer)
        _answerable(offer, today)
        offer.status = OfferStatus.DECLINED
        offer.answered_at = now
        offer.save(update_fields=["status", "answered_at"])
        _set_entry(offer.entry, EntryStatus.WAITING)
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=offer,
            changes=["status"],
            detail={"status": OfferStatus.DECLINED, "reason": (reason or "").strip()},
        )
        _pass_on(offer, actor=actor, today=today, now=now)
    return offer


def offers_expire(
    *, today: datetime.date | None = None, now: datetime.datetime | None = None
) -> int:
    """Expire the open offers whose answer-by day has passed: the household goes back to waiting
    and the flat passes on. Each offer in its own transaction, re-read under the lock, so running
    it again (or twice at once) changes nothing more. Answers how many expired."""
    today, now = _clock(today, now)
    expired = 0
    due = Offer.objects.filter(status=OfferStatus.OPEN, expires_on__lt=today).values_list(
        "pk", "entry__scheme_id"
    )
    for pk, scheme_id in list(due.order_by("expires_on", "pk")):
        with transaction.atomic():
            _lock_scheme(scheme_id)
            offer = _locked_offer(Offer(pk=pk))
            if offer.status != OfferStatus.OPEN or offer.expires_on >= today:
                continue
            offer.status = OfferStatus.EXPIRED
            offer.save(update_fields=["status"])
            _set_entry(offer.entry, EntryStatus.WAITING)
            audit(
                actor=None,
                action=AuditAction.UPDATE,
                target=offer,
                changes=["status"],
                detail={"status": OfferStatus.EXPIRED},
            )
            notify(
                [offer.entry.talent.user],
                title=_title(
                    _("Your apartment offer expired: %(flat)s") % {"flat": offer.apartment}
                ),
                body=_("You did not answer by %(day)s; you are waiting in the queue again.")
                % {"day": offer.expires_on.isoformat()},
            )
            _pass_on(offer, actor=None, today=today, now=now)
            expired += 1
    return expired


# Applications: housing and schooling (through the policies' application engine) --------------


def _talent_of(actor) -> Talent:
    """The talent record of the signed-in talent (only a talent applies for themselves)."""
    talent = (
        Talent.objects.select_related("tier").filter(user_id=actor.pk).first()
        if actor is not None and actor.is_authenticated
        else None
    )
    if talent is None:
        raise _refuse(
            NON_FIELD_ERRORS,
            _("Only a talent with a record in the registry applies here."),
            "not_a_talent",
        )
    return talent


def _clean_household(household_size, layouts: Sequence[str]) -> int:
    if isinstance(household_size, bool) or not isinstance(household_size, int):
        raise _refuse("household_size", _("Enter a whole number."), "invalid")
    if household_size < 1:
        raise _refuse("household_size", _("A household has at least one member."), "invalid")
    if not any(household_size <= MAX_HOUSEHOLD[layout] for layout in layouts):
        raise _refuse(
            "household_size",
            _("A household of %(size)d fits none of the layouts chosen."),
            "too_large",
            {"size": household_size},
        )
    return household_size


def housing_apply(
    *,
    actor,
    scheme: Scheme,
    layouts: Sequence[str],
    household_size: int,
    statement: str = "",
    today: datetime.date | None = None,
):
    """A talent applies for a talent apartment under `scheme`: a draft application of the
    scheme's policy (policies.services.application_create: open, eligible, one live application)
    with the layouts and household size asked. The talent then attaches the documents and
    submits it on the application's page; its approval puts the household in the queue
    (outcomes.py)."""
    from talentzone.policies import services as policies

    from .models import HousingRequest

    today, _now = _clock(today, None)
    talent = _talent_of(actor)
    if scheme.policy_id is None:
        raise _refuse("scheme", _("This scheme takes no applications."), "no_policy")
    layouts = _clean_layouts(layouts)
    household_size = _clean_household(household_size, layouts)
    if QueueEntry.objects.filter(talent=talent, status__in=_live_entry_statuses()).exists():
        raise _already_queued()
    with transaction.atomic():
        application = policies.application_create(
            actor=actor,
            policy=scheme.policy,
            applicant=talent,
            data={"statement": (statement or "").strip()},
            today=today,
        )
        HousingRequest.objects.create(
            application=application, layouts=layouts, household_size=household_size
        )
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=application,
            detail={"housing": {"layouts": layouts, "household_size": household_size}},
        )
    return application


def schooling_apply(
    *,
    actor,
    policy,
    child_name: str,
    child_birth_date: datetime.date,
    level: str,
    school_wanted: str = "",
    statement: str = "",
    today: datetime.date | None = None,
):
    """A talent asks for a school or kindergarten place for a child under an in-kind schooling
    `policy`: a draft application (as housing_apply) with the child's details. The school is
    recorded once the application is approved (schooling_assign)."""
    from talentzone.policies import services as policies

    from .choices import SchoolLevel
    from .models import SchoolingRequest

    today, _now = _clock(today, None)
    talent = _talent_of(actor)
    if not getattr(policy, "is_in_kind", False) or Scheme.objects.filter(policy=policy).exists():
        raise _refuse("policy", _("This policy does not give school places."), "not_schooling")
    child_name = (child_name or "").strip()
    if not child_name:
        raise _refuse("child_name", _("Give the child's name."), "required")
    if len(child_name) > 30:
        raise _refuse("child_name", _("At most 30 characters."), "too_long")
    if not isinstance(child_birth_date, datetime.date) or child_birth_date > today:
        raise _refuse("child_birth_date", _("Give a birth date in the past."), "invalid")
    if whole_years(child_birth_date, today) >= 18:
        raise _refuse("child_birth_date", _("School places are for children under 18."), "too_old")
    if level not in SchoolLevel.values:
        raise _refuse("level", _("Choose kindergarten, primary or middle school."), "invalid")
    school_wanted = (school_wanted or "").strip()
    if len(school_wanted) > 80:
        raise _refuse("school_wanted", _("At most 80 characters."), "too_long")
    with transaction.atomic():
        application = policies.application_create(
            actor=actor,
            policy=policy,
            applicant=talent,
            data={"statement": (statement or "").strip()},
            today=today,
        )
        SchoolingRequest.objects.create(
            application=application,
            child_name=child_name,
            child_birth_date=child_birth_date,
            level=level,
            school_wanted=school_wanted,
        )
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=application,
            detail={"schooling": {"level": level, "school_wanted": school_wanted}},
        )
    return application


def schooling_assign(*, actor, request, school: str, today: datetime.date | None = None):
    """Record the school or kindergarten a child of an approved schooling application goes to
    (the office or the education bureau); recording it again corrects it."""
    from talentzone.policies.choices import ApplicationStatus

    from .models import SchoolingRequest

    require_perm(actor, "housing.assign_school", request)
    today, _now = _clock(today, None)
    school = (school or "").strip()
    if not school:
        raise _refuse("school", _("Name the school or kindergarten."), "required")
    if len(school) > 80:
        raise _refuse("school", _("At most 80 characters."), "too_long")
    with transaction.atomic():
        request = (
            SchoolingRequest.objects.select_for_update(of=("self",))
            .select_related("application", "application__talent__user")
            .get(pk=request.pk)
        )
        if request.application.status not in (ApplicationStatus.APPROVED, ApplicationStatus.PAID):
            raise _refuse(
                "request",
                _("The school is recorded once the application is approved."),
                "not_approved",
            )
        before = request.school_assigned
        request.school_assigned = school
        request.assigned_on = today
        request.assigned_by = actor
        request.save(update_fields=["school_assigned", "assigned_on", "assigned_by"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=request,
            changes=["school_assigned", "assigned_on"],
            detail={"before": before, "school": school},
        )
        talent = request.application.talent
        notify(
            [talent.user] if talent is not None else [],
            title=_title(
                _("A school place for %(child)s: %(school)s")
                % {"child": request.child_name, "school": school}
            ),
            body=_("Recorded on %(day)s.") % {"day": today.isoformat()},
        )
    return request
