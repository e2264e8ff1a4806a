"""The evaluations' last three years and this one, played through `awards.services` (see the
package's docstring). Each step is taken by the person who would have taken it, on its day
(`today=`) and with the clock set to that moment (`clock_at`), so the nominations, scoresheets,
objections and payments carry the dates they would have had.
"""

import contextlib
import datetime
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from random import Random

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Q
from django.utils import timezone

from talentzone.awards import services
from talentzone.awards.choices import EntryStatus, NominationStatus, RoundCategory, RoundKind
from talentzone.awards.models import Assignment, Expert, Nomination, RankingEntry, Round
from talentzone.core.models import Notification, User
from talentzone.directory.choices import TalentStatus
from talentzone.directory.demo import names, structure
from talentzone.directory.demo.accounts import demo_talent
from talentzone.directory.demo.timeline import add_years
from talentzone.directory.models import Department, Enterprise, Talent
from talentzone.policies import services as policies
from talentzone.policies.choices import Benefit, FormulaKind
from talentzone.policies.demo.attachments import one_page_pdf
from talentzone.policies.eligibility import compile_to_q, parse
from talentzone.policies.models import BudgetLine, Policy
from talentzone.recruiting.demo.accounts import Actors

from . import catalogue
from .catalogue import RoundSpec

SEED = "talentzone-demo-awards"
READ_BEFORE_DAYS = 14  # notifications of what happened earlier are marked read
DAY = datetime.timedelta(days=1)

# A round's calendar, in days from the day nominations open.
DRAFTED = -18
CLOSES = 30  # nominations close (the last day to nominate)
SCREENED = 33
DRAWN = 36
SCORING = 40
SCORED = (41, 55)  # the experts' scoresheets come in over these days
RANKED = 60
OBJECTED = 62
RESOLVED = 65
PAID = 45  # days after the announcement

# The first day of nominations: (month, day) of a past round; days before today for this year's.
OPENS = {"award": (5, 8), "recommendation": (3, 2)}
OPEN_ROUND_OPENED = 12  # days ago
SCORING_ROUND_OPENED = 75  # days ago
NOTICE_ROUND_OPENED = RANKED + 3  # days ago: ranked three days ago, on notice now
PROGRAMME_DECIDED = (10, 18)  # the province announced its selections
LAST_YEAR_PAID = 6  # of last year's winners, the first (by rank) have been paid
ANCHOR_NOMINEES = 2  # nominated by the demo HR account's enterprise in each round

# This year's young round: how far each panel expert got (the demo expert first), of their
# unconflicted assignments.
DEMO_EXPERT_SCORED = 4
OTHERS_SCORED = (1.0, 1.0, 0.6, 0.3, 0.0)


@contextlib.contextmanager
def clock_at(moment: datetime.datetime):
    """Run services with the clock set to `moment`: for what they stamp with the clock itself
    (a nomination's creation, a scoresheet's submission, a payment)."""
    real = timezone.now
    timezone.now = lambda: moment
    try:
        yield
    finally:
        timezone.now = real


def demo_pdf(title: str, number: str) -> bytes:
    """A small valid one-page PDF that says it is a demo file (in ASCII: no font to embed)."""
    return one_page_pdf(
        [
            "talentzone demo attachment",
            f"Nomination {number}",
            title,
            "Fictional: made by `talentzone seed` for the demo only.",
        ]
    )


class AwardsStory:
    def __init__(self, now: datetime.datetime, report: Callable[[str], None]):
        self.now = now
        self.today = timezone.localtime(now).date()
        self.year = self.today.year
        self.report = report
        self.started = time.monotonic()
        self.actors = Actors(Random(f"{SEED}/accounts"))
        self.office = self.actors.office
        self.rng = Random(f"{SEED}/steps")
        self.named: dict[str, set[int]] = {code.code: set() for code in catalogue.REWARDS}
        self.anchor = Enterprise.objects.get(name=names.ANCHOR_ENTERPRISE_NAME)
        self.demo_talent = demo_talent()
        # The office entered the pool before the first round it scored.
        self.pool_entered = datetime.date(self.year - 3, 3, 1)

    # The plan --------------------------------------------------------------------------------

    def seed(self) -> None:
        notified = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.experts = self._experts()
        self.lines = self._budget_lines()
        self.policies = {spec.code: self._policy(spec) for spec in catalogue.REWARDS}
        for spec in catalogue.PAST_ROUNDS:
            self._past_round(spec)
            if spec.key == catalogue.PAST_ROUNDS[0].key:
                # Retired from the pool after the first round they could have scored.
                for spec_, expert in self.experts.items():
                    if not spec_.active:
                        expert.active = False
                        expert.save(update_fields=["active", "updated_at"])
        self._scoring_round(catalogue.SCORING_ROUND)
        self._open_round(catalogue.OPEN_ROUND)
        self._notice_round(catalogue.NOTICE_ROUND)
        Notification.objects.filter(
            pk__gt=notified,
            read_at__isnull=True,
            created_at__lt=self.now - datetime.timedelta(days=READ_BEFORE_DAYS),
        ).update(read_at=self.now)
        self.report(
            f"{Round._meta.verbose_name_plural} {Round.objects.count()} · "
            f"{Nomination._meta.verbose_name_plural} {Nomination.objects.count()} "
            f"({time.monotonic() - self.started:.1f} s)"
        )

    # Moments ---------------------------------------------------------------------------------

    @staticmethod
    def moment(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    def at(self, day: datetime.date, action, *args, hour: int = 10, minute: int = 0, **kwargs):
        """Call `action` on `day` at that hour, the clock set to that moment."""
        with clock_at(self.moment(day, hour, minute)):
            return action(*args, **kwargs)

    # The pool, the policies and the budget -----------------------------------------------------

    def _experts(self) -> dict[catalogue.ExpertSpec, Expert]:
        """The pool as the office entered it (in the admin, through `services.expert_save`, which
        gives each account the expert role)."""
        employers = self._expert_employers()
        experts = {}
        for spec in (catalogue.DEMO_EXPERT, *catalogue.EXPERTS):
            if spec is catalogue.DEMO_EXPERT:
                user = User.objects.get(username="expert")
            else:
                self.actors.made += 1
                user = User(username=f"demo-expert-{self.actors.made:04d}", display_name=spec.name)
                user.set_unusable_password()
                user.save()
            employer = employers.get(spec.employer) if spec.employer is not None else None
            affiliation = spec.affiliation or (
                f"{employer.name}{catalogue.EMPLOYED_TITLE}" if employer else catalogue.NO_EMPLOYER
            )
            expert = Expert(
                user=user,
                name=spec.name,
                affiliation=affiliation[:100],
                employer=employer,
                speciality=spec.speciality,
            )
            self.at(self.pool_entered, services.expert_save, actor=self.office, expert=expert)
            experts[spec] = expert
        return experts

    def _expert_employers(self) -> dict:
        """The anchor enterprise, and the zone's largest other employers (1, 2, …)."""
        largest = (
            Enterprise.objects.exclude(pk=self.anchor.pk)
            .annotate(n=Count("talents", filter=Q(talents__status=TalentStatus.IN_ZONE)))
            .order_by("-n", "name")[:2]
        )
        employers = {"anchor": self.anchor}
        employers.update({number: e for number, e in enumerate(largest, start=1)})
        return employers

    def _budget_lines(self) -> dict[int, BudgetLine]:
        """A line a year for the evaluations' rewards: no service writes budget lines yet."""
        owner = Department.objects.get(code=structure.TALENT_OFFICE)
        lines = {}
        for year in range(self.year - 3, self.year + 1):
            line = BudgetLine(
                year=year,
                code=catalogue.LINE_CODE,
                name=catalogue.LINE_NAME,
                owner=owner,
                amount=catalogue.LINE_YUAN * catalogue.YUAN,
            )
            line.full_clean()
            line.save()
            lines[year] = line
        return lines

    def _policy(self, spec: catalogue.RewardSpec) -> Policy:
        issued = self.year - 3
        name, role, deadline = catalogue.REWARD_STAGE
        policy = Policy(
            code=spec.code,
            title=spec.title,
            title_en=spec.title_en,
            legal_basis=catalogue.MEASURES.format(issued=issued) + spec.article,
            summary=spec.summary,
            applicant_kind="talent",
            valid_from=datetime.date(issued, 1, 1),
            valid_until=datetime.date(self.year + 1, 12, 31),
            rule="",  # granted only: the evaluation chose the winners
            benefit=Benefit.MONEY,
            formula=FormulaKind.FIXED,
            amount_fen=spec.yuan * catalogue.YUAN,
            budget_line=self.lines[self.year],
            notice_days=7,
            granted_only=True,
        )
        stages = [{"position": 1, "name": name, "role": role, "deadline_days": deadline}]
        documents = [
            {"position": i, "name": doc, "description": description}
            for i, (doc, description) in enumerate(catalogue.REWARD_DOCUMENTS, start=1)
        ]
        opened = datetime.date(issued, 1, 1) - 20 * DAY
        return self.at(
            opened,
            policies.policy_save,
            actor=self.office,
            policy=policy,
            stages=stages,
            documents=documents,
        )

    # Rounds ----------------------------------------------------------------------------------

    def _opens(self, spec: RoundSpec) -> datetime.date:
        if spec.key == catalogue.OPEN_ROUND.key:
            return self.today - OPEN_ROUND_OPENED * DAY
        if spec.key == catalogue.SCORING_ROUND.key:
            return self.today - SCORING_ROUND_OPENED * DAY
        if spec.key == catalogue.NOTICE_ROUND.key:
            return self.today - NOTICE_ROUND_OPENED * DAY
        month, day = OPENS[spec.kind]
        return datetime.date(self.year - spec.years_ago, month, day)

    def _round(self, spec: RoundSpec) -> Round:
        """Set up (as a draft, with its criteria) and open for nominations."""
        opens = self._opens(spec)
        year = self.year - spec.years_ago
        award = spec.kind == RoundKind.AWARD
        policy = self.policies[self._reward_code(spec)] if award else None
        round_ = Round(
            year=year,
            title=spec.title.format(year=year),
            kind=spec.kind,
            category=spec.category,
            max_age=spec.max_age,
            rule=spec.rule,
            nominations_open=opens,
            nominations_close=opens + CLOSES * DAY,
            quota=spec.quota,
            panel_size=spec.panel_size,
            notice_days=spec.notice_days,
            issuer=catalogue.ZONE_ISSUER if award else catalogue.PROVINCIAL_ISSUER,
            reward_policy=policy,
            budget_line=self.lines[year] if award else None,
            programme="" if award else catalogue.PROGRAMME,
            programme_level="" if award else catalogue.PROGRAMME_LEVEL,
            created_by=self.office,
        )
        criteria = [
            {"name": name, "description": description, "weight": weight, "max_points": points}
            for name, description, weight, points in spec.criteria
        ]
        drafted = opens + DRAFTED * DAY
        round_ = self.at(
            drafted, services.round_save, actor=self.office, round=round_, criteria=criteria
        )
        return self.at(
            opens, services.round_open, actor=self.office, round=round_, today=opens, hour=9
        )

    def _reward_code(self, spec: RoundSpec) -> str:
        if spec.category == RoundCategory.YOUNG:
            return catalogue.YOUNG_REWARD.code
        return catalogue.OUTSTANDING_REWARD.code

    def _past_round(self, spec: RoundSpec) -> None:
        round_ = self._round(spec)
        opens = round_.nominations_open
        self._nominate(round_, spec, last_day=round_.nominations_close)
        self._close_and_screen(round_, spec)
        self._draw_and_start(round_, spec)
        self._score(round_, {}, opens + SCORED[0] * DAY, opens + SCORED[1] * DAY)
        ranked_on = opens + RANKED * DAY
        self.at(ranked_on, services.round_rank, actor=self.office, round=round_, today=ranked_on)
        round_.refresh_from_db()
        self._objections(round_, spec)
        ends = max(
            RankingEntry.objects.filter(round=round_, status=EntryStatus.NOTICE).values_list(
                "notice_ends_on", flat=True
            )
        )
        announced = ends + 3 * DAY
        round_ = self.at(
            announced, services.round_announce, actor=self.office, round=round_, today=announced
        )
        if round_.kind == RoundKind.AWARD:
            self._pay(round_, spec, announced + PAID * DAY)
        else:
            self._outcomes(round_)
        self.report(f"{round_.title} ({time.monotonic() - self.started:.1f} s)")

    def _scoring_round(self, spec: RoundSpec) -> None:
        """This year's young talents: screened, the panel drawn (the demo expert on it), scoring
        under way."""
        round_ = self._round(spec)
        self._nominate(round_, spec, last_day=round_.nominations_close)
        self._close_and_screen(round_, spec)
        self._draw_and_start(round_, spec, must=self.experts[catalogue.DEMO_EXPERT])
        opens = round_.nominations_open
        self._score(round_, self._progress(round_), opens + SCORED[0] * DAY, self.today - DAY)
        self.report(f"{round_.title} ({time.monotonic() - self.started:.1f} s)")

    def _notice_round(self, spec: RoundSpec) -> None:
        """This year's recommendation: fully scored, ranked three days ago and on public notice;
        an objection to the last nominee on notice, lodged yesterday, waits for the office."""
        round_ = self._round(spec)
        self._nominate(round_, spec, last_day=round_.nominations_close)
        self._close_and_screen(round_, spec)
        self._draw_and_start(round_, spec)
        opens = round_.nominations_open
        self._score(round_, {}, opens + SCORED[0] * DAY, opens + SCORED[1] * DAY)
        ranked_on = opens + RANKED * DAY
        self.at(ranked_on, services.round_rank, actor=self.office, round=round_, today=ranked_on)
        entry = (
            RankingEntry.objects.filter(round=round_, status=EntryStatus.NOTICE)
            .order_by("-rank")
            .first()
        )
        if entry is not None:
            self.at(
                self.today - DAY,
                services.objection_lodge,
                actor=self._objector(entry),
                entry=entry,
                reason=catalogue.OPEN_OBJECTION,
                hour=19,
            )
        self.report(f"{round_.title} ({time.monotonic() - self.started:.1f} s)")

    def _open_round(self, spec: RoundSpec) -> None:
        """This year's outstanding talents: open for nominations today; the demo HR account has
        nominated the demo talent (with the supporting documents attached) and a colleague;
        another enterprise has withdrawn one of its nominations."""
        round_ = self._round(spec)
        featured = []
        talent = self.demo_talent
        if talent is not None and self._eligible(round_, spec).filter(pk=talent.pk).exists():
            featured.append(talent)
        # Up to the day before yesterday: each step has happened by the time of seeding.
        last_day = self.today - 2 * DAY
        nominations = self._nominate(round_, spec, last_day=last_day, featured=featured)
        for nomination in nominations[:2]:
            self._attach(nomination)
        others = [n for n in nominations if n.enterprise_id != self.anchor.pk]
        if others:
            withdrawn = others[-1]
            actor = self.actors.hr_of(withdrawn.enterprise_id)
            day = timezone.localtime(withdrawn.created_at).date() + DAY
            self.at(
                day,
                services.nomination_withdraw,
                actor=actor,
                nomination=withdrawn,
                today=day,
                hour=16,
            )
        self.report(f"{round_.title} ({time.monotonic() - self.started:.1f} s)")

    # Nominations -----------------------------------------------------------------------------

    def _eligible(self, round_: Round, spec: RoundSpec):
        """Who the round's rule and age limit admit (on the day nominations close), by the same
        rule compiled to a query."""
        close = round_.nominations_close
        talents = Talent.objects.filter(employer__isnull=False).order_by("pk")
        talents = compile_to_q(parse(round_.rule, subject="talent"), close).apply(talents)
        if spec.max_age is not None:
            talents = talents.filter(birth_date__gt=add_years(close, -(spec.max_age + 1)))
        if spec.kind == RoundKind.AWARD:
            talents = talents.exclude(pk__in=self.named[self._reward_code(spec)])
        return talents

    def _nominate(
        self,
        round_: Round,
        spec: RoundSpec,
        last_day: datetime.date,
        featured: Sequence[Talent] = (),
    ) -> list[Nomination]:
        """The enterprises' nominations over the window: the featured talents first, two of the
        demo HR account's enterprise, the rest drawn across the zone."""
        eligible = self._eligible(round_, spec)
        if self.demo_talent is not None and not featured:
            eligible = eligible.exclude(pk=self.demo_talent.pk)
        pks = list(eligible.values_list("pk", flat=True))
        at_anchor = list(eligible.filter(employer=self.anchor).values_list("pk", flat=True))
        rng = self.rng
        chosen = [t.pk for t in featured]
        at_anchor = [pk for pk in at_anchor if pk not in chosen]
        chosen += rng.sample(at_anchor, min(max(ANCHOR_NOMINEES - len(chosen), 1), len(at_anchor)))
        rest = [pk for pk in pks if pk not in chosen]
        wanted = max(spec.nominations - len(chosen), 0)
        chosen += rng.sample(rest, min(wanted, len(rest)))
        first = round_.nominations_open + DAY
        days = sorted(first + rng.randint(0, max((last_day - first).days, 0)) * DAY for _ in chosen)
        talents = Talent.objects.in_bulk(chosen)
        made = []
        for pk, day in zip(chosen, days, strict=True):
            talent = talents[pk]
            actor = self.actors.hr_of(talent.employer_id)
            try:
                nomination = self.at(
                    day,
                    services.nomination_create,
                    actor=actor,
                    round=round_,
                    talent=talent,
                    achievements=self._achievements(talent, spec),
                    today=day,
                    hour=rng.randint(9, 17),
                    minute=rng.randint(0, 59),
                )
            except ValidationError:
                continue  # the registry changed under the rule: not nominated
            made.append(nomination)
        return made

    def _achievements(self, talent: Talent, spec: RoundSpec) -> str:
        rng = self.rng
        topic = rng.choice(catalogue.TOPICS.get(talent.industry, catalogue.TOPICS["other"]))
        texts = catalogue.YOUNG_ACHIEVEMENTS if spec.max_age else catalogue.ACHIEVEMENTS
        return rng.choice(texts).format(
            topic=topic,
            patents=rng.randint(2, 9),
            utility=rng.randint(3, 12),
            value=rng.randint(2, 30) / 2,
            points=rng.randint(3, 12),
            cost=rng.randint(8, 90) * 10,
            standards=rng.randint(1, 4),
            team=rng.randint(8, 40),
            mentees=rng.randint(3, 15),
            partners=rng.randint(2, 6),
            proposals=rng.randint(3, 20),
        )

    def _attach(self, nomination: Nomination) -> None:
        actor = self.actors.hr_of(nomination.enterprise_id)
        for name in ("推荐表.pdf", "业绩证明材料.pdf"):
            upload = SimpleUploadedFile(
                name,
                demo_pdf(f"Round {nomination.round.year}", nomination.number),
                content_type="application/pdf",
            )
            day = timezone.localtime(nomination.created_at).date()
            self.at(
                day,
                services.nomination_attach,
                actor=actor,
                nomination=nomination,
                upload=upload,
                hour=18,
            )

    def _close_and_screen(self, round_: Round, spec: RoundSpec) -> None:
        """Nominations close the day after the last one (the nightly task); the office screens
        them, refusing a few with the reason."""
        closed = round_.nominations_close + DAY
        with clock_at(self.moment(closed, 1, 5)):
            services.close_due_rounds(today=closed)
        nominations = list(
            round_.nominations.filter(status=NominationStatus.SUBMITTED).order_by("pk")
        )
        # At least three are admitted (a round needs nominees for its ranking).
        refusing = max(min(spec.refused, len(nominations) - 3), 0)
        refused = {n.pk for n in self.rng.sample(nominations, refusing)}
        reasons = list(catalogue.REFUSALS)
        self.rng.shuffle(reasons)
        opens = round_.nominations_open
        for number, nomination in enumerate(nominations):
            day = opens + (SCREENED - 1 + number * 3 // max(len(nominations), 1)) * DAY
            admit = nomination.pk not in refused
            self.at(
                day,
                services.nomination_screen,
                actor=self.office,
                nomination=nomination,
                admit=admit,
                reason="" if admit else reasons.pop(),
                hour=9 + number % 8,
                minute=(number * 7) % 60,
            )

    # The panel -------------------------------------------------------------------------------

    def _draw_and_start(self, round_: Round, spec: RoundSpec, must: Expert | None = None) -> None:
        """Draw the panel with the first seed that seats an expert working for a nominee's
        employer (so the conflicts show) and, for this year's round, the demo expert; then
        start scoring."""
        opens = round_.nominations_open
        pool = list(Expert.objects.filter(active=True).order_by("pk"))
        admitted = list(
            round_.nominations.filter(status=NominationStatus.ADMITTED).select_related("talent")
        )
        employers = {n.enterprise_id for n in admitted} | {n.talent.employer_id for n in admitted}
        size = min(spec.panel_size, len(pool))

        def suits(panel, conflicted: bool) -> bool:
            if must is not None and must not in panel:
                return False
            if conflicted and not any(e.employer_id in employers for e in panel):
                return False
            # Every nominee keeps enough unconflicted experts.
            return all(
                sum(1 for e in panel if not services.conflict_of(e, n))
                >= services.MIN_EXPERTS_PER_NOMINEE
                for n in admitted
            )

        seeds = range(1, 1000)
        seed = next((s for s in seeds if suits(Random(s).sample(pool, size), True)), None)
        if seed is None:  # a small zone: nobody of the pool works for a nominee's employer
            seed = next((s for s in seeds if suits(Random(s).sample(pool, size), False)), 1)
        drawn = opens + DRAWN * DAY
        members = self.at(
            drawn,
            services.panel_draw,
            actor=self.office,
            round=round_,
            size=size,
            seed=seed,
        )
        if must is not None and must not in [m.expert for m in members]:
            experts = [m.expert for m in members][: size - 1] + [must]
            self.at(drawn, services.panel_set, actor=self.office, round=round_, experts=experts)
        start = opens + SCORING * DAY
        self.at(start, services.round_start_scoring, actor=self.office, round=round_, today=start)

    # Scoring ---------------------------------------------------------------------------------

    def _progress(self, round_: Round) -> dict[int, int]:
        """This year's round: how many scoresheets each expert has sent (expert id → count);
        experts left out of the map score everything."""
        assignments = Assignment.objects.filter(round=round_, conflict="")
        per_expert = dict(
            assignments.values_list("expert_id").annotate(n=Count("pk")).order_by("expert_id")
        )
        demo = self.experts[catalogue.DEMO_EXPERT].pk
        progress = {demo: min(DEMO_EXPERT_SCORED, per_expert.get(demo, 0))}
        others = [pk for pk in per_expert if pk != demo]
        for pk, share in zip(others, OTHERS_SCORED * len(others), strict=False):
            progress[pk] = round(per_expert[pk] * share)
        return progress

    def _score(
        self,
        round_: Round,
        progress: dict[int, int],
        first: datetime.date,
        last: datetime.date,
    ) -> None:
        """Each expert scores their unconflicted nominees (all of them, or as many as
        `progress` says), nominee by nominee, in the order the page shows them. A nominee's
        merit and an expert's strictness make the points: plausible and varied."""
        rng = Random(f"{SEED}/scores/{round_.title}")
        criteria = list(round_.criteria.order_by("position"))
        nominations = round_.nominations.filter(status=NominationStatus.ADMITTED).order_by("pk")
        merit = {n.pk: rng.uniform(0.6, 0.95) for n in nominations}
        assignments = (
            Assignment.objects.filter(round=round_, conflict="")
            .select_related("expert__user", "nomination")
            .order_by("expert_id", "nomination__created_at", "nomination_id")
        )
        by_expert: dict[int, list[Assignment]] = {}
        for assignment in assignments:
            by_expert.setdefault(assignment.expert_id, []).append(assignment)
        span = max((last - first).days, 0)
        for expert_id, theirs in by_expert.items():
            strictness = rng.uniform(-0.06, 0.05)
            count = progress.get(expert_id, len(theirs))
            start = rng.randint(0, span // 2) if span else 0
            for number, assignment in enumerate(theirs[:count]):
                day = first + min(start + number // 3, span) * DAY
                points = {
                    criterion.pk: self._points(
                        rng, merit[assignment.nomination_id] + strictness, criterion.max_points
                    )
                    for criterion in criteria
                }
                self.at(
                    day,
                    services.score_submit,
                    actor=assignment.expert.user,
                    assignment=assignment,
                    points=points,
                    comment=rng.choice(catalogue.SCORE_COMMENTS),
                    hour=rng.randint(8, 21),
                    minute=rng.randint(0, 59),
                )

    @staticmethod
    def _points(rng: Random, level: float, max_points: int) -> Decimal:
        """Points on one criterion: halves on a small scale, whole points on a large one."""
        share = min(max(level + rng.gauss(0, 0.06), 0.3), 1.0)
        steps = 2 if max_points <= 20 else 1
        value = round(share * max_points * steps) / steps
        return Decimal(str(min(max(value, 0), max_points)))

    # Notice, objections, payments, outcomes --------------------------------------------------

    def _objections(self, round_: Round, spec: RoundSpec) -> None:
        """Last year's outstanding talents: one objection upheld (the next nominee moves up),
        one dismissed; the first round's: one dismissed."""
        ranked_on = round_.ranked_on
        lodged = ranked_on + (OBJECTED - RANKED) * DAY
        resolved = ranked_on + (RESOLVED - RANKED) * DAY
        cases = []
        if spec.key == "outstanding-1":
            cases = [
                (7, catalogue.OBJECTION_UPHELD, True),
                (3, catalogue.OBJECTION_DISMISSED, False),
            ]
        elif spec.key == "outstanding-3":
            cases = [(5, catalogue.OLD_OBJECTION_DISMISSED, False)]
        for number, (rank, (reason, resolution), uphold) in enumerate(cases):
            entry = RankingEntry.objects.filter(
                round=round_, rank=rank, status=EntryStatus.NOTICE
            ).first()
            if entry is None:
                continue
            objector = self._objector(entry)
            objection = self.at(
                lodged + number * DAY,
                services.objection_lodge,
                actor=objector,
                entry=entry,
                reason=reason,
                hour=20,
            )
            self.at(
                resolved,
                services.objection_resolve,
                actor=self.office,
                objection=objection,
                uphold=uphold,
                resolution=resolution,
                today=resolved,
                hour=15,
            )

    def _objector(self, entry: RankingEntry) -> User:
        """A colleague of the nominee (someone of the same enterprise, not nominated)."""
        colleagues = (
            Talent.objects.filter(
                employer_id=entry.nomination.enterprise_id, status=TalentStatus.IN_ZONE
            )
            .exclude(nominations__round=entry.round)
            .exclude(user__username__in=("talent",))
            .order_by("pk")
        )
        pks = list(colleagues.values_list("pk", flat=True)[:50])
        if not pks:
            return self.actors.for_talent(Talent.objects.exclude(user__username="talent").first())
        return self.actors.for_talent(Talent.objects.get(pk=self.rng.choice(pks)))

    def _pay(self, round_: Round, spec: RoundSpec, day: datetime.date) -> None:
        """The winners' rewards: all paid for the older rounds, the first by rank of last year's;
        the winners are remembered (a reward policy pays a talent once)."""
        entries = (
            RankingEntry.objects.filter(round=round_, status=EntryStatus.NAMED)
            .select_related("reward_application")
            .order_by("rank")
        )
        self.named[self._reward_code(spec)].update(e.nomination.talent_id for e in entries)
        paying = list(entries)
        if spec.years_ago == 1:
            paying = paying[:LAST_YEAR_PAID]
        memo = catalogue.PAYMENT_MEMO.format(round=round_.title)
        for number, entry in enumerate(paying):
            self.at(
                day,
                policies.application_pay,
                actor=self.office,
                application=entry.reward_application,
                memo=memo,
                hour=14,
                minute=number,
            )

    def _outcomes(self, round_: Round) -> None:
        """The province's answers to last year's recommendations: selected (a programme
        credential in the registry), not selected, and one still awaited."""
        month, day = PROGRAMME_DECIDED
        decided = datetime.date(round_.year, month, day)
        decided = min(max(decided, round_.announced_on), self.today)
        entries = RankingEntry.objects.filter(round=round_, status=EntryStatus.NAMED).order_by(
            "rank"
        )
        for entry, outcome in zip(entries, catalogue.PROGRAMME_OUTCOMES, strict=False):
            if outcome == "pending":
                continue
            self.at(
                decided + 2 * DAY,
                services.outcome_record,
                actor=self.office,
                entry=entry,
                selected=outcome == "selected",
                decided_on=decided,
                note=catalogue.PROGRAMME_NOTES[outcome],
                today=min(decided + 2 * DAY, self.today),
            )
