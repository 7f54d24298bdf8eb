"""The PDF: "Page x sur y" on every page, the shipped font embedded, properties, budget rows whole."""

from __future__ import annotations

import io

import pypdf
from reportlab.platypus import Table

from forms.budget import format_euros
from forms.export.content import build_document
from forms.export.fonts import FONTS_DIR
from forms.export.pdf_render import _Builder
from forms.programmes import Catalogue


def _first_cell(table: Table) -> str:
    cell = table._cellvalues[0][0]
    cell = cell[0] if isinstance(cell, list) and cell else cell
    return cell if isinstance(cell, str) else getattr(cell, "text", "")


def test_page_x_sur_y_on_every_page(rendered) -> None:
    """The request ends on its own last page number; the detachable annex has its own numbers."""
    pages = rendered.pdf_pages
    annex = [i for i, text in enumerate(pages) if "Annexe, page" in text]
    assert annex == [len(pages) - 1]  # the examples' annex holds on one page
    total = len(pages) - len(annex)
    assert total >= 8
    for number, text in enumerate(pages[:total], 1):
        assert f"Page {number} sur {total}" in text
    assert "Annexe, page 1 sur 1" in pages[-1] and f"sur {len(pages)}" not in pages[-1]


def test_font_embedded_and_the_only_one(rendered) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]).split("+", 1)[-1])
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]  # the TrueType program is in the file
            assert "/ToUnicode" in font  # text can be copied out
    assert names == {"DejaVuSans", "DejaVuSans-Bold"} or names == {"DejaVuSans", "DejaVuSans-Bold",
                                                                   "DejaVuSans-Oblique"}


def test_font_and_licence_are_shipped() -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "LICENSE", "README.md"):
        assert (FONTS_DIR / name).is_file(), name
    assert "Bitstream" in (FONTS_DIR / "LICENSE").read_text(encoding="utf-8")


def test_french_typography_survives(dossier, catalogue: Catalogue) -> None:
    from export_readback import pdf_pages

    from forms.export import render_pdf

    text = "« Œuvre » l’été… 1\u202f234\u00a0€ ; ÉLÈVES À ÇA œil"
    dossier.action.description = text
    extracted = "\n".join(pdf_pages(render_pdf(dossier, catalogue)))
    # reportlab draws the no-break spaces as spaces (documented in pdf_render)
    assert "« Œuvre » l’été… 1 234 € ; ÉLÈVES À ÇA œil" in extracted


def test_properties(rendered) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    meta = reader.metadata
    assert meta.author == rendered.dossier.association.identity.name
    assert rendered.dossier.action.title in meta.title
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


def test_budget_tables_never_split_a_row(dossier, catalogue: Catalogue) -> None:
    """The tables reportlab receives repeat their header and never split a row inside."""
    builder = _Builder()
    story = builder.build(build_document(dossier, catalogue, ()))
    tables = [f for f in story if isinstance(f, Table)]
    assert tables
    for table in tables:
        assert table.splitInRow == 0
    budget = [t for t in tables if t.repeatRows == 1 and _first_cell(t) == "Compte"]
    assert len(budget) == 4  # charges and produits of the association and of the action


def test_budget_rows_with_their_amount_on_the_same_page(rendered, catalogue: Catalogue) -> None:
    """Each filled budget line is read whole (account, label, amount) on one page."""
    from export_readback import norm

    budget = rendered.dossier.action.budget
    for category in catalogue.budget_plan.categories:
        for line in category.lines:
            cents = budget.lines.get(line.code, 0)
            if not cents or line.code == category.code:
                continue
            code = line.code if line.code.isdigit() else ""
            row = norm(f"{code} {line.label} {format_euros(cents)}")
            assert any(row in page for page in rendered.pdf_pages), row


def test_a_row_taller_than_a_page_is_laid_out_stacked(dossier, catalogue: Catalogue) -> None:
    dossier.action.indicators[0].method = "mot " * 3000
    story = _Builder().build(build_document(dossier, catalogue, ()))
    labels = [f.text for f in story if getattr(f, "style", None) is not None and f.style.name == "label"]
    assert "Mode de mesure" in labels  # the column title is now a label over the value
    indicator_tables = [f for f in story if isinstance(f, Table) and _first_cell(f) == "Indicateur"]
    assert indicator_tables == []
