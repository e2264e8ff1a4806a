"""The identifier checks a clerk relies on: valid numbers pass, each kind of mistake is named."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from talentzone.core.identifiers import make_id_number, make_uscc
from talentzone.core.validators import validate_id_number, validate_mobile, validate_uscc


def error_code(validator, value) -> str:
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value.code


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",  # the standard's own example, check character X
        "350902197103040157",  # issued in an area created in 2000 to someone born in 1971
        "440524188001010014",
    ],
)
def test_valid_id_numbers_pass(number):
    validate_id_number(number)


def test_an_id_number_with_lower_case_x_and_spaces_passes():
    validate_id_number("110105 19491231 002x")


def test_an_id_number_with_one_digit_changed_fails_its_checksum():
    assert error_code(validate_id_number, "11010519491231003X") == "checksum"


def test_an_id_number_with_two_digits_swapped_fails_its_checksum():
    assert error_code(validate_id_number, "350902197103040517") == "checksum"


def test_a_short_id_number_is_refused_for_its_length():
    assert error_code(validate_id_number, "35090219710304015") == "length"


def test_an_id_number_with_letters_inside_is_refused_for_its_format():
    assert error_code(validate_id_number, "3509021971A3040157") == "format"


def test_an_id_number_with_an_impossible_birth_date_is_refused():
    body = "35090219710230015"  # 30 February
    assert error_code(validate_id_number, body + "0") == "birth_date"


def test_an_id_number_born_in_the_future_is_refused():
    future = datetime.date.today() + datetime.timedelta(days=400)
    assert error_code(validate_id_number, make_id_number("350902", future, 1, True)) == "birth_date"


@pytest.mark.parametrize("serial", [1, 12345678, 99999999, 20000017])
def test_generated_id_numbers_are_valid(serial):
    validate_id_number(
        make_id_number("350981", datetime.date(1990, 1, 31), serial, serial % 2 == 0)
    )


@pytest.mark.parametrize(
    "code", ["91350100M000100Y43", "913509001234567882", make_uscc("350902", 40000001)]
)
def test_valid_credit_codes_pass(code):
    validate_uscc(code)


def test_a_credit_code_with_a_wrong_check_character_fails_its_checksum():
    assert error_code(validate_uscc, "913509001234567883") == "checksum"


def test_a_credit_code_with_a_forbidden_letter_is_refused_for_its_format():
    assert error_code(validate_uscc, "91350100M000100I43") == "format"


def test_a_credit_code_of_seventeen_characters_is_refused_for_its_length():
    assert error_code(validate_uscc, "91350100M000100Y4") == "length"


@pytest.mark.parametrize("number", ["13905931234", "+86 139 0593 1234", "199-5931-2345"])
def test_mainland_mobile_numbers_pass(number):
    validate_mobile(number)


@pytest.mark.parametrize("number", ["0593-2881234", "1390593123", "23905931234", "phone"])
def test_numbers_that_are_not_mobile_numbers_are_refused(number):
    assert error_code(validate_mobile, number) == "format"


def test_a_mobile_number_on_an_unassigned_block_is_refused():
    assert error_code(validate_mobile, "10005931234") == "unassigned"
