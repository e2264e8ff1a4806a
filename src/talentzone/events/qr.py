"""The QR code of a registration's check-in code, as inline SVG (no image file, no external
script): the attendee's page shows it, the door's scanner (or the browser's camera) reads the
code back, and the code can also be typed."""

import segno

from .models import Registration


def svg(code: str, *, scale: int = 6) -> str:
    """An inline `<svg>` element encoding `code` (no XML declaration, no fixed colours beyond
    dark on light), sized by `scale` pixels per module."""
    qr = segno.make(code, error="m", micro=False)
    return qr.svg_inline(
        scale=scale, border=2, dark="#000", light="#fff", title=code, svgclass="tz-qr"
    )


def qr_svg(registration: Registration, *, scale: int = 6) -> str:
    """The registration's check-in code as an inline SVG."""
    return svg(registration.code, scale=scale)
