"""Build well-formed identifiers for demo data and tests: the check digits are computed with the
same library that validates them, so a generated number is valid by construction."""

import datetime

from stdnum.cn import ric, uscc


def make_id_number(area: str, birth: datetime.date, sequence: int, male: bool) -> str:
    """An 18-digit resident ID number: 6-digit area, birth date, 3-digit sequence, check digit.

    The sequence's last digit is odd for men and even for women (GB 11643).
    """
    sequence = sequence % 500 * 2 + (1 if male else 0)
    body = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")  # the function ignores the last character


def make_uscc(area: str, serial: int, category: str = "91") -> str:
    """An 18-character unified social credit code: category, area, 9-character body, check.

    `category` 91 is an enterprise registered with market regulation; the body is the
    organisation code (8 digits here plus its own check character under GB 11714).
    """
    org = f"{serial % 10**8:08d}"
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    org_check = (11 - sum(int(d) * w for d, w in zip(org, weights, strict=True)) % 11) % 11
    org += "X" if org_check == 10 else str(org_check)
    body = f"{category}{area}{org}"
    return body + uscc.calc_check_digit(body)
