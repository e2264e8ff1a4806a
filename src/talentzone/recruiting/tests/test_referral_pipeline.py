"""A referral's life, step by step, as the services walk it.

    referred ─screen→ shortlisted ─schedule→ interview ─(passed)→ offered ─hire→ hired
    any live step → rejected (employer) · declined (candidate / agency) · withdrawn (referrer)

Every step allowed from every status where it is allowed and refused from every other, who may
take each step, the timeline, who is told, hires counted for the agency and against the
demand's headcount, and nothing written when a step is refused. Messages are asserted in English.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from talentzone.core.models import AuditRecord, Notification
from talentzone.directory.choices import Education
from talentzone.recruiting import queries, services
from talentzone.recruiting.choices import (
    LIVE_REFERRAL_STATUSES,
    DemandStatus,
    InterviewOutcome,
    ReferralStatus,
)
from talentzone.recruiting.models import Demand, Interview, Referral, ReferralEvent
from talentzone.recruiting.tests.factories import CandidateProfileFactory, DemandSkillFactory

pytestmark = pytest.mark.django_db

S = ReferralStatus


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def soon(days: int = 2) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def fresh(record):
    record.refresh_from_db()
    return record


class Pipeline:
    """One demand of the zone's enterprise (ten positions unless told) and the steps of its
    referrals, each through the services. Agency A's staff refer; the enterprise's HR decides;
    the zone's registry talent (who has an account) is the candidate unless told."""

    def __init__(self, zone, **demand_fields) -> None:
        self.zone = zone
        self.demand = zone.demand(**{"headcount": 10, **demand_fields})

    def refer(self, talent=None, actor=None, note="化成工艺经验丰富") -> Referral:
        return services.referral_create(
            actor=actor or self.zone.staff,
            demand=self.demand,
            talent=talent or self.zone.talent,
            note=note,
        )

    def shortlist(self, referral) -> Referral:
        return services.referral_screen(actor=self.zone.hr, referral=referral, accept=True)

    def schedule(self, referral) -> Interview:
        return services.interview_schedule(
            actor=self.zone.hr, referral=referral, starts_at=soon(), place="产业园共享面试室1"
        )

    def record(self, interview, outcome=InterviewOutcome.PASSED) -> Interview:
        return services.interview_record(actor=self.zone.hr, interview=interview, outcome=outcome)

    def offer(self, referral) -> Referral:
        return services.referral_offer(actor=self.zone.hr, referral=referral)

    def hire(self, referral, **kwargs) -> Referral:
        return services.referral_hire(actor=self.zone.hr, referral=referral, **kwargs)

    def at(self, status: str, talent=None) -> Referral:
        """A referral walked to `status` (the interview stage with a passed interview, so an
        offer may follow)."""
        referral = self.refer(talent)
        if status == S.REJECTED:
            services.referral_reject(actor=self.zone.hr, referral=referral, reason="经验不足")
        elif status == S.DECLINED:
            services.referral_decline(actor=self.zone.staff, referral=referral, reason="已另就业")
        elif status == S.WITHDRAWN:
            services.referral_withdraw(actor=self.zone.staff, referral=referral, reason="推荐有误")
        elif status != S.REFERRED:
            self.shortlist(referral)
            if status != S.SHORTLISTED:
                self.record(self.schedule(referral))
                if status != S.INTERVIEW:
                    self.offer(referral)
                    if status == S.HIRED:
                        self.hire(referral)
        return fresh(referral)


@pytest.fixture
def pipeline(zone) -> Pipeline:
    return Pipeline(zone)


def written(referral=None) -> tuple:
    """What a refused step must not have added to."""
    return (
        ReferralEvent.objects.count(),
        Notification.objects.count(),
        AuditRecord.objects.count(),
        Interview.objects.count(),
        Referral.objects.count(),
        fresh(referral).status if referral else None,
    )


# The whole path ------------------------------------------------------------------------------


def test_a_referral_walks_from_referred_to_hired_with_a_timeline_of_every_step(zone, pipeline):
    referral = pipeline.refer()
    pipeline.shortlist(referral)
    interview = pipeline.schedule(referral)
    pipeline.record(interview)
    pipeline.offer(referral)
    pipeline.hire(referral)

    referral = fresh(referral)
    assert referral.status == S.HIRED
    assert referral.hired_on == timezone.localdate()
    steps = list(referral.events.values_list("from_status", "to_status", "actor"))
    assert steps == [
        ("", S.REFERRED, zone.staff.pk),
        (S.REFERRED, S.SHORTLISTED, zone.hr.pk),
        (S.SHORTLISTED, S.INTERVIEW, zone.hr.pk),
        (S.INTERVIEW, S.INTERVIEW, zone.hr.pk),  # the interview's outcome
        (S.INTERVIEW, S.OFFERED, zone.hr.pk),
        (S.OFFERED, S.HIRED, zone.hr.pk),
    ]
    reasons = list(referral.events.values_list("reason", flat=True))
    assert reasons[0] == "化成工艺经验丰富"
    assert "产业园共享面试室1" in reasons[2]
    assert reasons[3] == "Passed"
    assert fresh(interview).outcome == InterviewOutcome.PASSED


def test_every_step_is_audited(zone, pipeline):
    referral = pipeline.at(S.HIRED)
    records = AuditRecord.objects.filter(
        target_type="recruiting.referral", target_id=str(referral.pk)
    )
    assert records.count() == 5  # created, shortlisted, interview, offered, hired
    interviews = [str(pk) for pk in referral.interviews.values_list("pk", flat=True)]
    assert AuditRecord.objects.filter(
        target_type="recruiting.interview", target_id__in=interviews
    ).exists()
    assert AuditRecord.objects.filter(
        target_type="recruiting.demand", target_id=str(pipeline.demand.pk), changes=["hired"]
    ).exists()


def test_a_referral_keeps_the_match_it_was_made_on(zone, pipeline):
    referral = pipeline.refer()

    explanation = referral.explanation
    assert Decimal(str(explanation["total"])).quantize(Decimal("0.1")) == referral.score
    assert referral.score > 0
    parts = {part["name"]: part for part in explanation["parts"]}
    assert {"skills", "education", "experience", "salary"} <= set(parts)
    assert round(sum(p["points"] for p in explanation["parts"]), 1) == explanation["total"]
    for part in explanation["parts"]:
        assert {"name", "points", "max_points", "reason"} <= set(part)
    assert isinstance(explanation["misses"], list)
    assert referral.agency == zone.agency
    assert referral.referred_by == zone.staff


def test_the_office_refers_without_an_agency(zone, pipeline):
    referral = pipeline.refer(actor=zone.office)
    assert referral.agency is None
    assert referral.referred_by == zone.office


# Every step from every status ----------------------------------------------------------------

STEPS = {
    "shortlist": lambda p, r: services.referral_screen(actor=p.zone.hr, referral=r, accept=True),
    "screen out": lambda p, r: services.referral_screen(
        actor=p.zone.hr, referral=r, accept=False, reason="专业不符"
    ),
    "schedule": lambda p, r: p.schedule(r),
    "offer": lambda p, r: p.offer(r),
    "hire": lambda p, r: p.hire(r),
    "reject": lambda p, r: services.referral_reject(actor=p.zone.hr, referral=r, reason="不合适"),
    "decline": lambda p, r: services.referral_decline(
        actor=p.zone.talent_user, referral=r, reason="已接受其他机会"
    ),
    "withdraw": lambda p, r: services.referral_withdraw(
        actor=p.zone.staff, referral=r, reason="候选人信息有误"
    ),
}
# The statuses each step may start from, and where it leads.
ALLOWED = {
    "shortlist": ({S.REFERRED}, S.SHORTLISTED),
    "screen out": ({S.REFERRED}, S.REJECTED),
    "schedule": ({S.SHORTLISTED, S.INTERVIEW}, S.INTERVIEW),
    "offer": ({S.INTERVIEW}, S.OFFERED),
    "hire": ({S.OFFERED}, S.HIRED),
    "reject": (set(LIVE_REFERRAL_STATUSES), S.REJECTED),
    "decline": (set(LIVE_REFERRAL_STATUSES), S.DECLINED),
    "withdraw": (set(LIVE_REFERRAL_STATUSES), S.WITHDRAWN),
}


@pytest.mark.parametrize("start", S.values)
@pytest.mark.parametrize("step", list(STEPS))
def test_each_step_is_allowed_from_its_statuses_and_refused_from_every_other(pipeline, step, start):
    referral = pipeline.at(start)
    starts_from, leads_to = ALLOWED[step]
    if start in starts_from:
        events = referral.events.count()
        STEPS[step](pipeline, referral)
        assert fresh(referral).status == leads_to
        assert referral.events.count() == events + 1
    else:
        before = written(referral)
        with pytest.raises(ValidationError) as refused:
            STEPS[step](pipeline, referral)
        assert refused.value.code == "wrong_status"
        assert written(referral) == before


def test_an_offer_needs_an_interview_the_candidate_passed(pipeline):
    referral = pipeline.at(S.SHORTLISTED)
    interview = pipeline.schedule(referral)
    with pytest.raises(ValidationError) as refused:
        pipeline.offer(referral)
    assert refused.value.code == "no_interview_passed"
    pipeline.record(interview, InterviewOutcome.FAILED)
    with pytest.raises(ValidationError):
        pipeline.offer(referral)
    pipeline.record(pipeline.schedule(referral))  # a second round, passed
    pipeline.offer(referral)
    assert fresh(referral).status == S.OFFERED


@pytest.mark.parametrize("step", ["reject", "decline", "withdraw"])
def test_ending_a_referral_needs_a_reason(zone, pipeline, step):
    referral = pipeline.at(S.SHORTLISTED)
    end = {
        "reject": (services.referral_reject, zone.hr),
        "decline": (services.referral_decline, zone.talent_user),
        "withdraw": (services.referral_withdraw, zone.staff),
    }[step]
    before = written(referral)
    with pytest.raises(ValidationError) as refused:
        end[0](actor=end[1], referral=referral, reason="  ")
    assert "reason" in refused.value.message_dict
    assert written(referral) == before


def test_screening_out_needs_a_reason(zone, pipeline):
    referral = pipeline.refer()
    with pytest.raises(ValidationError) as refused:
        services.referral_screen(actor=zone.hr, referral=referral, accept=False)
    assert "reason" in refused.value.message_dict
    assert fresh(referral).status == S.REFERRED


def test_an_interview_is_scheduled_at_a_time_to_come_and_somewhere(zone, pipeline):
    referral = pipeline.at(S.SHORTLISTED)
    before = written(referral)
    with pytest.raises(ValidationError) as refused:
        services.interview_schedule(actor=zone.hr, referral=referral, starts_at=soon(-1), place=" ")
    assert set(refused.value.message_dict) == {"starts_at", "place"}
    assert written(referral) == before


def test_an_interviews_outcome_is_recorded_once_and_from_the_known_outcomes(zone, pipeline):
    referral = pipeline.at(S.SHORTLISTED)
    interview = pipeline.schedule(referral)
    with pytest.raises(ValidationError) as refused:
        services.interview_record(actor=zone.hr, interview=interview, outcome="pending")
    assert "outcome" in refused.value.message_dict
    pipeline.record(interview, InterviewOutcome.NO_SHOW)
    with pytest.raises(ValidationError) as refused:
        pipeline.record(interview, InterviewOutcome.PASSED)
    assert refused.value.code == "outcome_recorded"
    assert fresh(interview).outcome == InterviewOutcome.NO_SHOW


def test_a_hire_is_not_recorded_ahead_of_its_day(pipeline):
    referral = pipeline.at(S.OFFERED)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        pipeline.hire(referral, hired_on=tomorrow)
    assert "hired_on" in refused.value.message_dict
    pipeline.hire(referral, hired_on=datetime.date(2026, 1, 5))
    assert fresh(referral).hired_on == datetime.date(2026, 1, 5)


# Referring -----------------------------------------------------------------------------------


def test_a_candidate_who_misses_a_required_requirement_is_refused_saying_which(zone):
    pipeline = Pipeline(zone, min_education=Education.DOCTORATE, education_required=True)
    before = written()
    with pytest.raises(ValidationError) as refused:
        pipeline.refer()  # the registry talent holds a master's degree
    message = refused.value.message_dict["talent"][0]
    assert "misses required requirements" in message
    assert "Education" in message and "Doctorate" in message
    assert written() == before


def test_a_required_skill_the_candidate_lacks_refuses_the_referral(zone):
    pipeline = Pipeline(zone)
    DemandSkillFactory(demand=pipeline.demand, text="叠片", required=True)
    with pytest.raises(ValidationError) as refused:
        pipeline.refer(zone.candidate(skills="焊接"))
    assert "叠片" in refused.value.message_dict["talent"][0]
    pipeline.refer(zone.candidate(skills="叠片、涂布"))


def test_a_preferred_requirement_missed_only_costs_points(zone):
    pipeline = Pipeline(zone, min_education=Education.DOCTORATE, education_required=False)
    referral = pipeline.refer()
    missed = [m for m in referral.explanation["misses"] if m["requirement"] == "education"]
    assert missed and missed[0]["required"] is False


def test_only_someone_open_to_offers_is_referred(zone, pipeline):
    closed = zone.candidate()
    closed.profile.open_to_offers = False
    closed.profile.save()
    without_profile = zone.candidate()
    without_profile.profile.delete()
    left = zone.candidate(status="left")
    for talent in (closed, without_profile, left):
        with pytest.raises(ValidationError) as refused:
            pipeline.refer(talent)
        assert "not open to offers" in refused.value.message_dict["talent"][0]
    assert not Referral.objects.exists()


def test_a_candidate_is_referred_once_per_demand_while_the_referral_lives(zone, pipeline):
    first = pipeline.refer()
    with pytest.raises(ValidationError) as refused:
        pipeline.refer(actor=zone.office)
    assert refused.value.error_dict["talent"][0].code == "already_referred"
    services.referral_withdraw(actor=zone.staff, referral=first, reason="推荐有误")
    again = pipeline.refer()
    assert again.pk != first.pk


def test_the_database_also_refuses_a_second_live_referral(zone, pipeline):
    first = pipeline.refer()
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(demand=first.demand, talent=first.talent, referred_by=zone.office)


def test_no_referral_to_a_closed_or_filled_demand(zone, pipeline):
    services.demand_close(actor=zone.hr, demand=pipeline.demand, reason="岗位调整")
    with pytest.raises(ValidationError) as refused:
        pipeline.refer()
    assert refused.value.code == "demand_not_open"

    filled = Pipeline(zone, headcount=1)
    filled.hire(filled.at(S.OFFERED, talent=zone.candidate()))
    with pytest.raises(ValidationError) as refused:
        filled.refer()
    assert refused.value.code == "demand_filled"


# Who may do what -----------------------------------------------------------------------------

# (step, the status it is taken from, who may, who may not)
WHO = [
    ("shortlist", S.REFERRED, ["hr", "office"], ["other_hr", "staff", "talent_user", "leader"]),
    ("schedule", S.SHORTLISTED, ["hr", "office"], ["other_hr", "staff", "talent_user"]),
    ("offer", S.INTERVIEW, ["hr", "office"], ["other_hr", "staff", "talent_user"]),
    ("hire", S.OFFERED, ["hr", "office"], ["other_hr", "staff", "talent_user", "leader"]),
    ("reject", S.SHORTLISTED, ["hr", "office"], ["other_hr", "staff", "talent_user"]),
    ("decline", S.INTERVIEW, ["talent_user", "staff", "office"], ["hr", "other_staff", "leader"]),
    ("withdraw", S.OFFERED, ["staff", "office"], ["hr", "talent_user", "other_staff"]),
]
CALLS = {
    "shortlist": lambda actor, r: services.referral_screen(actor=actor, referral=r, accept=True),
    "schedule": lambda actor, r: services.interview_schedule(
        actor=actor, referral=r, starts_at=soon(), place="面试室"
    ),
    "offer": lambda actor, r: services.referral_offer(actor=actor, referral=r),
    "hire": lambda actor, r: services.referral_hire(actor=actor, referral=r),
    "reject": lambda actor, r: services.referral_reject(actor=actor, referral=r, reason="不合适"),
    "decline": lambda actor, r: services.referral_decline(actor=actor, referral=r, reason="不去"),
    "withdraw": lambda actor, r: services.referral_withdraw(actor=actor, referral=r, reason="撤回"),
}


@pytest.mark.parametrize(
    ("step", "start", "actor", "allowed"),
    [(step, start, who, True) for step, start, may, _ in WHO for who in may]
    + [(step, start, who, False) for step, start, _, may_not in WHO for who in may_not],
)
def test_each_step_is_taken_only_by_whom_it_belongs_to(zone, pipeline, step, start, actor, allowed):
    referral = pipeline.at(start)
    user = getattr(zone, actor)
    if allowed:
        CALLS[step](user, referral)
        assert fresh(referral).status != start or step == "schedule"
    else:
        before = written(referral)
        with pytest.raises(PermissionDenied):
            CALLS[step](user, referral)
        assert written(referral) == before


@pytest.mark.parametrize("actor", ["hr", "talent_user", "leader"])
def test_only_agencies_and_the_office_refer(zone, pipeline, actor):
    with pytest.raises(PermissionDenied):
        pipeline.refer(actor=getattr(zone, actor))
    assert not Referral.objects.exists()


# Who is told ---------------------------------------------------------------------------------


def told(user) -> list[str]:
    """The titles of the user's notifications, oldest first."""
    notifications = Notification.objects.filter(recipient=user).order_by("id")
    return list(notifications.values_list("title", flat=True))


def test_a_referral_tells_the_enterprises_hr_and_the_candidate_not_the_referrer(zone, pipeline):
    pipeline.refer()
    assert told(zone.hr) == [f"New candidate for {pipeline.demand.title} · 宁德锂电甲公司: 林晓峰"]
    assert told(zone.talent_user) == [
        f"You were proposed for {pipeline.demand.title} · 宁德锂电甲公司"
    ]
    assert told(zone.staff) == []
    assert told(zone.other_hr) == []
    assert told(zone.other_staff) == []


def test_each_employer_step_tells_the_candidate_and_the_referring_agency(zone, pipeline):
    referral = pipeline.refer()
    Notification.objects.all().delete()
    pipeline.shortlist(referral)
    interview = pipeline.schedule(referral)
    pipeline.record(interview)
    pipeline.offer(referral)
    pipeline.hire(referral)
    assert len(told(zone.talent_user)) == 5
    assert len(told(zone.staff)) == 5
    assert told(zone.hr) == []  # the one who acted
    assert told(zone.talent_user)[-1].startswith("You are hired for")
    notification = Notification.objects.filter(recipient=zone.staff).order_by("id").first()
    assert notification.url == f"/recruiting/referrals/{referral.pk}/"
    interview_news = Notification.objects.filter(recipient=zone.talent_user).order_by("id")[1]
    assert "产业园共享面试室1" in interview_news.body


def test_a_decline_tells_the_enterprise_and_the_agency(zone, pipeline):
    referral = pipeline.at(S.INTERVIEW)
    Notification.objects.all().delete()
    services.referral_decline(actor=zone.talent_user, referral=referral, reason="已接受其他机会")
    assert len(told(zone.hr)) == 1 and len(told(zone.staff)) == 1
    assert told(zone.talent_user) == []
    assert Notification.objects.get(recipient=zone.hr).body == "已接受其他机会"


def test_an_agency_declining_for_the_candidate_tells_them(zone, pipeline):
    referral = pipeline.refer()
    Notification.objects.all().delete()
    services.referral_decline(actor=zone.staff, referral=referral, reason="候选人电话告知不考虑")
    assert told(zone.talent_user) == [
        f"Your referral for {pipeline.demand.title} · 宁德锂电甲公司 is declined"
    ]


# Hires count for the agency and against the headcount ----------------------------------------


def test_hires_fill_the_demand_and_the_last_one_closes_its_headcount(zone):
    pipeline = Pipeline(zone, headcount=2)
    first = pipeline.at(S.OFFERED)
    second = pipeline.at(S.OFFERED, talent=zone.candidate())
    third = pipeline.at(S.OFFERED, talent=zone.candidate())

    pipeline.hire(first)
    demand = fresh(pipeline.demand)
    assert (demand.hired, demand.status) == (1, DemandStatus.OPEN)
    pipeline.hire(second)
    demand = fresh(pipeline.demand)
    assert (demand.hired, demand.status) == (2, DemandStatus.FILLED)

    before = written(third)
    with pytest.raises(ValidationError) as refused:
        pipeline.hire(third)
    assert refused.value.code == "demand_filled"
    assert refused.value.messages == ["Every position of this demand is already filled."]
    assert written(third) == before
    assert fresh(pipeline.demand).hired == 2


def test_a_filled_demand_tells_the_agencies_still_waiting_on_it(zone):
    pipeline = Pipeline(zone, headcount=1)
    waiting = pipeline.refer(zone.own_candidate(zone.other_agency), actor=zone.other_staff)
    pipeline.hire(pipeline.at(S.OFFERED))
    assert any(title.startswith("Every position is filled") for title in told(zone.other_staff))
    assert fresh(waiting).status == S.REFERRED  # the employer still answers it


def test_the_database_refuses_a_hire_beyond_the_headcount(pipeline):
    with pytest.raises(IntegrityError), transaction.atomic():
        Demand.objects.filter(pk=pipeline.demand.pk).update(hired=F("headcount") + 1)


def test_a_hire_past_a_stale_check_is_refused_by_the_database(zone, monkeypatch):
    """What an unlocked writer with an out-of-date view of the demand would meet."""
    pipeline = Pipeline(zone, headcount=1)
    last = pipeline.at(S.OFFERED, talent=zone.candidate())
    pipeline.hire(pipeline.at(S.OFFERED))
    monkeypatch.setattr(services, "LOCK_DEMANDS", False)
    monkeypatch.setattr(services, "_require_positions_left", lambda demand: None)
    before = written(last)
    with pytest.raises(ValidationError) as refused:
        pipeline.hire(last)
    assert refused.value.code == "demand_filled"
    assert written(last) == before


def test_hires_count_for_the_referring_agency(zone, pipeline):
    pipeline.at(S.HIRED)
    pipeline.at(S.REJECTED, talent=zone.candidate())
    pipeline.at(S.INTERVIEW, talent=zone.candidate())
    pipeline.refer(zone.candidate(), actor=zone.office)  # the office's count for no agency

    rows = {row.agency: row for row in queries.agency_performance(timezone.localdate().year)}
    mine = rows[zone.agency]
    assert (mine.referrals, mine.interviews, mine.hires) == (3, 2, 1)
    assert mine.median_days == 0 and mine.average_days == 0
    other = rows[zone.other_agency]
    assert (other.referrals, other.interviews, other.hires) == (0, 0, 0)
    assert other.median_days is None
    assert queries.agency_performance()[0].agency == zone.agency  # most hires first
    assert rows[zone.agency].hires == queries.agency_performance(None)[0].hires
    assert all(row.hires == 0 for row in queries.agency_performance(2001))


def test_days_to_hire_run_from_the_referral_to_the_hire(zone, pipeline):
    referral = pipeline.at(S.OFFERED)
    Referral.objects.filter(pk=referral.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    pipeline.hire(referral)
    other = pipeline.at(S.OFFERED, talent=zone.candidate())
    Referral.objects.filter(pk=other.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10)
    )
    pipeline.hire(other)
    row = next(r for r in queries.agency_performance() if r.agency == zone.agency)
    assert row.median_days == 20
    assert row.average_days == 20


def test_referral_board_has_a_column_per_status(zone, pipeline):
    pipeline.at(S.SHORTLISTED)
    pipeline.at(S.REJECTED, talent=zone.candidate())
    board = queries.referral_board(zone.hr, pipeline.demand)
    assert list(board) == S.values
    assert len(board[S.SHORTLISTED]) == 1 and len(board[S.REJECTED]) == 1
    assert queries.referral_board(zone.other_hr)[S.SHORTLISTED] == []


def test_profiles_opened_by_the_factory_are_valid(zone):
    profile = CandidateProfileFactory()
    profile.full_clean()


def test_a_referral_timeline_step_can_be_neither_changed_nor_deleted():
    from talentzone.core.models import AppendOnlyError
    from talentzone.recruiting.models import ReferralEvent

    from .factories import ReferralFactory

    referral = ReferralFactory()
    step = ReferralEvent.objects.create(referral=referral, to_status="referred")
    step.reason = "rewritten"
    for attempt in (
        step.save,
        step.delete,
        lambda: ReferralEvent.objects.filter(pk=step.pk).update(reason="rewritten"),
        lambda: ReferralEvent.objects.filter(pk=step.pk).delete(),
    ):
        with pytest.raises(AppendOnlyError):
            attempt()
    assert ReferralEvent.objects.get(pk=step.pk).reason == ""
