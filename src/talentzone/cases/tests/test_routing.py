"""Raising a case: it goes to the grid team of the enterprise (or of the talent's employer),
numbered, timed at level 1 and recorded in its timeline; whom a user may raise cases for; and
that a refused case writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from talentzone.cases import services
from talentzone.cases.choices import CaseEventKind, CaseSource, CaseStatus, Level
from talentzone.cases.models import Case, CaseAttachment, CaseEvent
from talentzone.cases.tests.conftest import DUE_AT_LEVEL_1, MONDAY, codes
from talentzone.core.models import Notification
from talentzone.directory.tests.factories import EnterpriseFactory, GridFactory, TalentFactory

pytestmark = pytest.mark.django_db


def kinds(case) -> list[str]:
    return list(
        CaseEvent.objects.filter(case=case).order_by("at", "id").values_list("kind", flat=True)
    )


def test_an_enterprise_case_goes_to_its_grid_team(desk):
    case = desk.raise_case()
    assert case.team == desk.team
    assert case.enterprise == desk.enterprise and case.talent is None
    assert case.source == CaseSource.ENTERPRISE and case.raised_by == desk.hr
    assert (case.level, case.status, case.department) == (Level.GRID, CaseStatus.OPEN, None)
    assert (case.opened_on, case.level_since, case.due_on) == (MONDAY, MONDAY, DUE_AT_LEVEL_1)
    assert case.number == f"GC2026{case.pk:06d}"
    assert kinds(case) == [CaseEventKind.RAISED, CaseEventKind.ROUTED]
    assert desk.team.name in case.events.get(kind=CaseEventKind.ROUTED).note


def test_the_team_s_officers_are_told_and_no_one_else(desk):
    case = desk.raise_case()
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {desk.officer.pk}
    assert case.number in Notification.objects.get().title


def test_a_talent_s_case_goes_to_their_employer_s_grid_team(desk):
    case = desk.raise_case(actor=desk.talent_user)
    assert case.talent == desk.talent and case.enterprise is None
    assert case.team == desk.team and case.source == CaseSource.TALENT
    with_employer = desk.raise_case(
        actor=desk.talent_user, talent=desk.talent, enterprise=desk.enterprise
    )
    assert with_employer.source == CaseSource.TALENT
    with pytest.raises(ValidationError) as refused:
        desk.raise_case(
            actor=desk.talent_user, talent=desk.talent, enterprise=desk.other_enterprise
        )
    assert codes(refused.value) == {"enterprise": ["not_yours"]}


def test_route_prefers_the_enterprise(desk):
    elsewhere = TalentFactory(employer=desk.other_enterprise)
    assert services.route(enterprise=desk.enterprise, talent=elsewhere) == desk.team
    assert services.route(talent=elsewhere) == desk.other_team


def test_route_refuses_without_a_party_or_a_team(desk):
    with pytest.raises(ValidationError) as no_party:
        services.route()
    assert codes(no_party.value) == {"enterprise": ["no_party"]}
    with pytest.raises(ValidationError) as jobless:
        services.route(talent=TalentFactory(employer=None))
    assert codes(jobless.value) == {"talent": ["no_team"]}
    teamless = EnterpriseFactory(grid=GridFactory())
    with pytest.raises(ValidationError) as no_team:
        services.route(enterprise=teamless)
    assert codes(no_team.value) == {"enterprise": ["no_team"]}


def test_a_case_nobody_takes_up_is_not_raised(desk):
    teamless = EnterpriseFactory(grid=GridFactory())
    with pytest.raises(ValidationError) as refused:
        desk.raise_case(actor=desk.office, enterprise=teamless)
    assert codes(refused.value) == {"enterprise": ["no_team"]}
    assert not Case.objects.exists() and not CaseEvent.objects.exists()


@pytest.mark.parametrize(
    "actor, party",
    [
        ("hr", {"enterprise": "other_enterprise"}),
        ("other_officer", {"enterprise": "enterprise"}),
        ("officer", {"enterprise": "other_enterprise"}),
    ],
)
def test_nobody_raises_a_case_for_a_party_not_theirs(desk, actor, party):
    party = {field: getattr(desk, name) for field, name in party.items()}
    with pytest.raises(ValidationError) as refused:
        desk.raise_case(actor=getattr(desk, actor), **party)
    assert codes(refused.value) == {"enterprise": ["not_yours"]}
    assert not Case.objects.exists()


def test_hr_raising_about_their_employee_raise_it_for_the_enterprise(desk):
    case = desk.raise_case(talent=desk.talent)
    assert (case.enterprise, case.talent, case.source) == (
        desk.enterprise,
        desk.talent,
        CaseSource.ENTERPRISE,
    )
    assert desk.hr.has_perm("cases.view_case", case)
    with pytest.raises(ValidationError) as refused:
        desk.raise_case(talent=TalentFactory(employer=desk.other_enterprise))
    assert codes(refused.value) == {"talent": ["not_yours"]}


def test_a_talent_raises_cases_only_about_themselves(desk):
    someone_else = TalentFactory(employer=desk.enterprise)
    with pytest.raises(ValidationError) as refused:
        desk.raise_case(actor=desk.talent_user, talent=someone_else)
    assert codes(refused.value) == {"talent": ["not_yours"]}


def test_a_grid_officer_raises_for_the_enterprises_and_talents_of_their_grid(desk):
    for_enterprise = desk.raise_case(actor=desk.officer, enterprise=desk.enterprise)
    for_talent = desk.raise_case(actor=desk.officer, talent=desk.talent)
    assert {for_enterprise.source, for_talent.source} == {CaseSource.GRID_OFFICER}
    assert for_talent.team == desk.team


def test_the_office_raises_for_anyone(desk):
    case = desk.raise_case(actor=desk.office, enterprise=desk.other_enterprise)
    assert case.team == desk.other_team and case.source == CaseSource.GRID_OFFICER


def test_a_leader_does_not_raise_cases_but_through_their_visits(desk):
    with pytest.raises(PermissionDenied):
        desk.raise_case(actor=desk.leader, enterprise=desk.enterprise)


def test_an_inactive_category_takes_no_new_cases(desk):
    desk.category.active = False
    desk.category.save()
    with pytest.raises(ValidationError) as refused:
        desk.raise_case()
    assert codes(refused.value) == {"category": ["inactive_category"]}


def test_a_case_needs_a_title_and_a_description(desk):
    with pytest.raises(ValidationError) as refused:
        desk.raise_case(title="  ")
    assert codes(refused.value) == {"title": ["required"]}
    with pytest.raises(ValidationError) as refused:
        desk.raise_case(description="")
    assert codes(refused.value) == {"description": ["required"]}


def test_files_come_with_the_case(desk):
    scan = SimpleUploadedFile("申请表.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    case = desk.raise_case(files=[scan])
    attachment = CaseAttachment.objects.get(case=case)
    assert (attachment.file_name, attachment.size, attachment.uploaded_by) == (
        "申请表.pdf",
        13,
        desk.hr,
    )
    assert CaseEventKind.ATTACHED in kinds(case)


def test_a_file_over_20_mb_is_refused(desk, monkeypatch):
    monkeypatch.setattr(services, "MAX_ATTACHMENT_BYTES", 10)
    case = desk.raise_case()
    big = SimpleUploadedFile("big.pdf", b"x" * 11)
    with pytest.raises(ValidationError) as refused:
        services.case_attach(actor=desk.hr, case=case, uploaded_file=big)
    assert codes(refused.value) == {"file": ["too_large"]}
    with pytest.raises(ValidationError):
        desk.raise_case(files=[SimpleUploadedFile("big.pdf", b"x" * 11)])
    assert Case.objects.count() == 1 and not CaseAttachment.objects.exists()


def test_comments_by_those_who_see_the_case(desk):
    case = desk.raise_case()
    event = services.case_comment(actor=desk.hr, case=case, note="请尽快回复")
    assert (event.kind, event.actor, event.level) == (CaseEventKind.COMMENT, desk.hr, Level.GRID)
    assert (
        Notification.objects.filter(recipient=desk.officer, title__contains=case.number).count()
        == 2
    )
    with pytest.raises(ValidationError) as refused:
        services.case_comment(actor=desk.hr, case=case, note=" ")
    assert codes(refused.value) == {"note": ["required"]}
    with pytest.raises(PermissionDenied):
        services.case_comment(actor=desk.other_hr, case=case, note="看看")
    with pytest.raises(PermissionDenied):
        services.case_attach(
            actor=desk.other_officer, case=case, uploaded_file=SimpleUploadedFile("a.txt", b"a")
        )
