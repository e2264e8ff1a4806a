"""Answering offers: accept, decline (the flat passes on at once), expiry (the same, by the
nightly task), and the refusals. Offers are made on Monday 1 June and stand 7 days: the answer-by
day is Monday 8 June, the task expires them on the 9th."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.directory.tests.factories import tier
from talentzone.housing import services, tasks
from talentzone.housing.choices import ApartmentStatus, EntryStatus, Layout, OfferStatus
from talentzone.housing.models import Offer
from talentzone.housing.tests.conftest import MONDAY, NOW, at, codes, day
from talentzone.housing.tests.factories import ApartmentFactory, QueueEntryFactory, talent_user

pytestmark = pytest.mark.django_db


def household(scheme, code, layouts=(Layout.TWO_ROOMS,), size=2):
    talent, user = talent_user(tier=tier(code), arrival_date=datetime.date(2020, 3, 1))
    entry = QueueEntryFactory(
        scheme=scheme,
        talent=talent,
        layouts=list(layouts),
        household_size=size,
        approved_on=datetime.date(2026, 1, 1),
    )
    return entry, user


@pytest.fixture
def offered(office, scheme, community):
    """One two-bedroom flat; three households want it: first (national top), second
    (provincial), third (district). The round offers it to first."""
    flat = ApartmentFactory(community=community, layout=Layout.TWO_ROOMS)
    first = household(scheme, "national_top")
    second = household(scheme, "provincial_high")
    third = household(scheme, "district")
    services.round_run(actor=office, scheme=scheme, today=MONDAY, now=NOW)
    offer = Offer.objects.get()
    assert offer.entry == first[0]
    return flat, offer, first, second, third


def live(flat):
    return Offer.objects.get(apartment=flat, status__in=[OfferStatus.OPEN, OfferStatus.ACCEPTED])


def test_accepting_keeps_the_flat_reserved(offered):
    flat, offer, (entry, user), *_ = offered
    offer = services.offer_accept(actor=user, offer=offer, now=at(day(8), 23))  # the last day
    assert offer.status == OfferStatus.ACCEPTED and offer.answered_at == at(day(8), 23)
    flat.refresh_from_db()
    entry.refresh_from_db()
    assert flat.status == ApartmentStatus.RESERVED and entry.status == EntryStatus.OFFERED


def test_only_the_household_answers(offered, office):
    _flat, offer, _first, (_entry, other), _third = offered
    for actor in (office, other):
        with pytest.raises(PermissionDenied):
            services.offer_accept(actor=actor, offer=offer, now=NOW)
        with pytest.raises(PermissionDenied):
            services.offer_decline(actor=actor, offer=offer, now=NOW)
    assert Offer.objects.get().status == OfferStatus.OPEN


def test_an_offer_is_answered_once_and_in_time(offered):
    _flat, offer, (_entry, user), *_ = offered
    with pytest.raises(ValidationError) as refused:
        services.offer_accept(actor=user, offer=offer, now=at(day(9)))
    assert codes(refused.value) == {"__all__": ["expired"]}
    services.offer_accept(actor=user, offer=offer, now=NOW)
    for answer in (services.offer_accept, services.offer_decline):
        with pytest.raises(ValidationError) as refused:
            answer(actor=user, offer=offer, now=NOW)
        assert codes(refused.value) == {"__all__": ["not_open"]}


def test_declining_passes_the_flat_on_at_once(offered):
    flat, offer, (first, user), (second, second_user), (third, _u) = offered
    services.offer_decline(actor=user, offer=offer, reason="离单位太远", now=at(day(3)))
    offer.refresh_from_db()
    first.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED and first.status == EntryStatus.WAITING
    passed = live(flat)
    assert passed.entry == second
    assert passed.passed_on_from == offer and passed.round is None
    assert passed.rank == 1  # the one who declined is not counted for this flat any more
    assert passed.expires_on == day(10)  # 7 days from the day it passed on
    # The second declines too: the third gets it; the third declines: nobody is left who has
    # not turned it down, and the flat is vacant.
    services.offer_decline(actor=second_user, offer=passed, now=at(day(4)))
    third_offer = live(flat)
    assert third_offer.entry == third and third_offer.passed_on_from == passed
    services.offer_decline(actor=third.talent.user, offer=third_offer, now=at(day(4)))
    flat.refresh_from_db()
    assert flat.status == ApartmentStatus.VACANT
    assert not Offer.objects.filter(status__in=[OfferStatus.OPEN, OfferStatus.ACCEPTED]).exists()
    second.refresh_from_db()
    third.refresh_from_db()
    assert {first.status, second.status, third.status} == {EntryStatus.WAITING}


def test_a_household_is_not_offered_again_the_flat_it_declined(offered, office, scheme):
    flat, offer, (first, user), (second, second_user), (third, third_user) = offered
    services.offer_decline(actor=user, offer=offer, now=NOW)
    services.offer_decline(actor=second_user, offer=live(flat), now=NOW)
    services.offer_decline(actor=third_user, offer=live(flat), now=NOW)
    again = services.round_run(actor=office, scheme=scheme, today=day(2), now=at(day(2)))
    assert again.offers.count() == 0 and again.unoffered == [flat]


def test_expiry_passes_the_flat_on_to_the_next_household(offered):
    flat, offer, (first, _user), (second, _u2), _third = offered
    assert services.offers_expire(today=day(8)) == 0  # the answer-by day itself is still open
    assert services.offers_expire(today=day(9), now=at(day(9), 1)) == 1
    offer.refresh_from_db()
    first.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED and offer.answered_at is None
    assert first.status == EntryStatus.WAITING
    passed = live(flat)
    assert passed.entry == second and passed.passed_on_from == offer
    assert passed.expires_on == day(16)
    assert services.offers_expire(today=day(9)) == 0  # idempotent
    assert tasks.offers_expire("2026-06-09") == 0
    assert tasks.offers_expire("2026-06-17") == 1  # the second let it lapse too → third
    assert live(flat).entry == offered[4][0]


def test_the_nightly_task_and_its_schedule(settings):
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["housing.offers_expire"]._orig_hour == 1
    assert schedule["housing.offers_expire"]._orig_minute == 15
    assert schedule["housing.remind_leases"]._orig_hour == 8
    assert tasks.offers_expire.name == "housing.offers_expire"
    assert tasks.remind_leases.name == "housing.remind_leases"


def test_an_accepted_offer_does_not_expire(offered):
    _flat, offer, (_first, user), *_ = offered
    services.offer_accept(actor=user, offer=offer, now=NOW)
    assert services.offers_expire(today=day(30)) == 0
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
