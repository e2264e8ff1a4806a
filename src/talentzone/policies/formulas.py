"""Amount formulas: what an application is worth under its policy, in fen.

- fixed:      the policy's amount;
- per unit:   the amount × the count the applicant declares (workers recruited, …);
- tiered:     the amount the policy names for the talent's tier (no amount for a tier: nothing);
- percentage: the declared figure × the rate (basis points), rounded down to the fen;

and never more than the policy's cap. Integers throughout: money is never a float here, and a
float handed in is refused (TypeError) rather than rounded. A formula that works out at nothing
(a tier the policy does not pay, a declared figure too small to earn a fen) is refused too: an
application is never worth ¥0.00.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import ApplicantKind, Benefit, FormulaKind
from .money import format_fen

BASIS_POINTS = 10_000
# What pages, exports and the API show instead of an amount for an in-kind policy.
IN_KIND_WORDS = gettext_lazy("In kind: a place or a service, no money")


def check_formula(policy):
    """A check (call it) that the policy's formula has what it needs; errors name the field."""

    def check() -> None:
        errors = {}
        if policy.benefit == Benefit.IN_KIND:
            return  # no money: the formula and the budget line are not used
        kind = policy.formula
        if kind in (FormulaKind.FIXED, FormulaKind.PER_UNIT) and not _positive(policy.amount_fen):
            errors["amount_fen"] = _("This formula needs an amount of more than zero.")
        if kind == FormulaKind.PER_UNIT and not policy.unit_label:
            errors["unit_label"] = _("Say what is counted, e.g. “workers recruited”.")
        if kind == FormulaKind.PERCENTAGE:
            if not _positive(policy.rate_basis_points):
                errors["rate_basis_points"] = _("A percentage formula needs a rate.")
            if not policy.declared_label:
                errors["declared_label"] = _("Say what figure is declared, e.g. “rent paid”.")
        if kind == FormulaKind.TIERED:
            if policy.applicant_kind != ApplicantKind.TALENT:
                errors["formula"] = _("Only talents have a tier: tiered formulas are theirs.")
            problem = _tier_amounts_problem(policy.tier_amounts)
            if problem:
                errors["tier_amounts"] = problem
        if policy.cap_fen is not None and not _positive(policy.cap_fen):
            errors["cap_fen"] = _("A cap must be more than zero; leave it empty for no cap.")
        if errors:
            raise ValidationError(errors)

    return check


def _positive(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _require_whole(name: str, value) -> None:
    """Counts and fen are whole numbers: a float (or text) is a programming error, not input."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError(f"{name} is a whole number, not {type(value).__name__}.")


def _tier_amounts_problem(tier_amounts) -> str | None:
    from talentzone.directory.models import TalentTier

    if not isinstance(tier_amounts, dict) or not tier_amounts:
        return _("Give an amount for at least one tier, as {tier code: fen}.")
    known = set(TalentTier.objects.values_list("code", flat=True))
    for code, fen in tier_amounts.items():
        if code not in known:
            return _("There is no tier with the code “%(code)s”.") % {"code": code}
        if isinstance(fen, bool) or not isinstance(fen, int) or fen <= 0:
            return _("The amount for “%(code)s” must be a whole number of fen above zero.") % {
                "code": code
            }
    return None


def compute_amount(
    policy, *, tier_code: str | None = None, unit_count=None, declared_fen=None
) -> int:
    """The amount in fen the formula gives, capped; a ValidationError names a missing input.

    Only the input the formula uses is looked at: a count given to a fixed formula is ignored.
    """
    kind = policy.formula
    if kind == FormulaKind.FIXED:
        amount = policy.amount_fen
    elif kind == FormulaKind.PER_UNIT:
        _require_whole("unit_count", unit_count)
        if not unit_count or unit_count < 1:
            raise ValidationError(
                {"unit_count": _("Declare how many: %(what)s.") % {"what": policy.unit_label}},
                code="required",
            )
        amount = policy.amount_fen * unit_count
    elif kind == FormulaKind.TIERED:
        amount = (policy.tier_amounts or {}).get(tier_code or "", 0)
        if not amount:
            raise ValidationError(
                _("This policy pays nothing for the applicant's tier."), code="tier_not_paid"
            )
    elif kind == FormulaKind.PERCENTAGE:
        _require_whole("declared_fen", declared_fen)
        if not declared_fen or declared_fen < 1:
            raise ValidationError(
                {
                    "declared_fen": _("Declare the figure: %(what)s.")
                    % {"what": policy.declared_label}
                },
                code="required",
            )
        amount = declared_fen * policy.rate_basis_points // BASIS_POINTS  # down to the fen
        if amount < 1:
            raise ValidationError(
                {
                    "declared_fen": _("At this rate %(figure)s earns less than one fen.")
                    % {"figure": format_fen(declared_fen)}
                },
                code="too_small",
            )
    else:
        raise ValueError(f"Unknown formula {kind!r}")
    _require_whole("amount", amount)
    if policy.cap_fen is not None:
        amount = min(amount, policy.cap_fen)
    return amount


def describe_formula(policy) -> str:
    """The formula in words, for the policy page: “¥5,000.00 per workers recruited, at most …”.
    An in-kind policy pays no money and says so."""
    if policy.benefit == Benefit.IN_KIND:
        return str(IN_KIND_WORDS)
    kind = policy.formula
    if kind == FormulaKind.FIXED:
        text = format_fen(policy.amount_fen or 0)
    elif kind == FormulaKind.PER_UNIT:
        text = _("%(amount)s for each of: %(what)s") % {
            "amount": format_fen(policy.amount_fen or 0),
            "what": policy.unit_label,
        }
    elif kind == FormulaKind.TIERED:
        text = _("by tier: %(tiers)s") % {"tiers": "; ".join(_tier_words(policy.tier_amounts))}
    else:
        text = _("%(rate)s%% of %(what)s") % {
            "rate": percent_of_basis_points(policy.rate_basis_points or 0),
            "what": policy.declared_label,
        }
    if policy.cap_fen is not None:
        text = _("%(text)s, at most %(cap)s") % {"text": text, "cap": format_fen(policy.cap_fen)}
    return text


def percent_of_basis_points(basis_points: int) -> str:
    """1250 → "12.5", 1000 → "10", 1 → "0.01" (in integers: no float shows a rate)."""
    whole, hundredths = divmod(basis_points, 100)
    return f"{whole}.{hundredths:02d}".rstrip("0").rstrip(".")


def _tier_words(tier_amounts) -> list[str]:
    """Each tier the policy pays, by its name (the code when no such tier exists), best first."""
    from talentzone.directory.models import TalentTier

    amounts = tier_amounts or {}
    tiers = {t.code: t for t in TalentTier.objects.filter(code__in=list(amounts))}
    ranked = sorted(amounts, key=lambda code: (tiers[code].rank if code in tiers else 999, code))
    return [f"{tiers.get(code, code)} {format_fen(amounts[code])}" for code in ranked]
