"""The one-page summary that opens the export: on page 1 alone, its figures equal the budget's, the call's
deadline and where to send from the call data or « À vérifier »."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from export_readback import EXAMPLE_NAMES, EXAMPLES_DIR, docx_document, norm, pdf_pages

from forms.budget import compute_totals
from forms.export import render_docx, render_pdf
from forms.export.blocks import Fields, Heading, Table
from forms.export.content import build_document
from forms.export.content_summary import SUMMARY_TITLE, share_text, summary_blocks, summary_figures
from forms.export.context import Context, money
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.storage import load_dossier


def example(name: str = "blois-2023-insertion") -> Dossier:
    return load_dossier(EXAMPLES_DIR / f"{name}.cdv.json")


def fields_of(blocks: list) -> dict[str, str]:
    return {f.label: f.value for b in blocks if isinstance(b, Fields) for f in b.rows}


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_summary_figures_equal_the_budgets(name: str, catalogue: Catalogue) -> None:
    dossier = example(name)
    figures = summary_figures(Context.of(dossier, catalogue))
    plan = catalogue.budget_plan
    assert figures.total_budget == sum(compute_totals(a.budget, plan).charges for a in dossier.actions)
    asked: dict[str, int] = {}
    for action in dossier.actions:
        for funder, cents in action.requested_cents.items():
            asked[funder] = asked.get(funder, 0) + cents
    assert {a.funder: a.cents for a in figures.asked} == {f: c for f, c in asked.items() if c}
    assert figures.total_asked == sum(asked.values())
    for share in figures.asked:
        assert share.share == pytest.approx(share.cents * 100 / figures.total_budget)


def test_the_summary_table_of_the_reference_dossier(catalogue: Catalogue) -> None:
    blocks = summary_blocks(Context.of(example(), catalogue))
    table = next(b for b in blocks if isinstance(b, Table))
    rows = [r.cells for r in table.rows]
    assert rows[0] == ("État", money(1_400_000), "31,2\u00a0%")  # 14 000 € of 44 800 €
    assert rows[-2] == ("Total demandé", money(3_250_000), "72,5\u00a0%")
    assert rows[-1] == ("Budget total de l'action", money(4_480_000), "100,0\u00a0%")
    values = fields_of(blocks)
    assert values["Association"] == "Passerelles Emploi Blois Nord (PEBN)"
    assert values["Quartiers"] == "Quartiers Nord (Blois) — quartier prioritaire"
    assert values["Contact"] == ("Monsieur Julien Moreau, Coordinateur de l'insertion\n"
                                 "02 61 91 40 12 — julien.moreau@passerelles-emploi-blois.fr")
    assert values["Public"].startswith("60 bénéficiaires attendus (dont 34 femmes et 26 hommes), 80\u00a0% habitant")
    assert values["Période de l'action"] == "du 2 janvier 2023 au 15 décembre 2023"


def test_deadline_and_address_from_the_call_or_to_check(catalogue: Catalogue) -> None:
    dossier = example()
    ctx = Context.of(dossier, catalogue)
    values = fields_of(summary_blocks(ctx))
    assert values["Date limite de dépôt"].startswith("À vérifier (La page de l'appel 2023 ne donne pas de "
                                                     "calendrier. La page de l'appel 2021 indiquait")
    assert values["Où envoyer le dossier"].startswith("État (crédits politique de la ville) : demande saisie sur "
                                                      "le portail Dauphin")
    dated = dataclasses.replace(ctx, call=dataclasses.replace(ctx.call, deadline=dt.date(2022, 11, 18),
                                                              submission=None))
    values = fields_of(summary_blocks(dated))
    assert values["Date limite de dépôt"] == "18 novembre 2022"
    assert values["Où envoyer le dossier"] == "À vérifier auprès des financeurs de l'appel à projets"
    bare = dataclasses.replace(ctx, call=dataclasses.replace(ctx.call, period_text="", submission=None))
    assert fields_of(summary_blocks(bare))["Date limite de dépôt"] == "À vérifier"
    amboise = fields_of(summary_blocks(Context.of(example("amboise-acces-droits"), catalogue)))
    assert amboise["Où envoyer le dossier"].startswith("À vérifier")


def test_an_empty_budget_has_no_share(catalogue: Catalogue) -> None:
    blocks = summary_blocks(Context.of(Dossier(), catalogue))
    table = next(b for b in blocks if isinstance(b, Table))
    assert [r.cells for r in table.rows] == [("Total demandé", money(0), "—"), ("Budget total de l'action",
                                                                                 money(0), "—")]
    assert share_text(None) == "—"


def test_the_summary_is_first_and_alone_on_its_page(catalogue: Catalogue) -> None:
    dossier = example()
    document = build_document(dossier, catalogue, ())
    headings = [b for b in document.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings[0].text == SUMMARY_TITLE and document.blocks[0] == headings[0]
    assert headings[1].page_break_before  # the request starts page 2
    pages = [norm(p) for p in pdf_pages(render_pdf(dossier, catalogue, ()))]
    assert SUMMARY_TITLE in pages[0] and "32 500,00 € 72,5 %" in pages[0].replace("\u202f", " ")
    assert "Budget total de l'action" in pages[0]
    assert SUMMARY_TITLE not in pages[1] and headings[1].text in pages[1]
    body = [p.text for p in docx_document(render_docx(dossier, catalogue, ())).paragraphs if p.text.strip()]
    assert body.index(SUMMARY_TITLE) < body.index(headings[1].text)
