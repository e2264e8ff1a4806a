"""Housing and schooling applications through the policies' application engine: a housing
application of a scheme's in-kind policy, once approved (its notice closed by the office or by the
scheduled task), puts the household in the scheme's queue with the layouts and size asked; a
schooling application goes through its stages (the education bureau's among them) and the
bureau records the school. Refusals come with their field and code."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from talentzone.directory.tests.factories import DepartmentFactory, UserFactory
from talentzone.housing import services
from talentzone.housing.choices import EntryStatus, Layout, SchoolLevel
from talentzone.housing.models import HousingRequest, QueueEntry, SchoolingRequest
from talentzone.housing.tests.conftest import MONDAY, codes
from talentzone.housing.tests.factories import QueueEntryFactory, SchemeFactory, talent_user
from talentzone.policies import services as policies
from talentzone.policies.choices import ApplicationStatus, Benefit, StageRole
from talentzone.policies.models import LedgerEntry
from talentzone.policies.tests.factories import PolicyFactory, ReviewStageFactory

pytestmark = pytest.mark.django_db

AFTER_NOTICE = MONDAY + datetime.timedelta(days=6)  # the factories' notice runs 5 days


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def in_kind_policy(**fields):
    return PolicyFactory(
        benefit=Benefit.IN_KIND, formula="", amount_fen=None, budget_line=None, **fields
    )


@pytest.fixture
def housing_scheme(db):
    policy = in_kind_policy(title="人才公寓配租")
    ReviewStageFactory(policy=policy, position=1, name="人才办初审", role=StageRole.OFFICE_ADMIN)
    return SchemeFactory(name="人才公寓配租", policy=policy)


@pytest.fixture
def education(db):
    return DepartmentFactory(name="教育局", code="education")


@pytest.fixture
def schooling_policy(education):
    policy = in_kind_policy(title="人才子女入学入园")
    ReviewStageFactory(policy=policy, position=1, name="人才办初审", role=StageRole.OFFICE_ADMIN)
    ReviewStageFactory(
        policy=policy,
        position=2,
        name="教育局审核",
        role=StageRole.REVIEWER,
        department=education,
    )
    return policy


def approve_through(application, *deciders, close_by=None):
    """Submit (already done by the caller), approve at each stage, close the notice."""
    for decider in deciders:
        application = policies.application_decide(
            actor=decider, application=application, decision="approve", today=MONDAY
        )
    assert application.status == ApplicationStatus.NOTICE
    if close_by == "task":
        assert policies.close_due_notices(today=AFTER_NOTICE) == 1
        application.refresh_from_db()
    else:
        application = policies.notice_close(
            actor=close_by, application=application, today=AFTER_NOTICE
        )
    assert application.status == ApplicationStatus.APPROVED
    return application


# Housing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("close_by", ["office", "task"])
def test_an_approved_housing_application_puts_the_household_in_the_queue(
    housing_scheme, office, close_by
):
    talent, user = talent_user()
    application = services.housing_apply(
        actor=user,
        scheme=housing_scheme,
        layouts=[Layout.THREE_ROOMS, Layout.TWO_ROOMS],
        household_size=3,
        statement="夫妻二人带一个孩子",
        today=MONDAY,
    )
    assert application.status == ApplicationStatus.DRAFT and application.talent == talent
    request = HousingRequest.objects.get(application=application)
    assert request.layouts == [Layout.TWO_ROOMS, Layout.THREE_ROOMS]  # the known order
    assert request.household_size == 3
    assert not QueueEntry.objects.exists()

    application = policies.application_submit(actor=user, application=application, today=MONDAY)
    approve_through(application, office, close_by=office if close_by == "office" else "task")

    entry = QueueEntry.objects.get()
    assert entry.talent == talent and entry.scheme == housing_scheme
    assert entry.application == application
    assert entry.layouts == [Layout.TWO_ROOMS, Layout.THREE_ROOMS]
    assert entry.household_size == 3 and entry.status == EntryStatus.WAITING
    assert not LedgerEntry.objects.exists()  # in kind: no money moved


def test_housing_refusals_come_with_their_field(housing_scheme):
    _talent, user = talent_user()

    def refused(**kwargs) -> dict:
        arguments = {
            "actor": user,
            "scheme": housing_scheme,
            "layouts": [Layout.TWO_ROOMS],
            "household_size": 2,
            "today": MONDAY,
            **kwargs,
        }
        with pytest.raises(ValidationError) as caught:
            services.housing_apply(**arguments)
        return codes(caught.value)

    assert refused(layouts=[]) == {"layouts": ["invalid"]}
    assert refused(layouts=["castle"]) == {"layouts": ["invalid"]}
    assert refused(household_size=0) == {"household_size": ["invalid"]}
    assert refused(household_size="2") == {"household_size": ["invalid"]}
    assert refused(layouts=[Layout.STUDIO], household_size=2) == {"household_size": ["too_large"]}
    assert refused(scheme=SchemeFactory(policy=None)) == {"scheme": ["no_policy"]}
    assert refused(actor=UserFactory(roles=["talent"])) == {"__all__": ["not_a_talent"]}
    assert not HousingRequest.objects.exists()

    services.housing_apply(
        actor=user, scheme=housing_scheme, layouts=[Layout.TWO_ROOMS], household_size=2
    )
    with pytest.raises(ValidationError) as caught:
        services.housing_apply(
            actor=user, scheme=housing_scheme, layouts=[Layout.TWO_ROOMS], household_size=2
        )
    assert caught.value.code == "already_applied"
    assert HousingRequest.objects.count() == 1


def test_a_household_already_queued_cannot_apply_again(housing_scheme):
    talent, user = talent_user()
    QueueEntryFactory(talent=talent, scheme=SchemeFactory())
    with pytest.raises(ValidationError) as caught:
        services.housing_apply(
            actor=user, scheme=housing_scheme, layouts=[Layout.TWO_ROOMS], household_size=2
        )
    assert codes(caught.value) == {"talent": ["already_queued"]}


# Schooling -----------------------------------------------------------------------------------


def test_a_schooling_request_goes_through_the_education_bureau_and_gets_a_school(
    schooling_policy, education, office, make_user
):
    talent, user = talent_user()
    bureau = make_user("reviewer", department=education)
    application = services.schooling_apply(
        actor=user,
        policy=schooling_policy,
        child_name="陈小雨",
        child_birth_date=datetime.date(2020, 3, 5),
        level=SchoolLevel.PRIMARY,
        school_wanted="东侨实验小学",
        today=MONDAY,
    )
    request = SchoolingRequest.objects.get(application=application)
    assert request.school_assigned == ""

    # Not before the application is approved.
    with pytest.raises(ValidationError) as caught:
        services.schooling_assign(actor=bureau, request=request, school="东侨实验小学")
    assert codes(caught.value) == {"request": ["not_approved"]}

    application = policies.application_submit(actor=user, application=application, today=MONDAY)
    assert application.stage.name == "人才办初审"
    with pytest.raises(PermissionDenied):  # the bureau decides only its own stage
        policies.application_decide(actor=bureau, application=application, decision="approve")
    application = policies.application_decide(
        actor=office, application=application, decision="approve", today=MONDAY
    )
    assert application.stage.name == "教育局审核"
    approve_through(application, bureau, close_by=office)
    assert not QueueEntry.objects.exists()  # the housing handler leaves schooling alone

    # Someone outside the office and the bureau may not record the school.
    outsider = make_user("reviewer", department=DepartmentFactory())
    with pytest.raises(PermissionDenied):
        services.schooling_assign(actor=outsider, request=request, school="东侨实验小学")
    with pytest.raises(PermissionDenied):
        services.schooling_assign(actor=user, request=request, school="东侨实验小学")
    with pytest.raises(ValidationError) as caught:
        services.schooling_assign(actor=bureau, request=request, school="  ")
    assert codes(caught.value) == {"school": ["required"]}

    services.schooling_assign(
        actor=bureau, request=request, school="东侨实验小学", today=AFTER_NOTICE
    )
    request.refresh_from_db()
    assert request.school_assigned == "东侨实验小学"
    assert request.assigned_on == AFTER_NOTICE and request.assigned_by == bureau
    assert talent.user.notifications.filter(title__contains="东侨实验小学").exists()


def test_schooling_refusals_come_with_their_field(schooling_policy, housing_scheme):
    _talent, user = talent_user()

    def refused(**kwargs) -> dict:
        arguments = {
            "actor": user,
            "policy": schooling_policy,
            "child_name": "陈小雨",
            "child_birth_date": datetime.date(2020, 3, 5),
            "level": SchoolLevel.PRIMARY,
            "today": MONDAY,
            **kwargs,
        }
        with pytest.raises(ValidationError) as caught:
            services.schooling_apply(**arguments)
        return codes(caught.value)

    assert refused(child_name=" ") == {"child_name": ["required"]}
    assert refused(child_birth_date=MONDAY + datetime.timedelta(days=1)) == {
        "child_birth_date": ["invalid"]
    }
    assert refused(child_birth_date=datetime.date(2000, 1, 1)) == {"child_birth_date": ["too_old"]}
    assert refused(level="university") == {"level": ["invalid"]}
    assert refused(policy=housing_scheme.policy) == {"policy": ["not_schooling"]}
    assert refused(policy=PolicyFactory()) == {"policy": ["not_schooling"]}  # a money policy
    assert not SchoolingRequest.objects.exists()
