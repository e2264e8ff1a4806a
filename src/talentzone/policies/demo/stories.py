"""The demo's applications: each one walked through the services to where the plan leaves it.

An outcome names where an application ends up: ``draft``, ``review:2`` (waiting at the second
stage; ``review:2:overdue`` past its deadline), ``returned``, ``rejected``, ``notice`` (on public
notice; ``notice:objection`` with an open objection; ``notice:ended`` its days run out, waiting
for the morning task to close it), ``approved`` (not yet paid), ``paid`` and ``upheld`` (rejected
on an objection during the notice).

Each application is told as a story of actions, from the draft to that outcome, dated backwards
from the day the demo is seeded: the services take the day of each decision, so deadlines and
notice periods fall where they would have (overdue ones really are overdue). The timeline's own
timestamps are the moment of seeding: they are the services' to write.
"""

import datetime
from dataclasses import dataclass, field
from random import Random

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from talentzone.policies import services
from talentzone.policies.choices import Decision, FormulaKind, StageRole
from talentzone.policies.ledger import InsufficientBudget
from talentzone.policies.models import Application, Objection, Offer, Policy, ReviewStage

from . import words
from .accounts import Actors
from .attachments import demo_pdf

# Where each policy's applications end up; "paid*2" is two of them. Few national talents and
# enterprises qualify for some policies: at a small scale, fewer applications are made.
PLANS = {
    "national-programme-match": "paid notice review:2 review:1",
    "provincial-programme-match": (
        "paid approved notice:objection review:3:overdue review:2:overdue review:1*2 returned "
        "rejected draft"
    ),
    "national-science-award": "paid review:2",
    "provincial-science-award": "paid notice review:3 rejected",
    "agency-recruitment": "approved review:1:overdue returned",
    "agency-rent": "paid review:1",
    "agency-growth": "draft",
    "agency-tax": "paid notice:ended",
    "postdoctoral-workstation": "review:1",
    "academician-workstation": "paid",
    "rd-centre": "paid notice:objection review:1 rejected",
    "technology-centre": "paid approved",
    "housing-purchase": (
        "paid*2 approved notice notice:ended upheld review:3 review:3:overdue review:2 "
        "review:2:overdue review:1 review:1:overdue returned rejected draft"
    ),
    "housing-rent": "paid approved notice review:2 review:1 returned draft",
}
# The demo accounts' own applications, made first: (account, policy, outcome).
FEATURED = (
    ("talent", "housing-rent", "paid"),
    ("talent", "housing-purchase", "rejected"),
    ("talent", "housing-purchase", "returned"),
    ("hr", "postdoctoral-workstation", "paid"),
    ("hr", "academician-workstation", "notice"),
    ("hr", "technology-centre", "review:1"),
    ("agency", "agency-recruitment", "paid"),
    ("agency", "agency-growth", "review:2"),
    ("agency", "agency-tax", "returned"),
)
# Offers (免申即享) answered once the registry has been scanned: accepted ones go on to these
# outcomes, counting only the stages the registry does not prove (review:1 is the department's
# review); the rest stay open, the demo talent's among them.
ACCEPTED_OFFERS = {
    "provincial-programme-match": "review:1 review:1 review:2 notice",
    "national-programme-match": "review:1",
}
DECLINED_OFFERS = {"provincial-programme-match": 2}
# What applicants declare for per-unit and percentage formulas (counts; yuan).
UNITS = {"agency-recruitment": (12, 180), "housing-rent": (3, 12)}
DECLARED_YUAN = {
    "agency-rent": (60_000, 380_000),
    "agency-growth": (600_000, 12_000_000),
    "agency-tax": (90_000, 2_400_000),
}


@dataclass(frozen=True)
class Outcome:
    status: str
    stage: int = 0  # review: the stage it waits at (1 is the first)
    overdue: bool = False
    objection: bool = False  # notice: an open objection
    ended: bool = False  # notice: its days have run out

    @classmethod
    def parse(cls, text: str) -> "Outcome":
        status, *rest = text.split(":")
        if status == "review":
            return cls(status, stage=int(rest[0]), overdue="overdue" in rest)
        return cls(status, objection="objection" in rest, ended="ended" in rest)


def plan(text: str) -> list[Outcome]:
    outcomes = []
    for item in text.split():
        name, _star, times = item.partition("*")
        outcomes += [Outcome.parse(name)] * int(times or 1)
    return outcomes


@dataclass
class Step:
    action: str  # create, submit, accept (an offer), approve, return, resubmit, reject
    stage: ReviewStage | None = None
    day: datetime.date | None = None


@dataclass
class Story:
    """One application's way to its outcome: the steps up to the anchor (the decisive step),
    dated backwards from it, then what happens during its public notice."""

    outcome: Outcome
    steps: list[Step] = field(default_factory=list)
    reason: str = ""  # of the return or rejection, when the outcome has one


class Storyteller:
    """Makes the demo's applications through the services, as their actors."""

    def __init__(self, rng: Random, actors: Actors, today: datetime.date):
        self.rng = rng
        self.actors = actors
        self.today = today
        self.made = 0  # applications made
        self.refused = 0  # stories cut short because a budget line could not afford them

    # Applications ---------------------------------------------------------------------------

    def tell(self, policy: Policy, applicant, outcome: Outcome, reason: str = "") -> bool:
        """Walk one application to `outcome`; False when it could not even be created."""
        stages = list(policy.stages.order_by("position"))
        story = self._story(policy, stages, outcome, reason)
        actor = self.actors.for_applicant(applicant)
        first = story.steps[0]
        try:
            application = services.application_create(
                actor=actor,
                policy=policy,
                applicant=applicant,
                data=self._inputs(policy),
                today=first.day,
            )
        except ValidationError:
            return False  # not eligible on that day, or applied already: the caller tries another
        self.made += 1
        complete = outcome.status != "draft" or self.rng.random() < 0.5
        self._attach(actor, application, complete)
        self._continue(application, actor, story, story.steps[1:])
        return True

    def accept(self, offer: Offer, outcome: Outcome) -> None:
        """Accept an offer (the application skips the stages the registry proves), then go on."""
        policy = offer.policy
        stages = [s for s in policy.stages.order_by("position") if not s.proved_by_registry]
        story = self._story(policy, stages, outcome, "", from_offer=True)
        actor = self.actors.for_applicant(offer.applicant)
        application = services.offer_accept(actor=actor, offer=offer, today=story.steps[0].day)
        self.made += 1
        self._continue(application, actor, story, story.steps[1:])

    def _continue(self, application: Application, actor, story: Story, steps: list[Step]) -> None:
        try:
            for step in steps:
                application = self._act(application, actor, step, story.reason)
            self._after_notice(application, story.outcome)
        except InsufficientBudget:
            self.refused += 1  # the budget line could not afford it: it waits where it stopped

    def _act(self, application: Application, actor, step: Step, reason: str) -> Application:
        if step.action == "submit":
            return services.application_submit(actor=actor, application=application, today=step.day)
        if step.action == "resubmit":
            self._attach_extra(actor, application)
            services.application_update(
                actor=actor,
                application=application,
                data={"statement": application.statement + words.RESUBMITTED},
            )
            return services.application_submit(actor=actor, application=application, today=step.day)
        decision = {
            "approve": Decision.APPROVE,
            "return": Decision.RETURN,
            "reject": Decision.REJECT,
        }[step.action]
        if decision == Decision.APPROVE:
            reason = self.rng.choice(words.APPROVALS[step.stage.role])
        elif not reason:
            reason = self.rng.choice(
                words.RETURNS if decision == Decision.RETURN else words.REJECTIONS
            )
        return services.application_decide(
            actor=self._decider(application, step.stage),
            application=application,
            decision=decision,
            reason=reason,
            today=step.day,
        )

    def _after_notice(self, application: Application, outcome: Outcome) -> None:
        office = self.actors.office
        if outcome.status == "upheld" or outcome.objection:
            objection = services.objection_lodge(
                actor=self.actors.objector,
                application=application,
                reason=self.rng.choice(words.OBJECTIONS[application.applicant_kind]),
            )
            if outcome.status == "upheld":
                services.objection_resolve(
                    actor=office, objection=objection, uphold=True, resolution=words.UPHELD
                )
        elif outcome.status in ("notice", "approved", "paid") and self.rng.random() < 0.25:
            self._dismissed_objection(application)
        if outcome.status in ("approved", "paid"):
            # The morning task closes notices that have run their days: the platform acts.
            services.notice_close(actor=None, application=application, today=self.today)
        if outcome.status == "paid":
            services.application_pay(
                actor=office, application=application, memo=self.rng.choice(words.PAYMENTS)
            )

    def _dismissed_objection(self, application: Application) -> None:
        objection: Objection = services.objection_lodge(
            actor=self.actors.objector,
            application=application,
            reason=self.rng.choice(words.OBJECTIONS[application.applicant_kind]),
        )
        services.objection_resolve(
            actor=self.actors.office,
            objection=objection,
            uphold=False,
            resolution=self.rng.choice(words.DISMISSALS),
        )

    def _decider(self, application: Application, stage: ReviewStage):
        if stage.role == StageRole.ENTERPRISE_HR:
            employer = application.enterprise_id or application.talent.employer_id
            return self.actors.hr_of(employer)
        if stage.role == StageRole.REVIEWER:
            return self.actors.reviewer_of(stage.department)
        return self.actors.office

    # The story's steps and their days -------------------------------------------------------

    def _story(
        self,
        policy: Policy,
        stages: list[ReviewStage],
        outcome: Outcome,
        reason: str,
        from_offer: bool = False,
    ) -> Story:
        rng = self.rng
        story = Story(outcome, reason=reason)
        steps = [Step("accept")] if from_offer else [Step("create"), Step("submit")]
        if outcome.status == "draft":
            steps = [Step("create")]
        elif outcome.status == "review":
            for stage in stages[: outcome.stage - 1]:
                steps += self._approval(stage)
        elif outcome.status in ("returned", "rejected"):
            # The department checks the substance, so it returns or rejects; now and then the
            # office does, at the last stage.
            at = next(i for i, s in enumerate(stages) if s.role == StageRole.REVIEWER)
            if outcome.status == "rejected" and rng.random() < 0.3:
                at = len(stages) - 1
            steps += [Step("approve", stage) for stage in stages[:at]]
            steps.append(Step("return" if outcome.status == "returned" else "reject", stages[at]))
        else:
            for stage in stages:
                steps += self._approval(stage)
        self._date(steps, self._days_ago(policy, stages, outcome))
        story.steps = steps
        return story

    def _approval(self, stage: ReviewStage) -> list[Step]:
        """Approving a stage; now and then after a return for changes and a resubmission."""
        if stage.role == StageRole.REVIEWER and self.rng.random() < 0.15:
            return [Step("return", stage), Step("resubmit"), Step("approve", stage)]
        return [Step("approve", stage)]

    def _date(self, steps: list[Step], days_ago: int) -> None:
        """Date the last step `days_ago`, then each earlier one a few days before."""
        rng = self.rng
        steps[-1].day = self.today - datetime.timedelta(days=days_ago)
        for later, earlier in zip(reversed(steps), list(reversed(steps))[1:], strict=False):
            if earlier.action == "create":
                gap = rng.randint(0, 3)
            elif later.action == "resubmit":
                gap = rng.randint(2, 6)
            else:
                gap = rng.randint(1, 5)
            earlier.day = later.day - datetime.timedelta(days=gap)

    def _days_ago(self, policy: Policy, stages: list[ReviewStage], outcome: Outcome) -> int:
        """How long ago the story's last step was, for its outcome to hold today."""
        rng = self.rng
        if outcome.status == "draft":
            return rng.randint(0, 6)
        if outcome.status == "review":
            deadline = stages[outcome.stage - 1].deadline_days
            if outcome.overdue:
                return deadline + rng.randint(1, 8)
            return rng.randint(0, deadline - 1)
        if outcome.status == "returned":
            return rng.randint(1, 10)
        if outcome.status == "rejected":
            return rng.randint(2, 60)
        notice = policy.notice_days
        if outcome.status in ("notice", "upheld"):
            return notice + rng.randint(1, 2) if outcome.ended else rng.randint(0, notice - 1)
        if outcome.status == "approved":
            return notice + rng.randint(2, 25)
        return notice + rng.randint(25, 120)  # paid

    # What the applicant provides ------------------------------------------------------------

    def _inputs(self, policy: Policy) -> dict:
        rng = self.rng
        data = {"statement": rng.choice(words.STATEMENTS[policy.applicant_kind])}
        if policy.formula == FormulaKind.PER_UNIT:
            data["unit_count"] = rng.randint(*UNITS.get(policy.code, (1, 10)))
        if policy.formula == FormulaKind.PERCENTAGE:
            low, high = DECLARED_YUAN.get(policy.code, (10_000, 100_000))
            data["declared_fen"] = rng.randrange(low, high) * 100 + rng.choice((0, 0, 50, 80))
        return data

    def _attach(self, actor, application: Application, complete: bool) -> None:
        documents = list(application.policy.documents.all())
        if not complete:
            documents = documents[: max(0, len(documents) - 1)]
        for document in documents:
            services.attachment_add(
                actor=actor,
                application=application,
                uploaded_file=ContentFile(
                    demo_pdf(application, document.name), name=f"{document.name}.pdf"
                ),
                document=document,
            )

    def _attach_extra(self, actor, application: Application) -> None:
        services.attachment_add(
            actor=actor,
            application=application,
            uploaded_file=ContentFile(
                demo_pdf(application, words.SUPPLEMENT), name=f"{words.SUPPLEMENT}.pdf"
            ),
        )
