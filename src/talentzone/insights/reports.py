"""The monthly and yearly reports: every registered figure of a period, by section, written as
an Excel workbook and as a PDF.

`compute_sections` computes each figure afresh (`insights.cache.compute(..., fresh=True)`) for
the report's period, reporting its progress figure by figure; `build_workbook` and `build_pdf`
write what it computed. The figures read the dates kept on the records (see core.figures), so a
report of a past month written today holds that month's figures, not today's.

Both files are built in memory and returned as bytes: the task stores them only once both are
complete, so a report never keeps half a file.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from talentzone.core import figures as registry
from talentzone.core.figures import Figure, Period, Section

# The CJK font the training certificates embed (setting TALENTZONE_PDF_FONT): one registration.
from talentzone.core.pdf import font_name
from talentzone.core.spreadsheets import safe_text, sheet_title

from .cache import Computed, compute
from .choices import ReportKind

# progress(percent, step): how far the report got, and what it is doing (for its page).
Progress = Callable[[int, str], None]

# Computing the figures is most of the work; writing the two files the rest.
COMPUTED_PERCENT = 80
WORKBOOK_PERCENT = 88
PDF_PERCENT = 99

LATIN_FONT = "Helvetica"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
FLOAT_FORMAT = "#,##0.0"
TITLE_FONT = Font(bold=True, size=16)
FIGURE_FONT = Font(bold=True, size=12)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
NOTE_FONT = Font(italic=True, color="666666")
INK = colors.HexColor("#1f2d3d")
RULE = colors.HexColor("#9aa9b8")
HEADER_BACKGROUND = colors.HexColor("#ddebf7")


@dataclass(frozen=True)
class SectionFigures:
    section: Section
    figures: list[Computed]

    @property
    def label(self) -> str:
        return str(self.section.label)


@dataclass(frozen=True)
class ReportContent:
    """What a report holds: its title, period, when and for whom it was written, the figures."""

    kind: str
    period: Period
    generated_at: datetime.datetime
    requested_by: str
    sections: list[SectionFigures]

    @property
    def title(self) -> str:
        return report_title(self.kind, self.period)


def report_title(kind: str, period: Period) -> str:
    zone = getattr(settings, "ZONE_NAME", "") or ""
    if kind == ReportKind.MONTHLY:
        name = _("Monthly report %(month)s") % {"month": f"{period.start:%Y-%m}"}
    else:
        name = _("Yearly report %(year)s") % {"year": f"{period.start:%Y}"}
    return f"{zone} {name}".strip()


def period_text(period: Period) -> str:
    return f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}"


def moment_text(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _no_progress(percent: int, step: str) -> None:
    return None


def compute_sections(
    period: Period, progress: Progress = _no_progress, figures: list[Figure] | None = None
) -> list[SectionFigures]:
    """Every registered figure over the period, computed afresh, grouped by section (in the
    sections' order; a section without figures is left out). Calls `progress` before each."""
    figures = registry.all_figures() if figures is None else figures
    grouped: dict[str, list[Computed]] = {}
    for index, figure in enumerate(figures):
        progress(
            COMPUTED_PERCENT * index // max(len(figures), 1),
            _("Computing “%(title)s”") % {"title": figure.title},
        )
        grouped.setdefault(figure.section, []).append(compute(figure, period, fresh=True))
    progress(COMPUTED_PERCENT, _("Figures computed"))
    return [
        SectionFigures(Section(section), grouped[section])
        for section in Section.values
        if section in grouped
    ]


def unit_text(figure: Figure) -> str:
    return _("Unit: %(unit)s") % {"unit": figure.unit} if str(figure.unit) else ""


# Excel ---------------------------------------------------------------------------------------


def _number_format(value) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return DECIMAL_FORMAT
    if isinstance(value, int):
        return INTEGER_FORMAT
    if isinstance(value, float):
        return FLOAT_FORMAT
    return None


def _put(sheet, row: int, column: int, value, *, font=None, fill=None):
    """Write one cell: text made safe (never a formula), numbers as numbers with a format."""
    if isinstance(value, str):
        value = safe_text(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if cell.data_type == "f":  # safe text never starts with "=", but be sure
        cell.data_type = "s"
    number_format = _number_format(value)
    if number_format:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


def build_workbook(content: ReportContent) -> bytes:
    """The report as an .xlsx: a cover sheet, then one sheet per section with each figure's table
    (its title and unit above it)."""
    workbook = Workbook()
    cover = workbook.active
    cover.title = sheet_title(_("Cover"))
    cover.column_dimensions["A"].width = 18
    cover.column_dimensions["B"].width = 48
    _put(cover, 1, 1, content.title, font=TITLE_FONT)
    lines = [
        (pgettext("report", "Period"), period_text(content.period)),
        (_("Generated at"), moment_text(content.generated_at)),
        (_("Requested by"), content.requested_by),
    ]
    for offset, (label, value) in enumerate(lines, start=3):
        _put(cover, offset, 1, label, font=HEADER_FONT)
        _put(cover, offset, 2, value)
    row = len(lines) + 4
    _put(cover, row, 1, _("Sheet"), font=HEADER_FONT, fill=HEADER_FILL)
    _put(cover, row, 2, _("Figures"), font=HEADER_FONT, fill=HEADER_FILL)
    for part in content.sections:
        row += 1
        _put(cover, row, 1, part.label)
        _put(cover, row, 2, "、".join(str(c.figure.title) for c in part.figures))
        cover.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")

    used_titles = {cover.title}
    for part in content.sections:
        title = sheet_title(part.label)
        while title in used_titles:  # two sections whose names differ only in forbidden marks
            title = sheet_title(f"{title[:28]} {len(used_titles)}")
        used_titles.add(title)
        _section_sheet(workbook.create_sheet(title), part)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _section_sheet(sheet, part: SectionFigures) -> None:
    widths: dict[int, int] = {1: 24}
    row = 1
    for computed in part.figures:
        figure, data = computed.figure, computed.data
        _put(sheet, row, 1, str(figure.title), font=FIGURE_FONT)
        row += 1
        remarks = [text for text in (unit_text(figure), str(data.note)) if text]
        if remarks:
            _put(sheet, row, 1, " · ".join(remarks), font=NOTE_FONT)
            row += 1
        for index, values in enumerate(data.rows()):
            header = index == 0
            for column, value in enumerate(values, start=1):
                _put(
                    sheet,
                    row,
                    column,
                    value,
                    font=HEADER_FONT if header else None,
                    fill=HEADER_FILL if header else None,
                )
                if isinstance(value, str):
                    widths[column] = max(widths.get(column, 12), min(len(value) * 2 + 2, 48))
            row += 1
        row += 1  # a blank row between two figures
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


# PDF -----------------------------------------------------------------------------------------


class NumberedCanvas(pdfcanvas.Canvas):
    """A canvas that knows how many pages there are once the document is complete, to write
    "page n of N" on each."""

    footer: Callable[[pdfcanvas.Canvas, int, int], None] = staticmethod(lambda c, n, total: None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.footer(self, number, total)
            super().showPage()
        super().save()


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13, textColor=INK)
    base.wordWrap = "CJK"  # Chinese lines break between any two characters
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=22, leading=30, spaceAfter=12),
        "line": ParagraphStyle("line", parent=base, fontSize=11, leading=18),
        "section": ParagraphStyle(
            "section", parent=base, fontSize=15, leading=20, spaceBefore=4, spaceAfter=8
        ),
        "figure": ParagraphStyle("figure", parent=base, fontSize=11.5, leading=16, spaceAfter=2),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=11, textColor=RULE),
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontSize=9),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _number_text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def _figure_table(computed: Computed, styles, width: float) -> Table:
    rows = list(computed.data.rows())
    header, body = rows[0], rows[1:]
    columns = len(header)
    first = min(width * 0.4, 60 * mm) if columns > 1 else width
    rest = (width - first) / (columns - 1) if columns > 1 else 0
    cells = [[Paragraph(_escape(str(text)), styles["head"]) for text in header]]
    for values in body:
        label, *numbers = values
        cells.append([Paragraph(_escape(str(label)), styles["cell"]), *map(_number_text, numbers)])
    if not body:
        cells.append(
            [Paragraph(_escape(_("Nothing to count.")), styles["note"])] + [""] * (columns - 1)
        )
    table = Table(cells, colWidths=[first] + [rest] * (columns - 1), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (1, 1), (-1, -1), LATIN_FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
                ("INNERGRID", (0, 1), (-1, -1), 0.2, colors.HexColor("#e3e8ee")),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def build_pdf(content: ReportContent) -> bytes:
    """The report as an A4 PDF: a title page, one heading per section and each figure as a
    table; every page carries the period, the time it was generated and its number."""
    font = font_name()
    styles = _styles(font)
    buffer = io.BytesIO()
    margin = 18 * mm
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 6 * mm,
        title=content.title,
        author=content.requested_by,
        subject=period_text(content.period),
        creator="talentzone",
    )
    width = A4[0] - 2 * margin

    story: list[Flowable] = [
        Spacer(1, 40 * mm),
        Paragraph(_escape(content.title), styles["title"]),
        Paragraph(
            _escape(_("Period: %(period)s") % {"period": period_text(content.period)}),
            styles["line"],
        ),
        Paragraph(
            _escape(_("Generated at: %(moment)s") % {"moment": moment_text(content.generated_at)}),
            styles["line"],
        ),
        Paragraph(
            _escape(_("Requested by: %(name)s") % {"name": content.requested_by}), styles["line"]
        ),
    ]
    if not content.sections:
        story.append(Spacer(1, 10 * mm))
        story.append(Paragraph(_escape(_("No figure is registered.")), styles["line"]))
    for part in content.sections:
        story.append(PageBreak())
        story.append(Paragraph(_escape(part.label), styles["section"]))
        for computed in part.figures:
            head = [Paragraph(_escape(str(computed.figure.title)), styles["figure"])]
            remarks = [t for t in (unit_text(computed.figure), str(computed.data.note)) if t]
            if remarks:
                head.append(Paragraph(_escape(" · ".join(remarks)), styles["note"]))
            head.append(Spacer(1, 2 * mm))
            table = _figure_table(computed, styles, width)
            story.append(KeepTogether([*head, table]))
            story.append(Spacer(1, 7 * mm))

    footer_left = _("%(title)s · period %(period)s · generated at %(moment)s") % {
        "title": content.title,
        "period": period_text(content.period),
        "moment": moment_text(content.generated_at),
    }

    def footer(canvas: pdfcanvas.Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFillColor(RULE)
        canvas.setFont(font, 8)
        canvas.drawString(margin, 10 * mm, footer_left)
        canvas.drawRightString(
            A4[0] - margin,
            10 * mm,
            _("Page %(number)s of %(total)s") % {"number": number, "total": total},
        )
        # The period and the time again in a standard font, so any PDF tool reads them.
        canvas.setFont(LATIN_FONT, 6)
        canvas.drawString(
            margin, 6.5 * mm, f"{period_text(content.period)}  {moment_text(content.generated_at)}"
        )
        canvas.restoreState()

    canvas_class = type("ReportCanvas", (NumberedCanvas,), {"footer": staticmethod(footer)})
    document.build(story, canvasmaker=canvas_class)
    return buffer.getvalue()


# The whole report ----------------------------------------------------------------------------


def write_report(
    *,
    kind: str,
    period: Period,
    requested_by: str,
    progress: Progress = _no_progress,
    now: datetime.datetime | None = None,
) -> tuple[ReportContent, bytes, bytes]:
    """Compute every figure of the period and write both files: (content, xlsx, pdf)."""
    sections = compute_sections(period, progress)
    content = ReportContent(
        kind=kind,
        period=period,
        generated_at=now or timezone.now(),
        requested_by=requested_by,
        sections=sections,
    )
    progress(COMPUTED_PERCENT, _("Writing the Excel workbook"))
    workbook = build_workbook(content)
    progress(WORKBOOK_PERCENT, _("Writing the PDF"))
    pdf = build_pdf(content)
    progress(PDF_PERCENT, _("Storing the files"))
    return content, workbook, pdf
