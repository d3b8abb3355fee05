"""An Article 7 report in the standard layout, as PDF (reportlab) and Word (python-docx): a cover page, then
each form with its single answers and its tables.

Both are drawn from one list of blocks built from the schema at call time, so a field added to the schema
appears in both. Offline: the PDF embeds matplotlib's bundled DejaVu Sans (accents, Cyrillic, Arabic letters).
What a State typed is always text, never markup: escaped for reportlab's paragraphs, plain runs in Word.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib as mpl
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)

from domain.reporting import schema
from domain.reporting.report import Report
from domain.reporting.schema import Field, Form
from domain.reporting.values import show_value
from i18n import N_, NOT_REPORTED, _, current_language, format_date, format_number, localize_number, using_language

CONVENTION = N_("Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel "
                "Mines and on their Destruction")
OFFICIAL_CHANNEL = N_("This online tool replaces no official channel: the State sends this document to the "
                      "Secretary-General through the usual channel, as Article 7 provides.")
WIDE = 6  # a table with more columns than this is printed on landscape pages
# Column widths by kind of answer: free text and shapes get the room, codes and figures little.
WEIGHTS = {"text": 3.0, "geom": 2.0, "str": 1.6, "mine_types": 1.6, "enum": 1.3}
# Characters XML (so Word and the PDF's text) cannot hold; a pasted control character must not stop an export.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- the document as data ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 the report's title, 1 a form, 2 a table of a form


@dataclass(frozen=True)
class Text:
    text: str
    style: str = "body"  # body | status (the workflow, a form's mark) | note (small print)


@dataclass(frozen=True)
class Grid:
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    weights: tuple[float, ...]  # relative column widths
    figures: tuple[bool, ...] = ()  # columns of figures, aligned right


@dataclass(frozen=True)
class NewPage:
    landscape: bool = False


Block = Heading | Text | Grid | NewPage


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _day(value: object) -> str:
    """A date or time of the workflow (a datetime, a date or ISO text) as a day in words."""
    if isinstance(value, dt.datetime):
        value = value.date()
    try:
        return format_date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _label(spec: Field) -> str:
    return f"{_(spec.label)} ({spec.unit})" if spec.unit else _(spec.label)


def _geometry(value: dict) -> str:
    """A shape in a line: its type and size (the JSON export carries the coordinates)."""
    if value["type"] == "Point":
        return "Point " + ", ".join(str(c) for c in value["coordinates"])
    positions, stack = 0, [value["coordinates"]]
    while stack:
        item = stack.pop()
        if item and isinstance(item[0], list):
            stack.extend(item)
        else:
            positions += 1
    return _("{shape}, {count} positions").format(shape=value["type"], count=format_number(positions))


def _answer(spec: Field, value: object) -> str:
    """An answer as the document prints it, in the reader's language; '' when not answered."""
    if value is None:
        return ""
    if spec.kind == "int":
        return format_number(value)
    if spec.kind == "float":
        return format_number(value) if float(value).is_integer() else localize_number(f"{value:,}")
    if spec.kind == "date":
        return _day(value)
    if spec.kind == "enum":
        return _(dict(spec.choices).get(value, value))
    if spec.kind == "bool":
        return _("yes") if value else _("no")
    if spec.kind == "geom":
        return _geometry(value)
    return _clean(show_value(spec, value))


def _status_word(status: str, since: int | None) -> str:
    if status == "unchanged":
        return _(schema.FORM_STATUS_WORDS["unchanged"]).format(year=since) if since else _("unchanged")
    return _(schema.FORM_STATUS_WORDS.get(status, status))


def _workflow(meta: dict) -> Iterator[str]:
    """Where the report stands: entered by the ISU, submitted, published, sent, or a draft."""
    if meta.get("entered_by_isu"):
        yield _("Entered by the ISU from the report dated {date}").format(
            date=_day(meta["source_document_date"]) if meta.get("source_document_date") else _(NOT_REPORTED))
    status = meta.get("status") or "draft"
    if status in ("draft", "returned"):
        yield _("Draft: not submitted")
    if status in ("submitted", "published") and meta.get("submitted_at"):
        yield _("Submitted by {person} on {date}").format(person=_clean(str(meta.get("submitted_by") or "")),
                                                          date=_day(meta["submitted_at"]))
    if status == "published" and meta.get("published_at"):
        yield _("Published by the ISU on {date}").format(date=_day(meta["published_at"]))
    if meta.get("sent_at"):
        yield _("Sent through the official channel on {date}").format(date=_day(meta["sent_at"]))


def _pairs(form: Form, values: dict) -> Grid:
    """A form's single answers: question | answer, a blank answer reading 'not reported'."""
    return Grid((_("Question"), _("Answer")),
                [(_label(spec), _answer(spec, values.get(spec.key)) or _(NOT_REPORTED)) for spec in form.fields],
                (2.0, 3.0))


def _state(report: Report, meta: dict) -> str:
    return _clean(str(meta.get("state") or report.iso3))


def _title(report: Report) -> str:
    if report.initial:
        return _("Article 7 report: initial report ({year})").format(year=report.year)
    return _("Article 7 report for the calendar year {year}").format(year=report.year)


def _cover(report: Report, meta: dict) -> Iterator[Block]:
    yield Text(_(CONVENTION), "note")
    yield Heading(_state(report, meta), 0)
    yield Heading(_title(report), 1)
    for line in _workflow(meta):
        yield Text(line, "status")
    forms = schema.forms()
    cover = next((f for f in forms if f.key == "cover"), None)
    if cover is not None:
        pairs = _pairs(cover, report.section("cover").values)
        yield Grid(pairs.header, [(_("State Party"), f"{_state(report, meta)} ({report.iso3})"), *pairs.rows],
                   pairs.weights)
    yield Heading(_("Forms"), 2)
    yield Grid((_("Form"), _("Status")),
               [(_(f.title), _status_word(report.section(f.key).status, report.section(f.key).unchanged_since))
                for f in forms if f.key != "cover"], (3.0, 2.0))
    yield Text(_("In the forms' tables, an empty cell means not reported."), "note")
    yield Text(_(OFFICIAL_CHANNEL), "status")


def _form(report: Report, form: Form) -> Iterator[Block]:
    section = report.section(form.key)
    yield NewPage(landscape=any(len(t.fields) > WIDE for t in form.tables))
    yield Heading(_(form.title), 1)
    yield Text(_("Article {article}").format(article=form.article), "note")
    if section.status == "not_applicable":
        yield Text(_("Not applicable"), "status")
        return
    if section.status == "unchanged":
        yield Text(_("Unchanged since {year}").format(year=section.unchanged_since) if section.unchanged_since
                   else _("Unchanged"), "status")
    if form.fields:
        yield _pairs(form, section.values)
    for table in form.tables:
        yield Heading(_(table.label), 2)
        rows = section.tables.get(table.key) or []
        if not rows:
            yield Text(_(NOT_REPORTED))
            continue
        yield Grid(tuple(_label(spec) for spec in table.fields),
                   [tuple(_answer(spec, row.get(spec.key)) for spec in table.fields) for row in rows],
                   tuple(WEIGHTS.get(spec.kind, 1.0) for spec in table.fields),
                   tuple(spec.kind in ("int", "float") for spec in table.fields))


def build_blocks(report: Report, meta: dict) -> list[Block]:
    """The document in the current language: the cover page, then every form of the schema in its order."""
    blocks = list(_cover(report, meta))
    for form in schema.forms():
        if form.key != "cover":
            blocks += _form(report, form)
    return blocks


def _language(meta: dict) -> str:
    return meta.get("language") or current_language()


def _document_title(report: Report, meta: dict) -> str:
    return f"{_state(report, meta)}: {_title(report)}"


# --- PDF -----------------------------------------------------------------------------------------------------

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
MARGIN = 1.8 * cm
SIZE, CELL_SIZE, PAD = 10, 8, 3


@cache
def _register_fonts() -> None:
    """matplotlib's bundled DejaVu Sans, embedded in the PDF: no font is looked for on the machine or fetched."""
    folder = Path(mpl.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


@cache
def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=SIZE, leading=SIZE * 1.3, spaceAfter=4)
    return {
        "body": body,
        "status": ParagraphStyle("status", parent=body, fontName=BOLD, spaceBefore=2, spaceAfter=6),
        "note": ParagraphStyle("note", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#555555")),
        "heading0": ParagraphStyle("heading0", parent=body, fontName=BOLD, fontSize=20, leading=25, spaceBefore=6,
                                   spaceAfter=4),
        "heading1": ParagraphStyle("heading1", parent=body, fontName=BOLD, fontSize=15, leading=19, spaceAfter=4),
        "heading2": ParagraphStyle("heading2", parent=body, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=10,
                                   spaceAfter=4),
        "cell": ParagraphStyle("cell", fontName=FONT, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.25),
        "figure": ParagraphStyle("figure", fontName=FONT, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.25, alignment=TA_RIGHT),
        "header": ParagraphStyle("header", fontName=BOLD, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.25),
    }


def _paragraph(text: str, style: str) -> Paragraph:
    """User text as text: escaped, so '<b>' and '&' print as typed; line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), _styles()[style])


TABLE_STYLE = TableStyle([
    ("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE, CELL_SIZE * 1.25),
    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#9a9a9a")),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e4e4")),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f5f5f5")]),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    *((side, (0, 0), (-1, -1), PAD) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")),
])


def _widths(grid: Grid, width: float) -> list[float]:
    """Columns shared by their weights, each wide enough for the longest word of its header ('Transferred' is
    not cut in two); measured in the PDF's bold font, close enough for Word's."""
    _register_fonts()
    floor = [max(pdfmetrics.stringWidth(word, BOLD, CELL_SIZE) for word in f"{label} x".split()) + 2 * PAD + 1
             for label in grid.header]
    fixed: dict[int, float] = {}
    while True:
        free = width - sum(fixed.values())
        weight = sum(w for n, w in enumerate(grid.weights) if n not in fixed) or 1
        widths = [fixed.get(n, free * w / weight) for n, w in enumerate(grid.weights)]
        narrow = {n: floor[n] for n, w in enumerate(widths) if n not in fixed and w < floor[n]}
        if not narrow:
            return widths
        fixed.update(narrow)


def _table(grid: Grid, width: float) -> LongTable:
    widths = _widths(grid, width)

    figures = grid.figures or (False,) * len(widths)

    def cell(text: str, room: float, figure: bool) -> str | Paragraph:
        # A plain string draws fast and as is; only text that needs wrapping becomes a (slower) paragraph.
        if "\n" in text or pdfmetrics.stringWidth(text, FONT, CELL_SIZE) > room - 2 * PAD:
            return _paragraph(text, "figure" if figure else "cell")
        return text

    data = [[_paragraph(h, "header") for h in grid.header],
            *([cell(*c) for c in zip(row, widths, figures, strict=True)] for row in grid.rows)]
    style = TableStyle([("ALIGN", (n, 1), (n, -1), "RIGHT") for n, figure in enumerate(figures) if figure],
                       parent=TABLE_STYLE)
    # repeatRows: the header on every page; splitInRow: a long answer may run on to the next page.
    return LongTable(data, colWidths=widths, repeatRows=1, splitInRow=1, style=style, hAlign="LEFT")


def report_pdf(report: Report, meta: dict) -> bytes:
    """The report as an A4 PDF in meta["language"] (else the current language); wide tables on landscape pages."""
    _register_fonts()
    with using_language(_language(meta)):
        blocks = build_blocks(report, meta)
        title = _document_title(report, meta)
        page_word = _("Page {number}")
    buffer = io.BytesIO()
    # initialFontName: reportlab's default Helvetica would otherwise be listed (not embedded) in every PDF
    document = BaseDocTemplate(buffer, pagesize=A4, title=title, leftMargin=MARGIN, rightMargin=MARGIN,
                               topMargin=MARGIN, bottomMargin=MARGIN, initialFontName=FONT)

    def footer(page_width: float):
        def draw(canvas, doc) -> None:
            canvas.saveState()
            canvas.setFont(FONT, 7.5)
            canvas.setFillColor(colors.HexColor("#555555"))
            canvas.drawString(MARGIN, MARGIN / 2, title)
            canvas.drawRightString(page_width - MARGIN, MARGIN / 2, page_word.format(number=doc.page))
            canvas.restoreState()
        return draw

    sizes = {"portrait": A4, "landscape": landscape(A4)}
    document.addPageTemplates([
        PageTemplate(name, [Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id=name, leftPadding=0,
                                  rightPadding=0, topPadding=0, bottomPadding=0)], onPage=footer(size[0]), pagesize=size)
        for name, size in sizes.items()])
    width = A4[0] - 2 * MARGIN
    story = []
    for block in blocks:
        if isinstance(block, NewPage):
            name = "landscape" if block.landscape else "portrait"
            width = sizes[name][0] - 2 * MARGIN
            story += [NextPageTemplate(name), PageBreak()]
        elif isinstance(block, Heading):
            # A table's heading starts a new page rather than end one alone (keepWithNext would move a long
            # table whole to the next page, leaving this one blank).
            story += [CondPageBreak(3 * cm)] if block.level == 2 else []
            story.append(_paragraph(block.text, f"heading{block.level}"))
        elif isinstance(block, Text):
            story.append(_paragraph(block.text, block.style))
        else:
            story += [_table(block, width), Spacer(1, 6)]
    document.build(story)
    return buffer.getvalue()


# --- Word ----------------------------------------------------------------------------------------------------

A4_WIDTH, A4_HEIGHT, DOCX_MARGIN = Cm(21), Cm(29.7), Cm(1.8)


def _page(section, wide: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if wide else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_HEIGHT, A4_WIDTH) if wide else (A4_WIDTH, A4_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, DOCX_MARGIN)


def _docx_table(document, grid: Grid, width: float) -> None:
    """`grid` as a Word table `width` points wide, its header row shaded and repeated on every page."""
    table = document.add_table(rows=len(grid.rows) + 1, cols=len(grid.header))
    table.style = "Table Grid"
    widths = [Pt(w) for w in _widths(grid, width)]
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    figures = grid.figures or (False,) * len(widths)
    for number, (row, texts) in enumerate(zip(table.rows, [grid.header, *grid.rows], strict=True)):
        for cell, text, column_width, figure in zip(row.cells, texts, widths, figures, strict=True):
            cell.width = column_width
            paragraph = cell.paragraphs[0]
            if figure and number:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.add_run(text)  # a run's text is never markup; "\n" becomes a line break
            run.font.size = Pt(8)
            if number == 0:
                run.bold = True
                shade = OxmlElement("w:shd")
                shade.set(qn("w:val"), "clear")
                shade.set(qn("w:fill"), "E4E4E4")
                cell._tc.get_or_add_tcPr().append(shade)
        if number == 0:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated at the top of every page


def report_docx(report: Report, meta: dict) -> bytes:
    """The report as a Word document (A4) in meta["language"] (else the current language), laid out as the PDF."""
    with using_language(_language(meta)):
        blocks = build_blocks(report, meta)
        title = _document_title(report, meta)
    document = Document()
    document.core_properties.title = title
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    _page(section, wide=False)
    for block in blocks:
        if isinstance(block, NewPage):
            section = document.add_section(WD_SECTION.NEW_PAGE)
            _page(section, block.landscape)
        elif isinstance(block, Heading):
            document.add_heading(block.text, block.level)
        elif isinstance(block, Text):
            run = document.add_paragraph().add_run(block.text)
            run.bold = block.style == "status" or None
            if block.style == "note":
                run.font.size = Pt(8)
                run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        else:
            _docx_table(document, block, Emu(section.page_width - section.left_margin - section.right_margin).pt)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
