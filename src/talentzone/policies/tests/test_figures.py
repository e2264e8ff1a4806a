"""The policies app's figures, over a small hand-made ledger, timelines and offers.

Records are written at chosen moments (a clock stands in for `timezone.now`, which the timestamp
fields and the ledger read); the expected figures are worked out by hand in each test. Times are
the zone's (Asia/Shanghai): 23:30 on 31 March is still March, 00:30 on 1 April (16:30 UTC on
31 March) is April.
"""

import datetime
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from talentzone.core import figures as registry
from talentzone.core.figures import Chart, Period
from talentzone.directory.tests.factories import TalentFactory
from talentzone.policies import figures, ledger, queries
from talentzone.policies.choices import (
    ApplicantKind,
    ApplicationStatus,
    EventKind,
    OfferStatus,
)
from talentzone.policies.models import Application, ApplicationEvent, Offer
from talentzone.policies.tests.factories import (
    BudgetLineFactory,
    PolicyFactory,
    three_stage_policy,
)

YUAN = 100  # fen
Q1 = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
YEAR = Period.year(2026)
APRIL = Period.month(2026, 4)
MAY = Period.month(2026, 5)  # nothing happens in it


def local(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2026):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


@contextmanager
def clock(moment: datetime.datetime):
    """Everything written inside happens at `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def yuan(amount) -> Decimal:
    return Decimal(amount)


def query_of(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


@pytest.fixture
def office(make_user):
    return make_user("office_admin")


# Money -----------------------------------------------------------------------------------------


class Money:
    """Line A (2026, rc-01, ¥1,000,000) pays policy P1, line B (2026, rc-02, ¥200,000) pays P2;
    an old line (2025) paid ¥10,000 in December 2025.

    a1 P1 ¥100,000 reserved 10 Jan, paid 15 Feb
    a2 P1 ¥50,000  reserved 1 Feb, paid 31 Mar 23:30
    a3 P2 ¥80,000  reserved 5 Mar, paid 1 Apr 00:30
    a4 P2 ¥30,000  reserved 20 Mar, not paid
    a5 P1 ¥20,000  reserved 25 Mar, released 10 Apr (objection upheld)
    on line B, for no application: ¥5,000 reserved 5 Jan, ¥2,000 of it paid 20 Jan.
    """

    def __init__(self, office):
        self.office = office
        self.line_a = BudgetLineFactory(code="rc-01", amount=1_000_000 * YUAN)
        self.line_b = BudgetLineFactory(code="rc-02", amount=200_000 * YUAN)
        self.old_line = BudgetLineFactory(year=2025, code="rc-01", amount=300_000 * YUAN)
        self.p1 = PolicyFactory(code="p1", title="人才奖励甲", budget_line=self.line_a)
        self.p2 = PolicyFactory(code="p2", title="人才奖励乙", budget_line=self.line_b)
        self.p0 = PolicyFactory(code="p0", title="旧政策", budget_line=self.old_line)
        self.a1 = self.approved(self.p1, 100_000, local(1, 10))
        self.pay(self.a1, local(2, 15))
        self.a2 = self.approved(self.p1, 50_000, local(2, 1))
        self.pay(self.a2, local(3, 31, 23, 30))
        self.a3 = self.approved(self.p2, 80_000, local(3, 5))
        self.pay(self.a3, local(4, 1, 0, 30))
        self.a4 = self.approved(self.p2, 30_000, local(3, 20))
        self.a5 = self.approved(self.p1, 20_000, local(3, 25))
        with clock(local(4, 10)):
            ledger.release(actor=office, reservation_entry=self.a5.reservation)
            self.a5.status = ApplicationStatus.REJECTED
            self.a5.save()
        with clock(local(1, 5)):
            bare = ledger.reserve(
                actor=office, line=self.line_b, amount=5_000 * YUAN, reference="手工预留"
            )
        with clock(local(1, 20)):
            ledger.disburse(actor=office, reservation_entry=bare, amount=2_000 * YUAN)
        self.old = self.approved(self.p0, 10_000, local(12, 1, year=2025))
        self.pay(self.old, local(12, 20, year=2025))

    def approved(self, policy, amount_yuan: int, when) -> Application:
        with clock(when):
            reservation = ledger.reserve(
                actor=self.office,
                line=policy.budget_line,
                amount=amount_yuan * YUAN,
                reference=f"{policy.code} 申请",
            )
            return Application.objects.create(
                policy=policy,
                applicant_kind=ApplicantKind.TALENT,
                talent=TalentFactory(),
                created_by=self.office,
                status=ApplicationStatus.APPROVED,
                amount_fen=amount_yuan * YUAN,
                reservation=reservation,
                submitted_at=when,
                decided_at=when,
            )

    def pay(self, application: Application, when) -> None:
        with clock(when):
            ledger.disburse(actor=self.office, reservation_entry=application.reservation)
            application.status = ApplicationStatus.PAID
            application.paid_at = when
            application.save()


@pytest.fixture
def money(office):
    return Money(office)


def test_budget_by_line_splits_each_line_as_the_ledger_stood_at_the_period_end(money):
    data = queries.budget_by_line(Q1)

    # Only 2026's lines, by code. By 31 March: a1 and a2 paid (the 23:30 payment included),
    # a3 and a4 and a5 reserved, the bare reservation partly paid; a3's payment at 00:30 on
    # 1 April and a5's release on 10 April are not yet written.
    assert data.categories == ["rc-01 人才奖励", "rc-02 人才奖励"]
    assert data.keys == [str(money.line_a.pk), str(money.line_b.pk)]
    assert data.get("disbursed").values == [yuan(150_000), yuan(2_000)]
    assert data.get("reserved").values == [yuan(20_000), yuan(113_000)]
    assert data.get("free").values == [yuan(830_000), yuan(85_000)]


def test_budget_by_line_at_the_year_end_matches_the_ledger_page(money):
    data = queries.budget_by_line(YEAR)

    assert data.get("disbursed").values == [yuan(150_000), yuan(82_000)]
    assert data.get("reserved").values == [yuan(0), yuan(33_000)]
    assert data.get("free").values == [yuan(850_000), yuan(85_000)]
    # The three parts of each bar add up to the line's budget.
    assert [sum(values) for values in zip(*(s.values for s in data.series), strict=True)] == [
        yuan(1_000_000),
        yuan(200_000),
    ]
    # Now (no day given) the ledger's own figures say the same, in fen.
    assert ledger.line_figures(money.line_b) == ledger.Figures(
        amount=200_000 * YUAN, reserved=33_000 * YUAN, disbursed=82_000 * YUAN, free=85_000 * YUAN
    )


def test_budget_by_line_of_another_year_and_of_a_year_without_lines(money):
    data = queries.budget_by_line(Period.year(2025))
    assert data.categories == ["rc-01 人才奖励"]
    assert data.get("disbursed").values == [yuan(10_000)]
    assert data.get("reserved").values == [yuan(0)]
    assert data.get("free").values == [yuan(290_000)]

    empty = queries.budget_by_line(Period.year(2024))
    assert empty.categories == [] and [s.values for s in empty.series] == [[], [], []]


def test_a_line_without_entries_is_all_free(db):
    line = BudgetLineFactory(code="rc-09", amount=70_000 * YUAN)
    data = queries.budget_by_line(Q1)
    assert data.keys == [str(line.pk)]
    assert [s.values for s in data.series] == [[yuan(0)], [yuan(0)], [yuan(70_000)]]


def test_disbursed_by_policy_counts_the_payments_of_the_period_largest_first(money):
    data = queries.disbursed_by_policy(Q1)

    # P1: a1 ¥100,000 + a2 ¥50,000 (31 March 23:30); P2's only payment is on 1 April; the
    # payment for no application under its own heading.
    assert data.keys == [str(money.p1.pk), ""]
    assert data.categories[0] == "人才奖励甲"
    assert data.get("disbursed").values == [yuan(150_000), yuan(2_000)]

    april = queries.disbursed_by_policy(APRIL)
    assert april.keys == [str(money.p2.pk)]
    assert april.get("disbursed").values == [yuan(80_000)]

    year = queries.disbursed_by_policy(YEAR)
    assert year.keys == [str(money.p1.pk), str(money.p2.pk), ""]
    assert year.total() == yuan(232_000)

    assert queries.disbursed_by_policy(MAY).categories == []


def test_payments_by_month(money):
    data = queries.payments_by_month(Q1)
    assert data.categories == data.keys == ["2026-01", "2026-02", "2026-03"]
    assert data.get("disbursed").values == [yuan(2_000), yuan(100_000), yuan(50_000)]

    # A period cut across months counts only its own days of each.
    straddling = queries.payments_by_month(
        Period(datetime.date(2026, 3, 15), datetime.date(2026, 4, 15))
    )
    assert straddling.keys == ["2026-03", "2026-04"]
    assert straddling.get("disbursed").values == [yuan(50_000), yuan(80_000)]

    late_march = queries.payments_by_month(Period(datetime.date(2026, 3, 31), APRIL.end))
    assert late_march.get("disbursed").values == [yuan(50_000), yuan(80_000)]

    assert queries.payments_by_month(MAY).get("disbursed").values == [yuan(0)]
    assert queries.payments_by_month(Period.month(2025, 12)).total() == yuan(10_000)


def test_the_money_drills_lead_to_the_paid_applications_behind_the_bar(client, office, money):
    policy_url = figures.payments_of_policy(str(money.p1.pk), Q1)
    assert policy_url.startswith(reverse("policies:payment-list"))
    assert query_of(policy_url) == {
        "status": "paid",
        "policy": str(money.p1.pk),
        "paid_from": "2026-01-01",
        "paid_until": "2026-03-31",
    }
    client.force_login(office)
    page = client.get(policy_url).content.decode()
    for shown in (money.a1, money.a2):
        assert shown.number in page
    for hidden in (money.a3, money.a4, money.a5):
        assert hidden.number not in page
    # Payments for no application have no list.
    assert figures.payments_of_policy("", Q1) is None

    month_url = figures.payments_of_month(
        "2026-03", Period(datetime.date(2026, 3, 15), datetime.date(2026, 4, 15))
    )
    assert query_of(month_url) == {
        "status": "paid",
        "paid_from": "2026-03-15",
        "paid_until": "2026-03-31",
    }
    assert figures.payments_of_month("not-a-month", Q1) is None

    line_url = figures.payments_of_line(str(money.line_a.pk), Q1)
    assert query_of(line_url) == {
        "status": "paid",
        "budget_line": str(money.line_a.pk),
        "paid_from": "2026-01-01",
        "paid_until": "2026-03-31",
    }
    assert client.get(line_url).status_code == 200


# Timelines -------------------------------------------------------------------------------------


class Timelines:
    """Applications under a three-stage policy (s1 the enterprise confirms, s2 a department
    reviews, s3 the office approves), their timelines written by hand:

    b1 created 5 Jan, submitted 6 Jan, s1 approved 8 Jan, s2 13 Jan, s3 14 Jan and notice
       started, approved 20 Jan, paid 2 Feb
    b2 created 10 Jan, submitted 12 Jan, returned at s1 15 Jan, resubmitted 1 Feb, s1 approved
       3 Feb, rejected at s2 10 Feb
    b3 created 1 Mar, submitted 2 Mar, s1 approved 4 Mar (waiting at s2)
    b4 from an offer: created and submitted 20 Mar with s1 skipped, s2 approved 25 Mar, s3
       approved and notice started 31 Mar 23:30, objection lodged 2 Apr and upheld 5 Apr,
       rejected 5 Apr
    b5 created 20 Feb, a draft
    b6 granted 10 Mar (created, every stage skipped), paid 17 Mar
    b7 created 1 Apr 00:30, submitted 2 Apr (waiting at s1)
    b8 created 1 Feb, submitted 2 Feb, returned at s1 5 Feb
    """

    def __init__(self, office):
        self.office = office
        self.policy = three_stage_policy(code="ps", title="三段审核政策")
        s1, s2, s3 = (self.policy.stages.get(position=n) for n in (1, 2, 3))
        E = EventKind
        self.b1 = self.application(
            ApplicationStatus.PAID,
            [
                (E.CREATED, local(1, 5)),
                (E.SUBMITTED, local(1, 6)),
                (E.APPROVED_STAGE, local(1, 8), s1),
                (E.APPROVED_STAGE, local(1, 13), s2),
                (E.APPROVED_STAGE, local(1, 14), s3),
                (E.NOTICE_STARTED, local(1, 14)),
                (E.APPROVED, local(1, 20)),
                (E.PAID, local(2, 2)),
            ],
        )
        self.b2 = self.application(
            ApplicationStatus.REJECTED,
            [
                (E.CREATED, local(1, 10)),
                (E.SUBMITTED, local(1, 12)),
                (E.RETURNED, local(1, 15), s1),
                (E.RESUBMITTED, local(2, 1)),
                (E.APPROVED_STAGE, local(2, 3), s1),
                (E.REJECTED, local(2, 10), s2),
            ],
        )
        self.b3 = self.application(
            ApplicationStatus.IN_REVIEW,
            [
                (E.CREATED, local(3, 1)),
                (E.SUBMITTED, local(3, 2)),
                (E.APPROVED_STAGE, local(3, 4), s1),
            ],
            stage=s2,
        )
        self.b4 = self.application(
            ApplicationStatus.REJECTED,
            [
                (E.CREATED, local(3, 20)),
                (E.SUBMITTED, local(3, 20)),
                (E.SKIPPED_STAGE, local(3, 20), s1),
                (E.APPROVED_STAGE, local(3, 25), s2),
                (E.APPROVED_STAGE, local(3, 31, 23, 30), s3),
                (E.NOTICE_STARTED, local(3, 31, 23, 30)),
                (E.OBJECTION_LODGED, local(4, 2)),
                (E.OBJECTION_UPHELD, local(4, 5)),
                (E.REJECTED, local(4, 5)),
            ],
        )
        self.b5 = self.application(ApplicationStatus.DRAFT, [(E.CREATED, local(2, 20))])
        self.b6 = self.application(
            ApplicationStatus.PAID,
            [
                (E.CREATED, local(3, 10)),
                (E.SKIPPED_STAGE, local(3, 10), s1),
                (E.SKIPPED_STAGE, local(3, 10), s2),
                (E.SKIPPED_STAGE, local(3, 10), s3),
                (E.GRANTED, local(3, 10)),
                (E.PAID, local(3, 17)),
            ],
        )
        self.b7 = self.application(
            ApplicationStatus.IN_REVIEW,
            [(E.CREATED, local(4, 1, 0, 30)), (E.SUBMITTED, local(4, 2))],
            stage=s1,
        )
        self.b8 = self.application(
            ApplicationStatus.RETURNED,
            [
                (E.CREATED, local(2, 1)),
                (E.SUBMITTED, local(2, 2)),
                (E.RETURNED, local(2, 5), s1),
            ],
        )

    def application(self, status, events, stage=None) -> Application:
        """An application now in `status` (a paid one holds a paid reservation), with the
        timeline `events`: (kind, when) or (kind, when, stage)."""
        with clock(events[0][1]):
            application = Application.objects.create(
                policy=self.policy,
                applicant_kind=ApplicantKind.TALENT,
                talent=TalentFactory(),
                created_by=self.office,
                status=ApplicationStatus.DRAFT,
            )
        for kind, when, *at_stage in events:
            with clock(when):
                ApplicationEvent.objects.create(
                    application=application,
                    kind=kind,
                    stage=at_stage[0] if at_stage else None,
                    actor=self.office,
                    reason="理由" if kind in (EventKind.RETURNED, EventKind.REJECTED) else "",
                )
        if status == ApplicationStatus.PAID:
            amount = self.policy.amount_fen
            with clock(events[-1][1]):
                application.reservation = ledger.reserve(
                    actor=self.office, line=self.policy.budget_line, amount=amount, reference="x"
                )
                ledger.disburse(actor=self.office, reservation_entry=application.reservation)
            application.amount_fen = amount
            application.paid_at = events[-1][1]
        application.status = status
        application.stage = stage
        application.save()
        return application


@pytest.fixture
def timelines(office):
    return Timelines(office)


def states(data) -> dict[str, int]:
    return dict(zip(data.keys, data.get("applications").values, strict=True))


def test_applications_by_state_on_the_period_end_from_the_timelines(timelines):
    data = queries.applications_by_state(Q1)

    assert data.keys == ["draft", "in_review", "returned", "notice", "approved", "paid", "rejected"]
    # b5 draft; b3 in review; b8 returned; b4 on notice since 23:30 on 31 March; b1 and b6 paid;
    # b2 rejected. b7, created at 00:30 on 1 April, did not exist yet.
    assert states(data) == {
        "draft": 1,
        "in_review": 1,
        "returned": 1,
        "notice": 1,
        "approved": 0,
        "paid": 2,
        "rejected": 1,
    }


def test_applications_by_state_earlier_and_later(timelines):
    # 31 January: b1 approved (paid on 2 Feb), b2 returned (resubmitted on 1 Feb).
    assert states(queries.applications_by_state(Period.month(2026, 1))) == {
        "draft": 0,
        "in_review": 0,
        "returned": 1,
        "notice": 0,
        "approved": 1,
        "paid": 0,
        "rejected": 0,
    }
    # 30 April: the objections left b4 on notice until its rejection; b7 is in review.
    assert states(queries.applications_by_state(APRIL)) == {
        "draft": 1,
        "in_review": 2,
        "returned": 1,
        "notice": 0,
        "approved": 0,
        "paid": 2,
        "rejected": 2,
    }
    # Before the first application: nothing.
    before = Period(datetime.date(2026, 1, 1), datetime.date(2026, 1, 4))
    assert queries.applications_by_state(before).total() == 0


def test_days_per_stage_averages_the_parts_ended_in_the_period(timelines):
    data = queries.days_per_stage(Q1)

    assert data.keys == [
        "enterprise_hr",
        "reviewer",
        "office_admin",
        "notice",
        "payment",
        "total",
    ]
    days = dict(zip(data.keys, data.get("days").values, strict=True))
    # The enterprise: b1 2 (6→8 Jan), b2 3 (12→15 Jan, returned) and 2 (resubmitted 1 Feb →
    # 3 Feb), b3 2 (2→4 Mar), b8 3 (2→5 Feb): 12 / 5. b4's skipped stage is not counted.
    assert days["enterprise_hr"] == 2.4
    # Reviewers: b1 5 (8→13 Jan), b2 7 (3→10 Feb), b4 5 (skipped s1 on 20 Mar → 25 Mar): 17 / 3.
    assert days["reviewer"] == 5.7
    # The office: b1 1 (13→14 Jan), b4 6 (25→31 Mar, at 23:30): 7 / 2.
    assert days["office_admin"] == 3.5
    # Notice: b1 6 (14→20 Jan); b4's ends in April.
    assert days["notice"] == 6.0
    # Approval to payment: b1 13 (20 Jan → 2 Feb), b6 7 (granted 10 Mar → 17 Mar).
    assert days["payment"] == 10.0
    # Submission to decision: b1 14 (6→20 Jan), b2 29 (12 Jan → 10 Feb); b6 was never submitted.
    assert days["total"] == 21.5


def test_days_per_stage_of_a_month_and_of_an_empty_period(timelines):
    april = queries.days_per_stage(APRIL)
    # Only b4's end: notice from 31 March to its rejection on 5 April (the objection's events in
    # between do not end the notice), 16 days from its submission on 20 March.
    assert april.get("days").values == [None, None, None, 5.0, None, 16.0]

    assert queries.days_per_stage(MAY).get("days").values == [None] * 6


def test_the_status_drill_lists_the_applications_now_only(timelines):
    today = timezone.localdate()
    url = figures.applications_in_status("in_review", Period(today, today))
    assert url == reverse("policies:application-list") + "?status=in_review"
    # A past period's bars are states the list no longer shows.
    assert figures.applications_in_status("in_review", Q1) is None
    assert figures.applications_in_status("unknown", Period(today, today)) is None


# Offers ----------------------------------------------------------------------------------------


class Offers:
    """o-a OP1 made 10 Jan, open
    o-b OP1 made 15 Jan, accepted 1 Feb
    o-c OP1 made 31 Mar 23:30, declined 1 Apr 00:30
    o-d OP2 made 20 Dec 2025, accepted 5 Jan
    o-e OP2 made 10 Feb, declined 1 Mar
    o-f OP3 made 15 Apr, open
    """

    def __init__(self, office):
        self.office = office
        self.op1 = PolicyFactory(code="o1", title="免申政策一")
        self.op2 = PolicyFactory(code="o2", title="免申政策二")
        self.op3 = PolicyFactory(code="o3", title="免申政策三")
        self.offer(self.op1, local(1, 10))
        self.offer(self.op1, local(1, 15), OfferStatus.ACCEPTED, local(2, 1))
        self.offer(self.op1, local(3, 31, 23, 30), OfferStatus.DECLINED, local(4, 1, 0, 30))
        self.offer(self.op2, local(12, 20, year=2025), OfferStatus.ACCEPTED, local(1, 5))
        self.offer(self.op2, local(2, 10), OfferStatus.DECLINED, local(3, 1))
        self.offer(self.op3, local(4, 15))

    def offer(self, policy, made, status=OfferStatus.OPEN, answered=None) -> Offer:
        talent = TalentFactory()
        application = None
        if status == OfferStatus.ACCEPTED:
            with clock(answered):
                application = Application.objects.create(
                    policy=policy,
                    applicant_kind=ApplicantKind.TALENT,
                    talent=talent,
                    created_by=self.office,
                    from_offer=True,
                )
        with clock(made):
            return Offer.objects.create(
                policy=policy,
                applicant_kind=ApplicantKind.TALENT,
                talent=talent,
                status=status,
                answered_at=answered,
                application=application,
            )


@pytest.fixture
def offers(office):
    return Offers(office)


def test_offers_by_policy(offers):
    data = queries.offers(Q1)

    # OP1: three made (the last at 23:30 on 31 March), one accepted, its decline is in April;
    # OP2: one made, the December offer accepted in January, one declined. OP3: none.
    assert data.keys == [str(offers.op1.pk), str(offers.op2.pk)]
    assert data.categories == ["免申政策一", "免申政策二"]
    assert data.get("made").values == [3, 1]
    assert data.get("accepted").values == [1, 1]
    assert data.get("declined").values == [0, 1]

    april = queries.offers(APRIL)
    assert april.keys == [str(offers.op1.pk), str(offers.op3.pk)]
    assert april.get("made").values == [0, 1]
    assert april.get("accepted").values == [0, 0]
    assert april.get("declined").values == [1, 0]

    assert queries.offers(MAY).categories == []


def test_offers_by_month(offers):
    data = queries.offers_by_month(Q1)
    assert data.keys == ["2026-01", "2026-02", "2026-03"]
    assert data.get("made").values == [2, 1, 1]
    assert data.get("accepted").values == [1, 1, 0]
    assert data.get("declined").values == [0, 0, 1]

    april = queries.offers_by_month(APRIL)
    assert [s.values for s in april.series] == [[1], [0], [1]]


def test_the_offer_drill_filters_the_offices_list(client, office, offers):
    url = figures.offers_of_policy(str(offers.op1.pk), Q1)
    assert url == reverse("policies:office-offers") + f"?policy={offers.op1.pk}"
    client.force_login(office)
    assert client.get(url).status_code == 200


# The declarations ------------------------------------------------------------------------------


def test_every_figure_is_registered_with_what_it_reads():
    keys = {
        "policies.budget_by_line": (Chart.STACKED, True),
        "policies.disbursed_by_policy": (Chart.BAR, False),
        "policies.payments_by_month": (Chart.LINE, False),
        "policies.applications_by_state": (Chart.BAR, True),
        "policies.days_per_stage": (Chart.BAR, False),
        "policies.offers": (Chart.BAR, False),
        "policies.offers_by_month": (Chart.LINE, False),
    }
    for key, (chart, stock) in keys.items():
        figure = registry.get(key)
        assert (figure.chart, figure.stock) == (chart, stock), key
        assert all(model.startswith("policies.") for model in figure.depends_on)
    assert "policies.LedgerEntry" in registry.get("policies.budget_by_line").depends_on
    assert "policies.ApplicationEvent" in registry.get("policies.days_per_stage").depends_on


@pytest.mark.parametrize("figure", figures.FIGURES, ids=lambda f: f.key)
def test_every_figure_computes_on_an_empty_database(db, figure):
    data = figure.compute(Q1)
    assert len(data.categories) == len(data.keys)
