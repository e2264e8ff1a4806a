"""Seed the demo's recruiting: the skills list, projects, candidates' profiles, demands and
referrals in every stage.

`talentzone seed` calls `seed_recruiting` after the policies, in the same transaction (and
skips it with `--registry-only`). Everything is made through the services, as the people who
would have done it: the office keeps the skills list and the projects and posts the high-level
positions, each enterprise's HR posts its demands and takes the employer's steps, each agency
records its candidates' consent and refers them, a candidate declines for themselves. So every
referral has its timeline, audit records and notifications. Candidates are picked from the
match list the referrer would see (`search.matches_for`), so none misses a required
requirement. The demo accounts see their share: the HR account's enterprise has open demands
with referrals waiting to be screened and an interview to come; the agency account's agency has
its pool and referrals in every stage; the talent account has an open profile, a referral with
an interview to come, and demands that fit them.

Each step happens at the moment of seeding, as the services date what they do (their
timelines, audit records and notifications are theirs to write): a referral that has gone
further along than "interview scheduled" had its interview held then (the services schedule
interviews only at a time to come: two minutes on), and a hire is dated the day of seeding.
Interviews still to come are in the next ten days. One shortcut: the profiles the registry's
talents opened themselves (about 30% of them, online) are inserted in bulk, without an audit
record each, as the zone's own rows are.

The same registry gets the same demo: the draws come from `random.Random` streams with fixed
seeds. Dates are relative to the day of seeding. The numbers of demands and referrals do not grow
with the scale; the profiles do, with the registry.
"""

import datetime
import time
from collections import Counter
from collections.abc import Callable
from math import sqrt
from random import Random

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from talentzone.directory.choices import TalentStatus
from talentzone.directory.demo.timeline import add_years
from talentzone.directory.demo.weighted import Weighted
from talentzone.directory.models import Agency, Enterprise, Talent, TalentTier
from talentzone.recruiting import search, services, sources
from talentzone.recruiting.choices import (
    ConsentMethod,
    DemandStatus,
    InterviewOutcome,
    ProjectStatus,
    ReferralStatus,
)
from talentzone.recruiting.models import (
    CandidateProfile,
    Demand,
    Interview,
    Project,
    Referral,
    Skill,
)

from . import demands as catalogue
from . import profiles, projects, skills, words
from .accounts import Actors

Report = Callable[[str], None]
SEED = "talentzone-demo-recruiting"
PROGRESS_EVERY = 2.0  # seconds between progress lines
YUAN = 100  # fen

REGISTRY_SHARE = 0.3  # of the registry's talents who opened their profile
CONSENT_METHODS = Weighted(
    [(ConsentMethod.SIGNED_FORM, 5), (ConsentMethod.RECORDED_CALL, 3), (ConsentMethod.ONLINE, 2)]
)
ANCHOR_DEMANDS = 30  # posted by the enterprise the demo HR account works for
CLOSED_DEMANDS = 18
# Where the demo's referrals end up at scale 1 (they do not grow with the scale, and shrink with
# the demands of a small zone, whose registry may not have the candidates for all of them). The
# featured ones below come on top.
PLAN = {
    ReferralStatus.REFERRED: 26,
    ReferralStatus.SHORTLISTED: 18,
    ReferralStatus.INTERVIEW: 17,
    ReferralStatus.OFFERED: 9,
    ReferralStatus.HIRED: 18,
    ReferralStatus.REJECTED: 20,
    ReferralStatus.DECLINED: 11,
    ReferralStatus.WITHDRAWN: 9,
}
# The demo HR account's demands: the referrals each gets, by the demo agency ("agency") or
# another ("other").
FEATURED_HR = (
    (("agency", "referred"), ("other", "referred"), ("agency", "shortlisted"),
     ("other", "interview")),
    (("agency", "referred"), ("agency", "interview"), ("other", "offered")),
    (("other", "referred"), ("agency", "rejected"), ("agency", "hired")),
)  # fmt: skip
MAX_REFERRALS_PER_CANDIDATE = 3
MATCHES = 12  # candidates looked at per demand
OFFICE_SHARE = 0.08  # of the referrals the office makes itself
DEMO_AGENCY_SHARE = 0.2
DEMO_TALENT_SALARY = 26000  # yuan a month: what a senior engineer of the anchor asks
HIGH_LEVEL_NOTE = (
    "本岗位属“人才+项目+资金”引才，依托{project.title}（合作单位：{project.partner}）。"
)


def is_seeded() -> bool:
    """The demo's recruiting is there, or the office has entered its own: leave it alone."""
    return Skill.objects.exists() or Demand.objects.exists() or Project.objects.exists()


def seed_recruiting(
    scale: float, report: Report = lambda line: None, today: datetime.date | None = None
) -> bool:
    """Seed the demo's skills list, projects, profiles, demands and referrals; False (nothing
    written) when any of them exist. `scale` is the zone's: the profiles grow with the
    registry, the demands and referrals do not."""
    if is_seeded():
        return False
    with transaction.atomic():
        RecruitingSeeder(scale, today or timezone.localdate(), report).seed()
    return True


def recruiting_counts() -> list[tuple[str, int]]:
    """Rows of the recruiting app, for the seed's summary: demands and referrals by status."""
    counts = [
        (str(model._meta.verbose_name_plural), model.objects.count())
        for model in (Skill, Project, Demand, CandidateProfile, Referral, Interview)
    ]
    for model, choices in ((Demand, DemandStatus), (Referral, ReferralStatus)):
        by_status = dict(
            model.objects.values_list("status").annotate(n=Count("id")).order_by("status")
        )
        plural = model._meta.verbose_name_plural
        counts += [
            (f"{plural} · {status.label}", by_status.get(status.value, 0)) for status in choices
        ]
    return counts


def stream(name: str) -> Random:
    return Random(f"{SEED}/{name}")


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


class RecruitingSeeder:
    def __init__(self, scale: float, today: datetime.date, report: Report):
        self.today = today
        self.demand_count = catalogue.demand_count(scale)
        # The plan shrinks with the demands (a small zone), each stage keeping a referral.
        share = self.demand_count / catalogue.DEMANDS
        self.plan = {status: max(1, round(count * share)) for status, count in PLAN.items()}
        self.report = report
        self.rng = stream("referrals")
        self.actors = Actors(stream("accounts"))
        self.started = time.monotonic()
        self.last_report = 0.0
        self.enterprises = list(Enterprise.objects.order_by("pk"))
        self.by_pk = {enterprise.pk: enterprise for enterprise in self.enterprises}
        self.demo_talent = Talent.objects.filter(user=self.actors.talent_user).first()
        self.used: Counter[int] = Counter()  # referrals per candidate
        self.hired: set[int] = set()
        self.pairs: set[tuple[int, int]] = set()  # (demand, talent) referred
        self.made: Counter[str] = Counter()  # referrals by status
        self.featured_demands: set[int] = set()
        self.talent_demands: list[Demand] = []  # made to fit the demo talent
        self.agency_turns: list[int] = []
        self.demo_agency_made = 0  # referrals the demo agency made in the general plan
        self.other_agencies = list(
            Agency.objects.exclude(pk=self.actors.demo_agency_id)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    def seed(self) -> None:
        self._skills()
        by_code = self._projects()
        self._profiles()
        # The index is derived data, made again from the profiles just written: the referrers'
        # match lists below are read from it. No document changes after this; once the seed
        # commits, the skills' signal has the index rebuilt from the committed rows again.
        search.rebuild_index()
        demands = self._demands(by_code)
        self._featured(demands)
        self._referrals(demands)
        self._close(demands)

    # Skills and projects --------------------------------------------------------------------

    def _skills(self) -> None:
        office = self.actors.office
        for spec in skills.SKILLS:
            skill = Skill(name=spec.name, name_en=spec.name_en, synonyms=spec.synonyms)
            services.skill_save(actor=office, skill=skill)
        self._progress(Skill, len(skills.SKILLS), len(skills.SKILLS))

    def _projects(self) -> dict[str, Project]:
        rng = stream("projects")
        above_scale = [e for e in self.enterprises if e.above_scale]
        made = {}
        for spec in projects.PROJECTS:
            enterprise = self._project_enterprise(rng, spec, above_scale)
            starts = add_months(self.today, -spec.started)
            ends = add_years(starts, spec.years)
            project = Project(
                kind=spec.kind,
                title=spec.title,
                partner=spec.partner,
                enterprise=enterprise,
                funding=spec.funding_wan * 10_000 * YUAN,
                starts_on=starts,
                ends_on=ends,
                description=spec.description,
                status=ProjectStatus.FINISHED if ends < self.today else ProjectStatus.ACTIVE,
            )
            people = self._project_people(rng, enterprise, spec.people)
            made[spec.code] = services.project_save(
                actor=self.actors.office, project=project, people=people
            )
        self._progress(Project, len(made), len(made))
        return made

    def _project_enterprise(self, rng: Random, spec, above_scale: list[Enterprise]) -> Enterprise:
        if spec.enterprise == projects.ANCHOR:
            return self.by_pk[self.actors.demo_enterprise_id]
        own = [e for e in above_scale if e.industry == spec.enterprise]
        strong = [e for e in own if e.high_tech or e.rd_institution]
        anchor = self.actors.demo_enterprise_id
        choices = [e for e in (strong or own or above_scale) if e.pk != anchor] or above_scale
        return rng.choice(choices)

    def _project_people(self, rng: Random, enterprise: Enterprise, count: int) -> list[Talent]:
        if not count:
            return []
        talents = list(
            Talent.objects.filter(
                employer=enterprise, status=TalentStatus.IN_ZONE, tier__isnull=False
            )
            .order_by("tier__rank", "pk")
            .only("pk")[: count * 4]
        )
        return rng.sample(talents, min(len(talents), count))

    # Profiles -------------------------------------------------------------------------------

    def _profiles(self) -> None:
        """Every agency's candidates (their consent recorded by the agency's staff), the demo
        talent (online, themselves) and about 30% of the registry (online, in bulk)."""
        rng = stream("profiles")
        fields = ("pk", "birth_date", "education", "major", "skills", "industry", "tier__level")
        fields += ("status", "agency_id", "user_id", "name")
        talents = Talent.objects.select_related("tier").only(*fields).order_by("pk")
        candidates = list(talents.filter(status=TalentStatus.CANDIDATE, agency__isnull=False))
        for done, talent in enumerate(candidates, start=1):
            services.profile_save(
                actor=self.actors.staff_of(talent.agency_id),
                talent=talent,
                data=profiles.profile_data(rng, talent, self.today),
                consent_method=CONSENT_METHODS.pick(rng),
            )
            self._progress(CandidateProfile, done, len(candidates))
        if self.demo_talent:
            talent = talents.get(pk=self.demo_talent.pk)
            data = profiles.profile_data(rng, talent, self.today)
            data["locations"] = ""  # anywhere: the demo talent's fitting demands stay many
            data["expected_salary"] = DEMO_TALENT_SALARY
            services.profile_save(actor=self.actors.talent_user, talent=talent, data=data)
        registry = list(
            talents.filter(status=TalentStatus.IN_ZONE).exclude(user__username="talent")
        )
        chosen = sorted(
            rng.sample(range(len(registry)), round(len(registry) * REGISTRY_SHARE)),
        )
        now = timezone.now()
        rows = [
            CandidateProfile(
                talent_id=registry[i].pk,
                consent_method=ConsentMethod.ONLINE,
                consent_at=now,
                consent_recorded_by_id=registry[i].user_id,
                **profiles.profile_data(rng, registry[i], self.today),
            )
            for i in chosen
        ]
        CandidateProfile.objects.bulk_create(rows, batch_size=1000)
        total = CandidateProfile.objects.count()
        self._progress(CandidateProfile, total, total)

    # Demands --------------------------------------------------------------------------------

    def _demands(self, by_code: dict[str, Project]) -> list[Demand]:
        """The high-level positions under their projects (the office), the demo talent's
        fitting demands, then ordinary demands across the enterprises (their HR)."""
        rng = stream("demands")
        made = [self._high_level(rng, spec, by_code[spec.project]) for spec in catalogue.HIGH_LEVEL]
        self.talent_demands = self._for_demo_talent(rng)
        made += self.talent_demands
        anchor = self.actors.demo_enterprise_id
        others = Weighted(
            [(e, sqrt(max(e.employees, 1))) for e in self.enterprises if e.pk != anchor]
        )
        count = self.demand_count - len(made)
        posting = [self.by_pk[anchor]] * min(ANCHOR_DEMANDS, count)
        posting += [others.pick(rng) for _ in range(count - len(posting))]
        for enterprise in posting:
            made.append(self._ordinary(rng, enterprise))
            self._progress(Demand, len(made), self.demand_count)
        return made

    def _ordinary(self, rng: Random, enterprise: Enterprise, plan=None) -> Demand:
        if plan is None:
            families = [f for f in catalogue.FAMILIES if enterprise.industry in f.industries]
            family = Weighted([(f, f.weight) for f in families]).pick(rng)
            plan = catalogue.draw(rng, family)
        demand = Demand(
            enterprise=enterprise,
            title=plan.title,
            description=plan.description,
            headcount=plan.headcount,
            location=plan.location,
            salary_min=plan.salary[0],
            salary_max=plan.salary[1],
            deadline=self._deadline(rng),
            min_education=plan.education,
            education_required=plan.education_required,
            majors="、".join(plan.majors),
            majors_required=plan.majors_required,
            min_years=plan.years,
            years_required=plan.years_required,
            min_title=plan.title_level,
            title_required=plan.title_required,
        )
        actor = self.actors.hr_of(enterprise.pk)
        return services.demand_save(actor=actor, demand=demand, skills=plan.skills)

    def _deadline(self, rng: Random) -> datetime.date | None:
        if rng.random() < 0.2:
            return None  # 长期招聘
        return self.today + datetime.timedelta(days=rng.randint(14, 90))

    def _high_level(self, rng: Random, spec: catalogue.HighLevelSpec, project: Project) -> Demand:
        tier = TalentTier.objects.get(code=spec.tier)
        low, high = spec.salary
        demand = Demand(
            enterprise=project.enterprise,
            project=project,
            high_level=True,
            title=spec.title,
            description=f"{spec.description}\n{HIGH_LEVEL_NOTE.format(project=project)}",
            headcount=1,
            location=catalogue.LOCATION,
            salary_min=low,
            salary_max=high,
            deadline=self._deadline(rng),
            min_education="doctorate",
            education_required=spec.years >= 8 or spec.years == 0,
            majors="、".join(spec.majors),
            min_years=spec.years or None,
            years_required=spec.years >= 10,
            min_title="senior_associate" if spec.years >= 8 else "",
            min_tier=tier,
            tier_required=spec.tier_required,
        )
        rows = [{"text": text, "required": required} for text, required in spec.skills]
        return services.demand_save(actor=self.actors.office, demand=demand, skills=rows)

    def _for_demo_talent(self, rng: Random) -> list[Demand]:
        """Two demands in the demo talent's own line of work at other enterprises, asking for
        what they have (so the "jobs for me" page is never empty)."""
        talent = self.demo_talent
        if talent is None:
            return []
        talent = Talent.objects.select_related("tier", "profile").get(pk=talent.pk)
        held = set(sources.candidate_document(talent, talent.profile).skills)
        fitting = [
            (family, variant)
            for family in catalogue.FAMILIES
            for variant in family.variants
            if variant.core and variant.core[0].lower() in held
        ]
        if not fitting:
            return []
        same_industry = [
            e
            for e in self.enterprises
            if e.industry == talent.industry and e.pk != self.actors.demo_enterprise_id
        ]
        made = []
        for family, variant in rng.sample(fitting, min(2, len(fitting))):
            plan = catalogue.draw(rng, family, variant)
            plan.skills[0]["required"] = True
            plan.majors_required = plan.education_required = plan.years_required = False
            plan.title_required = False
            plan.location = catalogue.LOCATION
            plan.description = catalogue.describe(rng, family, plan)
            enterprise = rng.choice(same_industry or self.enterprises[1:])
            made.append(self._ordinary(rng, enterprise, plan))
        return made

    def _close(self, demands: list[Demand]) -> None:
        """Some demands closed by their HR: none with a live referral."""
        rng = stream("closing")
        busy = set(Referral.objects.values_list("demand_id", flat=True))
        closable = [
            d
            for d in demands
            if not d.high_level and d.pk not in busy and d.pk not in self.featured_demands
        ]
        for demand in rng.sample(closable, min(CLOSED_DEMANDS, len(closable))):
            services.demand_close(
                actor=self.actors.hr_of(demand.enterprise_id),
                demand=demand,
                reason=rng.choice(words.CLOSE_REASONS),
            )

    # Referrals ------------------------------------------------------------------------------

    def _featured(self, demands: list[Demand]) -> None:
        """The demo accounts' share first: the HR account's demands with referrals waiting,
        the demo talent's referral with an interview to come."""
        agency = self.actors.agency
        anchor = self.actors.demo_enterprise_id
        plans = iter(FEATURED_HR)
        for demand in (d for d in demands if d.enterprise_id == anchor and not d.high_level):
            if len(search.matches_for(demand, agency, k=MATCHES)) < len(FEATURED_HR[0]):
                continue  # too few candidates for the demo's story
            plan = next(plans, None)
            if plan is None:
                break
            self.featured_demands.add(demand.pk)
            for who, status in plan:
                referrer = agency if who == "agency" else self._other_agency()
                talent = self._candidate(demand, referrer)
                if talent is not None:
                    self._tell(demand, talent, referrer, status)
        if self.demo_talent:
            talent = self.demo_talent = Talent.objects.get(pk=self.demo_talent.pk)
            for demand in self.talent_demands:
                if not search.violations(demand, talent):
                    self.featured_demands.add(demand.pk)
                    self._tell(demand, talent, agency, ReferralStatus.INTERVIEW)
                    break

    def _referrals(self, demands: list[Demand]) -> None:
        """Walk the plan: each demand in turn, a referrer, one to three candidates from their
        match list. The demo agency makes the first ones, one of each stage."""
        rng = self.rng
        queue = self._queue()
        order = [d for d in demands if d.pk not in self.featured_demands]
        rng.shuffle(order)
        total = len(queue)
        for demand in order:
            if not queue:
                break
            demo_first = self.demo_agency_made < len(self.plan)
            referrer = self.actors.agency if demo_first else self._referrer()
            matches = search.matches_for(demand, referrer, k=MATCHES)
            take = 1 if demo_first else rng.randint(1, 3)
            for match in matches:
                if not take or not queue:
                    break
                talent_id = match.candidate.id
                if not self._free(talent_id, demand):
                    continue
                demand.refresh_from_db(fields=["status", "hired", "headcount"])
                if demand.status != DemandStatus.OPEN:
                    break
                status = queue.pop(0)
                talent = Talent.objects.get(pk=talent_id)
                self._tell(demand, talent, referrer, status)
                self.demo_agency_made += demo_first
                take -= 1
            self._progress(Referral, total - len(queue), total)

    def _queue(self) -> list[str]:
        """The plan's statuses interleaved, so that however early the candidates run out,
        every stage has its referrals."""
        order = list(self.plan)
        slots = [
            ((i + 0.5) / count, order.index(status), status)
            for status, count in self.plan.items()
            for i in range(1, count)
        ]
        return order + [status for _f, _o, status in sorted(slots)]

    def _referrer(self):
        draw = self.rng.random()
        if draw < OFFICE_SHARE:
            return self.actors.office
        if draw < OFFICE_SHARE + DEMO_AGENCY_SHARE:
            return self.actors.agency
        return self._other_agency()

    def _other_agency(self):
        """The other agencies take turns (in a shuffled order), so that each has referrals."""
        if not self.agency_turns:
            self.agency_turns = list(self.other_agencies)
            self.rng.shuffle(self.agency_turns)
        return self.actors.staff_of(self.agency_turns.pop())

    def _free(self, talent_id: int, demand: Demand) -> bool:
        return (
            (demand.pk, talent_id) not in self.pairs
            and talent_id not in self.hired
            and self.used[talent_id] < MAX_REFERRALS_PER_CANDIDATE
            and (self.demo_talent is None or talent_id != self.demo_talent.pk)
        )

    def _candidate(self, demand: Demand, referrer) -> Talent | None:
        for match in search.matches_for(demand, referrer, k=MATCHES):
            if self._free(match.candidate.id, demand):
                return Talent.objects.get(pk=match.candidate.id)
        return None

    def _tell(self, demand: Demand, talent: Talent, referrer, status: str) -> Referral:
        """One referral, walked through the services to `status`."""
        story = Story(self, demand, talent, referrer)
        referral = story.walk(status)
        self.used[talent.pk] += 1
        self.pairs.add((demand.pk, talent.pk))
        self.made[status] += 1
        if status == ReferralStatus.HIRED:
            self.hired.add(talent.pk)
        return referral

    def _progress(self, model, done: int, total: int) -> None:
        now = time.monotonic() - self.started
        if done < total and now - self.last_report < PROGRESS_EVERY:
            return
        self.last_report = now
        self.report(f"{model._meta.verbose_name_plural} {done}/{total} ({now:.1f} s)")


class Story:
    """One referral from the note that proposes the candidate to where the plan leaves it, each
    step taken by whoever takes it: the referrer, the enterprise's HR, the candidate."""

    def __init__(self, seeder: RecruitingSeeder, demand: Demand, talent: Talent, referrer):
        self.seeder = seeder
        self.rng = seeder.rng
        self.today = seeder.today
        self.demand = demand
        self.talent = talent
        self.referrer = referrer
        self.hr = seeder.actors.hr_of(demand.enterprise_id)

    def walk(self, status: str) -> Referral:
        rng = self.rng
        referral = services.referral_create(
            actor=self.referrer, demand=self.demand, talent=self.talent, note=self._note()
        )
        if status == ReferralStatus.SHORTLISTED:
            self._shortlist(referral)
        elif status == ReferralStatus.INTERVIEW:
            self._interview(referral, second_round=rng.random() < 0.2)
        elif status in (ReferralStatus.OFFERED, ReferralStatus.HIRED):
            self._offer(referral)
            if status == ReferralStatus.HIRED:
                referral = services.referral_hire(actor=self.hr, referral=referral)
        elif status == ReferralStatus.REJECTED:
            self._reject(referral)
        elif status == ReferralStatus.DECLINED:
            self._decline(referral)
        elif status == ReferralStatus.WITHDRAWN:
            if rng.random() < 0.4:
                self._shortlist(referral)
            services.referral_withdraw(
                actor=self.referrer, referral=referral, reason=rng.choice(words.WITHDRAWALS)
            )
        return referral

    def _note(self) -> str:
        rng = self.rng
        if self.referrer == self.seeder.actors.office:
            return rng.choice(words.OFFICE_NOTES)
        skill = self.demand.skills.first()
        note = rng.choice(words.REFERRAL_NOTES)
        return note.format(skill=skill.text if skill else self.demand.title)

    def _shortlist(self, referral: Referral) -> None:
        reason = self.rng.choice(words.SHORTLIST_REASONS)
        services.referral_screen(actor=self.hr, referral=referral, accept=True, reason=reason)

    def _schedule(self, referral: Referral, held_now: bool = False) -> Interview:
        """An interview in the days to come; or one held now, whose outcome the story records
        at once (the services schedule only at a time to come: two minutes on, at most)."""
        rng = self.rng
        now = timezone.localtime()
        if held_now:
            moment = (now + datetime.timedelta(minutes=2)).replace(second=0, microsecond=0)
        else:
            day = now.date() + datetime.timedelta(days=rng.randint(1, 10))
            hour = datetime.time(rng.choice((9, 10, 14, 15)), 30)
            moment = timezone.make_aware(datetime.datetime.combine(day, hour))
        interviewers = rng.choice(words.INTERVIEWERS).format(hr=self.hr.display_name or "HR")
        return services.interview_schedule(
            actor=self.hr,
            referral=referral,
            starts_at=moment,
            place=rng.choice(words.PLACES),
            interviewers=interviewers,
        )

    def _record(self, interview: Interview, outcome: str) -> None:
        notes = {
            InterviewOutcome.PASSED: words.INTERVIEW_PASSED,
            InterviewOutcome.FAILED: words.INTERVIEW_FAILED,
        }.get(outcome, ("",))
        services.interview_record(
            actor=self.hr, interview=interview, outcome=outcome, note=self.rng.choice(notes)
        )

    def _interview(
        self, referral: Referral, second_round: bool = False, held_now: bool = False
    ) -> Interview:
        """Shortlisted, then an interview to come (after a first round passed, sometimes), or
        one held now."""
        self._shortlist(referral)
        if second_round:
            self._record(self._schedule(referral, held_now=True), InterviewOutcome.PASSED)
        return self._schedule(referral, held_now=held_now)

    def _offer(self, referral: Referral) -> None:
        self._record(self._interview(referral, held_now=True), InterviewOutcome.PASSED)
        note = self.rng.choice(words.OFFER_NOTES)
        services.referral_offer(actor=self.hr, referral=referral, note=note)

    def _reject(self, referral: Referral) -> None:
        """Turned down at the screening, after a failed (or missed) interview, or later."""
        rng = self.rng
        draw = rng.random()
        if draw < 0.5:
            reason = rng.choice(words.SCREEN_REJECTIONS)
            services.referral_screen(actor=self.hr, referral=referral, accept=False, reason=reason)
            return
        if draw < 0.85:
            outcome = InterviewOutcome.FAILED if rng.random() < 0.8 else InterviewOutcome.NO_SHOW
            self._record(self._interview(referral, held_now=True), outcome)
            reason = rng.choice(words.INTERVIEW_REJECTIONS)
        else:
            self._shortlist(referral)
            reason = rng.choice(words.SCREEN_REJECTIONS)
        services.referral_reject(actor=self.hr, referral=referral, reason=reason)

    def _decline(self, referral: Referral) -> None:
        """The candidate says no: shortlisted, before the interview, or to the offer; in person
        when they have an account, else the agency (or the office) tells for them."""
        rng = self.rng
        draw = rng.random()
        if draw < 0.3:
            self._shortlist(referral)
        elif draw < 0.7:
            self._interview(referral)
        else:
            self._offer(referral)
        if self.talent.user_id:
            actor, reason = self.talent.user, rng.choice(words.CANDIDATE_DECLINES)
        else:
            actor, reason = self.referrer, rng.choice(words.DECLINES)
        services.referral_decline(actor=actor, referral=referral, reason=reason)
