"""Lay the export document out as a PDF with reportlab (platypus).

- DejaVu Sans embedded (forms.export.fonts), A4, a running header (association, action) and
  "Page x sur y" in the footer of every page (the canvas keeps the pages until the total is known).
- Every text goes through `clean_text` then `xml.sax.saxutils.escape` before reportlab's paragraph markup,
  so `&`, `<`, `>` are shown as typed; long words are cut at the column edge (`splitLongWords`).
- reportlab draws the no-break spaces (U+00A0, U+202F) as ordinary spaces — U+00A0 still never breaks a
  line — so a reader copying text out of the PDF gets "1 234,50 €" with plain spaces. Characters the
  font lacks (most emoji) are drawn as the font's empty box; see fonts.py for text extraction.
- Tables repeat their header row and never break a row across pages. A field value too long for the
  label/value grid is laid out below its label as flowing paragraphs, and a table with a row taller
  than a page (only with extraordinary texts) is laid out row by row, each value under its column
  title: nothing is ever taller than a page, and every text is drawn in one piece, in reading order.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from forms.export import blocks as b
from forms.export.fonts import BOLD, ITALIC, REGULAR, register_fonts
from forms.export.pdf_bidi import has_rtl, paragraph, visual_string
from forms.export.text import EMPTY, clean_text, one_line

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
TEXT_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM

BLUE = colors.HexColor("#1F3A68")
GREY = colors.HexColor("#5A5F69")
LINE = colors.HexColor("#B8C0CC")
HEAD_BG = colors.HexColor("#E6ECF5")
CATEGORY_BG = colors.HexColor("#F2F4F7")
TOTAL_BG = colors.HexColor("#DCE4F0")
BANNER_BG = colors.HexColor("#FFF3DC")
BANNER_LINE = colors.HexColor("#C98A00")

_CELL_STYLE = {"left": "cell", "right": "cell_right", "center": "cell_center"}
LONG_FIELD_CHARS = 700  # a field value longer than this is laid out under its label, not in the grid
LONG_FIELD_LINES = 10
PROPERTY_CHARS = 250  # title, author and subject of the PDF: one line each


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13, spaceAfter=3, alignment=TA_LEFT)
    return {
        "body": base,
        "lead": ParagraphStyle("lead", base, fontName=BOLD, spaceBefore=4),
        "note": ParagraphStyle("note", base, fontName=ITALIC, fontSize=8.5, leading=11.5, textColor=GREY),
        "empty": ParagraphStyle("empty", base, fontName=ITALIC, textColor=GREY),
        "detail": ParagraphStyle("detail", base, fontName=ITALIC, fontSize=8.5, leading=11.5, textColor=GREY,
                                 leftIndent=14, spaceAfter=5),
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=22, leading=27, textColor=BLUE,
                                spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=15, textColor=GREY, spaceAfter=1),
        "h1": ParagraphStyle("h1", base, fontName=BOLD, fontSize=14, leading=18, textColor=BLUE,
                             spaceBefore=14, spaceAfter=6, keepWithNext=0),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, fontSize=11.5, leading=15, textColor=BLUE,
                             spaceBefore=10, spaceAfter=4, keepWithNext=0),
        "h3": ParagraphStyle("h3", base, fontName=BOLD, fontSize=10, leading=13, spaceBefore=7,
                             spaceAfter=3, keepWithNext=0),
        "label": ParagraphStyle("label", base, fontName=BOLD, fontSize=8.5, leading=11.5, textColor=GREY,
                                spaceBefore=4, spaceAfter=1, keepWithNext=0),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=12, spaceAfter=0),
        "cell_label": ParagraphStyle("cell_label", base, fontSize=8.5, leading=11.5, textColor=GREY,
                                     spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=BOLD, fontSize=9, leading=12, spaceAfter=0),
        "cell_right": ParagraphStyle("cell_right", base, fontSize=9, leading=12, spaceAfter=0,
                                     alignment=TA_RIGHT),
        "cell_right_bold": ParagraphStyle("cell_right_bold", base, fontName=BOLD, fontSize=9, leading=12,
                                          spaceAfter=0, alignment=TA_RIGHT),
        "cell_center": ParagraphStyle("cell_center", base, fontSize=9, leading=12, spaceAfter=0,
                                      alignment=TA_CENTER),
        "cell_center_bold": ParagraphStyle("cell_center_bold", base, fontName=BOLD, fontSize=9, leading=12,
                                           spaceAfter=0, alignment=TA_CENTER),
        "bullet": ParagraphStyle("bullet", base, leftIndent=14, bulletIndent=3, bulletFontName=REGULAR),
        "bullet_more": ParagraphStyle("bullet_more", base, leftIndent=14),
        "check": ParagraphStyle("check", base, leftIndent=18, bulletIndent=2, bulletFontName=REGULAR,
                                bulletFontSize=11, spaceAfter=4),
        "check_choice": ParagraphStyle("check_choice", base, leftIndent=36, bulletIndent=20,
                                       bulletFontName=REGULAR, bulletFontSize=11, spaceAfter=2),
        "sign_line": ParagraphStyle("sign_line", base, fontSize=10, leading=14, spaceAfter=2),
        "file": ParagraphStyle("file", base, fontSize=9, leading=12, spaceAfter=0, splitLongWords=0),
    }


def pdf_clean(text: str) -> str:
    """`clean_text`, without soft hyphens: reportlab 5 loses the end of a long word that follows one
    (an invisible hint anyway; the DOCX keeps them)."""
    return clean_text(text).replace("\u00ad", "")


def markup(text: str) -> str:
    """Plain text → reportlab paragraph markup: cleaned, then `&`, `<`, `>` escaped."""
    return escape(pdf_clean(text))


def _lines(text: str, style: ParagraphStyle) -> list[Flowable]:
    """One paragraph per line of the text; an empty line is a small vertical space."""
    out: list[Flowable] = []
    for line in pdf_clean(text).split("\n"):
        if line.strip():
            out.append(paragraph(escape(line), style))
        else:
            out.append(Spacer(1, style.leading / 2))
    return out


class _AnnexStart(Flowable):
    """Marks the page where the annex starts (drawn at its top): from there the pages are the annex's,
    numbered on their own with its own footer."""

    def __init__(self, footer: str) -> None:
        super().__init__()
        self.footer = footer
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._annex_footer = _fit(self.footer, REGULAR, 8, TEXT_W - 50 * mm)  # type: ignore[attr-defined]


class _NumberedCanvas(Canvas):
    """Keeps every page until the end, then draws "Page x sur y" with the real total: the request's
    pages count up to its own last page; the annex after it has its own « Annexe, page x sur y »."""

    def __init__(self, *args: Any, header: tuple[str, str, str] = ("", "", ""), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._annex_footer: str | None = None
        left, right, footer = header
        half = TEXT_W / 2 - 4 * mm
        self._header = (_fit(left, BOLD, 8, half), _fit(right, REGULAR, 8, half),
                        _fit(footer, REGULAR, 8, TEXT_W - 40 * mm))

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        annex = [state for state in self._pages if state.get("_annex_footer") is not None]
        total = len(self._pages) - len(annex)
        self.request_pages = total
        for state in self._pages:
            self.__dict__.update(state)
            if self._annex_footer is None:
                self._decorate(f"Page {self._pageNumber} sur {total}", self._header[2])
            else:
                number = self._pageNumber - total
                self._decorate(f"Annexe, page {number} sur {len(annex)}", self._annex_footer)
            super().showPage()
        super().save()

    def _decorate(self, page: str, footer: str) -> None:
        left, right, _ = self._header
        self.saveState()
        self.setStrokeColor(LINE)
        self.setLineWidth(0.5)
        y_head = PAGE_H - 14 * mm
        self.line(MARGIN_X, y_head - 2.5 * mm, PAGE_W - MARGIN_X, y_head - 2.5 * mm)
        self.setFillColor(GREY)
        self.setFont(BOLD, 8)
        self.drawString(MARGIN_X, y_head, left)
        self.setFont(REGULAR, 8)
        self.drawRightString(PAGE_W - MARGIN_X, y_head, right)
        y_foot = 11 * mm
        self.line(MARGIN_X, y_foot + 4 * mm, PAGE_W - MARGIN_X, y_foot + 4 * mm)
        self.drawString(MARGIN_X, y_foot, footer)
        self.setFont(BOLD, 8)
        self.drawRightString(PAGE_W - MARGIN_X, y_foot, page)
        self.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text on one line, cut with « … » if it is wider than `width` (running header only)."""
    text = visual_string(" ".join(pdf_clean(text)[:400].split()))  # 400 characters: wider than a header
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


_PADDING = 12  # left + right padding of a table cell (reportlab's default, 6 + 6)
_PLAIN = frozenset("\u00a0\u202f")
_STRING_CELLS: tuple[tuple[Any, ...], ...] = (  # how plain-string cells are drawn (see `_cell`)
    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
    ("FONTSIZE", (0, 0), (-1, -1), 9),
    ("LEADING", (0, 0), (-1, -1), 12),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
)


def _cell(text: str, style: ParagraphStyle, width: float) -> Any:
    """The content of a table cell: a plain string when the text fits on one line of the cell — reportlab
    draws it ten times faster than a paragraph, with the table's font — else one paragraph per line."""
    text = pdf_clean(text)
    if (all(ch.isprintable() or ch in _PLAIN for ch in text) and not has_rtl(text)
            and stringWidth(text, style.fontName, style.fontSize) <= width - _PADDING - 1):
        return text
    return _lines(text, style)


_NAME_BREAKS = re.compile(r"(?<=[-_.\\/ ])")


def break_file_name(text: str, font: str, size: float, width: float) -> str:
    """A file name laid out on lines no wider than `width`, broken after « - », « _ », « . », a space or a
    folder separator; only a part with no such place is cut where it must."""
    lines: list[str] = []
    line = ""
    for part in _NAME_BREAKS.split(text):
        if line and stringWidth(line + part, font, size) > width:
            lines.append(line.rstrip())
            line = ""
        line += part
    lines.append(line)
    return "\n".join(lines)


def _too_tall(cells: list[Any], widths: list[float]) -> bool:
    """Whether a table row could not fit on one page (measured only when its text is long)."""
    flows = [f for cell in cells if isinstance(cell, list) for f in cell]
    if sum(len(getattr(f, "text", "")) for f in flows) < 400 and len(flows) < 20:
        return False
    height = max(
        sum(f.wrap(width - 12, FRAME_H)[1] + 2 for f in cell) if isinstance(cell, list) else 0
        for cell, width in zip(cells, widths, strict=False)
    )
    return height > FRAME_H * 0.8


def _keep(flowable: Flowable) -> Flowable:
    """Mark a flowable (heading, label, introduction) to be kept with what follows it (`_glue`)."""
    flowable._keep_next = True  # type: ignore[attr-defined]
    return flowable


def _start_height(flowable: Flowable) -> float:
    """How much of a flowable must fit under the heading above it: two lines of a paragraph, the first
    rows of a table (a budget table: 35 mm), the whole of a small block."""
    if isinstance(flowable, Table):
        return float(getattr(flowable, "_start_height", 16 * mm))
    if isinstance(flowable, Paragraph):
        return 2 * flowable.style.leading + flowable.style.spaceBefore
    return min(flowable.wrap(TEXT_W, FRAME_H)[1], FRAME_H / 3)


def _glue(story: list[Flowable]) -> list[Flowable]:
    """Keep headings, labels and introductions with the start of what follows them: before each run of
    them, a conditional page break asks for the room of the run plus the start of the next block. No
    heading is ever the last line of a page (reportlab's keepWithNext would move a whole table instead)."""
    out: list[Flowable] = []
    run: list[Flowable] = []
    for flowable in story:
        if getattr(flowable, "_keep_next", False) or (run and isinstance(flowable, Spacer)):
            run.append(flowable)
            continue
        if run and not isinstance(flowable, (PageBreak, CondPageBreak)):
            need = sum(f.wrap(TEXT_W, FRAME_H)[1] + getattr(getattr(f, "style", None), "spaceBefore", 0)
                       + getattr(getattr(f, "style", None), "spaceAfter", 0) for f in run)
            out.append(CondPageBreak(min(need + _start_height(flowable), FRAME_H * 0.9)))
        elif not run and isinstance(flowable, Table) and getattr(flowable, "_start_height", 0) > 16 * mm:
            out.append(CondPageBreak(flowable._start_height))  # type: ignore[attr-defined]
        out += run
        run = []
        out.append(flowable)
    return out + run


class _Builder:
    def __init__(self) -> None:
        self.s = _styles()
        self.story: list[Flowable] = []

    # -- blocks ---------------------------------------------------------------------------
    def heading(self, block: b.Heading) -> None:
        if block.page_break_before:
            self.story.append(PageBreak())
        elif block.level == 1:
            self.story.append(CondPageBreak(60 * mm))  # a part never starts in the last lines of a page
        style = self.s[f"h{min(block.level, 3)}"]
        self.story.append(_keep(paragraph(markup(" ".join(block.text.split("\n"))), style)))

    def para(self, block: b.Para) -> None:
        lines = _lines(block.text, self.s[block.style])
        self.story.extend(_keep(f) for f in lines) if block.keep_with_next else self.story.extend(lines)

    def checkbox(self, block: b.Checkbox) -> None:
        box = "\u2612" if block.checked else "\u2610"
        style = self.s["check_choice" if block.indent else "check"]
        self.story.append(paragraph(markup(" ".join(block.text.split("\n"))), style, bulletText=box))

    def start_annex(self, block: b.StartAnnex) -> None:
        self.story += [PageBreak(), _AnnexStart(block.footer)]

    def long_text(self, block: b.LongText) -> None:
        if block.label:
            self.story.append(_keep(paragraph(markup(block.label), self.s["label"])))
        if block.text.strip():
            self.story.extend(_lines(block.text, self.s["body"]))
        else:
            self.story.append(Paragraph(EMPTY, self.s["empty"]))

    def bullets(self, block: b.Bullets) -> None:
        for item in block.items:
            lines = pdf_clean(item).split("\n")
            self.story.append(paragraph(escape(lines[0]), self.s["bullet"], bulletText="•"))
            for line in lines[1:]:
                self.story.extend(_lines(line, self.s["bullet_more"]))

    def fields(self, block: b.Fields) -> None:
        rows: list[list[Any]] = []
        label_w, value_w = TEXT_W * 0.36, TEXT_W * 0.64

        def flush() -> None:
            if rows:
                self.story.append(self._grid(rows, (label_w, value_w)))
                rows.clear()

        for field in block.rows:
            value = pdf_clean(field.value)
            if len(value) > LONG_FIELD_CHARS or value.count("\n") > LONG_FIELD_LINES:
                flush()
                self.long_text(b.LongText(field.label, value))
                continue
            label = _cell(field.label, self.s["cell_label"], label_w)
            cell = _cell(value, self.s["cell"], value_w) if value.strip() else Paragraph(EMPTY, self.s["empty"])
            rows.append([label, cell])
        flush()
        self.story.append(Spacer(1, 4))

    def _grid(self, rows: list[list[Any]], widths: tuple[float, float]) -> Table:
        table = Table(rows, colWidths=list(widths), hAlign="LEFT")  # long values are not in the grid
        label, value = self.s["cell_label"], self.s["cell"]
        table.setStyle(TableStyle([
            *_STRING_CELLS,
            ("FONTSIZE", (0, 0), (0, -1), label.fontSize),
            ("LEADING", (0, 0), (0, -1), label.leading),
            ("TEXTCOLOR", (0, 0), (0, -1), GREY),
            ("FONTSIZE", (1, 0), (1, -1), value.fontSize),
            ("LEADING", (1, 0), (1, -1), value.leading),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ]))
        return table

    def table(self, block: b.Table) -> None:
        widths = [TEXT_W * c.width for c in block.columns]
        header = [_cell(c.title, self.s[_CELL_STYLE[c.align] + "_bold"], w) for c, w in zip(block.columns, widths,
                                                                                             strict=True)]
        data: list[list[Any]] = [header]
        style: list[tuple[Any, ...]] = [
            *_STRING_CELLS,
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
            *((("ALIGN", (i, 0), (i, -1), c.align.upper())) for i, c in enumerate(block.columns) if c.align != "left"),
            ("GRID", (0, 0), (-1, -1), 0.4, LINE),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for index, row in enumerate(block.rows, start=1):
            bold = row.kind != "line"
            cells = []
            for col, text, width in zip(block.columns, row.cells, widths, strict=False):
                name = _CELL_STYLE[col.align]
                if col.file_names and "\n" not in text:
                    text = break_file_name(pdf_clean(text), REGULAR, 9, width - _PADDING - 1)
                cells.append(_cell(text, self.s[name + ("_bold" if bold else "")], width) if text.strip() else "")
            data.append(cells)
            if bold:
                style.append(("FONTNAME", (0, index), (-1, index), BOLD))
            if row.kind == "category":
                style.append(("BACKGROUND", (0, index), (-1, index), CATEGORY_BG))
            elif row.kind in ("total", "grand_total"):
                style.append(("BACKGROUND", (0, index), (-1, index), TOTAL_BG))
                style.append(("LINEABOVE", (0, index), (-1, index), 1, BLUE))
        if any(_too_tall(cells, widths) for cells in data[1:]):
            self.stacked(block)
            return
        if block.caption:
            self.story.append(_keep(paragraph(markup(block.caption), self.s["label"])))
        # splitInRow=0: a row never breaks across pages (rows taller than a page were stacked above)
        table = Table(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=0, hAlign="LEFT")
        table.setStyle(TableStyle(style))
        # a budget table does not start in the last lines of a page; any table keeps its first rows
        # with the heading above it (see `_glue`)
        table._start_height = 35 * mm if block.keep_rows_whole else 16 * mm  # type: ignore[attr-defined]
        self.story.append(table)
        self.story.append(Spacer(1, 6))

    def stacked(self, block: b.Table) -> None:
        """A table with a row taller than a page (only with extraordinary texts): each row is laid out
        as its column titles and values one under the other, so that it can flow over pages."""
        if block.caption:
            self.story.append(paragraph(markup(block.caption), self.s["lead"]))
        for row in block.rows:
            for column, text in zip(block.columns, row.cells, strict=False):
                self.long_text(b.LongText(column.title or "—", text))
            self.story.append(Spacer(1, 6))

    def banner(self, block: b.Banner) -> None:
        table = Table([[_lines(block.text, self.s["lead"])]], colWidths=[TEXT_W])
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("BOX", (0, 0), (-1, -1), 1, BANNER_LINE),
            ("BACKGROUND", (0, 0), (-1, -1), BANNER_BG),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ]))
        self.story += [table, Spacer(1, 8)]

    def signature(self, block: b.Signature) -> None:
        """« Fait à … le … », the signatory and the framed room for the signature and the stamp: one
        block that never breaks across two pages."""
        table = Table([[paragraph(markup(block.label), self.s["cell_label"])]], colWidths=[TEXT_W * 0.6],
                      rowHeights=[30 * mm], hAlign="RIGHT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("BOX", (0, 0), (-1, -1), 0.6, GREY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        lines = [flowable for text in block.lines for flowable in _lines(text, self.s["sign_line"])]
        self.story.append(KeepTogether([Spacer(1, 6), *lines, Spacer(1, 4), table]))

    def title(self, doc: b.ExportDocument) -> None:
        self.story.append(paragraph(markup(doc.title), self.s["title"]))
        for line in doc.subtitle:
            self.story.extend(_lines(line, self.s["subtitle"]))
        self.story.append(Spacer(1, 6))

    def build(self, doc: b.ExportDocument) -> list[Flowable]:
        self.title(doc)
        dispatch = {
            b.Heading: self.heading, b.Para: self.para, b.LongText: self.long_text, b.Bullets: self.bullets,
            b.Fields: self.fields, b.Table: self.table, b.Banner: self.banner, b.Signature: self.signature,
            b.Checkbox: self.checkbox, b.StartAnnex: self.start_annex,
        }
        for block in doc.blocks:
            dispatch[type(block)](block)  # type: ignore[operator]
        return _glue(self.story)


def render_document_pdf(doc: b.ExportDocument, info: dict[str, int] | None = None,
                        progress: Callable[[float], None] | None = None) -> bytes:
    """The PDF bytes of an export document; `info["pages"]` receives the request's page count (the
    annex not counted); `progress(fraction)` is called as the flowables are laid out (it may raise to
    stop the export)."""
    register_fonts()
    story = _Builder().build(doc)
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=one_line(doc.title + " — " + doc.header_right, PROPERTY_CHARS),
        author=one_line(doc.author, PROPERTY_CHARS), subject=one_line(doc.subject, PROPERTY_CHARS),
        creator="Dossier contrat de ville",
        lang="fr-FR",
        initialFontName=REGULAR,  # otherwise every page references a non-embedded Helvetica
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, TEXT_W, FRAME_H, id="text", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    if progress is not None:
        count = max(len(story), 1)
        laid = [0]

        def after_flowable(_flowable: Flowable) -> None:
            laid[0] += 1
            if laid[0] % 25 == 0:
                progress(min(laid[0] / count, 1.0))

        template.afterFlowable = after_flowable  # type: ignore[method-assign]
    header = (doc.header_left, doc.header_right, doc.footer or doc.subject)

    canvases: list[_NumberedCanvas] = []

    def canvasmaker(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        canvases.append(_NumberedCanvas(*args, header=header, **kwargs))
        return canvases[-1]

    template.build(story, canvasmaker=canvasmaker)
    if info is not None and canvases:
        info["pages"] = canvases[-1].request_pages
    return buffer.getvalue()
