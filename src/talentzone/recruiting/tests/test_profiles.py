"""Candidates' profiles and consent: a talent opens their own profile, an agency registers a
candidate into its pool and says how the person agreed, and nobody else touches either."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from talentzone.core.identifiers import make_id_number
from talentzone.core.models import AuditRecord
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Talent
from talentzone.directory.tests.factories import TalentFactory
from talentzone.recruiting import queries, services
from talentzone.recruiting.choices import ConsentMethod
from talentzone.recruiting.models import CandidateProfile
from talentzone.recruiting.tests.factories import CandidateProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def errors(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


# A talent's own profile ----------------------------------------------------------------------


def test_a_talent_opens_their_own_profile_and_their_consent_is_given_online(make_user):
    user = make_user("talent")
    talent = TalentFactory(user=user)
    before = timezone.now()

    profile = services.profile_save(
        actor=user,
        talent=talent,
        data={"open_to_offers": True, "summary": "十年电池管理系统开发", "locations": "宁德"},
        consent_method="signed_form",  # a person's own consent is theirs, given here, online
    )

    profile.refresh_from_db()
    assert profile.open_to_offers
    assert profile.consent_method == ConsentMethod.ONLINE
    assert profile.consent_at >= before
    assert profile.consent_recorded_by == user
    record = AuditRecord.objects.get(target_type="recruiting.candidateprofile")
    assert record.action == "create" and record.actor == user
    assert "consent_method" in record.changes


def test_closing_a_profile_keeps_the_consent_on_record(zone):
    profile = zone.talent.profile
    consent = (profile.consent_method, profile.consent_at)
    services.profile_save(
        actor=zone.talent_user, talent=zone.talent, data={"open_to_offers": False}
    )
    profile.refresh_from_db()
    assert not profile.open_to_offers
    assert (profile.consent_method, profile.consent_at) == consent
    assert zone.talent not in queries.pool_candidates(zone.staff)


def test_opening_again_records_the_consent_again(zone):
    services.profile_save(
        actor=zone.talent_user, talent=zone.talent, data={"open_to_offers": False}
    )
    first = CandidateProfile.objects.get(talent=zone.talent).consent_at
    services.profile_save(
        actor=zone.talent_user, talent=zone.talent, data={"open_to_offers": "True"}
    )
    profile = CandidateProfile.objects.get(talent=zone.talent)
    assert profile.open_to_offers and profile.consent_at > first


def test_a_talent_changes_their_profile_and_the_audit_names_the_fields(zone):
    services.profile_save(
        actor=zone.talent_user,
        talent=zone.talent,
        data={"expected_salary": 18000, "career_started": "", "summary": "电芯设计"},
    )
    profile = CandidateProfile.objects.get(talent=zone.talent)
    assert (profile.expected_salary, profile.career_started) == (18000, None)
    record = AuditRecord.objects.filter(target_type="recruiting.candidateprofile").latest("seq")
    assert set(record.changes) == {"expected_salary", "career_started", "summary"}


def test_a_profile_refuses_fields_that_are_not_its_own_and_bad_values(zone):
    assert errors(
        lambda: services.profile_save(
            actor=zone.talent_user, talent=zone.talent, data={"consent_at": timezone.now()}
        )
    ) == {"consent_at": ["This field cannot be set here."]}
    assert list(
        errors(
            lambda: services.profile_save(
                actor=zone.talent_user, talent=zone.talent, data={"open_to_offers": "maybe"}
            )
        )
    ) == ["open_to_offers"]
    assert "career_started" in errors(
        lambda: services.profile_save(
            actor=zone.talent_user, talent=zone.talent, data={"career_started": 1900}
        )
    )


@pytest.mark.parametrize("actor", ["hr", "staff", "other_staff", "leader"])
def test_nobody_else_edits_a_registry_talents_profile(zone, actor):
    with pytest.raises(PermissionDenied):
        services.profile_save(
            actor=getattr(zone, actor), talent=zone.talent, data={"open_to_offers": False}
        )
    assert CandidateProfile.objects.get(talent=zone.talent).open_to_offers


def test_the_office_opens_a_profile_saying_how_the_person_agreed(zone):
    talent = TalentFactory()
    assert errors(
        lambda: services.profile_save(
            actor=zone.office, talent=talent, data={"open_to_offers": True}
        )
    ) == {"consent_method": ["Say how the candidate gave their consent to be proposed."]}
    assert not CandidateProfile.objects.filter(talent=talent).exists()
    services.profile_save(
        actor=zone.office,
        talent=talent,
        data={"open_to_offers": True},
        consent_method=ConsentMethod.RECORDED_CALL,
    )
    profile = CandidateProfile.objects.get(talent=talent)
    assert profile.consent_method == ConsentMethod.RECORDED_CALL
    assert profile.consent_recorded_by == zone.office


def test_the_database_refuses_an_open_profile_without_consent():
    with pytest.raises(IntegrityError), transaction.atomic():
        CandidateProfile.objects.create(talent=TalentFactory(), open_to_offers=True)


# An agency's pool ----------------------------------------------------------------------------


def registration(**talent_fields) -> dict:
    return {
        "name": "郑海燕",
        "gender": "female",
        "birth_date": "1992-04-18",
        "id_number": make_id_number("350902", datetime.date(1992, 4, 18), 7, False),
        "phone": "13905937788",
        "education": "bachelor",
        "major": "电气工程及其自动化",
        "industry": "lithium_battery",
        "skills": "电池管理系统、PLC",
        **talent_fields,
    }


def register(zone, actor=None, pool=None, consent="signed_form", **talent_fields) -> Talent:
    return services.candidate_register(
        actor=actor or zone.staff,
        agency=pool or zone.agency,
        talent_data=registration(**talent_fields),
        profile_data={"summary": "五年BMS测试经验", "expected_salary": 11000, "locations": "宁德"},
        consent_method=consent,
    )


def test_an_agency_registers_a_candidate_into_its_own_pool_with_consent(zone):
    talent = register(zone, status="in_zone", agency=zone.other_agency)  # both are the service's

    talent.refresh_from_db()
    assert (talent.status, talent.agency) == (TalentStatus.CANDIDATE, zone.agency)
    profile = talent.profile
    assert profile.open_to_offers and profile.summary == "五年BMS测试经验"
    assert profile.consent_method == ConsentMethod.SIGNED_FORM
    assert profile.consent_recorded_by == zone.staff and profile.consent_at is not None
    assert AuditRecord.objects.filter(target_type="directory.talent", action="create").exists()
    assert AuditRecord.objects.filter(target_type="recruiting.candidateprofile").exists()
    assert talent in queries.pool_candidates(zone.staff)
    assert talent not in queries.pool_candidates(zone.other_staff)
    assert talent in queries.pool_candidates(zone.office)


def test_registering_without_consent_writes_nothing(zone):
    for consent in ("", "nodded"):
        assert list(errors(lambda c=consent: register(zone, consent=c))) == ["consent_method"]
    assert not Talent.objects.filter(name="郑海燕").exists()
    assert not CandidateProfile.objects.exclude(talent=zone.talent).exists()


def test_a_bad_registry_record_leaves_no_profile_behind(zone):
    found = errors(lambda: register(zone, id_number="12345"))
    assert "id_number" in found
    assert not Talent.objects.filter(name="郑海燕").exists()
    assert CandidateProfile.objects.count() == 1  # the zone's own talent's


def test_a_bad_profile_is_refused_before_the_registry_is_touched(zone):
    with pytest.raises(ValidationError) as refused:
        services.candidate_register(
            actor=zone.staff,
            agency=zone.agency,
            talent_data=registration(),
            profile_data={"career_started": 1800},
            consent_method="online",
        )
    assert "career_started" in refused.value.message_dict
    assert not Talent.objects.filter(name="郑海燕").exists()


@pytest.mark.parametrize("actor", ["other_staff", "hr", "talent_user", "leader"])
def test_nobody_registers_into_an_agencys_pool_but_its_staff_and_the_office(zone, actor):
    with pytest.raises(PermissionDenied):
        register(zone, actor=getattr(zone, actor))
    assert not Talent.objects.filter(name="郑海燕").exists()
    register(zone, actor=zone.office)
    assert Talent.objects.get(name="郑海燕").agency == zone.agency


def test_the_holding_agency_edits_its_candidates_profile_and_says_how_they_agreed(zone):
    talent = register(zone)
    services.profile_save(actor=zone.staff, talent=talent, data={"open_to_offers": False})
    assert errors(
        lambda: services.profile_save(
            actor=zone.staff, talent=talent, data={"open_to_offers": True}
        )
    ) == {"consent_method": ["Say how the candidate gave their consent to be proposed."]}
    services.profile_save(
        actor=zone.staff, talent=talent, data={"open_to_offers": True}, consent_method="online"
    )
    assert CandidateProfile.objects.get(talent=talent).consent_method == "online"
    with pytest.raises(PermissionDenied):
        services.profile_save(actor=zone.other_staff, talent=talent, data={"summary": "改"})


def test_a_profile_made_by_the_factory_is_open_with_consent():
    profile = CandidateProfileFactory()
    assert profile.open_to_offers and profile.consent_at
