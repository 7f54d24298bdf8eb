"""The DOCX is a real, editable Word document: heading styles, budget tables, header, footer fields,
A4, French, document properties."""

from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph
from export_readback import docx_blocks, docx_document

from forms.budget import format_euros


def test_headings_use_real_heading_styles(rendered) -> None:
    document = docx_document(rendered.docx)
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == "Demande de subvention"
    by_text = {p.text: p.style.name for p in paragraphs}
    assert by_text["La demande"] == "Heading 1"
    assert by_text["1. Identification de l'association"] == "Heading 1"
    assert by_text["1.1 Identification"] == "Heading 2"
    assert by_text["Financeurs sollicités par ce dossier"] == "Heading 3"
    assert by_text["7. Attestation"] == "Heading 1"
    headings = [p for p in paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) > 30
    # no fake headings: nothing in the body is made bold by hand
    for paragraph in paragraphs:
        assert all(run.bold is None for run in paragraph.runs), paragraph.text


def test_annex_starts_on_a_new_page(rendered) -> None:
    """The annex is a section of its own: a new page, numbered from 1, with its own footer."""
    document = docx_document(rendered.docx)
    annex = [p for p in document.paragraphs if p.text.startswith("Annexe — Vérifications")]
    assert len(annex) == 1
    assert annex[0].style.name == "Heading 1"
    assert len(document.sections) == 2
    last = document.sections[-1]
    assert last.start_type == WD_SECTION.NEW_PAGE
    assert last._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    footer = last.footer.paragraphs[0]
    assert not last.footer.is_linked_to_previous
    assert "Annexe, page" in footer.text
    assert [i.text.strip() for i in footer._p.iter(qn("w:instrText"))] == ["PAGE", "SECTIONPAGES"]
    # the annex heading comes after the paragraph that closes the request's section
    body = list(document.element.body.iterchildren())
    closing = next(i for i, el in enumerate(body) if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
    assert body.index(annex[0]._p) > closing


def _budget_tables(document) -> list[Table]:
    return [t for t in document.tables if t.rows[0].cells[0].text == "Compte"]


def test_budget_tables_right_aligned_amounts_repeated_header_rows_kept_whole(rendered) -> None:
    document = docx_document(rendered.docx)
    tables = _budget_tables(document)
    assert len(tables) == 2 * (1 + len(rendered.dossier.actions))  # charges and produits, association + actions
    for table in tables:
        header = table.rows[0]
        assert [c.text for c in header.cells] in (["Compte", "Charges", "Montant"],
                                                  ["Compte", "Produits", "Montant"])
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows[1:]:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            amount = row.cells[-1].paragraphs[0]
            assert amount.alignment == WD_ALIGN_PARAGRAPH.RIGHT
            assert amount.text.endswith("\u00a0€") and "," in amount.text
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_budget_amounts_in_french_format(rendered) -> None:
    document = docx_document(rendered.docx)
    budget = rendered.dossier.action.budget
    cells = {c.text for t in _budget_tables(document) for row in t.rows for c in row.cells}
    for code, cents in budget.lines.items():
        assert format_euros(cents) in cells, code
    assert any("\u202f" in text for text in cells)  # thousands: narrow no-break space


def test_header_footer_page_fields(rendered) -> None:
    document = docx_document(rendered.docx)
    section = document.sections[0]
    header = section.header.paragraphs[0].text
    assert rendered.dossier.association.identity.name in header
    assert rendered.dossier.action.title[:40] in header
    footer = section.footer.paragraphs[0]
    instructions = [i.text.strip() for i in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "SECTIONPAGES"]  # the annex is not counted
    assert "Page " in footer.text and " sur " in footer.text


def test_a4_french_and_properties(rendered) -> None:
    document = docx_document(rendered.docx)
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "fr-FR"
    props = document.core_properties
    assert props.author == rendered.dossier.association.identity.name
    assert rendered.dossier.action.title in props.title
    assert props.language == "fr-FR"


def test_body_order_paragraphs_and_tables(rendered) -> None:
    """The first blocks: title, subtitle lines, the one-page summary, then the request heading, its table."""
    blocks = list(docx_blocks(docx_document(rendered.docx)))
    assert isinstance(blocks[0], Paragraph) and blocks[0].style.name == "Title"
    assert all(isinstance(b, Paragraph) and b.style.name == "Subtitle" for b in blocks[1:5])
    assert isinstance(blocks[5], Paragraph) and blocks[5].text == "Résumé de la demande"
    request = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text == "La demande")
    assert isinstance(blocks[request + 1], Table)
