"""Validators for Chinese identifiers a clerk types in. Each error says which rule failed."""

import datetime

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError


def compact_id_number(value: str) -> str:
    """The number without spaces or dashes, with an upper-case X: how clerks type it varies."""
    return "".join((value or "").split()).replace("-", "").upper()


def id_number_birth_date(value: str) -> datetime.date | None:
    """The birth date written in an 18-digit resident ID number, or None when it has none."""
    try:
        return ric.get_birth_date(compact_id_number(value))
    except (StdnumError, ValueError):  # a short or empty number fails inside stdnum's int()
        return None


def id_number_is_male(value: str) -> bool:
    """GB 11643: the 17th digit (sequence code) is odd for men and even for women."""
    return int(compact_id_number(value)[16]) % 2 == 1


def validate_id_number(value: str) -> None:
    """GB 11643-1999 resident ID number: 18 characters, a real birth date, the right check digit.

    We deliberately do not call `stdnum.cn.ric.validate()`: it also rejects an area code that did
    not exist on the birth date, but the code names where the card was *issued*, so valid
    numbers (350902… for someone born in 1971) would be refused.
    """
    number = compact_id_number(value)
    if len(number) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; this one has %(count)d."),
            code="length",
            params={"count": len(number)},
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            _("An ID number is 17 digits followed by a digit or X."), code="format"
        )
    birth = id_number_birth_date(number)
    if birth is None or birth > datetime.date.today():
        raise ValidationError(
            _("Digits 7 to 14 of the ID number are not a real birth date."), code="birth_date"
        )
    if ric.calc_check_digit(number) != number[17]:
        raise ValidationError(
            _("The check digit of the ID number is wrong: look for a mistyped digit."),
            code="checksum",
        )


def validate_uscc(value: str) -> None:
    """GB 32100-2015 unified social credit code: 18 characters with a check character."""
    code = uscc.compact(value or "")
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="length",
            params={"count": len(code)},
        )
    try:
        uscc.validate(code)
    except InvalidChecksum as error:
        raise ValidationError(
            _("The check character of the credit code is wrong: look for a mistyped one."),
            code="checksum",
        ) from error
    except StdnumError as error:
        raise ValidationError(
            _("A unified social credit code uses digits and capitals other than I, O, S, V, Z."),
            code="format",
        ) from error


def validate_mobile(value: str) -> None:
    """A mainland China mobile number: 11 digits starting with 1, on an assigned number block."""
    digits = (value or "").replace(" ", "").replace("-", "")
    if digits.startswith("+86"):
        digits = digits[3:]
    if not (len(digits) == 11 and digits.isdigit() and digits.startswith("1")):
        raise ValidationError(_("A mobile number has 11 digits and starts with 1."), code="format")
    number = phonenumbers.parse(digits, "CN")
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ) or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("%(number)s is not on any mobile network's number block."),
            code="unassigned",
            params={"number": digits},
        )
