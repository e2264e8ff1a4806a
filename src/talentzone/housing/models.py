"""Talent apartments: the communities and their flats, the queue of approved households, the
allocation rounds and their offers, and the leases.

Constraints here are the database's half of the invariants; `services.py` is the only writer and
holds the other half. That a flat is never offered or let to two households, and that nobody
holds two offers or two flats, is the database's: partial unique constraints over the live offers
and the active leases, which hold even when two rounds or two officers act at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from talentzone.core.models import TimeStamped

from .choices import (
    ApartmentStatus,
    EntryStatus,
    InspectionOutcome,
    Layout,
    LeaseStatus,
    OfferStatus,
    SchoolLevel,
)

LIVE_OFFER = Q(status__in=[OfferStatus.OPEN, OfferStatus.ACCEPTED])
LIVE_ENTRY = Q(status__in=[EntryStatus.WAITING, EntryStatus.OFFERED, EntryStatus.HOUSED])


class Community(models.Model):
    """A residential community where the zone keeps talent apartments (人才公寓小区)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    name_en = models.CharField(_("English name"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def __str__(self) -> str:
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


class Apartment(TimeStamped):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="apartments", verbose_name=_("community")
    )
    building = models.CharField(_("building"), max_length=10)
    unit = models.CharField(_("flat number"), max_length=10)
    layout = models.CharField(_("layout"), max_length=12, choices=Layout.choices)
    area = models.DecimalField(_("area (m²)"), max_digits=6, decimal_places=2)
    floor = models.SmallIntegerField(_("floor"))
    furnished = models.BooleanField(_("furnished"), default=True)
    rent_fen = models.PositiveIntegerField(_("monthly rent (fen)"))
    status = models.CharField(
        _("status"), max_length=10, choices=ApartmentStatus.choices, default=ApartmentStatus.VACANT
    )

    class Meta:
        ordering = ["community", "building", "unit"]
        verbose_name = _("apartment")
        verbose_name_plural = _("apartments")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "building", "unit"], name="apartment_unique_address"
            ),
            models.CheckConstraint(
                condition=Q(layout__in=Layout.values), name="apartment_layout_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApartmentStatus.values), name="apartment_status_known"
            ),
            models.CheckConstraint(condition=Q(area__gt=0), name="apartment_area_positive"),
        ]
        indexes = [models.Index(fields=["status", "layout"])]

    def __str__(self) -> str:
        return f"{self.community} {self.building}-{self.unit}"


class Scheme(models.Model):
    """The rules of a housing policy: who comes first (the priority formula's weights), how long an
    offer stands, how long a lease runs and the rent discount per tier. The formula is
    `tier points + years in the zone × per-year + household members × per-member + months waited ×
    per-month`, shown to every applicant with their own figures."""

    policy = models.OneToOneField(
        "policies.Policy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="housing_scheme",
        verbose_name=_("policy"),
    )
    name = models.CharField(_("name"), max_length=80, unique=True)
    tier_points = models.JSONField(
        _("points per talent tier"), default=dict, help_text=_("Tier code → points")
    )
    points_per_year = models.PositiveSmallIntegerField(_("points per year in the zone"), default=2)
    points_per_member = models.PositiveSmallIntegerField(
        _("points per household member"), default=3
    )
    points_per_month_waited = models.PositiveSmallIntegerField(
        _("points per month waited"), default=1
    )
    offer_days = models.PositiveSmallIntegerField(_("days to answer an offer"), default=7)
    lease_months = models.PositiveSmallIntegerField(_("lease length (months)"), default=12)
    deposit_months = models.PositiveSmallIntegerField(_("deposit (months of rent)"), default=1)
    discount_percent = models.JSONField(
        _("rent discount per tier (%)"), default=dict, help_text=_("Tier code → percent off")
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind this many days before a lease ends"), default=60
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("housing scheme")
        verbose_name_plural = _("housing schemes")
        constraints = [
            models.CheckConstraint(condition=Q(offer_days__gte=1), name="scheme_offer_days"),
            models.CheckConstraint(condition=Q(lease_months__gte=1), name="scheme_lease_months"),
        ]

    def __str__(self) -> str:
        return self.name


class QueueEntry(TimeStamped):
    """A household whose housing application was approved, waiting for a flat."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="entries", verbose_name=_("scheme")
    )
    talent = models.ForeignKey(
        "directory.Talent",
        on_delete=models.PROTECT,
        related_name="housing_entries",
        verbose_name=_("talent"),
    )
    application = models.OneToOneField(
        "policies.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="housing_entry",
        verbose_name=_("application"),
    )
    layouts = models.JSONField(_("layouts wanted"), default=list)
    household_size = models.PositiveSmallIntegerField(_("household size"))
    approved_on = models.DateField(_("in the queue since"))
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.WAITING
    )

    class Meta:
        ordering = ["scheme", "approved_on", "id"]
        verbose_name = _("queue entry")
        verbose_name_plural = _("queue entries")
        constraints = [
            models.UniqueConstraint(
                fields=["talent"], condition=LIVE_ENTRY, name="queue_one_live_entry_per_talent"
            ),
            models.CheckConstraint(
                condition=Q(household_size__gte=1), name="queue_household_at_least_one"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EntryStatus.values), name="queue_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.talent} ({self.get_status_display()})"


class Round(models.Model):
    """One allocation round: the vacant flats offered, in the order the algorithm took them."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("scheme")
    )
    run_at = models.DateTimeField(_("run at"))
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    flats_considered = models.PositiveIntegerField(_("flats considered"), default=0)
    households_waiting = models.PositiveIntegerField(_("households waiting"), default=0)

    class Meta:
        ordering = ["-run_at", "-id"]
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")

    def __str__(self) -> str:
        return f"{self.scheme} {self.run_at:%Y-%m-%d %H:%M}"


class Offer(models.Model):
    """A flat offered to one household, with the reason it went to them (their score and rank
    among those who wanted and fit the layout). Only one live offer per flat and per household."""

    round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("round"),
    )
    entry = models.ForeignKey(
        QueueEntry, on_delete=models.PROTECT, related_name="offers", verbose_name=_("household")
    )
    apartment = models.ForeignKey(
        Apartment, on_delete=models.PROTECT, related_name="offers", verbose_name=_("apartment")
    )
    passed_on_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("passed on from"),
    )
    score = models.PositiveIntegerField(_("priority score"))
    rank = models.PositiveIntegerField(_("rank among those eligible"))
    reason = models.TextField(_("why this household"))
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    offered_at = models.DateTimeField(_("offered at"))
    expires_on = models.DateField(_("answer by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-offered_at", "-id"]
        verbose_name = _("flat offer")
        verbose_name_plural = _("flat offers")
        constraints = [
            models.UniqueConstraint(
                fields=["apartment"], condition=LIVE_OFFER, name="offer_one_live_per_apartment"
            ),
            models.UniqueConstraint(
                fields=["entry"], condition=LIVE_OFFER, name="offer_one_live_per_household"
            ),
            models.CheckConstraint(
                condition=Q(status__in=OfferStatus.values), name="offer_status_known"
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="offer_rank_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.apartment} → {self.entry.talent}"


class Lease(TimeStamped):
    """The tenancy that follows a signed offer (or renews a lease): one active lease per flat and
    per talent."""

    offer = models.OneToOneField(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lease",
        verbose_name=_("offer"),
    )
    renews = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewed_by",
        verbose_name=_("renews"),
    )
    apartment = models.ForeignKey(
        Apartment, on_delete=models.PROTECT, related_name="leases", verbose_name=_("apartment")
    )
    entry = models.ForeignKey(
        QueueEntry, on_delete=models.PROTECT, related_name="leases", verbose_name=_("household")
    )
    talent = models.ForeignKey(
        "directory.Talent",
        on_delete=models.PROTECT,
        related_name="leases",
        verbose_name=_("tenant"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    rent_fen = models.PositiveIntegerField(_("monthly rent (fen)"))
    discount_percent = models.PositiveSmallIntegerField(_("discount (%)"), default=0)
    deposit_fen = models.PositiveIntegerField(_("deposit (fen)"))
    status = models.CharField(
        _("status"), max_length=10, choices=LeaseStatus.choices, default=LeaseStatus.ACTIVE
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("why it ended"), blank=True)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True)
    left_employment_on = models.DateField(
        _("tenant left the zone's employment on"), null=True, blank=True
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        constraints = [
            models.UniqueConstraint(
                fields=["apartment"],
                condition=Q(status=LeaseStatus.ACTIVE),
                name="lease_one_active_per_apartment",
            ),
            models.UniqueConstraint(
                fields=["talent"],
                condition=Q(status=LeaseStatus.ACTIVE),
                name="lease_one_active_per_talent",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="lease_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__lte=100), name="lease_discount_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(status=LeaseStatus.ACTIVE) | Q(ended_on__isnull=False),
                name="lease_ended_dated",
            ),
            models.CheckConstraint(
                condition=Q(status__in=LeaseStatus.values), name="lease_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.apartment} · {self.talent}"


class Inspection(models.Model):
    """The move-out inspection that returns a flat to the vacant list or sends it to repair."""

    lease = models.OneToOneField(
        Lease, on_delete=models.PROTECT, related_name="inspection", verbose_name=_("lease")
    )
    inspected_on = models.DateField(_("inspected on"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=InspectionOutcome.choices)
    notes = models.TextField(_("notes"), blank=True)
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("move-out inspection")
        verbose_name_plural = _("move-out inspections")

    def __str__(self) -> str:
        return f"{self.lease} {self.inspected_on:%Y-%m-%d}"


class HousingRequest(models.Model):
    """What a housing application asks beyond the application engine's own fields: the layouts
    wanted and the household's size. Approval of the application puts the household in the queue
    with these (see `outcomes.py`)."""

    application = models.OneToOneField(
        "policies.Application",
        on_delete=models.PROTECT,
        related_name="housing_request",
        verbose_name=_("application"),
    )
    layouts = models.JSONField(_("layouts wanted"), default=list)
    household_size = models.PositiveSmallIntegerField(_("household size"))

    class Meta:
        verbose_name = _("housing request")
        verbose_name_plural = _("housing requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(household_size__gte=1), name="housing_request_household_at_least_one"
            )
        ]

    def __str__(self) -> str:
        return str(self.application)


class SchoolingRequest(models.Model):
    """A talent's request for a school or kindergarten place for a child (子女入学入园), decided as
    an application under a schooling policy (with the education bureau as a review stage); the
    school assigned is recorded once the application is approved."""

    application = models.OneToOneField(
        "policies.Application",
        on_delete=models.PROTECT,
        related_name="schooling_request",
        verbose_name=_("application"),
    )
    child_name = models.CharField(_("child's name"), max_length=30)
    child_birth_date = models.DateField(_("child's birth date"))
    level = models.CharField(_("level"), max_length=12, choices=SchoolLevel.choices)
    school_wanted = models.CharField(_("school wanted"), max_length=80, blank=True)
    school_assigned = models.CharField(_("school assigned"), max_length=80, blank=True)
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )

    class Meta:
        verbose_name = _("schooling request")
        verbose_name_plural = _("schooling requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=SchoolLevel.values), name="schooling_level_known"
            ),
            models.CheckConstraint(
                condition=Q(school_assigned="") | Q(assigned_on__isnull=False),
                name="schooling_assignment_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child_name} ({self.get_level_display()})"
