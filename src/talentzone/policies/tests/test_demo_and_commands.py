"""The demo's policies, budget and applications, and the two scheduled tasks with their commands.

The demo is seeded once for the module, at a small scale, on a fixed day (the demo dates what it
does from the day it is seeded), inside a transaction that is rolled back after the module: its
audit records and timelines cannot be deleted, only never committed.
"""

import datetime
import hashlib
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings
from django.utils import translation

from talentzone.core.models import User
from talentzone.policies import ledger, queries, tasks
from talentzone.policies.choices import (
    ApplicationStatus,
    ObjectionStatus,
    OfferStatus,
    StageRole,
)
from talentzone.policies.demo import catalogue, seed_policies
from talentzone.policies.eligibility import describe, parse
from talentzone.policies.models import Application, BudgetLine, Objection, Offer, Policy

pytestmark = pytest.mark.django_db

DEMO_DAY = datetime.date(2026, 9, 15)
SCALE = "0.01"
YUAN = 100


class Rollback(Exception):
    pass


def demo_digest() -> str:
    """The demo's applications, offers and timelines, named without database ids."""
    digest = hashlib.sha256()

    def applicant(row: dict) -> str:
        return str(row["talent__name"] or row["enterprise__name"] or row["agency__name"])

    applications = Application.objects.values(
        "pk",
        "policy__code",
        "status",
        "stage__position",
        "amount_fen",
        "unit_count",
        "declared_fen",
        "statement",
        "from_offer",
        "talent__name",
        "enterprise__name",
        "agency__name",
        "created_by__username",
    )
    rows = []
    for row in applications:
        events = Application.objects.get(pk=row.pop("pk")).events.values_list(
            "kind", "reason", "actor__username"
        )
        rows.append((applicant(row), sorted(row.items()), list(events)))
    offers = Offer.objects.values_list("policy__code", "talent__name", "venture__name", "status")
    digest.update(repr(sorted(rows, key=repr)).encode())
    digest.update(repr(sorted(offers, key=repr)).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo at scale 0.01 on DEMO_DAY, seeded twice from the same registry to compare.
    Yields (summary printed by `seed`, digest of the first seeding, digest of the second)."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        mock.patch("django.utils.timezone.localdate", return_value=DEMO_DAY),
        # The housing and awards demos add policies of their own; these tests read the catalogue's.
        mock.patch(
            "talentzone.directory.management.commands.seed.seed_housing", return_value=False
        ),
        mock.patch("talentzone.directory.management.commands.seed.seed_awards", return_value=False),
        mock.patch(
            "talentzone.directory.management.commands.seed.seed_insights", return_value=False
        ),
        translation.override("en"),
        transaction.atomic(),
    ):
        call_command("seed", "--scale", SCALE, "--registry-only", verbosity=0)
        try:
            with transaction.atomic():
                seed_policies(float(SCALE))
                first = demo_digest()
                raise Rollback
        except Rollback:
            pass
        out = StringIO()
        call_command("seed", "--scale", SCALE, stdout=out)
        yield out.getvalue(), first, demo_digest()
        transaction.set_rollback(True)


def accounts() -> dict[str, User]:
    names = ["talent", "hr", "reviewer", "office", "agency"]
    return User.objects.in_bulk(names, field_name="username")


# The demo ------------------------------------------------------------------------------------


def test_the_demo_has_applications_in_every_status(demo):
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)


def test_seeding_a_zone_without_policies_adds_them_and_counts_them(demo):
    summary, _first, _second = demo
    assert "Seeded the demo policies" in summary
    assert f"policies: {len(catalogue.POLICIES)}" in summary
    assert f"budget lines: {len(catalogue.BUDGET_LINES)}" in summary
    assert f"applications: {Application.objects.count()}" in summary


def test_the_same_registry_and_day_give_the_same_demo(demo):
    _summary, first, second = demo
    assert first == second


def test_seeding_again_adds_nothing(demo):
    before = (Policy.objects.count(), Application.objects.count(), Offer.objects.count())
    out = StringIO()
    with translation.override("en"):
        call_command("seed", "--scale", SCALE, stdout=out)
    assert "already seeded" in out.getvalue()
    assert (Policy.objects.count(), Application.objects.count(), Offer.objects.count()) == before


def test_every_demo_policy_reads_validates_and_says_what_it_asks(demo):
    policies = Policy.objects.prefetch_related("stages", "documents")
    assert {policy.code for policy in policies} == {spec.code for spec in catalogue.POLICIES}
    for policy in policies:
        policy.full_clean()
        with translation.override("zh-hans"):
            assert describe(parse(policy.rule, subject=policy.applicant_kind)), policy.code
        assert policy.valid_from <= DEMO_DAY <= policy.valid_until
        assert 2 <= policy.stages.count() <= 3, policy.code
        assert policy.stages.order_by("position").last().role == StageRole.OFFICE_ADMIN
        assert policy.documents.exists(), policy.code
        assert 5 <= policy.notice_days <= 7
        assert policy.budget_line.year == DEMO_DAY.year


def test_the_years_budget_is_over_ten_million_yuan_and_covers_the_demo(demo):
    lines = BudgetLine.objects.filter(year=DEMO_DAY.year)
    assert 12_000_000 * YUAN <= lines.aggregate(total=Sum("amount"))["total"] <= 15_000_000 * YUAN
    assert lines.exclude(owner=None).count() == len(catalogue.BUDGET_LINES)
    for line in lines:
        figures = ledger.line_figures(line)
        assert figures.free >= 0, line
        assert figures.reserved + figures.disbursed <= line.amount
    assert ledger.line_figures(Policy.objects.get(code="housing-purchase").budget_line).disbursed


def test_the_demo_talent_has_applications_in_several_states_and_an_open_offer(demo):
    talent = accounts()["talent"]
    mine = queries.visible_applications(talent).filter(talent__user=talent)
    assert len(set(mine.values_list("status", flat=True))) >= 3
    assert queries.visible_offers(talent).filter(status=OfferStatus.OPEN).exists()


def test_the_demo_hr_account_has_colleagues_waiting_for_its_confirmation(demo):
    hr = accounts()["hr"]
    waiting = queries.review_queue(hr)
    assert waiting.filter(stage__role=StageRole.ENTERPRISE_HR, talent__isnull=False).exists()
    assert queries.visible_applications(hr).filter(enterprise__isnull=False).exists()


def test_the_demo_reviewer_has_a_queue(demo):
    queue = queries.review_queue(accounts()["reviewer"])
    assert queue.filter(stage__role=StageRole.REVIEWER).exists()


def test_the_office_has_approvals_an_open_objection_overdue_reviews_and_grants_to_pay(demo):
    office = accounts()["office"]
    assert queries.review_queue(office).filter(stage__role=StageRole.OFFICE_ADMIN).exists()
    open_objection = Objection.objects.filter(status=ObjectionStatus.OPEN)
    assert open_objection.filter(application__status=ApplicationStatus.NOTICE).exists()
    assert queries.overdue_reviews(DEMO_DAY).exists()
    assert Application.objects.filter(status=ApplicationStatus.APPROVED).exists()


def test_every_demo_application_has_its_timeline_and_its_money_on_the_ledger(demo):
    for application in Application.objects.select_related("policy"):
        assert application.events.exists()
        if application.policy.is_in_kind:  # a place or a service: never on the ledger
            assert application.reservation_id is None
        elif application.status in (ApplicationStatus.NOTICE, ApplicationStatus.APPROVED):
            assert ledger.outstanding(application.reservation) == application.amount_fen


# Commands and tasks --------------------------------------------------------------------------


def run(command: str, *args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command(command, *args, stdout=out)
    return out.getvalue()


def test_scan_offers_prints_the_offers_of_each_policy_and_makes_them_once(demo):
    before = Offer.objects.count()
    output = run("scan_offers", "--date", DEMO_DAY.isoformat())
    made = Offer.objects.count() - before
    assert made > 0
    for policy in Policy.objects.open_on(DEMO_DAY):
        assert f"{policy.code}: " in output
    assert f"{made:,} offers made for {Policy.objects.count()} policies on 2026-09-15" in output
    again = run("scan_offers", "--date", DEMO_DAY.isoformat())
    assert Offer.objects.count() == before + made
    assert "0 offers made" in again


def test_scan_offers_scans_one_policy_when_asked(demo):
    output = run("scan_offers", "--policy", "housing-rent", "--date", DEMO_DAY.isoformat())
    assert "[1/1] housing-rent: " in output
    assert set(Offer.objects.values_list("policy__code", flat=True).distinct()) <= {
        "housing-rent",
        *(spec.code for spec in catalogue.POLICIES if spec.offered),
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--policy", "no-such-policy"], "There is no policy with the code no-such-policy."),
        (["--policy", "housing-rent", "--date", "2040-01-01"], "does not take applications"),
    ],
)
def test_scan_offers_refuses_a_policy_it_cannot_scan(demo, arguments, message):
    with pytest.raises(CommandError, match=message), translation.override("en"):
        call_command("scan_offers", *arguments, stdout=StringIO())


def test_close_notices_approves_the_notices_that_ended_once(demo):
    ended = Application.objects.filter(
        status=ApplicationStatus.NOTICE, notice_ends_on__lt=DEMO_DAY
    ).exclude(objections__status=ObjectionStatus.OPEN)
    due = {pk: code for pk, code in ended.values_list("pk", "policy__code")}
    assert due, "the demo leaves notices that ended for the morning task"
    output = run("close_notices", "--date", DEMO_DAY.isoformat())
    assert f"{len(due)} notice" in output
    for code in set(due.values()):
        assert f"{code}: " in output
    approved = Application.objects.filter(pk__in=due, status=ApplicationStatus.APPROVED)
    assert approved.count() == len(due)
    assert "0 notices closed" in run("close_notices", "--date", DEMO_DAY.isoformat())


def test_the_scheduled_tasks_run_in_process_and_answer_their_counts(demo):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {tasks.scan_offers.name, tasks.close_notices.name} <= scheduled
    before = Offer.objects.count()
    offers = tasks.scan_offers.delay(DEMO_DAY.isoformat()).get()
    assert set(offers) == set(Policy.objects.open_on(DEMO_DAY).values_list("code", flat=True))
    assert sum(offers.values()) == Offer.objects.count() - before > 0
    assert tasks.scan_offers.delay(DEMO_DAY.isoformat()).get() == dict.fromkeys(offers, 0)
    closed = tasks.close_notices.delay(DEMO_DAY.isoformat()).get()
    assert closed >= 1
    assert tasks.close_notices.delay(DEMO_DAY.isoformat()).get() == 0
