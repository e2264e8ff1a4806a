"""Leaders and the experts they look after: the office pairs them (one active leader per
expert), a leader records their visits and the needs they heard become cases of the expert,
routed to the grid team of the expert's employer; the schedule says who is due a visit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from talentzone.cases import queries, services
from talentzone.cases.choices import CaseSource
from talentzone.cases.models import Case, Liaison, LiaisonVisit
from talentzone.cases.tests.conftest import MONDAY, NOW, codes
from talentzone.directory.tests.factories import TalentFactory

pytestmark = pytest.mark.django_db

SINCE = datetime.date(2026, 1, 5)


def pair(desk, expert=None, leader=None, **fields):
    return services.liaison_create(
        actor=desk.office,
        leader=leader or desk.leader,
        expert=expert or desk.talent,
        since=fields.pop("since", SINCE),
        **fields,
    )


def record(desk, liaison, actor=None, findings=(), **fields):
    values = {
        "visited_on": MONDAY,
        "notes": "谈到实验室扩建与子女入学。",
        "findings": list(findings),
        "today": MONDAY,
        "now": NOW,
        **fields,
    }
    return services.liaison_visit_record(actor=actor or desk.leader, liaison=liaison, **values)


def need(desk, title="实验室用房不足"):
    return {"category": desk.category, "title": title, "description": "需增加200平方米"}


# Pairing --------------------------------------------------------------------------------------


def test_the_office_pairs_a_leader_with_an_expert(desk):
    liaison = pair(desk, interval_days=60)
    assert (liaison.leader, liaison.expert, liaison.interval_days) == (desk.leader, desk.talent, 60)
    assert liaison.active and liaison.since == SINCE


def test_pairing_refusals(desk, make_user):
    with pytest.raises(PermissionDenied):
        services.liaison_create(actor=desk.officer, leader=desk.leader, expert=desk.talent)
    with pytest.raises(ValidationError) as refused:
        pair(desk, leader=desk.officer)
    assert codes(refused.value) == {"leader": ["not_leader"]}
    pair(desk)
    with pytest.raises(ValidationError) as refused:
        pair(desk, leader=make_user("leader"))
    assert codes(refused.value) == {"expert": ["already_paired"]}
    assert Liaison.objects.count() == 1


def test_an_expert_is_paired_again_once_the_pairing_ended(desk, make_user):
    first = pair(desk)
    services.liaison_end(actor=desk.office, liaison=first)
    second = pair(desk, leader=make_user("leader"))
    assert second.active and not Liaison.objects.get(pk=first.pk).active
    with pytest.raises(ValidationError) as refused:
        services.liaison_end(actor=desk.office, liaison=first)
    assert codes(refused.value) == {"__all__": ["inactive"]}


def test_the_database_allows_one_active_leader_per_expert(desk, make_user):
    pair(desk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Liaison.objects.create(leader=make_user("leader"), expert=desk.talent, since=SINCE)


# Visits ---------------------------------------------------------------------------------------


def test_a_leader_s_visit_turns_needs_into_cases_of_the_expert(desk):
    liaison = pair(desk)
    visit = record(desk, liaison, findings=[need(desk), need(desk, "子女入学")])
    cases = list(Case.objects.filter(liaison_visit=visit).order_by("id"))
    assert [case.title for case in cases] == ["实验室用房不足", "子女入学"]
    for case in cases:
        assert (case.source, case.talent, case.enterprise) == (
            CaseSource.LIAISON,
            desk.talent,
            desk.enterprise,
        )
        assert (case.raised_by, case.team) == (desk.leader, desk.team)
    # The leader finds them; the grid team has them in its queue.
    assert set(queries.visible_cases(desk.leader).filter(liaison_visit=visit)) == set(cases)
    assert set(queries.queue(desk.officer)) >= set(cases)


def test_only_the_leader_of_the_pairing_or_the_office_records(desk, make_user):
    liaison = pair(desk)
    with pytest.raises(PermissionDenied):
        record(desk, liaison, actor=make_user("leader"))
    with pytest.raises(PermissionDenied):
        record(desk, liaison, actor=desk.officer)
    record(desk, liaison, actor=desk.office)


def test_an_ended_pairing_takes_no_visits(desk):
    liaison = services.liaison_end(actor=desk.office, liaison=pair(desk))
    with pytest.raises(ValidationError) as refused:
        record(desk, liaison)
    assert codes(refused.value) == {"__all__": ["inactive"]}


def test_visit_refusals_write_nothing(desk):
    liaison = pair(desk)
    with pytest.raises(ValidationError) as refused:
        record(desk, liaison, visited_on=MONDAY + datetime.timedelta(days=1))
    assert codes(refused.value) == {"visited_on": ["future"]}
    with pytest.raises(ValidationError) as refused:
        record(desk, liaison, findings=[need(desk), need(desk, title=" ")])
    assert codes(refused.value) == {"findings": ["required"]}
    assert not LiaisonVisit.objects.exists() and not Case.objects.exists()


def test_an_expert_without_an_employer_has_no_grid_team_for_the_needs(desk):
    liaison = pair(desk, expert=TalentFactory(employer=None))
    with pytest.raises(ValidationError) as refused:
        record(desk, liaison, findings=[need(desk)])
    assert codes(refused.value) == {"findings": ["no_team"]}
    assert record(desk, liaison).cases.count() == 0  # the visit alone is fine


def test_a_leader_raises_only_about_their_expert_through_their_visit(desk):
    liaison = pair(desk)
    visit = record(desk, liaison)
    someone = TalentFactory(employer=desk.enterprise)
    with pytest.raises(ValidationError) as refused:
        desk.raise_case(actor=desk.leader, liaison_visit=visit, talent=someone)
    assert codes(refused.value) == {"talent": ["not_yours"]}


# The schedule ---------------------------------------------------------------------------------


def test_the_schedule_says_when_each_expert_is_due(desk, make_user):
    other_leader = make_user("leader")
    visited = pair(desk, interval_days=90)
    record(desk, visited, visited_on=datetime.date(2026, 4, 1))
    never = pair(desk, expert=TalentFactory(), leader=other_leader, interval_days=30)
    rows = queries.liaison_schedule(today=MONDAY)
    assert [(r["liaison"], r["last_visit"], r["next_due"], r["overdue"]) for r in rows] == [
        (never, None, SINCE + datetime.timedelta(days=30), True),
        (visited, datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), False),
    ]
    assert [r["liaison"] for r in queries.liaison_schedule(leader=desk.leader)] == [visited]
    services.liaison_end(actor=desk.office, liaison=never)
    assert [r["liaison"] for r in queries.liaison_schedule(today=MONDAY)] == [visited]
