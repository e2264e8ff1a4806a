"""Money is integers of fen; yuan are text at the edges, formatted and read exactly."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from talentzone.policies.money import fen_from_yuan, format_fen


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (12_345_600, "¥123,456.00"),
        (0, "¥0.00"),
        (1, "¥0.01"),
        (99, "¥0.99"),
        (100, "¥1.00"),
        (1_000_000_000, "¥10,000,000.00"),
        (-150, "-¥1.50"),
    ],
)
def test_fen_are_formatted_as_yuan_with_thousands_and_two_decimals(fen, text):
    assert format_fen(fen) == text


@pytest.mark.parametrize("money", [1.5, Decimal("1.5"), "100", True])
def test_only_integers_of_fen_are_formatted(money):
    with pytest.raises(TypeError):
        format_fen(money)


@pytest.mark.parametrize(
    ("yuan", "fen"),
    [
        ("123,456.78", 12_345_678),
        ("¥1,000", 100_000),
        (" 0.1 ", 10),
        (Decimal("0.30"), 30),
        (7, 700),
    ],
)
def test_yuan_are_read_exactly_into_fen(yuan, fen):
    assert fen_from_yuan(yuan) == fen


@pytest.mark.parametrize("yuan", ["1.005", "abc", "", "NaN", "Infinity"])
def test_text_that_is_not_an_amount_with_two_decimals_is_refused(yuan):
    with pytest.raises(ValidationError):
        fen_from_yuan(yuan)


def test_a_float_is_never_taken_for_money():
    with pytest.raises(TypeError):
        fen_from_yuan(0.1)
