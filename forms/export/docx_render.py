"""Lay the export document out as an editable DOCX (python-docx for the package and the styles, lxml for
the body: see docx_xml.py).

Real styles, so the applicant can edit it in Word or LibreOffice: the built-in "Title", "Heading 1-3"
(shown as « Titre 1-3 » in a French Word), "List Bullet", plus a few named paragraph styles of our own
("Libellé", "Note", "Détail", "Non renseigné", "Mise en avant", "Cellule"…). Tables for the budget with
amounts aligned right, a header row repeated on each page and rows kept whole (unless a row is too long
to fit on a page: Word would cut it); the association and the action in the page header, "Page x sur y"
in the footer (PAGE and NUMPAGES fields), A4, French language, document properties.

Every text goes through `clean_text` (python-docx refuses XML-illegal characters) and is split into one
paragraph per line, so reading the paragraphs back gives the applicant's text exactly.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from forms.export import blocks as b
from forms.export import docx_xml as x
from forms.export.text import EMPTY, clean_text, one_line

FONT = "Arial"  # on every Windows and Mac; LibreOffice uses the metric-compatible Liberation Sans
BLUE = RGBColor(0x1F, 0x3A, 0x68)
GREY = RGBColor(0x5A, 0x5F, 0x69)
HEAD_BG, CATEGORY_BG, TOTAL_BG, BANNER_BG = "E6ECF5", "F2F4F7", "DCE4F0", "FFF3DC"
TEXT_W = Mm(170)
TEXT_TWIPS = 9638  # 170 mm in twentieths of a point

LABEL, NOTE, EMPTY_STYLE, LEAD, DETAIL = "Libellé", "Note", "Non renseigné", "Mise en avant", "Détail"
CELL, CELL_BOLD, CELL_LABEL, CELL_EMPTY = "Cellule", "Cellule en gras", "Cellule libellé", "Cellule vide"
GAP = "Espace"
CHECK, CHECK_CHOICE, SIGN_LINE = "Case à cocher", "Case à cocher, choix", "Signature, ligne"
APPLICATION = "Dossier contrat de ville"
STYLE_OF_PARA = {"body": "Normal", "note": NOTE, "empty": EMPTY_STYLE, "lead": LEAD, "detail": DETAIL}


def _setup_styles(document: Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    x.plain_font(normal.element, FONT)
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, color, before in (("Title", 24, BLUE, 0), ("Heading 1", 15, BLUE, 16),
                                      ("Heading 2", 12, BLUE, 12), ("Heading 3", 10.5, None, 8)):
        style = styles[name]
        x.plain_font(style.element, FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = color if color is not None else RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4 if name != "Title" else 6)
        style.paragraph_format.keep_with_next = True
    x.drop_letter_spacing(styles["Title"].element)
    x.drop_letter_spacing(styles["Subtitle"].element)
    title_style = styles["Title"]
    title_pr = title_style.element.pPr
    if title_pr is not None:  # the default template underlines the title with a border
        for border in title_pr.findall(qn("w:pBdr")):
            title_pr.remove(border)
    subtitle = styles["Subtitle"]
    x.plain_font(subtitle.element, FONT)
    subtitle.font.size = Pt(11.5)
    subtitle.font.italic = False
    subtitle.font.color.rgb = GREY
    subtitle.paragraph_format.space_after = Pt(2)
    for name, bold, italic, size, color, keep in ((LABEL, True, False, 9, GREY, True),
                                                  (NOTE, False, True, 9, GREY, False),
                                                  (DETAIL, False, True, 9, GREY, False),
                                                  (EMPTY_STYLE, False, True, 10, GREY, False),
                                                  (LEAD, True, False, 10, None, False),
                                                  (CELL, False, False, 9.5, None, False),
                                                  (CELL_BOLD, True, False, 9.5, None, False),
                                                  (CELL_LABEL, False, False, 9, GREY, False),
                                                  (CELL_EMPTY, False, True, 9.5, GREY, False),
                                                  (GAP, False, False, 4, None, False),
                                                  (CHECK, False, False, 10, None, False),
                                                  (CHECK_CHOICE, False, False, 10, None, False),
                                                  (SIGN_LINE, False, False, 10, None, True)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.font.bold = bold
        style.font.italic = italic
        style.font.size = Pt(size)
        if color is not None:
            style.font.color.rgb = color
        style.paragraph_format.keep_with_next = keep
        if name == LABEL:
            style.paragraph_format.space_before = Pt(6)
            style.paragraph_format.space_after = Pt(1)
        if name == DETAIL:
            style.paragraph_format.left_indent = Mm(6.3)
        if name == GAP:
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.line_spacing = Pt(6)
        if name in (CHECK, CHECK_CHOICE):  # the box hangs in the margin of its text
            style.paragraph_format.left_indent = Mm(7 if name == CHECK else 14)
            style.paragraph_format.first_line_indent = Mm(-6)
            style.paragraph_format.keep_together = True
        if name.startswith("Cellule"):
            style.paragraph_format.space_before = Pt(1)
            style.paragraph_format.space_after = Pt(1)
    for name in ("Header", "Footer"):
        tabs = styles[name].paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(TEXT_W, WD_TAB_ALIGNMENT.RIGHT)
        styles[name].font.size = Pt(8)
        styles[name].font.color.rgb = GREY


def _page_setup(document: Document, doc: b.ExportDocument, pages: int | None = None) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(24), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(9)
    header = section.header.paragraphs[0]
    header.add_run(one_line(doc.header_left, 60)).bold = True
    header.add_run("\t" + one_line(doc.header_right, 60))
    foot = section.footer.paragraphs[0]
    foot.add_run(one_line(doc.footer or doc.subject, 100) + "\tPage ")
    x.add_field(foot, "PAGE")
    foot.add_run(" sur ")
    # SECTIONPAGES: the annex, a section of its own, is not counted. Word computes it; LibreOffice (7.4)
    # shows the stored result: the request's page count of the PDF laid out from the same content.
    x.add_field(foot, "SECTIONPAGES", str(pages) if pages else "…")


def _annex_footer(document: Document, footer_text: str) -> None:
    """The last section (the annex): its own footer, its pages numbered from 1."""
    section = document.sections[-1]
    section.footer.is_linked_to_previous = True  # the copied section shares the request's footer: unlink
    section.footer.is_linked_to_previous = False  # …into a footer part of its own
    foot = section.footer.paragraphs[0]
    for run in list(foot.runs):
        run._r.getparent().remove(run._r)
    foot.add_run(one_line(footer_text, 100) + "\tAnnexe, page ")
    x.add_field(foot, "PAGE")
    foot.add_run(" sur ")
    x.add_field(foot, "SECTIONPAGES")
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    pg = etree.SubElement(sect_pr, qn("w:pgNumType"))
    pg.set(qn("w:start"), "1")
    # schema order: pgNumType comes after pgMar (and the header/footer references)
    margin = sect_pr.find(qn("w:pgMar"))
    if margin is not None:
        margin.addnext(pg)


class _Writer:
    """Appends the blocks to the document body as WordprocessingML (docx_xml), before the section."""

    def __init__(self, document: Document, progress: Callable[[float], None] | None = None) -> None:
        self.d = document
        self.progress = progress
        self.style_ids = {s.name: s.style_id for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
        body = document.element.body
        self.body = etree.Element(qn("w:body"))  # a scratch parent; moved into the real body at the end
        self._sect = body.find(qn("w:sectPr"))  # the last section's: what follows goes before it
        self.gap_id = self.style_ids[GAP]

    def sid(self, style: str) -> str | None:
        return None if style == "Normal" else self.style_ids[style]

    # -- text ---------------------------------------------------------------------------------
    def lines(self, text: str, style: str = "Normal", *, parent: etree._Element | None = None,
              align: str | None = None, bold: bool = False) -> None:
        """One paragraph per line of `text`, in the body or in a table cell."""
        target = self.body if parent is None else parent
        style_id = self.sid(style)
        lines = clean_text(text).split("\n")
        for line in lines:
            # an empty line between paragraphs is a small space, not a full blank line
            blank = not line and len(lines) > 1
            x.paragraph(target, line, self.gap_id if blank else style_id, align=align, bold=bold)

    # -- blocks -------------------------------------------------------------------------------
    def heading(self, block: b.Heading) -> None:
        text = " ".join(clean_text(block.text).split("\n"))
        x.paragraph(self.body, text, self.sid(f"Heading {min(block.level, 3)}"),
                    page_break_before=block.page_break_before)

    def para(self, block: b.Para) -> None:
        if block.keep_with_next:
            style_id = self.sid(STYLE_OF_PARA[block.style])
            for line in clean_text(block.text).split("\n"):
                x.paragraph(self.body, line, style_id, keep_next=True)
            return
        self.lines(block.text, STYLE_OF_PARA[block.style])

    def checkbox(self, block: b.Checkbox) -> None:
        box = "\u2612" if block.checked else "\u2610"
        text = " ".join(clean_text(block.text).split("\n"))
        x.paragraph(self.body, f"{box}\t{text}", self.sid(CHECK_CHOICE if block.indent else CHECK),
                    keep_next=block.indent)

    def start_annex(self, block: b.StartAnnex) -> None:
        """A new section on a new page, numbered from 1, with the annex's own footer."""
        self._flush()
        self.d.add_section(WD_SECTION.NEW_PAGE)
        _annex_footer(self.d, block.footer)

    def long_text(self, block: b.LongText) -> None:
        if block.label:
            self.lines(block.label, LABEL)
        if block.text.strip():
            self.lines(block.text)
        else:
            self.lines(EMPTY, EMPTY_STYLE)

    def bullets(self, block: b.Bullets) -> None:
        for item in block.items:
            first, *rest = clean_text(item).split("\n")
            x.paragraph(self.body, first, self.sid("List Bullet"))
            for line in rest:
                x.paragraph(self.body, line, self.sid("List Continue"))

    def fields(self, block: b.Fields) -> None:
        widths = [int(TEXT_TWIPS * 0.36), TEXT_TWIPS - int(TEXT_TWIPS * 0.36)]
        tbl = x.table(self.body, widths, outer=False, inside_v=False)
        for field in block.rows:
            tr = x.row(tbl, keep_whole=_short_row((field.label, field.value)))
            self.lines(field.label, CELL_LABEL, parent=x.cell(tr, widths[0]))
            value_cell = x.cell(tr, widths[1])
            if field.value.strip():
                self.lines(field.value, CELL, parent=value_cell)
            else:
                self.lines(EMPTY, CELL_EMPTY, parent=value_cell)
        self._gap()

    def table(self, block: b.Table) -> None:
        if block.caption:
            self.lines(block.caption, LABEL)
        widths = [int(TEXT_TWIPS * c.width) for c in block.columns]
        tbl = x.table(self.body, widths)
        tr = x.row(tbl, header=True)
        for column, width in zip(block.columns, widths, strict=True):
            self.lines(column.title, CELL_BOLD, parent=x.cell(tr, width, HEAD_BG), align=_align(column.align))
        for row in block.rows:
            tr = x.row(tbl, keep_whole=_short_row(row.cells))
            fill = {"category": CATEGORY_BG, "total": TOTAL_BG, "grand_total": TOTAL_BG}.get(row.kind)
            style = CELL if row.kind == "line" else CELL_BOLD
            for column, width, text in zip(block.columns, widths, row.cells, strict=False):
                self.lines(text, style, parent=x.cell(tr, width, fill), align=_align(column.align))
        self._gap()

    def banner(self, block: b.Banner) -> None:
        tbl = x.table(self.body, [TEXT_TWIPS], border_color="C98A00", border_size=8)
        self.lines(block.text, CELL_BOLD, parent=x.cell(x.row(tbl), TEXT_TWIPS, BANNER_BG))
        self._gap()

    def signature(self, block: b.Signature) -> None:
        for text in block.lines:  # kept with the box that follows (keep with next, rows kept whole)
            for line in clean_text(text).split("\n"):
                x.paragraph(self.body, line, self.sid(SIGN_LINE), keep_next=True)
        width = int(TEXT_TWIPS * 0.6)
        tbl = x.table(self.body, [width], align="right", border_color="5A5F69", border_size=6)
        tr = x.row(tbl, keep_whole=True, min_height=int(32 / 25.4 * 1440))
        self.lines(block.label, CELL_LABEL, parent=x.cell(tr, width))

    def _gap(self) -> None:
        x.paragraph(self.body, "", self.sid(GAP))

    def title(self, doc: b.ExportDocument) -> None:
        self.lines(doc.title, "Title")
        for line in doc.subtitle:
            self.lines(line, "Subtitle")

    def write(self, doc: b.ExportDocument) -> None:
        self.title(doc)
        dispatch = {
            b.Heading: self.heading, b.Para: self.para, b.LongText: self.long_text, b.Bullets: self.bullets,
            b.Fields: self.fields, b.Table: self.table, b.Banner: self.banner, b.Signature: self.signature,
            b.Checkbox: self.checkbox, b.StartAnnex: self.start_annex,
        }
        count = max(len(doc.blocks), 1)
        for index, block in enumerate(doc.blocks, 1):
            dispatch[type(block)](block)  # type: ignore[operator]
            if self.progress is not None and index % 25 == 0:
                self.progress(index / count)
        self._flush()

    def _flush(self) -> None:
        """Move what was written so far into the document body, before the final section properties."""
        for element in list(self.body):
            self._sect.addprevious(element)


def _short_row(texts: tuple[str, ...]) -> bool:
    """Whether a table row is surely shorter than a page: then it is kept whole (never broken across two
    pages). A longer row must be allowed to break, or Word would cut it at the bottom of the page."""
    return sum(len(t) for t in texts) < 700 and sum(t.count("\n") for t in texts) < 12


def _align(align: str) -> str | None:
    return {"right": "right", "center": "center"}.get(align)


def render_document_docx(doc: b.ExportDocument, pages: int | None = None,
                         progress: Callable[[float], None] | None = None) -> bytes:
    """The DOCX bytes of an export document; `pages`: the request's page count, when the PDF is known;
    `progress(fraction)` is called as the blocks are written (it may raise to stop the export)."""
    document = Document()
    x.set_language(document)
    _setup_styles(document)
    _page_setup(document, doc, pages)
    _Writer(document, progress).write(doc)
    props = document.core_properties
    # the package properties hold at most 255 characters each (the full texts are in the body)
    props.title = one_line(f"{doc.title} — {doc.header_right}", 250)
    props.author = one_line(doc.author, 250)
    props.last_modified_by = one_line(doc.author, 250)
    props.subject = one_line(doc.subject, 250)
    props.language = "fr-FR"
    props.keywords = "contrat de ville; demande de subvention; CERFA 12156*06"
    props.comments = "Produit par l'application Dossier contrat de ville."
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
    props.category = "Demande de subvention"
    app = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml")
    app._blob = x.app_properties(APPLICATION, one_line(doc.author, 250))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
