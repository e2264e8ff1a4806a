"""Grants without application (免申即享): the office's scan offers a policy to everyone the
registry shows eligible who has neither applied nor been offered it, once and only once, and
tells them; accepting an offer submits an application that skips what the registry proves.
"""

import datetime
import itertools
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.utils import translation

from talentzone.core.models import Notification, User
from talentzone.directory.choices import Education
from talentzone.directory.models import Talent
from talentzone.directory.tests.factories import (
    AgencyFactory,
    DepartmentFactory,
    EnterpriseFactory,
    TalentFactory,
)
from talentzone.policies import services
from talentzone.policies.choices import (
    ApplicantKind,
    ApplicationStatus,
    EventKind,
    FormulaKind,
    OfferStatus,
)
from talentzone.policies.models import Application, Offer, Policy
from talentzone.policies.tests.factories import (
    PolicyFactory,
    RequiredDocumentFactory,
    ReviewStageFactory,
    three_stage_policy,
)

TODAY = datetime.date(2026, 6, 1)
RULE = 'age <= 45 and education in ["doctorate", "master"]'


@pytest.fixture(autouse=True)
def english_and_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


def scan() -> SimpleUploadedFile:
    return SimpleUploadedFile("证书.pdf", b"%PDF-1.4 scanned certificate", "application/pdf")


def registry(make_user) -> list[Talent]:
    """Talents of every combination of age (30, 45, 46, 60 on TODAY) and education, each with an
    account: some meet RULE, most do not."""
    births = [datetime.date(1996, 1, 1), datetime.date(1980, 6, 1), datetime.date(1980, 6, 2)]
    births.append(datetime.date(1966, 1, 1))
    talents = []
    for born, education in itertools.product(births, Education.values):
        talents.append(TalentFactory(user=make_user("talent"), born=born, education=education))
    return talents


def expected_offers(policy: Policy, excluded=()) -> set[int]:
    """Who a scan should offer the policy to, worked out in Python one talent at a time."""
    eligible = {t.pk for t in Talent.objects.all() if services.is_eligible(policy, t, TODAY)}
    return eligible - set(excluded)


def offered(policy: Policy) -> set[int]:
    return set(Offer.objects.filter(policy=policy).values_list("talent_id", flat=True))


def apply(policy: Policy, talent: Talent) -> Application:
    application = services.application_create(
        actor=talent.user, policy=policy, applicant=talent, today=TODAY
    )
    for document in policy.documents.all():
        services.attachment_add(
            actor=talent.user, application=application, uploaded_file=scan(), document=document
        )
    return services.application_submit(actor=talent.user, application=application, today=TODAY)


@pytest.fixture
def policy(db) -> Policy:
    """Employer confirmation (the registry proves it) → department review → office approval,
    with a document to attach when applying by hand."""
    policy = three_stage_policy(rule=RULE)
    RequiredDocumentFactory(policy=policy, name="入选证书扫描件")
    return policy


# Who is offered --------------------------------------------------------------------------------


def test_a_scan_offers_the_policy_to_exactly_the_eligible_who_have_not_applied(policy, make_user):
    talents = registry(make_user)
    eligible = sorted(expected_offers(policy))
    applicant = Talent.objects.get(pk=eligible[0])
    apply(policy, applicant)

    made = services.scan_policy(policy, TODAY)

    assert offered(policy) == expected_offers(policy, excluded=[applicant.pk])
    assert made == len(expected_offers(policy)) - 1
    assert 0 < made < len(talents)  # the registry has both kinds


def test_a_second_scan_offers_nobody_twice_and_tells_nobody_twice(policy, make_user):
    registry(make_user)
    first = services.scan_policy(policy, TODAY)
    notifications = Notification.objects.count()

    assert services.scan_policy(policy, TODAY) == 0

    assert Offer.objects.filter(policy=policy).count() == first
    assert Notification.objects.count() == notifications


def test_someone_newly_eligible_is_offered_by_the_next_scan(policy, make_user):
    registry(make_user)
    services.scan_policy(policy, TODAY)
    newcomer = TalentFactory(user=make_user("talent"), education=Education.DOCTORATE)

    assert services.scan_policy(policy, TODAY) == 1
    assert Offer.objects.filter(policy=policy).latest("id").talent == newcomer


def test_someone_whose_application_was_rejected_may_be_offered_the_policy(policy, make_user):
    talent = TalentFactory(user=make_user("talent"), education=Education.DOCTORATE)
    application = apply(policy, talent)
    services.application_decide(
        actor=make_user("enterprise_hr", enterprise=talent.employer),
        application=application,
        decision="reject",
        reason="当时未在本企业任职",
        today=TODAY,
    )

    assert services.scan_policy(policy, TODAY) == 1
    assert offered(policy) == {talent.pk}


def test_someone_with_an_application_in_progress_is_not_offered_the_policy(policy, make_user):
    talent = TalentFactory(user=make_user("talent"), education=Education.DOCTORATE)
    services.application_create(actor=talent.user, policy=policy, applicant=talent, today=TODAY)

    assert services.scan_policy(policy, TODAY) == 0


def test_someone_who_declined_an_offer_is_not_offered_again(policy, make_user):
    talent = TalentFactory(user=make_user("talent"), education=Education.DOCTORATE)
    services.scan_policy(policy, TODAY)
    services.offer_decline(actor=talent.user, offer=Offer.objects.get())

    assert services.scan_policy(policy, TODAY) == 0


def test_applications_of_another_kind_do_not_hide_anyone_from_a_scan(policy, make_user):
    """A policy changed from talents to enterprises keeps its talents' applications; they name
    no enterprise, and must not make the scan find nobody."""
    talent = TalentFactory(user=make_user("talent"), education=Education.DOCTORATE)
    apply(policy, talent)
    Policy.objects.filter(pk=policy.pk).update(applicant_kind=ApplicantKind.ENTERPRISE, rule="")
    policy.refresh_from_db()

    assert services.scan_policy(policy, TODAY) == 1  # the talent's employer
    assert Offer.objects.get().enterprise == talent.employer


def test_the_scheduled_scan_scans_only_open_policies(make_user):
    TalentFactory(user=make_user("talent"))
    open_policy = PolicyFactory(code="open")
    PolicyFactory(code="closed", valid_until=TODAY - datetime.timedelta(days=1))
    PolicyFactory(code="future", valid_from=TODAY + datetime.timedelta(days=1))

    assert services.scan_offers(TODAY) == {"open": 1}
    assert list(Offer.objects.values_list("policy", flat=True)) == [open_policy.pk]


# Telling them ----------------------------------------------------------------------------------


def test_a_scan_tells_each_talent_offered_in_the_app_and_by_email(
    policy, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    chosen = TalentFactory(user=make_user("talent"), education=Education.DOCTORATE)
    User.objects.filter(pk=chosen.user.pk).update(email="chen@example.cn")
    passed_over = TalentFactory(user=make_user("talent"), education=Education.BACHELOR)

    with django_capture_on_commit_callbacks(execute=True):
        services.scan_policy(policy, TODAY)

    notification = chosen.user.notifications.get()
    assert notification.title == f"You may receive: {policy.title}"
    assert notification.url == "/policies/offers/"
    assert not passed_over.user.notifications.exists()
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["chen@example.cn"], f"You may receive: {policy.title}")
    ]


def test_an_enterprise_offer_is_told_to_its_hr_and_nobody_else(make_user):
    enterprise = EnterpriseFactory(high_tech=True)
    hr = make_user("enterprise_hr", enterprise=enterprise)
    other_hr = make_user("enterprise_hr", enterprise=EnterpriseFactory(high_tech=False))
    agency = AgencyFactory()
    agency_staff = make_user("agency_staff", agency=agency)
    enterprise_policy = PolicyFactory(
        applicant_kind=ApplicantKind.ENTERPRISE, rule="high_tech = true"
    )
    agency_policy = PolicyFactory(applicant_kind=ApplicantKind.AGENCY)

    assert services.scan_policy(enterprise_policy, TODAY) == 1
    assert services.scan_policy(agency_policy, TODAY) == 1

    assert hr.notifications.count() == 1
    assert agency_staff.notifications.count() == 1
    assert not other_hr.notifications.exists()


# Answering an offer ----------------------------------------------------------------------------


@pytest.fixture
def offer(policy, make_user) -> Offer:
    talent = TalentFactory(user=make_user("talent"), education=Education.DOCTORATE)
    services.scan_policy(policy, TODAY)
    return Offer.objects.get(talent=talent)


def test_accepting_an_offer_submits_an_application_that_skips_what_the_registry_proves(offer):
    user = offer.talent.user

    application = services.offer_accept(actor=user, offer=offer, today=TODAY)

    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.stage.position == 2  # the employer's confirmation is skipped
    assert application.from_offer
    assert application.talent == offer.talent
    assert application.amount_fen == offer.policy.amount_fen
    assert not application.attachments.exists()  # no documents needed
    events = [(e.kind, e.stage.position if e.stage else None) for e in application.events.all()]
    assert events == [
        (EventKind.CREATED, None),
        (EventKind.SUBMITTED, None),
        (EventKind.SKIPPED_STAGE, 1),
    ]
    offer.refresh_from_db()
    assert (offer.status, offer.application) == (OfferStatus.ACCEPTED, application)
    assert offer.answered_at is not None


def test_an_accepted_offer_goes_on_like_any_application(offer, make_user):
    application = services.offer_accept(actor=offer.talent.user, offer=offer, today=TODAY)
    reviewer = make_user("reviewer", department=application.stage.department)

    services.application_decide(
        actor=reviewer, application=application, decision="approve", today=TODAY
    )
    services.application_decide(
        actor=make_user("office_admin"), application=application, decision="approve", today=TODAY
    )

    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.NOTICE


def test_an_offer_is_accepted_once(offer):
    services.offer_accept(actor=offer.talent.user, offer=offer, today=TODAY)

    with pytest.raises(ValidationError) as refused:
        services.offer_accept(actor=offer.talent.user, offer=offer, today=TODAY)

    assert refused.value.code == "offer_answered"
    assert Application.objects.count() == 1


def test_a_declined_offer_is_closed_and_cannot_be_accepted_afterwards(offer):
    services.offer_decline(actor=offer.talent.user, offer=offer)

    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED
    assert offer.answered_at is not None
    with pytest.raises(ValidationError, match="answered already"):
        services.offer_accept(actor=offer.talent.user, offer=offer, today=TODAY)
    with pytest.raises(ValidationError, match="answered already"):
        services.offer_decline(actor=offer.talent.user, offer=offer)
    assert not Application.objects.exists()


@pytest.mark.parametrize("who", ["another talent", "the employer's HR", "the office"])
def test_nobody_answers_an_offer_for_someone_else(offer, make_user, who):
    actor = {
        "another talent": lambda: make_user("talent"),
        "the employer's HR": lambda: make_user("enterprise_hr", enterprise=offer.talent.employer),
        "the office": lambda: make_user("office_admin"),
    }[who]()

    with pytest.raises(PermissionDenied):
        services.offer_accept(actor=actor, offer=offer, today=TODAY)
    with pytest.raises(PermissionDenied):
        services.offer_decline(actor=actor, offer=offer)

    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN


def test_an_offer_for_a_per_unit_policy_needs_the_count_when_accepted(make_user):
    agency = AgencyFactory()
    staff = make_user("agency_staff", agency=agency)
    policy = PolicyFactory(
        applicant_kind=ApplicantKind.AGENCY,
        formula=FormulaKind.PER_UNIT,
        amount_fen=1_000_00,
        unit_label="workers recruited",
    )
    ReviewStageFactory(policy=policy, position=1)
    services.scan_policy(policy, TODAY)
    offer = Offer.objects.get()

    with pytest.raises(ValidationError) as refused:
        services.offer_accept(actor=staff, offer=offer, today=TODAY)
    assert list(refused.value.message_dict) == ["unit_count"]
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN
    assert not Application.objects.exists()

    application = services.offer_accept(
        actor=staff, offer=offer, data={"unit_count": 8}, today=TODAY
    )
    assert application.amount_fen == 8_000_00


def test_an_offer_to_someone_no_longer_eligible_cannot_be_accepted(offer):
    Talent.objects.filter(pk=offer.talent.pk).update(education=Education.BACHELOR)

    with pytest.raises(ValidationError) as refused:
        services.offer_accept(actor=offer.talent.user, offer=offer, today=TODAY)

    assert refused.value.code == "not_eligible"
    assert not Application.objects.exists()


def test_an_offer_cannot_be_accepted_after_the_policy_has_closed(offer):
    with pytest.raises(ValidationError) as refused:
        services.offer_accept(actor=offer.talent.user, offer=offer, today=datetime.date(2027, 1, 1))

    assert refused.value.code == "policy_closed"


def test_an_offer_to_someone_who_has_applied_meanwhile_cannot_be_accepted(offer, policy):
    talent = offer.talent
    services.application_create(actor=talent.user, policy=policy, applicant=talent, today=TODAY)

    with pytest.raises(ValidationError) as refused:
        services.offer_accept(actor=talent.user, offer=offer, today=TODAY)

    assert refused.value.code == "already_applied"
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN


def test_a_scan_for_a_department_stage_policy_offers_without_a_department_member(make_user):
    """The scan needs nobody to be signed in: it is the platform's own task."""
    policy = three_stage_policy(department=DepartmentFactory(), rule="")
    TalentFactory(user=make_user("talent"))
    TalentFactory(user=None)  # in the registry without an account: offered, told nobody

    assert services.scan_policy(policy, TODAY) == 2
    assert Notification.objects.count() == 1


# Two scans at once ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite lets one writer in at a time, so there is no race",
)
def test_two_scans_at_once_make_and_announce_each_offer_once(make_user):
    policy = PolicyFactory(rule=RULE)
    registry(make_user)
    eligible = expected_offers(policy)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def scan() -> None:
        try:
            barrier.wait()
            results.append(services.scan_policy(Policy.objects.get(pk=policy.pk), TODAY))
        except Exception as error:  # reported in the assertion
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results) == [0, len(eligible)]
    assert offered(policy) == eligible
    assert Notification.objects.count() == len(eligible)
