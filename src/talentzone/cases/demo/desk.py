"""The case desk's last twelve months, played day by day through the services (see the package's
docstring). Every step is an entry of an agenda ordered by its moment; a step may put the next
step of its case on the agenda (a resolution asks for the requester's answer, an escalation for
the next level's work). The scheduled tasks are entries too, one a day. What falls after the
moment of seeding is not played.
"""

import datetime
import heapq
import itertools
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random

from django.db.models import Max
from django.utils import timezone as django_timezone

from talentzone.cases.choices import CaseStatus, Level
from talentzone.cases.models import Case, Category, Consultation, ConsultationTask
from talentzone.core.choices import Role
from talentzone.core.models import CalendarDay, Notification, User
from talentzone.core.workdays import exceptions_between, is_working_day
from talentzone.directory.choices import TalentStatus
from talentzone.directory.demo import names
from talentzone.directory.demo.weighted import Weighted
from talentzone.directory.models import Department, Enterprise, GridTeam, Membership, Talent
from talentzone.recruiting.demo.accounts import Actors

from . import calendar, stories, visits
from .stories import Story

SEED = "talentzone-demo-cases"
YEAR = 365
# Cases a year at scale 1 besides those heard on visits: raised by enterprises, by talents and
# by grid officers.
RAISED_A_YEAR = {"enterprise": 55, "talent": 30, "officer": 15}
DEMO_ENTERPRISE_SHARE = 0.08
DEMO_TALENT_SHARE = 0.04
TALENT_POOL = 80  # talents (with an employer in a grid) who raise cases
FINDING_SHARE = 0.16  # grid visits that hear a problem (at scale 1)
LIAISON_FINDING_SHARE = 0.33  # leaders' visits that do
LATE_SHARE = 0.2  # enterprises whose visit is overdue by now
VISITED_ABOVE_SCALE = 59  # enterprises the grid teams visit at scale 1
# Where the year's cases are solved, and how they leave levels 1 and 2 when they do.
SOLVED_AT = Weighted([(Level.GRID, 58), (Level.DEPARTMENT, 30), (Level.CONSULTATION, 12)])
AUTOMATIC_SHARE = {Level.GRID: 0.3, Level.DEPARTMENT: 0.35}
ANSWERS = Weighted([("confirm", 80), ("silent", 11), ("reopen", 9)])
RATINGS = Weighted(list(stories.RATINGS))
CHANGE_DEPARTMENT_SHARE = 0.06
COMMENT_SHARE = 0.15
# The departments a category's case is handed on to when the first one finds it is not theirs.
HANDED_ON = {
    "housing": "economy",
    "amenities": "housing",
    "permits": "economy",
    "funding": "finance",
    "recruiting": "talent-office",
    "talent-policy": "hrss",
    "schooling": "talent-office",
    "social-insurance": "talent-office",
}
# Who else sits at a consultation, besides the department that held the case.
CONSULTED = ("finance", "talent-office", "economy", "hrss", "housing")
ESCALATE_AT = datetime.time(1, 5)  # the beat: escalate_overdue hourly, at minute 5
CLOSE_AT = datetime.time(2, 30)  # close_unanswered daily
# The escalation task is left out for the last working days (as if the beat had been stopped),
# so that the demo shows cases overdue at levels 1 and 2: its next run escalates them.
OVERDUE_WORKING_DAYS = 2
READ_BEFORE_DAYS = 14  # notifications of what happened earlier are marked read


def stream(name: str) -> Random:
    return Random(f"{SEED}/{name}")


def volume(scale: float) -> float:
    return min(max(scale, 0.2), 2.0)


@dataclass
class Plan:
    """How a case goes: where it is solved, how it leaves each level below, how long each level's
    step takes (working days), and what the requester answers."""

    solve: int = Level.GRID
    modes: dict[int, str] = field(default_factory=lambda: {1: "hand", 2: "hand"})
    work: dict[int, int] = field(default_factory=lambda: {1: 2, 2: 3})
    answer: str = "confirm"  # confirm, silent (closed by the task), reopen, wait (not yet)
    answer_days: int = 2
    rating: int = 5
    hold: int | None = None  # stays open at this level (where the desk stands today)
    hold_after_reopen: bool = False
    consult: str = "full"  # full, scheduled (not met yet), some_done, tasks_open
    meet_after: int = 3  # working days from calling the consultation to the meeting
    change_to: str | None = None  # department code the case is handed on to at level 2
    comment: bool = False


@dataclass
class Run:
    """A case being played."""

    pk: int
    story: Story
    plan: Plan
    requester: User
    fills: dict
    case: Case | None = None  # as the last service left it
    level_seen: int = Level.GRID
    tasks_left: int = 0
    reopened: bool = False
    changed: bool = False


class CaseSeeder:
    def __init__(self, scale: float, now: datetime.datetime, report: Callable[[str], None]):
        from talentzone.cases import services  # written alongside: imported when seeding

        self.services = services
        self.now = now
        self.today = django_timezone.localtime(now).date()
        self.first_day = self.today - datetime.timedelta(days=YEAR)
        self.scale = scale
        self.volume = volume(scale)
        self.report = report
        self.started = time.monotonic()
        self.rng = stream("steps")
        self.agenda: list = []
        self.order = itertools.count()
        self.runs: list[Run] = []

    # The plan of the year -------------------------------------------------------------------

    def seed(self) -> None:
        notified = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        self._calendar()
        self.exceptions = exceptions_between(
            self.first_day - datetime.timedelta(days=40), self.today + datetime.timedelta(days=120)
        )
        self._categories()
        self._people()
        self._visit_plans()
        self._liaisons()
        self.last_escalation_day = self._back(OVERDUE_WORKING_DAYS)
        self._ticks()
        self._grid_visits()
        self._raisings()
        self._featured()
        read_up_to = self._play()
        Notification.objects.filter(pk__gt=notified, pk__lte=read_up_to or notified).update(
            read_at=self.now
        )
        self.report(
            f"{Case._meta.verbose_name_plural} {Case.objects.count()} "
            f"({time.monotonic() - self.started:.1f} s)"
        )

    def _calendar(self) -> None:
        """The working calendar, unless the office has entered it already."""
        if CalendarDay.objects.exists():
            return
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(date=day, working=working, name=name)
                for day, working, name in calendar.calendar_days()
            ]
        )

    def _categories(self) -> None:
        """As the office enters them in the admin (there is no service for them)."""
        departments = Department.objects.in_bulk(field_name="code")
        self.departments = departments
        self.department_by_pk = {d.pk: d for d in departments.values()}
        self.categories: dict[str, Category] = {}
        for position, spec in enumerate(stories.CATEGORIES, start=1):
            grid_days, department_days, consultation_days = spec.days
            self.categories[spec.code] = Category.objects.create(
                code=spec.code,
                name=spec.name,
                name_en=spec.name_en,
                department=departments[spec.department],
                grid_days=grid_days,
                department_days=department_days,
                consultation_days=consultation_days,
                position=position * 10,
            )
        by_category = defaultdict(list)
        for story in stories.STORIES:
            by_category[(story.category, story.party)].append(story)
        self.stories = by_category
        self.topics = {
            party: Weighted(
                [
                    (spec.code, spec.weight * share)
                    for spec in stories.CATEGORIES
                    for share in [spec.talent_share if party == "talent" else 1 - spec.talent_share]
                    if share and by_category[(spec.code, party)]
                ]
            )
            for party in ("enterprise", "talent")
        }

    def _people(self) -> None:
        rng = stream("people")
        self.actors = Actors(stream("accounts"))
        self.office = self.actors.office
        demo = User.objects.in_bulk(["grid", "reviewer", "leader", "talent"], field_name="username")
        self.demo = demo
        self.teams = {
            team.grid_id: team for team in GridTeam.objects.select_related("grid").order_by("pk")
        }
        self.officers: dict[int, list[User]] = {}
        for team in self.teams.values():
            found = list(
                User.objects.filter(
                    groups__name=Role.GRID_OFFICER, memberships__grid_id=team.grid_id
                )
                .distinct()
                .order_by("pk")[:3]
            )
            found.sort(key=lambda user: user.username != "grid")  # the demo account first
            while len(found) < 2:
                name = names.person_name(rng, rng.random() < 0.6)
                user = self.actors._stand_in("grid", name, Role.GRID_OFFICER)
                Membership.objects.create(user=user, grid_id=team.grid_id)
                found.append(user)
            self.officers[team.pk] = found
        self.staff: dict[int, User] = {}
        preferred = {"talent-office": self.office, "hrss": demo["reviewer"]}
        for code, department in self.departments.items():
            user = preferred.get(code)
            if user is None:
                membership = (
                    Membership.objects.filter(department=department).order_by("user_id").first()
                )
                user = membership.user if membership else None
            if user is None:
                user = self.actors._stand_in(
                    "staff", names.person_name(rng, rng.random() < 0.5), Role.REVIEWER
                )
                Membership.objects.create(user=user, department=department)
            self.staff[department.pk] = user
        self.enterprises = list(Enterprise.objects.order_by("pk"))
        self.demo_enterprise = Enterprise.objects.get(pk=self.actors.demo_enterprise_id)
        self.by_size = Weighted([(e, max(e.employees, 10) ** 0.5) for e in self.enterprises])
        self.demo_talent = Talent.objects.filter(user=demo["talent"]).first()
        pool = list(
            Talent.objects.filter(status=TalentStatus.IN_ZONE, employer__isnull=False)
            .exclude(pk=getattr(self.demo_talent, "pk", None))
            .order_by("pk")
            .values_list("pk", flat=True)[: TALENT_POOL * 10]
        )
        chosen = rng.sample(pool, min(TALENT_POOL, len(pool)))
        self.talents = list(
            Talent.objects.filter(pk__in=chosen).select_related("employer").order_by("pk")
        )

    def _visit_plans(self) -> None:
        self.intervals: dict[int, int] = {}
        for team in self.teams.values():
            code = team.grid.code
            plan = self.services.visit_plan_set(
                actor=self.office,
                team=team,
                interval_days=visits.VISIT_INTERVALS.get(code, 90),
                due_soon_days=visits.DUE_SOON_DAYS.get(code, 14),
            )
            self.intervals[team.pk] = plan.interval_days

    def _liaisons(self) -> None:
        """The leaders (the demo account and four stand-ins) and the experts they look after,
        with their visits over the year; some visits hear a need, which becomes a case."""
        rng = stream("liaisons")
        leaders = [self.demo["leader"]]
        for spec in visits.LEADERS[1:]:
            leaders.append(self.actors._stand_in("leader", spec.display_name, Role.LEADER))
        wanted = sum(spec.experts for spec in visits.LEADERS)
        experts = list(
            Talent.objects.filter(
                status=TalentStatus.IN_ZONE, employer__isnull=False, tier__isnull=False
            )
            .exclude(tier__code="municipal")
            .exclude(pk=getattr(self.demo_talent, "pk", None))
            .select_related("employer", "tier")
            .order_by("tier__rank", "pk")[:wanted]
        )
        # Dealt out in rounds, so that every leader has experts in a small zone too.
        dealt: list[list[Talent]] = [[] for _ in visits.LEADERS]
        taken = iter(experts)
        for round_ in range(max(spec.experts for spec in visits.LEADERS)):
            for number, spec in enumerate(visits.LEADERS):
                if round_ < spec.experts and (expert := next(taken, None)) is not None:
                    dealt[number].append(expert)
        self.leader_specs = {
            leader.pk: spec for spec, leader in zip(visits.LEADERS, leaders, strict=True)
        }
        for number, (spec, leader) in enumerate(zip(visits.LEADERS, leaders, strict=True)):
            for index, expert in enumerate(dealt[number]):
                self._account(expert)
                liaison = self.services.liaison_create(
                    actor=self.office,
                    leader=leader,
                    expert=expert,
                    interval_days=spec.interval_days,
                    since=self.first_day - datetime.timedelta(days=rng.randint(30, 700)),
                )
                # The demo leader's first expert is due a visit (overdue); their second one
                # told them of a need lately, still being worked on.
                overdue = number == 0 and index == 0
                last = self.today - datetime.timedelta(
                    days=spec.interval_days + 5 if overdue else 1
                )
                day = self.first_day + datetime.timedelta(days=rng.randint(0, spec.interval_days))
                while day <= last:
                    finding = rng.random() < LIAISON_FINDING_SHARE * self.volume
                    self._push(self._at(self._working(day)), self._liaison_visit, liaison, finding)
                    day += datetime.timedelta(days=round(spec.interval_days * rng.uniform(0.6, 1)))
                if number == 0 and index == 1:
                    plan = Plan(modes={1: "hand", 2: "hand"}, work={1: 1, 2: 5}, hold=2)
                    self._push(self._at(self._back(5)), self._liaison_visit, liaison, True, plan)

    def _ticks(self) -> None:
        day = self.first_day
        while day <= self.today:
            if day <= self.last_escalation_day:
                self._push(self._aware(day, ESCALATE_AT), self._escalate_overdue)
            self._push(self._aware(day, CLOSE_AT), self._close_unanswered)
            day += datetime.timedelta(days=1)

    def _grid_visits(self) -> None:
        """Each enterprise visited about as often as its team's plan says, some late by now."""
        rng = stream("visits")
        visited = round(VISITED_ABOVE_SCALE * min(max(self.scale, 1), 2))
        late_in: set[int] = set()
        for enterprise in self.enterprises[:visited]:
            team = self.teams[enterprise.grid_id]
            interval = self.intervals[team.pk]
            # Some are overdue by now (the first of each grid at least); the others are due soon
            # or later.
            last = self.today - datetime.timedelta(days=1)
            if rng.random() < LATE_SHARE or team.pk not in late_in:
                last -= datetime.timedelta(days=interval + rng.randint(2, 30))
                late_in.add(team.pk)
            day = self.first_day + datetime.timedelta(days=rng.randint(0, interval - 1))
            while day <= last:
                findings = 0
                if rng.random() < FINDING_SHARE * self.volume:
                    findings = 2 if rng.random() < 0.1 else 1
                self._push(self._at(self._working(day)), self._visit, enterprise, findings)
                day += datetime.timedelta(days=round(interval * rng.uniform(0.75, 1.12)))

    def _raisings(self) -> None:
        rng = stream("raisings")
        for kind, per_year in RAISED_A_YEAR.items():
            for _ in range(round(per_year * self.volume)):
                day = self.first_day + datetime.timedelta(days=rng.randint(0, YEAR - 1))
                moment = self._at(self._working(day), rng)
                if moment < self.now:
                    self._push(moment, self._raise, kind, rng.random())

    # Cases the demo accounts meet, wherever the year's draws put the others ----------------

    def _featured(self) -> None:
        hr = self.actors.hr
        demo_enterprise = self.demo_enterprise
        talent = self.demo_talent
        grid_enterprise = next(
            (
                e
                for e in self.enterprises
                if e.grid_id == demo_enterprise.grid_id and e.pk != demo_enterprise.pk
            ),
            demo_enterprise,
        )
        officer = self.officers[self.teams[grid_enterprise.grid_id].pk][0]
        other = next(e for e in self.enterprises if e.grid_id != demo_enterprise.grid_id)
        featured = [
            # The demo HR account's enterprise: open at level 1, awaiting its answer, closed,
            # at the department of level 2 (the demo reviewer's), reopened.
            (1, hr, demo_enterprise, None, "新建厂房消防验收排期", Plan(hold=1)),
            (6, hr, demo_enterprise, None, "稳岗补贴申请被退回", Plan(work={1: 2}, answer="wait")),
            (
                40,
                hr,
                demo_enterprise,
                None,
                "早晚高峰通勤公交班次不足",
                Plan(solve=2, work={1: 2, 2: 5}, rating=5),
            ),
            (4, hr, demo_enterprise, None, "急需招聘一批锂电产线操作工", Plan(work={1: 1}, hold=2)),
            (
                9,
                hr,
                demo_enterprise,
                None,
                "新入职应届毕业生申请人才公寓床位",
                Plan(work={1: 3}, answer="reopen", answer_days=3, hold_after_reopen=True),
            ),
            # The demo talent: awaiting their answer, closed, open at their grid team.
            (
                12,
                None,
                None,
                talent,
                "人才公寓热水器和空调报修一直未处理",
                Plan(solve=2, work={1: 2, 2: 3}, answer="wait"),
            ),
            (60, None, None, talent, "博士生活补贴申领条件咨询", Plan(work={1: 2}, rating=4)),
            (2, None, None, talent, "子女转学入读开发区实验小学", Plan(hold=1)),
            # The demo grid officer's team: overdue at level 1 (due two working days ago).
            (5, officer, grid_enterprise, None, "柔性引进的高校专家能否享受人才政策", Plan(hold=1)),
            # The demo reviewer's department: overdue at level 2.
            (
                9,
                None,
                other,
                None,
                "外籍技术人员工作许可办理",
                Plan(work={1: 1}, hold=2, comment=True),
            ),
            # Level 2 after the deadline of level 1 passed.
            (12, None, other, None, "人才公寓租期到期后能否续租", Plan(modes={1: "auto"}, hold=2)),
            # Level 3: the consultation called for next week; held, the lead department's task
            # open; overdue with its tasks open.
            (
                6,
                None,
                other,
                None,
                "申请挂牌高校毕业生见习基地",
                Plan(solve=3, work={1: 1, 2: 1}, consult="scheduled", meet_after=5),
            ),
            (
                14,
                None,
                demo_enterprise,
                None,
                "设备维修技师招聘困难",
                Plan(solve=3, work={1: 1, 2: 1}, consult="some_done"),
            ),
            (
                45,
                None,
                other,
                None,
                "危险化学品经营许可证延续办理",
                Plan(solve=3, work={1: 1, 2: 2}, consult="tasks_open"),
            ),
            # Handed on to another department at level 2, and solved there.
            (
                25,
                None,
                other,
                None,
                "企业名称变更后资质证书同步更新",
                Plan(solve=2, work={1: 1, 2: 6}, change_to="economy"),
            ),
            # Closed by the task without an answer; escalated twice by the task and solved.
            (70, None, other, None, "特种设备使用登记办理缓慢", Plan(answer="silent")),
            (
                90,
                None,
                grid_enterprise,
                None,
                "扩产项目环评批复变更手续",
                Plan(solve=3, modes={1: "auto", 2: "auto"}, rating=4),
            ),
        ]
        by_title = {story.title: story for story in stories.STORIES}
        for back, actor, enterprise, who, title, plan in featured:
            if who is None and enterprise is None:
                continue
            self._push(
                self._at(self._back(back), self.rng),
                self._raise_featured,
                by_title[title],
                actor,
                enterprise,
                who,
                plan,
            )

    # Playing --------------------------------------------------------------------------------

    def _push(self, moment: datetime.datetime, step: Callable, *args) -> None:
        heapq.heappush(self.agenda, (moment, next(self.order), step, args))

    def _play(self) -> int | None:
        """Play the agenda up to the moment of seeding; answers the last notification made
        more than READ_BEFORE_DAYS before it."""
        read_before = self.now - datetime.timedelta(days=READ_BEFORE_DAYS)
        read_up_to = None
        while self.agenda and self.agenda[0][0] <= self.now:
            moment, _order, step, args = heapq.heappop(self.agenda)
            if read_up_to is None and moment >= read_before:
                read_up_to = Notification.objects.aggregate(last=Max("pk"))["last"]
            step(moment, *args)
        if read_up_to is None:  # nothing happened lately
            read_up_to = Notification.objects.aggregate(last=Max("pk"))["last"]
        return read_up_to

    # The scheduled tasks

    def _escalate_overdue(self, moment: datetime.datetime) -> None:
        self.services.escalate_overdue(today=self._day(moment), now=moment)

    def _close_unanswered(self, moment: datetime.datetime) -> None:
        self.services.close_unanswered(today=self._day(moment), now=moment)

    # New cases

    def _raise(self, moment: datetime.datetime, kind: str, draw: float) -> None:
        rng = self.rng
        if kind == "talent":
            talent = self.demo_talent if draw < DEMO_TALENT_SHARE else rng.choice(self.talents)
            if talent is None or talent.employer_id is None:
                return
            story = self._story("talent")
            actor = self._account(talent)
            case = self._case_raise(moment, actor, story, talent=talent)
            self._start(moment, case, story, actor, self._random_plan(case))
            return
        if kind == "enterprise" and draw < DEMO_ENTERPRISE_SHARE:
            enterprise = self.demo_enterprise
        else:
            enterprise = self.by_size.pick(rng)
        story = self._story("enterprise")
        hr = self.actors.hr_of(enterprise.pk)
        actor = hr if kind == "enterprise" else rng.choice(self._officers_of(enterprise))
        case = self._case_raise(moment, actor, story, enterprise=enterprise)
        self._start(moment, case, story, hr, self._random_plan(case))

    def _raise_featured(self, moment, story: Story, actor, enterprise, talent, plan: Plan) -> None:
        if talent is not None:
            actor = self._account(talent)
            requester = actor
            case = self._case_raise(moment, actor, story, talent=talent)
        else:
            requester = self.actors.hr_of(enterprise.pk)
            actor = actor or requester
            case = self._case_raise(moment, actor, story, enterprise=enterprise)
        self._start(moment, case, story, requester, plan)

    def _case_raise(self, moment, actor, story: Story, **party) -> Case:
        fills = self._fills(**party)
        return self.services.case_raise(
            actor=actor,
            category=self.categories[story.category],
            title=story.title,
            description=story.description.format(**fills),
            today=self._day(moment),
            now=moment,
            **party,
        )

    def _visit(self, moment: datetime.datetime, enterprise: Enterprise, findings: int) -> None:
        rng = self.rng
        team = self.teams[enterprise.grid_id]
        officers = self._officers_of(enterprise)
        actor = rng.choice(officers)
        went = [actor.display_name or actor.username]
        went += [u.display_name for u in officers if u.pk != actor.pk and u.display_name][:1]
        if team.leader_name and rng.random() < 0.4:
            went.append(team.leader_name)
        found = [self._story("enterprise") for _ in range(findings)]
        found = list({story.title: story for story in found}.values())
        fills = self._fills(enterprise=enterprise)
        topic = (
            visits.WITH_PROBLEM.format(titles="；".join(story.title for story in found))
            if found
            else rng.choice(visits.NO_PROBLEM)
        )
        notes = rng.choice(visits.VISIT_NOTES).format(
            growth=rng.randint(3, 25),
            staff=max(enterprise.employees, 20),
            month=rng.randint(1, 12),
            hires=rng.randint(2, 20) * 10,
            researchers=rng.randint(8, 120),
            doctors=rng.randint(0, 9),
            topic=topic,
        )
        visit = self.services.visit_record(
            actor=actor,
            team=team,
            enterprise=enterprise,
            visited_on=self._day(moment),
            visitors="、".join(dict.fromkeys(went)),
            met=rng.choice(visits.MET_AS) + names.person_name(rng, rng.random() < 0.5),
            notes=notes,
            findings=[self._finding(story, fills) for story in found],
            today=self._day(moment),
            now=moment,
        )
        hr = self.actors.hr_of(enterprise.pk)
        for case, story in zip(visit.cases.order_by("pk"), found, strict=True):
            self._start(moment, case, story, hr, self._random_plan(case))

    def _liaison_visit(self, moment, liaison, finding: bool, plan: Plan | None = None) -> None:
        rng = self.rng
        expert = liaison.expert
        spec = self.leader_specs[liaison.leader_id]
        found = [self._story("talent")] if finding else []
        fills = self._fills(talent=expert, enterprise=expert.employer)
        topic = (
            visits.LIAISON_WITH_PROBLEM.format(
                expert=expert.name, titles="；".join(story.title for story in found)
            )
            if found
            else rng.choice(visits.LIAISON_NO_PROBLEM).format(expert=expert.name)
        )
        notes = rng.choice(visits.LIAISON_NOTES).format(
            title=spec.title, leader=spec.display_name, expert=expert.name, topic=topic
        )
        visit = self.services.liaison_visit_record(
            actor=liaison.leader,
            liaison=liaison,
            visited_on=self._day(moment),
            notes=notes,
            findings=[self._finding(story, fills) for story in found],
            today=self._day(moment),
            now=moment,
        )
        requester = self._account(expert)
        for case, story in zip(visit.cases.order_by("pk"), found, strict=True):
            self._start(moment, case, story, requester, plan or self._random_plan(case))

    def _finding(self, story: Story, fills: dict) -> dict:
        return {
            "category": self.categories[story.category],
            "title": story.title,
            "description": story.description.format(**fills),
        }

    # A case's steps

    def _start(self, moment, case: Case, story: Story, requester: User, plan: Plan) -> None:
        fills = self._fills(enterprise=case.enterprise, talent=case.talent)
        run = Run(pk=case.pk, story=story, plan=plan, requester=requester, fills=fills, case=case)
        self.runs.append(run)
        self._next_level(moment, run, case)

    def _next_level(self, moment, run: Run, case: Case) -> None:
        """Put the step of the case's current level on the agenda."""
        plan, level, start = run.plan, case.level, case.level_since
        run.level_seen = level
        if plan.comment or self.rng.random() < COMMENT_SHARE:
            self._push(self._later(moment, start, 1), self._comment, run, level)
        if level == Level.DEPARTMENT and plan.change_to and not run.changed:
            self._push(self._later(moment, start, 1), self._change_department, run)
        if plan.hold == level and level < Level.CONSULTATION:
            return
        going_up = level < Level.CONSULTATION and (
            level < plan.solve or (plan.hold is not None and plan.hold > level)
        )
        if going_up and plan.modes.get(level) == "auto":
            # The task escalates it in the night after the deadline; its people go on then.
            day = case.due_on + datetime.timedelta(days=1)
            self._push(self._aware(day, datetime.time(8, 50)), self._woken, run)
        elif going_up:
            self._push(self._later(moment, start, plan.work.get(level, 1)), self._escalate, run)
        elif level == Level.CONSULTATION:
            self._push(self._later(moment, start, 1), self._convene, run)
        else:
            self._push(self._later(moment, start, plan.work.get(level, 1)), self._resolve, run)

    def _case(self, run: Run) -> Case:
        """The case as the last step left it. Only the tasks change it behind the seed's back:
        escalating it when its deadline passes (the seed reads it again then, `_woken`), closing it
        when its requester is silent (no step follows), reporting it overdue at level 3."""
        return run.case

    def _fresh(self, run: Run) -> Case:
        run.case = Case.objects.select_related("category", "team", "department").get(pk=run.pk)
        return run.case

    def _open_at(self, run: Run, level: int | None = None) -> Case | None:
        case = self._case(run)
        if case.status != CaseStatus.OPEN or case.level != (level or run.level_seen):
            return None
        return case

    def _woken(self, moment, run: Run) -> None:
        case = self._fresh(run)
        if case.status == CaseStatus.OPEN and case.level > run.level_seen:
            self._next_level(moment, run, case)

    def _comment(self, moment, run: Run, level: int) -> None:
        case = self._open_at(run, level)
        if case is None:
            return
        texts = {
            Level.GRID: stories.COMMENTS_GRID,
            Level.DEPARTMENT: stories.COMMENTS_DEPARTMENT,
            Level.CONSULTATION: stories.COMMENTS_OFFICE,
        }[level]
        self.services.case_comment(
            actor=self._worker(case), case=case, note=self.rng.choice(texts), now=moment
        )

    def _escalate(self, moment, run: Run) -> None:
        case = self._open_at(run)
        if case is None:
            return
        if case.level == Level.GRID:
            department = self.department_by_pk[case.category.department_id]
            reason = self.rng.choice(stories.HAND_UP_REASONS).format(department=department.name)
        else:
            reason = self.rng.choice(stories.CONSULT_REASONS)
        case = run.case = self.services.case_escalate(
            actor=self._worker(case), case=case, reason=reason, today=self._day(moment), now=moment
        )
        self._next_level(moment, run, case)

    def _change_department(self, moment, run: Run) -> None:
        case = self._open_at(run, Level.DEPARTMENT)
        department = self.departments.get(run.plan.change_to or "")
        if case is None or department is None or department.pk == case.department_id:
            return
        run.case = self.services.case_change_department(
            actor=self._worker(case),
            case=case,
            department=department,
            reason=f"经核实，该事项主要属于{department.name}职责，转其办理。",
            now=moment,
        )
        run.changed = True

    def _convene(self, moment, run: Run) -> None:
        case = self._open_at(run, Level.CONSULTATION)
        if case is None:
            return
        rng = self.rng
        day = self._add_working_days(self._day(moment), run.plan.meet_after)
        scheduled_at = self._aware(day, rng.choice((datetime.time(9, 30), datetime.time(14, 30))))
        lead = case.department
        others = [self.departments[code] for code in CONSULTED if code in self.departments]
        others = [d for d in others if d.pk != lead.pk]
        invited = [lead, *rng.sample(others, rng.randint(1, 2))]
        consultation = self.services.consultation_schedule(
            actor=self.office,
            case=case,
            scheduled_at=scheduled_at,
            place=rng.choice(stories.CONSULTATION_PLACES),
            departments=invited,
            chair=rng.choice(stories.CONSULTATION_CHAIRS),
            now=moment,
        )
        if run.plan.consult != "scheduled":
            self._push(scheduled_at + datetime.timedelta(hours=2), self._hold, run, consultation)

    def _hold(self, moment, run: Run, consultation: Consultation) -> None:
        case = self._open_at(run, Level.CONSULTATION)
        if case is None:
            return
        rng = self.rng
        day = self._day(moment)
        lead = case.department
        invited = sorted(consultation.departments.all(), key=lambda d: d.pk != lead.pk)
        tasks = []
        for department in invited:
            if department.pk == lead.pk:
                text = run.story.task or run.story.fix.format(**run.fills)
            elif department.code == "talent-office":
                text = "人才办跟踪督办会商决定的落实，办结后回访诉求人。"
            elif department.code == "finance":
                text = "财政局保障所需资金，按程序及时拨付。"
            else:
                text = f"{department.name}按职责配合{lead.name}办理，并向人才办反馈。"
            due = self._add_working_days(day, rng.randint(5, 10))
            tasks.append({"department": department, "description": text, "due_on": due})
        title = case.title
        self.services.consultation_record(
            actor=self.office,
            consultation=consultation,
            minutes=stories.MINUTES.format(department=lead.name, title=title),
            decision=stories.DECISION.format(lead=lead.name),
            tasks=tasks,
            now=moment,
        )
        made = list(ConsultationTask.objects.filter(consultation=consultation).order_by("pk"))
        run.tasks_left = len(made)
        for task in made:
            if run.plan.consult == "tasks_open":
                continue
            if run.plan.consult == "some_done" and task.department_id == lead.pk:
                continue
            span = max(1, min(rng.randint(2, 8), self._working_days(day, task.due_on)))
            if run.plan.consult == "some_done":
                span = 1
            self._push(self._later(moment, day, span), self._finish, run, task)

    def _finish(self, moment, run: Run, task: ConsultationTask) -> None:
        self.services.task_done(
            actor=self.staff[task.department_id],
            task=task,
            note=self.rng.choice(stories.TASK_DONE_NOTES),
            now=moment,
        )
        run.tasks_left -= 1
        if run.tasks_left == 0:
            self._push(self._later(moment, self._day(moment), 1), self._resolve, run)

    def _resolve(self, moment, run: Run) -> None:
        case = self._open_at(run)
        if case is None:
            return
        case = run.case = self.services.case_resolve(
            actor=self._worker(case),
            case=case,
            resolution=run.story.fix.format(**run.fills),
            now=moment,
        )
        plan = run.plan
        if plan.answer == "confirm" or (plan.answer == "reopen" and run.reopened):
            step = self._confirm
        elif plan.answer == "reopen":
            step = self._reopen
        else:
            return  # silent: the task closes it; wait: the answer is still to come
        days = plan.answer_days if not run.reopened else self.rng.randint(1, 4)
        self._push(self._later(moment, self._day(moment), days), step, run)

    def _confirm(self, moment, run: Run) -> None:
        case = self._case(run)
        if case.status != CaseStatus.RESOLVED:
            return
        rating = run.plan.rating
        if run.reopened:
            rating = min(rating, self.rng.choice((3, 4, 4, 5)))
        run.case = self.services.case_confirm(
            actor=run.requester,
            case=case,
            rating=rating,
            comment=self.rng.choice(stories.RATING_COMMENTS[rating]),
            now=moment,
        )

    def _reopen(self, moment, run: Run) -> None:
        case = self._case(run)
        if case.status != CaseStatus.RESOLVED:
            return
        case = run.case = self.services.case_reopen(
            actor=run.requester,
            case=case,
            reason=self.rng.choice(stories.REOPEN_REASONS),
            today=self._day(moment),
            now=moment,
        )
        run.reopened = True
        if run.plan.hold_after_reopen:
            return
        days = self.rng.randint(1, case.category.days_at(case.level))
        self._push(self._later(moment, case.level_since, days), self._resolve, run)

    # Helpers --------------------------------------------------------------------------------

    def _random_plan(self, case: Case) -> Plan:
        rng = self.rng
        category = case.category
        solve = SOLVED_AT.pick(rng)
        modes = {
            level: "auto" if rng.random() < share else "hand"
            for level, share in AUTOMATIC_SHARE.items()
        }
        work = {
            Level.GRID: rng.randint(1, category.grid_days),
            Level.DEPARTMENT: rng.randint(1, category.department_days),
        }
        for level in (Level.GRID, Level.DEPARTMENT):
            if level < solve and modes[level] == "hand":
                work[level] = rng.randint(1, max(1, category.days_at(level) // 2))
        change_to = None
        if solve >= Level.DEPARTMENT and rng.random() < CHANGE_DEPARTMENT_SHARE:
            change_to = HANDED_ON.get(category.code)
        return Plan(
            solve=solve,
            modes=modes,
            work=work,
            answer=ANSWERS.pick(rng),
            answer_days=rng.randint(1, 9),
            rating=RATINGS.pick(rng),
            meet_after=rng.randint(2, 5),
            change_to=change_to,
        )

    def _story(self, party: str) -> Story:
        category = self.topics[party].pick(self.rng)
        return self.rng.choice(self.stories[(category, party)])

    @staticmethod
    def _fills(enterprise=None, talent=None) -> dict:
        return {
            "enterprise": enterprise.name if enterprise else "企业",
            "talent": talent.name if talent else "员工",
        }

    def _account(self, talent: Talent) -> User:
        """The talent's own account (`Actors.for_talent`), as the registry has it now. A talent
        may be held twice, in the pool that raises cases and among the leaders' experts (at larger
        scales the two overlap): the stand-in made through one copy must not be made again through
        the other, which would take the talent's cases away from the requester who answers them."""
        if talent.user_id is None:
            talent.refresh_from_db(fields=["user"])
        return self.actors.for_talent(talent)

    def _officers_of(self, enterprise: Enterprise) -> list[User]:
        return self.officers[self.teams[enterprise.grid_id].pk]

    def _worker(self, case: Case) -> User:
        """Who takes the case's step at its level."""
        if case.level == Level.GRID:
            return self.rng.choice(self.officers[case.team_id])
        if case.level == Level.DEPARTMENT:
            return self.staff[case.department_id]
        return self.office

    @staticmethod
    def _day(moment: datetime.datetime) -> datetime.date:
        return django_timezone.localtime(moment).date()

    @staticmethod
    def _aware(day: datetime.date, moment: datetime.time) -> datetime.datetime:
        return django_timezone.make_aware(datetime.datetime.combine(day, moment))

    def _at(self, day: datetime.date, rng: Random | None = None) -> datetime.datetime:
        """A moment of the working hours of `day` (08:40 to 17:20)."""
        minutes = (rng or self.rng).randint(0, 520)
        return self._aware(day, datetime.time(8, 40)) + datetime.timedelta(minutes=minutes)

    def _later(self, moment, start: datetime.date, days: int) -> datetime.datetime:
        """A moment `days` working days after `start`, and after `moment` in any case."""
        later = self._at(self._add_working_days(start, days))
        if later <= moment:
            later = moment + datetime.timedelta(minutes=self.rng.randint(15, 90))
        return later

    def _is_working(self, day: datetime.date) -> bool:
        return is_working_day(day, self.exceptions)

    def _add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """`core.workdays.add_working_days` on the calendar read once."""
        day = start
        while days:
            day += datetime.timedelta(days=1)
            days -= self._is_working(day)
        return day

    def _working(self, day: datetime.date) -> datetime.date:
        """`day`, or the working day before it."""
        while not self._is_working(day):
            day -= datetime.timedelta(days=1)
        return day

    def _back(self, count: int) -> datetime.date:
        """The `count`-th working day before today."""
        day = self.today
        while count:
            day -= datetime.timedelta(days=1)
            count -= self._is_working(day)
        return day

    def _working_days(self, start: datetime.date, end: datetime.date) -> int:
        days, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            days += self._is_working(day)
        return days
