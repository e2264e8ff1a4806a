"""The joint consultation of level 3: the office calls it and invites departments, records its
minutes, decision and a task per department; the departments report their tasks done; and a
level-3 case is resolved only after a consultation was held and all its tasks are done."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from talentzone.cases import services
from talentzone.cases.choices import CaseEventKind, CaseStatus, ConsultationStatus
from talentzone.cases.models import CaseEvent, Consultation, ConsultationTask
from talentzone.cases.tests.conftest import NOW, at, codes, day
from talentzone.core.models import Notification

pytestmark = pytest.mark.django_db

MEETING = at(day(3), 14)


def schedule(desk, case, actor=None, **fields):
    values = {
        "scheduled_at": MEETING,
        "place": "管委会三楼会议室",
        "departments": [desk.housing, desk.policy],
        "chair": "王主任",
        "now": NOW,
        **fields,
    }
    return services.consultation_schedule(actor=actor or desk.office, case=case, **values)


def record(desk, consultation, **fields):
    values = {
        "minutes": "两部门参会。",
        "decision": "住建局调配房源，人社局落实补贴。",
        "tasks": [
            {"department": desk.housing, "description": "调配公寓", "due_on": day(15)},
            {"department": desk.policy, "description": "发放补贴", "due_on": day(19)},
        ],
        "now": MEETING,
        **fields,
    }
    return services.consultation_record(actor=desk.office, consultation=consultation, **values)


@pytest.fixture
def case(desk):
    return desk.at_level(3)


# Scheduling -----------------------------------------------------------------------------------


def test_the_office_calls_the_consultation_and_the_departments_are_told(desk, case):
    Notification.objects.all().delete()
    consultation = schedule(desk, case)
    assert consultation.status == ConsultationStatus.SCHEDULED
    assert set(consultation.departments.all()) == {desk.housing, desk.policy}
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.CONSULTATION_SCHEDULED).exists()
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {desk.housing_staff.pk, desk.policy_staff.pk}


def test_only_the_office_and_only_at_level_3(desk, case):
    with pytest.raises(PermissionDenied):
        schedule(desk, case, actor=desk.housing_staff)
    with pytest.raises(PermissionDenied):
        schedule(desk, desk.at_level(2))


def test_scheduling_refusals(desk, case):
    with pytest.raises(ValidationError) as refused:
        schedule(desk, case, departments=[])
    assert codes(refused.value) == {"departments": ["required"]}
    with pytest.raises(ValidationError) as refused:
        schedule(desk, case, scheduled_at=NOW - datetime.timedelta(minutes=1))
    assert codes(refused.value) == {"scheduled_at": ["past"]}
    with pytest.raises(ValidationError) as refused:
        schedule(desk, case, place="")
    assert codes(refused.value) == {"place": ["required"]}
    assert not Consultation.objects.exists()


def test_one_consultation_scheduled_at_a_time(desk, case):
    schedule(desk, case)
    with pytest.raises(ValidationError) as refused:
        schedule(desk, case, scheduled_at=at(day(4), 9))
    assert codes(refused.value) == {"__all__": ["already_scheduled"]}
    assert Consultation.objects.count() == 1


def test_the_database_refuses_a_second_scheduled_consultation(desk, case):
    schedule(desk, case)
    with pytest.raises(IntegrityError), transaction.atomic():
        Consultation.objects.create(
            case=case, scheduled_at=MEETING, place="别处", created_by=desk.office
        )


# Recording ------------------------------------------------------------------------------------


def test_recording_writes_the_minutes_and_a_task_per_department(desk, case):
    Notification.objects.all().delete()
    consultation = record(desk, schedule(desk, case))
    assert consultation.status == ConsultationStatus.HELD and consultation.held_at == MEETING
    tasks = list(consultation.tasks.order_by("due_on"))
    assert [(t.department, t.due_on, t.done_at) for t in tasks] == [
        (desk.housing, day(15), None),
        (desk.policy, day(19), None),
    ]
    assert CaseEvent.objects.filter(case=case, kind=CaseEventKind.CONSULTATION_HELD).exists()
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {desk.housing_staff.pk, desk.policy_staff.pk}


def test_a_held_consultation_frees_the_case_for_another(desk, case):
    record(desk, schedule(desk, case))
    schedule(desk, case, scheduled_at=at(day(10), 9))
    assert Consultation.objects.filter(case=case).count() == 2


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"minutes": " "}, {"minutes": ["required"]}),
        ({"decision": ""}, {"decision": ["required"]}),
        ({"tasks": []}, {"tasks": ["required"]}),
    ],
)
def test_recording_refusals(desk, case, fields, expected):
    consultation = schedule(desk, case)
    with pytest.raises(ValidationError) as refused:
        record(desk, consultation, **fields)
    assert codes(refused.value) == expected
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.SCHEDULED


def test_an_incomplete_task_is_named_by_its_number(desk, case):
    consultation = schedule(desk, case)
    tasks = [
        {"department": desk.housing, "description": "调配公寓", "due_on": day(15)},
        {"department": desk.policy, "description": "", "due_on": day(19)},
    ]
    with pytest.raises(ValidationError) as refused:
        record(desk, consultation, tasks=tasks)
    assert codes(refused.value) == {"tasks": ["required"]}
    assert "2" in refused.value.message_dict["tasks"][0]
    assert not ConsultationTask.objects.exists()


def test_a_consultation_is_recorded_once(desk, case):
    consultation = record(desk, schedule(desk, case))
    with pytest.raises(ValidationError) as refused:
        record(desk, consultation)
    assert codes(refused.value) == {"__all__": ["already_held"]}
    assert ConsultationTask.objects.count() == 2


# Tasks ----------------------------------------------------------------------------------------


def test_the_owner_department_reports_its_task_done(desk, case):
    task = record(desk, schedule(desk, case)).tasks.get(department=desk.housing)
    done = services.task_done(actor=desk.housing_staff, task=task, note="已交付", now=at(day(8)))
    assert (done.done_at, done.done_by, done.done_note) == (
        at(day(8)),
        desk.housing_staff,
        "已交付",
    )
    event = CaseEvent.objects.get(case=case, kind=CaseEventKind.TASK_DONE)
    assert event.actor == desk.housing_staff and "已交付" in event.note


def test_task_refusals(desk, case):
    task = record(desk, schedule(desk, case)).tasks.get(department=desk.housing)
    with pytest.raises(PermissionDenied):
        services.task_done(actor=desk.policy_staff, task=task, note="不是我们的")
    with pytest.raises(ValidationError) as refused:
        services.task_done(actor=desk.housing_staff, task=task, note="")
    assert codes(refused.value) == {"note": ["required"]}
    services.task_done(actor=desk.office, task=task, note="办公室代报")
    with pytest.raises(ValidationError) as refused:
        services.task_done(actor=desk.housing_staff, task=task, note="again")
    assert codes(refused.value) == {"__all__": ["already_done"]}


def test_the_database_wants_a_note_on_a_done_task(desk, case):
    task = record(desk, schedule(desk, case)).tasks.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsultationTask.objects.filter(pk=task.pk).update(done_at=NOW)


# Resolving at level 3 -------------------------------------------------------------------------


def resolve(desk, case):
    return services.case_resolve(actor=desk.office, case=case, resolution="已落实", now=at(day(20)))


def test_level_3_is_resolved_only_after_a_consultation_with_all_tasks_done(desk, case):
    with pytest.raises(ValidationError) as refused:
        resolve(desk, case)
    assert codes(refused.value) == {"resolution": ["tasks_open"]}
    consultation = schedule(desk, case)
    with pytest.raises(ValidationError):
        resolve(desk, case)  # scheduled, not held
    consultation = record(desk, consultation)
    housing, policy = consultation.tasks.order_by("due_on")
    services.task_done(actor=desk.housing_staff, task=housing, note="已交付")
    with pytest.raises(ValidationError) as refused:
        resolve(desk, case)
    assert codes(refused.value) == {"resolution": ["tasks_open"]}
    services.task_done(actor=desk.policy_staff, task=policy, note="已发放")
    assert resolve(desk, case).status == CaseStatus.RESOLVED


def test_levels_1_and_2_need_no_consultation(desk):
    case = desk.at_level(2)
    services.case_resolve(actor=desk.housing_staff, case=case, resolution="已协调")
