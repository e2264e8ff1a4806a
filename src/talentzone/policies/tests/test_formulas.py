"""Amount formulas: what an application is worth under its policy, in whole fen.

Each formula is shown with its cap biting and not biting; a missing input is a ValidationError
naming the field the applicant fills in; a policy whose formula lacks what it needs is refused
field by field; and money is integers throughout: no float goes in or comes out.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from talentzone.policies.choices import ApplicantKind, FormulaKind
from talentzone.policies.formulas import (
    check_formula,
    compute_amount,
    describe_formula,
    percent_of_basis_points,
)
from talentzone.policies.models import Policy
from talentzone.policies.tests.factories import PolicyFactory

YUAN = 100  # fen


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def policy(**fields) -> Policy:
    """An unsaved policy: the formulas read only its fields."""
    return PolicyFactory.build(**fields)


def fixed(amount=50_000 * YUAN, cap=None) -> Policy:
    return policy(formula=FormulaKind.FIXED, amount_fen=amount, cap_fen=cap)


def per_unit(amount=2_000 * YUAN, cap=None) -> Policy:
    return policy(
        formula=FormulaKind.PER_UNIT,
        amount_fen=amount,
        unit_label="workers recruited",
        cap_fen=cap,
        applicant_kind=ApplicantKind.AGENCY,
    )


TIERS = {"national_leading": 1_000_000 * YUAN, "provincial_high": 300_000 * YUAN}


def tiered(cap=None) -> Policy:
    return policy(formula=FormulaKind.TIERED, amount_fen=None, tier_amounts=TIERS, cap_fen=cap)


def percentage(rate=1_250, cap=None) -> Policy:
    return policy(
        formula=FormulaKind.PERCENTAGE,
        amount_fen=None,
        rate_basis_points=rate,
        declared_label="rent paid",
        cap_fen=cap,
        applicant_kind=ApplicantKind.AGENCY,
    )


def field_errors(error: ValidationError) -> dict[str, list[str]]:
    return {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}


# Fixed ----------------------------------------------------------------------------------------


def test_a_fixed_formula_gives_the_policys_amount():
    assert compute_amount(fixed()) == 50_000 * YUAN


def test_a_fixed_formula_under_its_cap_is_not_cut():
    assert compute_amount(fixed(cap=50_000 * YUAN)) == 50_000 * YUAN


def test_a_fixed_formula_above_its_cap_is_cut_to_the_cap():
    assert compute_amount(fixed(cap=30_000 * YUAN)) == 30_000 * YUAN


def test_a_fixed_formula_ignores_counts_and_figures_it_does_not_use():
    assert compute_amount(fixed(), unit_count=7, declared_fen=1, tier_code="district") == (
        50_000 * YUAN
    )


# Per unit -------------------------------------------------------------------------------------


def test_a_per_unit_formula_multiplies_the_amount_by_the_count():
    assert compute_amount(per_unit(), unit_count=12) == 24_000 * YUAN


def test_a_per_unit_formula_under_its_cap_is_not_cut():
    assert compute_amount(per_unit(cap=24_000 * YUAN), unit_count=12) == 24_000 * YUAN


def test_a_per_unit_formula_above_its_cap_is_cut_to_the_cap():
    assert compute_amount(per_unit(cap=100_000 * YUAN), unit_count=80) == 100_000 * YUAN


@pytest.mark.parametrize("count", [None, 0])
def test_a_per_unit_formula_without_a_count_names_the_count_and_what_is_counted(count):
    with pytest.raises(ValidationError) as refused:
        compute_amount(per_unit(), unit_count=count)

    assert field_errors(refused.value) == {"unit_count": ["Declare how many: workers recruited."]}


# Tiered ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tier", "amount"),
    [("national_leading", 1_000_000 * YUAN), ("provincial_high", 300_000 * YUAN)],
)
def test_a_tiered_formula_pays_the_amount_of_the_talents_tier(tier, amount):
    assert compute_amount(tiered(), tier_code=tier) == amount


def test_a_tiered_formula_under_its_cap_is_not_cut():
    assert compute_amount(tiered(cap=300_000 * YUAN), tier_code="provincial_high") == (
        300_000 * YUAN
    )


def test_a_tiered_formula_above_its_cap_is_cut_to_the_cap():
    assert compute_amount(tiered(cap=500_000 * YUAN), tier_code="national_leading") == (
        500_000 * YUAN
    )


@pytest.mark.parametrize("tier", ["district", None])
def test_a_tier_the_policy_pays_nothing_for_is_refused_not_paid_zero(tier):
    with pytest.raises(ValidationError) as refused:
        compute_amount(tiered(), tier_code=tier)

    assert refused.value.messages == ["This policy pays nothing for the applicant's tier."]


# Percentage -----------------------------------------------------------------------------------


def test_a_percentage_formula_takes_the_rate_of_the_declared_figure():
    # 12.5% of ¥80,000.00
    assert compute_amount(percentage(), declared_fen=80_000 * YUAN) == 10_000 * YUAN


def test_a_percentage_formula_rounds_down_to_the_fen():
    # 12.5% of ¥0.99 is 12.375 fen: 12 fen, never 12.375 nor a rounded-up 13
    assert compute_amount(percentage(), declared_fen=99) == 12
    # 33.33% of ¥1.00 is 33.33 fen: 33
    assert compute_amount(percentage(rate=3_333), declared_fen=100) == 33


def test_a_percentage_formula_under_its_cap_is_not_cut():
    assert compute_amount(percentage(cap=10_000 * YUAN), declared_fen=80_000 * YUAN) == (
        10_000 * YUAN
    )


def test_a_percentage_formula_above_its_cap_is_cut_to_the_cap():
    assert compute_amount(percentage(cap=5_000 * YUAN), declared_fen=80_000 * YUAN) == (
        5_000 * YUAN
    )


@pytest.mark.parametrize("figure", [None, 0])
def test_a_percentage_formula_without_a_figure_names_the_figure_and_what_is_declared(figure):
    with pytest.raises(ValidationError) as refused:
        compute_amount(percentage(), declared_fen=figure)

    assert field_errors(refused.value) == {"declared_fen": ["Declare the figure: rent paid."]}


def test_a_declared_figure_too_small_to_earn_a_fen_is_refused_rather_than_worth_nothing():
    with pytest.raises(ValidationError) as refused:
        compute_amount(percentage(rate=100), declared_fen=99)  # 1% of 99 fen

    assert field_errors(refused.value) == {
        "declared_fen": ["At this rate ¥0.99 earns less than one fen."]
    }


# No float -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "inputs"),
    [
        (fixed, {}),
        (per_unit, {"unit_count": 3}),
        (tiered, {"tier_code": "provincial_high"}),
        (percentage, {"declared_fen": 12_345_67}),
    ],
)
def test_every_formula_gives_an_integer_of_fen(formula, inputs):
    assert type(compute_amount(formula(), **inputs)) is int
    assert type(compute_amount(formula(cap=1_00), **inputs)) is int


def test_a_percentage_of_a_huge_figure_is_exact_to_the_fen():
    # 2**53 + 1 fen is where a float stops telling neighbouring integers apart.
    figure = 2**53 + 1
    assert compute_amount(percentage(rate=10_000), declared_fen=figure) == figure
    assert compute_amount(percentage(rate=1), declared_fen=figure) == figure // 10_000


@pytest.mark.parametrize(
    ("formula", "inputs"),
    [
        (per_unit, {"unit_count": 2.0}),
        (percentage, {"declared_fen": 80_000.0}),
        (percentage, {"declared_fen": "80000"}),
    ],
)
def test_a_float_or_text_handed_to_a_formula_is_refused_not_rounded(formula, inputs):
    with pytest.raises(TypeError):
        compute_amount(formula(), **inputs)


@pytest.mark.parametrize(
    ("basis_points", "shown"),
    [(1_000, "10"), (1_250, "12.5"), (1, "0.01"), (10, "0.1"), (10_000, "100"), (0, "0")],
)
def test_a_rate_is_shown_as_a_percentage_without_float_arithmetic(basis_points, shown):
    assert percent_of_basis_points(basis_points) == shown


# In words -------------------------------------------------------------------------------------


def test_each_formula_is_described_in_words_with_its_cap(db):
    assert describe_formula(fixed()) == "¥50,000.00"
    assert describe_formula(per_unit(cap=100_000 * YUAN)) == (
        "¥2,000.00 for each of: workers recruited, at most ¥100,000.00"
    )
    assert describe_formula(percentage()) == "12.5% of rent paid"
    assert describe_formula(tiered()) == (
        "by tier: National leading talent ¥1,000,000.00; Provincial high-level talent ¥300,000.00"
    )


# Checking a policy's formula ------------------------------------------------------------------


def formula_errors(**fields) -> dict[str, list[str]]:
    try:
        check_formula(policy(**fields))()
    except ValidationError as error:
        return field_errors(error)
    return {}


@pytest.mark.parametrize("amount", [None, 0, -100])
@pytest.mark.parametrize("formula", [FormulaKind.FIXED, FormulaKind.PER_UNIT])
def test_fixed_and_per_unit_formulas_need_an_amount_above_zero(db, formula, amount):
    errors = formula_errors(formula=formula, amount_fen=amount, unit_label="workers")

    assert errors == {"amount_fen": ["This formula needs an amount of more than zero."]}


def test_a_per_unit_formula_says_what_is_counted(db):
    errors = formula_errors(formula=FormulaKind.PER_UNIT, amount_fen=100, unit_label="")

    assert errors == {"unit_label": ["Say what is counted, e.g. “workers recruited”."]}


def test_a_percentage_formula_needs_a_rate_and_says_what_is_declared(db):
    errors = formula_errors(
        formula=FormulaKind.PERCENTAGE, amount_fen=None, rate_basis_points=None, declared_label=""
    )

    assert errors == {
        "rate_basis_points": ["A percentage formula needs a rate."],
        "declared_label": ["Say what figure is declared, e.g. “rent paid”."],
    }


NOT_WHOLE = "The amount for “district” must be a whole number of fen above zero."


@pytest.mark.parametrize(
    ("tiers", "message"),
    [
        ({}, "Give an amount for at least one tier, as {tier code: fen}."),
        ({"galactic": 100}, "There is no tier with the code “galactic”."),
        ({"district": 0}, NOT_WHOLE),
        ({"district": 12.5}, NOT_WHOLE),
        ({"district": "100"}, NOT_WHOLE),
    ],
)
def test_a_tiered_formula_needs_a_whole_amount_for_known_tiers(db, tiers, message):
    errors = formula_errors(formula=FormulaKind.TIERED, amount_fen=None, tier_amounts=tiers)

    assert errors == {"tier_amounts": [message]}


def test_a_tiered_formula_is_for_talents_only(db):
    errors = formula_errors(
        formula=FormulaKind.TIERED,
        amount_fen=None,
        tier_amounts={"district": 100},
        applicant_kind=ApplicantKind.ENTERPRISE,
    )

    assert errors == {"formula": ["Only talents have a tier: tiered formulas are theirs."]}


@pytest.mark.parametrize("cap", [0, -1])
def test_a_cap_is_above_zero_or_absent(db, cap):
    assert formula_errors(cap_fen=cap) == {
        "cap_fen": ["A cap must be more than zero; leave it empty for no cap."]
    }


def test_a_complete_formula_passes_its_check(db):
    assert formula_errors() == {}
    assert formula_errors(**{"formula": FormulaKind.TIERED, "tier_amounts": TIERS}) == {}


def test_saving_a_policy_reports_formula_problems_by_field(db):
    incomplete = PolicyFactory.build(
        formula=FormulaKind.PER_UNIT, amount_fen=None, unit_label="", budget_line=None
    )

    with pytest.raises(ValidationError) as refused:
        incomplete.full_clean(exclude=["budget_line"])

    errors = field_errors(refused.value)
    assert errors["amount_fen"] == ["This formula needs an amount of more than zero."]
    assert errors["unit_label"] == ["Say what is counted, e.g. “workers recruited”."]


def test_a_rule_is_not_read_while_the_applicant_kind_is_missing_or_unknown(db):
    """The kind's own field error is what the administrator sees, not a crash on the rule."""
    policy = PolicyFactory.build(applicant_kind="", rule="age <= 45")
    with pytest.raises(ValidationError) as refused:
        policy.full_clean(exclude=["budget_line"])
    assert "applicant_kind" in refused.value.message_dict
    assert "rule" not in refused.value.message_dict
