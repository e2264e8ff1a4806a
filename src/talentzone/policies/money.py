"""Money is integers of fen (分) everywhere; yuan appear only at the edges, as text.

Floats never hold money: 0.1 + 0.2 is not 0.3, and a budget of ten million yuan summed from
floats drifts. Amounts enter as text or Decimal and are turned into fen exactly, or refused.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FEN_PER_YUAN = 100


def format_fen(fen: int) -> str:
    """12345600 → "¥123,456.00"; a negative amount keeps its sign in front: "-¥1.50"."""
    _require_int(fen)
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}¥{yuan:,}.{rest:02d}"


def fen_from_yuan(yuan: str | Decimal | int) -> int:
    """ "123,456.78" or Decimal("123456.78") → 12345678; more than two decimals are refused
    rather than rounded, so no amount is ever changed silently."""
    if isinstance(yuan, float | bool):
        raise TypeError("Money is never a float: pass text or a Decimal.")
    try:
        value = Decimal(str(yuan).replace(",", "").replace("¥", "").strip())
    except InvalidOperation:
        raise ValidationError(
            _("“%(value)s” is not an amount of yuan."), code="invalid", params={"value": yuan}
        ) from None
    fen = value * FEN_PER_YUAN
    if not value.is_finite() or fen != fen.to_integral_value():
        raise ValidationError(
            _("“%(value)s” is not an amount of yuan with at most two decimals."),
            code="invalid",
            params={"value": yuan},
        )
    return int(fen)


def _require_int(fen) -> None:
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError(f"Money is integers of fen, not {type(fen).__name__}.")
