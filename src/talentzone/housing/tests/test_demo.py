"""The demo's talent apartments: every state a flat, a household, an offer, a lease and a
schooling request can be in; the invariants the services keep, checked on the whole seeded
estate; the same estate from the same registry and moment; and what the demo talent sees.

The demo is seeded once for the module at a small scale through `seed` (the other apps' demos
left out: the estate needs only the registry and the demo accounts), inside a transaction rolled
back after the module.
"""

import datetime
import hashlib
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from talentzone.housing import queries
from talentzone.housing.choices import (
    ApartmentStatus,
    EntryStatus,
    LeaseStatus,
    OfferStatus,
)
from talentzone.housing.demo import housing_counts, seed_housing
from talentzone.housing.models import (
    LIVE_OFFER,
    Apartment,
    Community,
    Inspection,
    Lease,
    Offer,
    QueueEntry,
    Scheme,
    SchoolingRequest,
)
from talentzone.housing.services import fits
from talentzone.policies.choices import ApplicationStatus, Benefit
from talentzone.policies.models import Application, LedgerEntry

pytestmark = pytest.mark.django_db

SCALE = "0.05"
SEED_COMMAND = "talentzone.directory.management.commands.seed"
OTHER_DEMOS = (
    "seed_policies",
    "seed_recruiting",
    "seed_venues",
    "seed_events",
    "seed_cases",
    "seed_awards",
    "seed_insights",
)


class Rollback(Exception):
    pass


def digest() -> str:
    rows = [
        list(
            Apartment.objects.order_by("pk").values_list(
                "community__name", "building", "unit", "layout", "rent_fen", "status"
            )
        ),
        list(
            QueueEntry.objects.order_by("pk").values_list(
                "talent__name", "layouts", "household_size", "approved_on", "status"
            )
        ),
        list(
            Offer.objects.order_by("pk").values_list(
                "apartment__unit", "entry__talent__name", "score", "rank", "status", "expires_on"
            )
        ),
        list(
            Lease.objects.order_by("pk").values_list(
                "apartment__unit",
                "talent__name",
                "starts_on",
                "ends_on",
                "rent_fen",
                "status",
                "ended_on",
            )
        ),
        list(
            SchoolingRequest.objects.order_by("pk").values_list(
                "child_name", "level", "school_assigned", "application__status"
            )
        ),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Yields (what `seed` printed, the digests of two direct seedings at one moment)."""
    media = tmp_path_factory.mktemp("media")
    index = tmp_path_factory.mktemp("demo-index")
    patches = [mock.patch(f"{SEED_COMMAND}.{name}", return_value=False) for name in OTHER_DEMOS]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, TALENTZONE_MATCH_INDEX_DIR=index),
        translation.override("en"),
        transaction.atomic(),
    ):
        for patch in patches:
            patch.start()
        try:
            call_command("seed", "--scale", SCALE, "--registry-only", verbosity=0)
            moment = timezone.now()
            digests = []
            for _attempt in range(2):
                try:
                    with transaction.atomic():
                        assert seed_housing(float(SCALE), now=moment)
                        digests.append(digest())
                        raise Rollback
                except Rollback:
                    pass
            out = StringIO()
            call_command("seed", "--scale", SCALE, stdout=out)
        finally:
            for patch in patches:
                patch.stop()
        yield out.getvalue(), digests
        transaction.set_rollback(True)


def today() -> datetime.date:
    return timezone.localtime(timezone.now()).date()


def statuses(model) -> set[str]:
    return set(model.objects.values_list("status", flat=True))


def test_the_seed_command_adds_the_estate_and_counts_it(demo):
    summary, _digests = demo
    assert "Seeded the demo talent apartments" in summary
    with translation.override("en"):
        for label, count in housing_counts():
            assert f"  {label}: {count}" in summary
    assert Community.objects.count() == 3
    assert 30 <= Apartment.objects.count() <= 300


def test_the_same_registry_and_moment_give_the_same_estate(demo):
    _summary, (first, second) = demo
    assert first == second


def test_seeding_again_adds_nothing(demo):
    before = digest()
    assert seed_housing(float(SCALE)) is False
    out = StringIO()
    with translation.override("en"):
        call_command("seed", "--scale", SCALE, stdout=out)
    assert "talent apartments" not in out.getvalue()
    assert digest() == before


def test_every_state_is_present(demo):
    assert statuses(Apartment) == set(ApartmentStatus.values)
    assert {EntryStatus.WAITING, EntryStatus.OFFERED, EntryStatus.HOUSED} <= statuses(QueueEntry)
    assert {
        OfferStatus.OPEN,
        OfferStatus.ACCEPTED,
        OfferStatus.DECLINED,
        OfferStatus.EXPIRED,
        OfferStatus.SIGNED,
    } <= statuses(Offer)
    assert Offer.objects.filter(passed_on_from__isnull=False).exists()
    assert {LeaseStatus.ACTIVE, LeaseStatus.ENDED} <= statuses(Lease)
    assert Lease.objects.filter(renews__isnull=False).exists()
    assert Inspection.objects.exists()


def test_leases_ending_soon_are_reminded_and_one_tenant_is_flagged(demo):
    active = Lease.objects.filter(status=LeaseStatus.ACTIVE)
    soon = active.filter(ends_on__lte=today() + datetime.timedelta(days=60))
    assert soon.exists()
    assert not soon.filter(reminded_on__isnull=True).exists()
    flagged = active.filter(left_employment_on__isnull=False)
    assert flagged.count() == 1
    assert flagged.get().talent.status == "left"


def test_schooling_requests_are_in_review_assigned_and_rejected(demo):
    requests = SchoolingRequest.objects.select_related("application")
    by_status = {r.application.status for r in requests}
    assert {
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.APPROVED,
        ApplicationStatus.REJECTED,
    } <= (by_status)
    assigned = requests.exclude(school_assigned="")
    assert assigned.exists()
    assert not assigned.exclude(application__status=ApplicationStatus.APPROVED).exists()
    stages = {r.application.stage.name for r in requests if r.application.stage_id}
    assert "教育局审核" in stages


def test_the_policies_are_in_kind_and_touch_no_budget(demo):
    scheme = Scheme.objects.get()
    assert scheme.policy.benefit == Benefit.IN_KIND
    demo_policies = Application.objects.filter(policy__benefit=Benefit.IN_KIND)
    assert demo_policies.exists()
    assert not demo_policies.filter(reservation__isnull=False).exists()
    assert not LedgerEntry.objects.exists()  # the other demos were left out


def test_every_household_came_through_an_approved_application(demo):
    """Except the tenancies from before the platform, imported housed with a lease of their own."""
    entries = QueueEntry.objects.select_related("application", "application__housing_request")
    for entry in entries.filter(application__isnull=True):
        assert entry.status == EntryStatus.HOUSED
        assert entry.leases.get().offer is None
    for entry in entries.filter(application__isnull=False):
        application = entry.application
        assert application.status == ApplicationStatus.APPROVED
        assert application.talent_id == entry.talent_id
        assert timezone.localtime(application.decided_at).date() == entry.approved_on
        assert entry.layouts == application.housing_request.layouts
        assert entry.household_size == application.housing_request.household_size


def test_flats_households_offers_and_leases_agree(demo):
    """The invariants, on every row: a reserved flat has one live offer, a let flat a lease
    not yet inspected, a vacant or repaired one neither; an offered household holds one live
    offer, a housed one a lease; an offer went to a household that fits the flat; no offer
    outlives its answer-by day."""
    uninspected = Lease.objects.filter(inspection__isnull=True, renewed_by__isnull=True)
    for flat in Apartment.objects.all():
        live = Offer.objects.filter(LIVE_OFFER, apartment=flat).count()
        held = uninspected.filter(apartment=flat).count()
        if flat.status == ApartmentStatus.RESERVED:
            assert (live, held) == (1, 0), flat
        elif flat.status == ApartmentStatus.LET:
            assert (live, held) == (0, 1), flat
        else:
            assert (live, held) == (0, 0), flat
    for entry in QueueEntry.objects.all():
        live = Offer.objects.filter(LIVE_OFFER, entry=entry).count()
        held = uninspected.filter(entry=entry).count()
        expected = {
            EntryStatus.WAITING: (0, 0),
            EntryStatus.OFFERED: (1, 0),
            EntryStatus.HOUSED: (0, 1),
            EntryStatus.WITHDRAWN: (0, 0),
        }[entry.status]
        assert (live, held) == expected, entry
    for offer in Offer.objects.select_related("entry", "apartment"):
        assert fits(offer.entry, offer.apartment)
        if offer.status == OfferStatus.OPEN:
            assert offer.expires_on >= today()
    for lease in Lease.objects.all():
        assert lease.ends_on > lease.starts_on
        if lease.status == LeaseStatus.ACTIVE:
            assert lease.starts_on <= today() + datetime.timedelta(days=40)


def test_the_demo_talent_is_in_the_queue_and_sees_a_place(demo):
    entry = QueueEntry.objects.get(talent__user__username="talent")
    assert entry.status == EntryStatus.WAITING
    positions = queries.queue_positions(entry)
    assert positions and all(place >= 1 for place in positions.values())
    request = SchoolingRequest.objects.get(application__talent__user__username="talent")
    assert request.school_assigned
