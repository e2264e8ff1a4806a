"""Training completion certificates as PDF (A4 landscape), Chinese and English on one page.

reportlab embeds (a subset of) the TrueType CJK font named by the setting TALENTZONE_PDF_FONT
(WenQuanYi Micro Hei from Debian's fonts-wqy-microhei by default; `make fonts` installs it). The
certificate number is also written in a standard PDF font and into the document's metadata, so
that it can be read back by any PDF tool and searched for.

A certificate is bilingual by design, whatever the reader's language: its texts are fixed here
rather than translated.
"""

import io

from django.conf import settings
from django.utils import timezone
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from talentzone.core.pdf import font_name

from .models import Certificate

LATIN_FONT = "Helvetica"
INK = HexColor("#1f2d3d")
ACCENT = HexColor("#b3262d")


def _date(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d}"


def _date_zh(moment) -> str:
    day = timezone.localtime(moment)
    return f"{day.year}年{day.month}月{day.day}日"


def issuer_of(event) -> tuple[str, str]:
    """Who issues the certificate, in Chinese and English: the station, else the talent office."""
    if event.station_id is not None:
        return event.station.name, event.station.name
    zone = getattr(settings, "ZONE_NAME", "") or ""
    return f"{zone}人才工作办公室", f"Talent Office{' of ' + zone if zone else ''}"


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of `text` no wider than `width`: Chinese breaks anywhere, Latin words stay whole."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        candidate = line + token
        if line and pdfmetrics.stringWidth(candidate, font, size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _tokens(text: str):
    word = ""
    for char in text:
        if char.isascii() and not char.isspace():
            word += char
            continue
        if word:
            yield word
            word = ""
        yield char
    if word:
        yield word


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate as PDF bytes."""
    registration = certificate.registration
    event = registration.event
    talent = registration.talent
    person = talent.name if talent is not None else str(registration.user)
    total = event.sessions.count()
    issuer_zh, issuer_en = issuer_of(event)
    start, end = event.starts_at, event.ends_at
    font = font_name()

    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), invariant=True, pageCompression=1)
    pdf.setTitle(f"结业证书 Certificate of Completion {certificate.number}")
    pdf.setAuthor(issuer_en)
    pdf.setSubject(certificate.number)
    pdf.setKeywords(f"certificate {certificate.number}")
    pdf.setCreator("talentzone")

    # Frame
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(3)
    pdf.rect(28, 28, width - 56, height - 56)
    pdf.setLineWidth(0.8)
    pdf.rect(38, 38, width - 76, height - 76)

    # Heading
    pdf.setFillColor(ACCENT)
    pdf.setFont(font, 40)
    pdf.drawCentredString(width / 2, height - 120, "结 业 证 书")
    pdf.setFont(font, 18)
    pdf.drawCentredString(width / 2, height - 148, "Certificate of Completion")

    # Name
    pdf.setFillColor(INK)
    pdf.setFont(font, 30)
    pdf.drawCentredString(width / 2, height - 205, person)

    # Body, Chinese then English
    sessions_zh = f"共 {total} 次课程，出勤 {certificate.sessions_attended} 次" if total else ""
    body_zh = (
        f"兹证明 {person} 于 {_date_zh(start)} 至 {_date_zh(end)} 参加“{event.title}”培训"
        f"{'，' + sessions_zh if sessions_zh else ''}，完成规定学习内容，准予结业，特发此证。"
    )
    sessions_en = (
        f", attending {certificate.sessions_attended} of {total} sessions" if total else ""
    )
    body_en = (
        f"This is to certify that {person} took part in the training “{event.title}” from "
        f"{_date(start)} to {_date(end)}{sessions_en}, and has completed it."
    )
    text_width = width - 200
    y = height - 250
    for text, size, leading in ((body_zh, 15, 24), (body_en, 12, 18)):
        pdf.setFont(font, size)
        for line in _wrap(text, font, size, text_width):
            pdf.drawCentredString(width / 2, y, line)
            y -= leading
        y -= 10

    # Number, issuer and date
    pdf.setFont(font, 12)
    pdf.drawString(90, 110, "证书编号 Certificate No.")
    pdf.setFont(LATIN_FONT, 12)
    pdf.drawString(90, 92, certificate.number)
    pdf.setFont(font, 12)
    pdf.drawRightString(width - 90, 128, f"{issuer_zh}")
    if issuer_en != issuer_zh:
        pdf.drawRightString(width - 90, 110, issuer_en)
    pdf.drawRightString(
        width - 90,
        92,
        f"发证日期 Issued on {_date(certificate.issued_at)}",
    )

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
