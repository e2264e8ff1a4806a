"""The budget ledger: reservations, releases and payments keep a line's figures right, refuse
to overspend it, and are facts that are never changed afterwards.

Messages are asserted in English (translation.override), so the tests hold whatever the
catalogue says in Chinese.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from talentzone.core.models import AppendOnlyError, AuditRecord
from talentzone.directory.tests.factories import DepartmentFactory, UserFactory
from talentzone.policies import ledger
from talentzone.policies.choices import EntryKind
from talentzone.policies.ledger import Figures, InsufficientBudget
from talentzone.policies.models import BudgetLine, LedgerEntry

YUAN = 100  # fen


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def actor(db):
    return UserFactory(roles=["office_admin"])


@pytest.fixture
def line(db):
    return make_line(amount=10_000 * YUAN)


def make_line(*, amount: int, year: int = 2026, code: str = "rc-01") -> BudgetLine:
    return BudgetLine.objects.create(
        year=year, code=code, name="人才奖励", owner=DepartmentFactory(), amount=amount
    )


def reserve(actor, line, amount, reference="申请 1"):
    return ledger.reserve(actor=actor, line=line, amount=amount, reference=reference)


# Reserving ------------------------------------------------------------------------------------


def test_a_reservation_sets_money_aside_and_leaves_the_rest_free(actor, line):
    reserve(actor, line, 3_000 * YUAN)

    assert ledger.line_figures(line) == Figures(
        amount=10_000 * YUAN, reserved=3_000 * YUAN, disbursed=0, free=7_000 * YUAN
    )


def test_a_line_can_be_reserved_down_to_its_last_fen(actor, line):
    reserve(actor, line, 10_000 * YUAN)

    assert ledger.line_figures(line).free == 0


def test_a_reservation_the_line_cannot_afford_is_refused_naming_the_line_and_what_is_free(
    actor, line
):
    reserve(actor, line, 9_000 * YUAN)

    with pytest.raises(InsufficientBudget) as refused:
        reserve(actor, line, 1_000 * YUAN + 1, reference="申请 2")

    message = refused.value.messages[0]
    assert "2026 · rc-01 人才奖励" in message
    assert "¥1,000.00" in message
    assert "¥1,000.01" in message


def test_an_insufficient_budget_is_a_validation_error_for_pages_and_api(actor, line):
    with pytest.raises(ValidationError):
        reserve(actor, line, 10_000 * YUAN + 1)


def test_a_refused_reservation_writes_neither_an_entry_nor_an_audit_record(actor, line):
    with pytest.raises(InsufficientBudget):
        reserve(actor, line, 10_001 * YUAN)

    assert not LedgerEntry.objects.exists()
    assert not AuditRecord.objects.filter(target_type="policies.ledgerentry").exists()


@pytest.mark.parametrize("amount", [0, -1])
def test_an_amount_that_is_not_more_than_zero_is_refused(actor, line, amount):
    with pytest.raises(ValidationError):
        reserve(actor, line, amount)


@pytest.mark.parametrize("amount", [12.5, "1250", True])
def test_money_that_is_not_an_integer_of_fen_is_refused(actor, line, amount):
    with pytest.raises(TypeError):
        reserve(actor, line, amount)


def test_a_reservation_points_at_the_record_it_is_for(actor, line):
    department = DepartmentFactory()

    entry = ledger.reserve(
        actor=actor, line=line, amount=5 * YUAN, reference="人才办", target=department
    )

    entry.refresh_from_db()
    assert entry.target == department
    assert entry.target_type == ContentType.objects.get_for_model(department)


def test_every_entry_is_recorded_in_the_audit_trail(actor, line):
    reservation = reserve(actor, line, 2_000 * YUAN)
    ledger.disburse(actor=actor, reservation_entry=reservation, amount=500 * YUAN)
    ledger.release(actor=actor, reservation_entry=reservation)

    records = AuditRecord.objects.filter(target_type="policies.ledgerentry").order_by("seq")
    assert [(r.action, r.actor, r.detail) for r in records] == [
        ("create", actor, {"kind": "reserve", "fen": 200_000, "line": "2026/rc-01"}),
        ("create", actor, {"kind": "disburse", "fen": 50_000, "line": "2026/rc-01"}),
        ("create", actor, {"kind": "release", "fen": 150_000, "line": "2026/rc-01"}),
    ]


# Releasing and paying -------------------------------------------------------------------------


def test_a_release_gives_the_whole_reservation_back(actor, line):
    reservation = reserve(actor, line, 3_000 * YUAN)

    entry = ledger.release(actor=actor, reservation_entry=reservation)

    assert (entry.kind, entry.amount, entry.reservation) == (
        EntryKind.RELEASE,
        3_000 * YUAN,
        reservation,
    )
    assert ledger.line_figures(line) == Figures(10_000 * YUAN, 0, 0, 10_000 * YUAN)


def test_releasing_a_reservation_twice_is_refused(actor, line):
    reservation = reserve(actor, line, 3_000 * YUAN)
    ledger.release(actor=actor, reservation_entry=reservation)

    with pytest.raises(ValidationError, match="Nothing is left"):
        ledger.release(actor=actor, reservation_entry=reservation)
    assert reservation.consumptions.count() == 1


def test_a_payment_without_an_amount_pays_the_whole_reservation(actor, line):
    reservation = reserve(actor, line, 3_000 * YUAN)

    entry = ledger.disburse(actor=actor, reservation_entry=reservation)

    assert entry.amount == 3_000 * YUAN
    assert ledger.line_figures(line) == Figures(10_000 * YUAN, 0, 3_000 * YUAN, 7_000 * YUAN)


def test_paying_more_than_the_reservation_is_refused(actor, line):
    reservation = reserve(actor, line, 3_000 * YUAN)

    with pytest.raises(ValidationError) as refused:
        ledger.disburse(actor=actor, reservation_entry=reservation, amount=3_000 * YUAN + 1)

    assert "¥3,000.00 is left" in refused.value.messages[0]
    assert ledger.line_figures(line).disbursed == 0


def test_a_release_after_a_partial_payment_releases_only_the_rest(actor, line):
    reservation = reserve(actor, line, 3_000 * YUAN)
    ledger.disburse(actor=actor, reservation_entry=reservation, amount=1_200 * YUAN)

    entry = ledger.release(actor=actor, reservation_entry=reservation)

    assert entry.amount == 1_800 * YUAN
    assert ledger.line_figures(line) == Figures(10_000 * YUAN, 0, 1_200 * YUAN, 8_800 * YUAN)


def test_a_reservation_may_be_paid_in_instalments_up_to_its_amount(actor, line):
    reservation = reserve(actor, line, 3_000 * YUAN)
    ledger.disburse(actor=actor, reservation_entry=reservation, amount=1_000 * YUAN)
    ledger.disburse(actor=actor, reservation_entry=reservation, amount=2_000 * YUAN)

    with pytest.raises(ValidationError, match="Nothing is left"):
        ledger.disburse(actor=actor, reservation_entry=reservation, amount=1)
    assert ledger.outstanding(reservation) == 0


def test_nothing_is_paid_after_a_release(actor, line):
    reservation = reserve(actor, line, 3_000 * YUAN)
    ledger.release(actor=actor, reservation_entry=reservation)

    with pytest.raises(ValidationError, match="Nothing is left"):
        ledger.disburse(actor=actor, reservation_entry=reservation)


def test_only_a_reservation_can_be_released_or_paid_from(actor, line):
    payment = ledger.disburse(actor=actor, reservation_entry=reserve(actor, line, 10 * YUAN))

    with pytest.raises(ValidationError, match="Only a reservation"):
        ledger.release(actor=actor, reservation_entry=payment)
    with pytest.raises(ValidationError, match="Only a reservation"):
        ledger.disburse(actor=actor, reservation_entry=payment)


def test_releases_and_payments_carry_the_reference_and_record_of_their_reservation(actor, line):
    department = DepartmentFactory()
    reservation = ledger.reserve(
        actor=actor, line=line, amount=5 * YUAN, reference="申请 7", target=department
    )

    payment = ledger.disburse(actor=actor, reservation_entry=reservation, amount=2 * YUAN)
    release = ledger.release(actor=actor, reservation_entry=reservation)

    for entry in (payment, release):
        entry.refresh_from_db()
        assert (entry.line, entry.reference, entry.target) == (line, "申请 7", department)


# Figures --------------------------------------------------------------------------------------


@pytest.fixture
def mixed_entries(actor, line):
    """On `line`: A reserved 3,000 and paid 1,000 then released; B reserved 2,000 and paid in
    full; C reserved 1,500 and released; D reserved 500 and still open. Another line and
    another year's line have entries of their own."""
    a = reserve(actor, line, 3_000 * YUAN, "A")
    ledger.disburse(actor=actor, reservation_entry=a, amount=1_000 * YUAN)
    ledger.release(actor=actor, reservation_entry=a)
    ledger.disburse(actor=actor, reservation_entry=reserve(actor, line, 2_000 * YUAN, "B"))
    ledger.release(actor=actor, reservation_entry=reserve(actor, line, 1_500 * YUAN, "C"))
    reserve(actor, line, 500 * YUAN, "D")
    other = make_line(amount=100 * YUAN, code="rc-02")
    reserve(actor, other, 40 * YUAN)
    reserve(actor, make_line(amount=100 * YUAN, year=2025), 100 * YUAN)
    return other


def test_the_figures_after_mixed_entries_are_summed_from_them(line, mixed_entries):
    assert ledger.line_figures(line) == Figures(
        amount=10_000 * YUAN, reserved=500 * YUAN, disbursed=3_000 * YUAN, free=6_500 * YUAN
    )


def test_the_figures_of_a_line_are_one_query(line, mixed_entries, django_assert_num_queries):
    with django_assert_num_queries(1):
        ledger.line_figures(line)


def test_the_lines_of_a_year_carry_the_same_figures_in_one_query(
    line, mixed_entries, django_assert_num_queries
):
    with django_assert_num_queries(1):
        rows = [
            (row.code, row.owner.name, row.reserved_fen, row.disbursed_fen, row.free_fen)
            for row in ledger.lines_with_figures(2026)
        ]

    assert rows == [
        ("rc-01", line.owner.name, 500 * YUAN, 3_000 * YUAN, 6_500 * YUAN),
        ("rc-02", mixed_entries.owner.name, 40 * YUAN, 0, 60 * YUAN),
    ]


def test_a_line_without_entries_is_all_free(line):
    assert ledger.line_figures(line) == Figures(10_000 * YUAN, 0, 0, 10_000 * YUAN)
    assert ledger.lines_with_figures(2026).get().free_fen == 10_000 * YUAN


# Entries are facts ----------------------------------------------------------------------------


def test_an_entry_cannot_be_changed_once_written(actor, line):
    entry = reserve(actor, line, 10 * YUAN)
    entry.amount = 1

    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.bulk_update([entry], ["amount"])
    assert LedgerEntry.objects.get(pk=entry.pk).amount == 10 * YUAN


def test_an_entry_cannot_be_deleted(actor, line):
    entry = reserve(actor, line, 10 * YUAN)

    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.all().delete()
    assert LedgerEntry.objects.count() == 1


# Database rules -------------------------------------------------------------------------------


def refused_by_the_database(write) -> bool:
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize("amount", [0, -100])
def test_the_database_refuses_a_line_without_a_positive_amount(db, amount):
    assert refused_by_the_database(lambda: make_line(amount=amount))


def test_the_database_refuses_two_lines_with_one_code_in_one_year(line):
    assert refused_by_the_database(lambda: make_line(amount=1))
    assert not refused_by_the_database(lambda: make_line(amount=1, year=2027))


@pytest.mark.parametrize("amount", [0, -100])
def test_the_database_refuses_an_entry_without_a_positive_amount(actor, line, amount):
    entry = LedgerEntry(
        line=line, kind=EntryKind.RESERVE, amount=amount, reference="x", actor=actor
    )

    assert refused_by_the_database(entry.save)


def test_the_database_refuses_a_release_that_names_no_reservation(actor, line):
    entry = LedgerEntry(line=line, kind=EntryKind.RELEASE, amount=1, reference="x", actor=actor)

    assert refused_by_the_database(entry.save)


def test_the_database_refuses_a_second_release_of_one_reservation(actor, line):
    reservation = reserve(actor, line, 10 * YUAN)
    ledger.release(actor=actor, reservation_entry=reservation)
    again = LedgerEntry(
        line=line,
        kind=EntryKind.RELEASE,
        amount=1,
        reservation=reservation,
        reference="x",
        actor=actor,
    )

    assert refused_by_the_database(again.save)


# Admin ----------------------------------------------------------------------------------------


def test_the_office_admin_sees_the_lines_with_their_figures_in_the_admin(client, actor, line):
    actor.is_staff = True
    actor.save()
    ledger.disburse(actor=actor, reservation_entry=reserve(actor, line, 1_234 * YUAN))
    client.force_login(actor)

    page = client.get(reverse("admin:policies_budgetline_changelist")).content.decode()

    assert "¥10,000.00" in page  # amount
    assert "¥1,234.00" in page  # disbursed
    assert "¥8,766.00" in page  # free


def test_the_ledger_is_read_only_in_the_admin(client, actor, line):
    actor.is_staff = True
    actor.save()
    entry = reserve(actor, line, 10 * YUAN)
    client.force_login(actor)

    assert client.get(reverse("admin:policies_ledgerentry_changelist")).status_code == 200
    assert client.get(reverse("admin:policies_budgetline_add")).status_code == 403
    assert client.post(
        reverse("admin:policies_ledgerentry_delete", args=[entry.pk])
    ).status_code in (
        403,
        302,
    )
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_staff_without_the_office_admin_role_do_not_see_the_ledger_in_the_admin(client, db):
    reviewer = UserFactory(roles=["reviewer"], is_staff=True)
    client.force_login(reviewer)

    assert client.get(reverse("admin:policies_budgetline_changelist")).status_code == 403
