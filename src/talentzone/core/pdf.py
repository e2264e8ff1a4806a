"""The CJK font every PDF of the project embeds (certificates, reports).

reportlab embeds (a subset of) the TrueType font named by the setting TALENTZONE_PDF_FONT
(WenQuanYi Micro Hei from Debian's fonts-wqy-microhei by default; `make fonts` installs it).
"""

import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "TalentzoneCJK"
_registered: dict[str, str] = {}
_lock = threading.Lock()


def font_name() -> str:
    """Register the CJK font of the setting (once per path) and give its name in reportlab."""
    path = str(getattr(settings, "TALENTZONE_PDF_FONT", "") or "")
    with _lock:
        if path in _registered:
            return _registered[path]
        if not path or not Path(path).is_file():
            raise ImproperlyConfigured(
                f"The PDF font {path!r} (setting TALENTZONE_PDF_FONT) is missing: run "
                "`make fonts`, or point the setting at a TrueType CJK font."
            )
        name = f"{FONT_NAME}{len(_registered)}"
        index = {"subfontIndex": 0} if path.lower().endswith((".ttc", ".otc")) else {}
        pdfmetrics.registerFont(TTFont(name, path, **index))
        _registered[path] = name
        return name
