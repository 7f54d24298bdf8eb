"""WordprocessingML written directly with lxml: the body's paragraphs and tables, fields, language.

python-docx's object layer costs about a quarter of a millisecond per paragraph or cell property (every
child is inserted in schema order by a generic search), which made the DOCX the slowest part of the
export. The body is plain, well-known markup, so it is built here element by element, in the order the
schema requires; python-docx still opens the template, defines the styles, the header and footer, the
document properties, and saves the package.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

W_P, W_PPR, W_PSTYLE, W_JC, W_R, W_RPR, W_B, W_T, W_TAB = (
    qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:jc"), qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:t"), qn("w:tab"))
W_VAL = qn("w:val")
W_W, W_TYPE = qn("w:w"), qn("w:type")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def paragraph(parent: etree._Element, text: str, style_id: str | None = None, *, align: str | None = None,
              bold: bool = False, page_break_before: bool = False, keep_next: bool = False) -> etree._Element:
    """Append `<w:p>` holding one line of text (a tab becomes `<w:tab/>`) to `parent`."""
    p = etree.SubElement(parent, W_P)
    if style_id or align or page_break_before or keep_next:
        ppr = etree.SubElement(p, W_PPR)
        if style_id:
            etree.SubElement(ppr, W_PSTYLE).set(W_VAL, style_id)
        if keep_next:
            etree.SubElement(ppr, qn("w:keepNext"))
        if page_break_before:
            etree.SubElement(ppr, qn("w:pageBreakBefore"))
        if align:
            etree.SubElement(ppr, W_JC).set(W_VAL, align)
    if text:
        run = etree.SubElement(p, W_R)
        if bold:
            etree.SubElement(etree.SubElement(run, W_RPR), W_B)
        for i, part in enumerate(text.split("\t")):
            if i:
                etree.SubElement(run, W_TAB)
            if part:
                t = etree.SubElement(run, W_T)
                t.set(XML_SPACE, "preserve")
                t.text = part
    return p


def table(parent: etree._Element, widths: list[int], *, align: str = "left", border_color: str = "B8C0CC",
          border_size: int = 4, outer: bool = True, inside_v: bool = True) -> etree._Element:
    """Append an empty `<w:tbl>` with fixed column widths (twentieths of a point) and its borders."""
    tbl = etree.SubElement(parent, qn("w:tbl"))
    pr = _sub(tbl, qn("w:tblPr"))
    _sub(pr, qn("w:tblW"), w=str(sum(widths)), type="dxa")
    _sub(pr, qn("w:jc"), val=align)
    edges = _sub(pr, qn("w:tblBorders"))
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        shown = edge in ("insideH", "bottom") or (edge == "insideV" and inside_v) or (
            edge in ("top", "left", "right") and outer)
        if shown:
            _sub(edges, qn(f"w:{edge}"), val="single", sz=str(border_size), space="0", color=border_color)
        else:
            _sub(edges, qn(f"w:{edge}"), val="nil")
    _sub(pr, qn("w:tblLayout"), type="fixed")
    margins = _sub(pr, qn("w:tblCellMar"))
    for side in ("left", "right"):
        _sub(margins, qn(f"w:{side}"), w="85", type="dxa")
    _sub(pr, qn("w:tblLook"), val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
         noHBand="0", noVBand="1")
    grid = _sub(tbl, qn("w:tblGrid"))
    for width in widths:
        _sub(grid, qn("w:gridCol"), w=str(width))
    return tbl


def row(tbl: etree._Element, *, header: bool = False, keep_whole: bool = False,
        min_height: int = 0) -> etree._Element:
    """Append `<w:tr>`: a header row is repeated on each page; a kept row never breaks across pages."""
    tr = etree.SubElement(tbl, qn("w:tr"))
    if header or keep_whole or min_height:
        pr = _sub(tr, qn("w:trPr"))
        if keep_whole or header:
            _sub(pr, qn("w:cantSplit"))
        if min_height:
            _sub(pr, qn("w:trHeight"), val=str(min_height), hRule="atLeast")
        if header:
            _sub(pr, qn("w:tblHeader"))
    return tr


def cell(tr: etree._Element, width: int, fill: str | None = None) -> etree._Element:
    """Append `<w:tc>` (the caller adds at least one paragraph to it)."""
    tc = etree.SubElement(tr, qn("w:tc"))
    pr = _sub(tc, qn("w:tcPr"))
    _sub(pr, qn("w:tcW"), w=str(width), type="dxa")
    if fill:
        _sub(pr, qn("w:shd"), val="clear", color="auto", fill=fill)
    return tc


def add_field(para: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (e.g. "PAGE", "NUMPAGES") that Word and LibreOffice compute when they display."""
    def run_with(child: etree._Element) -> None:
        para.add_run()._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    para.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def set_language(document: DocxDocument, lang: str = "fr-FR") -> None:
    """Language of the whole document (spelling, hyphenation, quotes) in the default run properties."""
    r_pr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        return
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), lang)
    element.set(qn("w:eastAsia"), lang)
    element.set(qn("w:bidi"), "ar-SA")
    r_pr.append(element)


def plain_font(style_element: etree._Element, font: str) -> None:
    """Use `font` for every script, dropping the theme fonts the default template links headings to."""
    r_pr = style_element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    for attr in list(r_fonts.attrib):
        del r_fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), font)


def drop_letter_spacing(style_element: etree._Element) -> None:
    """Remove the character spacing (and the list numbering) the default template gives a style."""
    r_pr = style_element.find(qn("w:rPr"))
    for old in ([] if r_pr is None else r_pr.findall(qn("w:spacing"))):
        r_pr.remove(old)
    p_pr = style_element.find(qn("w:pPr"))
    for old in ([] if p_pr is None else p_pr.findall(qn("w:numPr"))):
        p_pr.remove(old)


def app_properties(application: str, company: str) -> bytes:
    """docProps/app.xml naming this application (the default template says « Microsoft Macintosh Word »)."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={
        None: ns, "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"})
    etree.SubElement(root, f"{{{ns}}}Application").text = application
    etree.SubElement(root, f"{{{ns}}}DocSecurity").text = "0"
    if company:
        etree.SubElement(root, f"{{{ns}}}Company").text = company
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
