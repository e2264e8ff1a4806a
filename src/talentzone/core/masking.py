"""Masking of personal numbers (DESIGN §7): shown in full only to readers who need them."""


def mask(value: str) -> str:
    """3522**********1234 for an ID number, 138****1234 for a mobile number."""
    keep = 4 if len(value) > 11 else 3
    tail = 4
    if len(value) <= keep + tail:
        return "*" * len(value)
    return value[:keep] + "*" * (len(value) - keep - tail) + value[-tail:]
