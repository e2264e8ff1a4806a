"""Seed the demo's policies, this year's budget, applications in every state, and offers.

`talentzone seed` calls `seed_policies` after the zone and the demo accounts, in the same
transaction. The policies (catalogue.py) are the zone's programmes as an administrator would
have entered them; the applications (stories.py) are made through the services, as the people
who would have made them, so every one has its timeline, audit records, ledger entries and
notifications. The demo accounts see their share: the talent has applications in several states
and an open offer, the HR account's enterprise has people waiting for its confirmation, the
reviewer has a queue, the office has approvals to give, a notice with an open objection and
approved grants to pay.

The same database gets the same demo: the draws come from one `random.Random` with a fixed
seed. Dates are relative to the day of seeding (the services date what they do today). The
number of applications does not grow with the scale; the budget, 14.5 million yuan on six lines,
covers them at any scale.
"""

import datetime
import time
from collections.abc import Callable
from random import Random

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from talentzone.directory.models import Department
from talentzone.policies import services
from talentzone.policies.choices import ApplicantKind, ApplicationStatus, OfferStatus
from talentzone.policies.eligibility import SUBJECTS, compile_to_q, parse
from talentzone.policies.models import Application, BudgetLine, Offer, Policy

from . import catalogue, words
from .accounts import Actors
from .stories import (
    ACCEPTED_OFFERS,
    DECLINED_OFFERS,
    FEATURED,
    PLANS,
    Outcome,
    Storyteller,
    plan,
)

Report = Callable[[str], None]
SEED = "talentzone-demo-policies"
PROGRESS_EVERY = 2.0  # seconds between progress lines
SPARE_CANDIDATES = 20  # applicants drawn beyond a plan's count, for those a rule turns away


def is_seeded() -> bool:
    """The demo's policies are there, or the office has entered its own: leave them alone."""
    return Policy.objects.exists() or BudgetLine.objects.exists()


def seed_policies(
    scale: float, report: Report = lambda line: None, today: datetime.date | None = None
) -> bool:
    """Seed the demo's policies, budget, applications and offers; False (nothing written) when
    there are policies or budget lines already. `scale` is the zone's: the registry grows with
    it, the demo's applications and budget do not."""
    if is_seeded():
        return False
    with transaction.atomic():
        PolicySeeder(today or timezone.localdate(), report).seed()
    return True


def policy_counts() -> list[tuple[str, int]]:
    """Rows of the policies app, for the seed's summary: applications by status too."""
    counts = [
        (str(model._meta.verbose_name_plural), model.objects.count())
        for model in (Policy, BudgetLine, Application, Offer)
    ]
    by_status = dict(
        Application.objects.values_list("status").annotate(n=Count("id")).order_by("status")
    )
    plural = Application._meta.verbose_name_plural
    counts += [
        (f"{plural} · {status.label}", by_status.get(status.value, 0))
        for status in ApplicationStatus
    ]
    return counts


class PolicySeeder:
    def __init__(self, today: datetime.date, report: Report):
        self.today = today
        self.report = report
        self.rng = Random(SEED)
        self.actors = Actors(Random(f"{SEED}/accounts"))
        self.teller = Storyteller(self.rng, self.actors, today)
        self.started = time.monotonic()
        self.last_report = 0.0
        self.departments = Department.objects.in_bulk(field_name="code")

    def seed(self) -> None:
        lines = self._budget_lines()
        policies = {spec.code: self._policy(spec, lines) for spec in catalogue.POLICIES}
        self._progress(Policy, len(policies), len(policies))
        self._featured(policies)
        for number, (code, text) in enumerate(PLANS.items(), start=1):
            self._applications(policies[code], plan(text))
            self._progress(Application, number, len(PLANS), self.teller.made)
        self._offers(policies)
        if self.teller.refused:
            self.report(f"{self.teller.refused} applications wait at their last stage: budget")

    # Budget and policies --------------------------------------------------------------------

    def _budget_lines(self) -> dict[str, BudgetLine]:
        """This year's lines. No service writes budget lines yet: validated and saved here."""
        departments = self.departments
        lines = {}
        for spec in catalogue.BUDGET_LINES:
            line = BudgetLine(
                year=self.today.year,
                code=spec.code,
                name=spec.name,
                owner=departments[spec.owner],
                amount=spec.yuan * catalogue.YUAN,
            )
            line.full_clean()
            line.save()
            lines[spec.code] = line
        return lines

    def _policy(self, spec: catalogue.PolicySpec, lines: dict[str, BudgetLine]) -> Policy:
        year = self.today.year
        policy = Policy(
            code=spec.code,
            title=spec.title,
            title_en=spec.title_en,
            legal_basis=spec.legal_basis.format(issued=year - 1),
            summary=spec.summary,
            applicant_kind=spec.applicant_kind,
            # Issued last year for three years; this year's budget pays.
            valid_from=datetime.date(year - 1, 1, 1),
            valid_until=datetime.date(year + 1, 12, 31),
            rule=catalogue.rule_text(spec, year),
            formula=spec.formula,
            amount_fen=spec.amount_yuan * catalogue.YUAN if spec.amount_yuan else None,
            unit_label=spec.unit_label,
            tier_amounts={code: yuan * catalogue.YUAN for code, yuan in spec.tier_yuan.items()},
            rate_basis_points=spec.rate_basis_points,
            declared_label=spec.declared_label,
            cap_fen=spec.cap_yuan * catalogue.YUAN if spec.cap_yuan else None,
            budget_line=lines[spec.line],
            notice_days=spec.notice_days,
        )
        departments = self.departments
        stages = [
            {
                "position": position,
                "name": stage.name,
                "role": stage.role,
                "department": departments[stage.department] if stage.department else None,
                "deadline_days": stage.deadline_days,
                "proved_by_registry": stage.proved_by_registry,
            }
            for position, stage in enumerate(spec.stages, start=1)
        ]
        documents = [
            {"position": position, "name": name, "description": description}
            for position, (name, description) in enumerate(spec.documents, start=1)
        ]
        return services.policy_save(
            actor=self.actors.office, policy=policy, stages=stages, documents=documents
        )

    # Applications ---------------------------------------------------------------------------

    def _featured(self, policies: dict[str, Policy]) -> None:
        """The demo accounts' own applications first, so the draws cannot take their places."""
        records = {
            "talent": lambda: self.actors.talent_user.talent,
            "hr": lambda: self._record("enterprise", self.actors.demo_enterprise_id),
            "agency": lambda: self._record("agency", self.actors.demo_agency_id),
        }
        for account, code, outcome in FEATURED:
            reason = words.FEATURED_REASONS.get((account, code, outcome), "")
            policy = policies[code]
            self.teller.tell(policy, records[account](), Outcome.parse(outcome), reason)

    def _applications(self, policy: Policy, outcomes: list[Outcome]) -> None:
        """Draw applicants among those eligible today, the demo HR account's colleagues first
        for the outcomes that wait for their employer's confirmation."""
        eligible = self._eligible(policy)
        pool = self._draw(eligible.values_list("pk", flat=True), len(outcomes))
        colleagues = []
        if policy.applicant_kind == ApplicantKind.TALENT:
            at_demo_employer = eligible.filter(employer_id=self.actors.demo_enterprise_id)
            colleagues = self._draw(at_demo_employer.values_list("pk", flat=True), len(outcomes))
        model = SUBJECTS[policy.applicant_kind].model
        used = set()
        for outcome in outcomes:
            waits_for_employer = outcome.status == "review" and outcome.stage == 1
            candidates = (colleagues if waits_for_employer else []) + pool
            for pk in candidates:
                if pk in used:
                    continue
                used.add(pk)
                if self.teller.tell(policy, model.objects.get(pk=pk), outcome):
                    break

    def _eligible(self, policy: Policy):
        """Who may apply today and has not applied yet (the demo talent keeps their offer)."""
        model = SUBJECTS[policy.applicant_kind].model
        rule = parse(policy.rule, subject=policy.applicant_kind)
        eligible = compile_to_q(rule, self.today).apply(model.objects.order_by("pk"))
        field = policy.applicant_kind
        applied = Application.objects.filter(policy=policy).values(f"{field}_id")
        eligible = eligible.exclude(pk__in=applied)
        if field == ApplicantKind.TALENT:
            eligible = eligible.exclude(user=self.actors.talent_user)
        return eligible

    def _draw(self, pks, count: int) -> list[int]:
        pks = list(pks)
        return self.rng.sample(pks, min(len(pks), count + SPARE_CANDIDATES))

    @staticmethod
    def _record(kind: str, pk: int):
        return SUBJECTS[kind].model.objects.get(pk=pk)

    # Offers ---------------------------------------------------------------------------------

    def _offers(self, policies: dict[str, Policy]) -> None:
        """Scan the policies the registry proves (免申即享); answer a few of the offers."""
        offered = [policies[spec.code] for spec in catalogue.POLICIES if spec.offered]
        for policy in offered:
            services.scan_policy(policy, self.today)
        self._progress(Offer, len(offered), len(offered))
        for code, text in ACCEPTED_OFFERS.items():
            offers = self._open_offers(policies[code], len(plan(text)))
            for offer, outcome in zip(offers, plan(text), strict=False):
                self.teller.accept(offer, outcome)
        for code, count in DECLINED_OFFERS.items():
            for offer in self._open_offers(policies[code], count):
                actor = self.actors.for_applicant(offer.applicant)
                services.offer_decline(actor=actor, offer=offer)

    def _open_offers(self, policy: Policy, count: int) -> list[Offer]:
        offers = Offer.objects.filter(policy=policy, status=OfferStatus.OPEN).exclude(
            talent__user=self.actors.talent_user
        )
        pks = list(offers.order_by("pk").values_list("pk", flat=True))
        chosen = self.rng.sample(pks, min(len(pks), count))
        return [Offer.objects.get(pk=pk) for pk in chosen]

    def _progress(self, model, done: int, total: int, made: int | None = None) -> None:
        """A line now and then, like the zone's: how far, and the applications made so far."""
        now = time.monotonic() - self.started
        if done < total and now - self.last_report < PROGRESS_EVERY:
            return
        self.last_report = now
        label = model._meta.verbose_name_plural
        count = f"{done}/{total}" if made is None else f"{made} · {done}/{total}"
        self.report(f"{label} {count} ({now:.1f} s)")
