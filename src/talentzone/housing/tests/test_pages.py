"""The talent apartments' pages: each renders for those who may see it (in English and Chinese)
and answers 403 to the others; a talent applies, sees their score and place and answers an
offer; the office runs a round, signs, renews and ends leases, records inspections and school
places; a bad input comes back beside its field (HTTP 400) and writes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from talentzone.directory.tests.factories import DepartmentFactory
from talentzone.housing import leases, services
from talentzone.housing.choices import ApartmentStatus, LeaseStatus, OfferStatus, SchoolLevel
from talentzone.housing.models import HousingRequest, Lease, Offer, Round, SchoolingRequest
from talentzone.housing.tests.factories import (
    ApartmentFactory,
    QueueEntryFactory,
    SchemeFactory,
    talent_user,
)
from talentzone.policies.choices import ApplicationStatus, Benefit, StageRole
from talentzone.policies.models import Application
from talentzone.policies.tests.factories import PolicyFactory, ReviewStageFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def url(name: str, *args) -> str:
    return reverse(f"housing:{name}", args=args)


def get(client, user, path, **headers):
    client.force_login(user)
    return client.get(path, **{**ENGLISH, **headers})


def post(client, user, path, data=None):
    client.force_login(user)
    return client.post(path, data or {}, **ENGLISH)


def in_kind_policy(**fields):
    today = timezone.localtime().date()
    return PolicyFactory(
        benefit=Benefit.IN_KIND,
        formula="",
        amount_fen=None,
        budget_line=None,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=300),
        **fields,
    )


@pytest.fixture
def housing(db, community):
    policy = in_kind_policy()
    ReviewStageFactory(policy=policy, position=1, role=StageRole.OFFICE_ADMIN)
    scheme = SchemeFactory(policy=policy)
    flat = ApartmentFactory(community=community)
    return scheme, flat


@pytest.fixture
def queued(housing):
    scheme, flat = housing
    talent, user = talent_user()
    entry = QueueEntryFactory(scheme=scheme, talent=talent)
    return entry, user


def offered(office, queued, housing):
    entry, user = queued
    services.round_run(actor=office, scheme=housing[0])
    return Offer.objects.get(entry=entry), user


# Who sees which page -------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [ENGLISH, CHINESE])
def test_the_office_pages_render_for_the_office_and_leaders(
    client, office, leader, queued, housing, headers
):
    offer, _user = offered(office, queued, housing)
    services.offer_accept(actor=_user, offer=offer)
    lease = leases.lease_sign(actor=office, offer=offer)
    paths = [
        url("board"),
        url("queue"),
        url("round", Round.objects.get().pk),
        url("offers"),
        url("offers") + "?status=signed",
        url("leases"),
        url("lease", lease.pk),
        url("schooling"),
    ]
    for user in (office, leader):
        for path in paths:
            assert get(client, user, path, **headers).status_code == 200, path
    board = get(client, office, url("board")).content.decode()
    assert 'data-status="let"' in board and "table-responsive" in board
    assert get(client, office, url("lease_sign", offer.pk)).status_code == 200
    assert get(client, leader, url("lease_sign", offer.pk)).status_code == 403


def test_talents_may_not_open_the_office_pages_nor_others_my_apartment(client, queued, office):
    _entry, user = queued
    for name in ("board", "queue", "offers", "leases", "schooling"):
        assert get(client, user, url(name)).status_code == 403
    assert get(client, office, url("mine")).status_code == 403
    client.logout()
    assert client.get(url("mine")).status_code == 302


# A talent's page -----------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [ENGLISH, CHINESE])
def test_a_queued_talent_sees_their_score_and_place(client, queued, headers):
    entry, user = queued
    response = get(client, user, url("mine"), **headers)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="my-score"' in page and 'data-position="1"' in page
    assert 'data-testid="apply-form"' not in page  # already queued


def test_a_talent_applies_and_a_bad_input_comes_back_beside_its_field(client, housing):
    scheme, _flat = housing
    _talent, user = talent_user()
    page = get(client, user, url("mine")).content.decode()
    assert 'data-testid="apply-form"' in page

    bad = post(
        client,
        user,
        url("apply"),
        {"apply-scheme": scheme.pk, "apply-layouts": ["studio"], "apply-household_size": 3},
    )
    assert bad.status_code == 400
    assert "is-invalid" in bad.content.decode() and not HousingRequest.objects.exists()
    assert post(client, user, url("apply"), {"apply-scheme": "x"}).status_code == 400

    good = post(
        client,
        user,
        url("apply"),
        {"apply-scheme": scheme.pk, "apply-layouts": ["two_rooms"], "apply-household_size": 3},
    )
    application = Application.objects.get()
    assert good.status_code == 302
    assert good["Location"] == reverse("policies:application-detail", args=[application.pk])
    assert HousingRequest.objects.get().household_size == 3
    page = get(client, user, url("mine")).content.decode()
    assert 'data-testid="housing-application"' in page and 'data-testid="apply-form"' not in page


def test_a_talent_accepts_or_declines_their_own_offer_only(client, office, queued, housing):
    offer, user = offered(office, queued, housing)
    page = get(client, user, url("mine")).content.decode()
    assert 'data-testid="answer-by"' in page
    stranger = talent_user()[1]
    assert post(client, stranger, url("offer_accept", offer.pk)).status_code == 404
    assert post(client, user, url("offer_accept", offer.pk)).status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    # Answered already: the refusal is a message, not a 500.
    response = post(client, user, url("offer_decline", offer.pk), {"decline-reason": "太远"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED


def test_declining_puts_the_household_back_in_the_queue(client, office, queued, housing):
    offer, user = offered(office, queued, housing)
    assert (
        post(client, user, url("offer_decline", offer.pk), {"decline-reason": "太远"}).status_code
        == 302
    )
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED


# The office's actions ------------------------------------------------------------------------


def test_the_office_runs_a_round_and_signs_renews_ends_and_inspects(
    client, office, leader, queued, housing
):
    entry, user = queued
    scheme, flat = housing
    assert post(client, leader, url("round_run", scheme.pk)).status_code == 403
    response = post(client, office, url("round_run", scheme.pk))
    done = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == url("round", done.pk)
    assert "Priority score" in get(client, office, url("round", done.pk)).content.decode()
    offer = Offer.objects.get()

    # Not yet accepted: refused above the form, nothing written.
    response = post(client, office, url("lease_sign", offer.pk), {"starts_on": ""})
    assert response.status_code == 400 and not Lease.objects.exists()
    services.offer_accept(actor=user, offer=offer)
    response = post(client, office, url("lease_sign", offer.pk), {"starts_on": "not a day"})
    assert response.status_code == 400 and "is-invalid" in response.content.decode()
    response = post(client, office, url("lease_sign", offer.pk), {"starts_on": ""})
    lease = Lease.objects.get()
    assert response.status_code == 302 and response["Location"] == url("lease", lease.pk)
    flat.refresh_from_db()
    assert flat.status == ApartmentStatus.LET

    response = post(client, office, url("renew", lease.pk), {"renew-months": "0"})
    assert response.status_code == 400 and "is-invalid" in response.content.decode()
    assert post(client, office, url("renew", lease.pk), {"renew-months": "6"}).status_code == 302
    renewed = Lease.objects.get(status=LeaseStatus.ACTIVE)

    response = post(client, office, url("terminate", renewed.pk), {"terminate-on": ""})
    assert response.status_code == 400 and "is-invalid" in response.content.decode()
    early = renewed.starts_on - datetime.timedelta(days=1)
    response = post(
        client,
        office,
        url("terminate", renewed.pk),
        {"terminate-on": early.isoformat(), "terminate-reason": "调离"},
    )
    assert response.status_code == 400  # before it starts: beside the day
    assert "is-invalid" in response.content.decode()
    response = post(
        client,
        office,
        url("terminate", renewed.pk),
        {"terminate-on": renewed.starts_on.isoformat(), "terminate-reason": "调离"},
    )
    assert response.status_code == 302
    assert (
        post(client, office, url("inspection", renewed.pk), {"inspection-outcome": "x"}).status_code
        == 400
    )
    response = post(client, office, url("inspection", renewed.pk), {"inspection-outcome": "repair"})
    assert response.status_code == 302
    flat.refresh_from_db()
    assert flat.status == ApartmentStatus.REPAIR
    assert 'data-testid="repaired-button"' in get(client, office, url("board")).content.decode()
    assert post(client, office, url("apartment_repaired", flat.pk)).status_code == 302
    flat.refresh_from_db()
    assert flat.status == ApartmentStatus.VACANT


def test_the_education_bureau_records_a_school_place(client, office, make_user):
    education = DepartmentFactory(code="education", name="教育局")
    bureau = make_user("reviewer", department=education)
    policy = in_kind_policy()
    ReviewStageFactory(policy=policy, position=1, role=StageRole.OFFICE_ADMIN)
    _talent, user = talent_user()
    page = get(client, user, url("mine")).content.decode()
    assert 'data-testid="schooling-form"' in page
    bad = post(
        client,
        user,
        url("schooling_apply"),
        {
            "school-policy": policy.pk,
            "school-child_name": "陈小雨",
            "school-level": "primary",
            "school-child_birth_date": "2099-01-01",
        },
    )
    assert bad.status_code == 400 and "is-invalid" in bad.content.decode()
    good = post(
        client,
        user,
        url("schooling_apply"),
        {
            "school-policy": policy.pk,
            "school-child_name": "陈小雨",
            "school-level": "primary",
            "school-child_birth_date": "2020-03-05",
            "school-school_wanted": "东侨实验小学",
        },
    )
    assert good.status_code == 302
    request = SchoolingRequest.objects.get()
    assert request.level == SchoolLevel.PRIMARY
    Application.objects.filter(pk=request.application_id).update(status=ApplicationStatus.APPROVED)

    assert get(client, bureau, url("schooling") + "?show=pending").status_code == 200
    assert get(client, user, url("schooling_assign", request.pk)).status_code == 403
    other = make_user("reviewer", department=DepartmentFactory())
    assert get(client, other, url("schooling")).status_code == 403
    response = post(client, bureau, url("schooling_assign", request.pk), {"school": " "})
    assert response.status_code == 400 and "is-invalid" in response.content.decode()
    response = post(client, bureau, url("schooling_assign", request.pk), {"school": "东侨实验小学"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.school_assigned == "东侨实验小学"
    assert "东侨实验小学" in get(client, user, url("mine")).content.decode()
