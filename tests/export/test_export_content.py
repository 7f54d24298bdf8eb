"""Every value of each example dossier is in both exports, totals are right, and the order is the CERFA's.

Read back with python-docx (exact text, table cells) and pypdf / pdftotext (text a reader copies out of
the PDF). In the PDF lines wrap anywhere and reportlab draws no-break spaces as spaces, so PDF checks
compare texts with whitespace normalised (`norm`); the DOCX keeps every character, so its checks are exact.
"""

from __future__ import annotations

import pytest
from export_readback import docx_document, docx_lines, docx_text, free_texts, norm, pdf_pages

from forms.budget import format_euros
from forms.cer import CER_ENGAGEMENTS
from forms.choices import AGE_BANDS
from forms.export.content_programme import ANNEX_TITLE
from forms.export.text import clean_text
from forms.model import Budget
from forms.programmes import BudgetPlan, Catalogue

PART_TITLES = (  # numbered as the form: page 1 unnumbered, fiches 1 to 6, 7 the attestation
    "La demande",
    "1. Identification de l'association",
    "2. Relations avec l'administration",
    "3. Relations avec d'autres associations",
    "4. Moyens humains de l'association",
    "5. Budget prévisionnel de l'association",
    "6. Description de l'action",
    "7. Attestation",
    "A. Politique de la ville",
    "B. Pièces jointes",
    ANNEX_TITLE,
)


def expected_totals(budget: Budget, plan: BudgetPlan) -> dict[str, int]:
    """Totals summed here from the lines, independently of forms.budget."""
    sums = {"charges": 0, "produits": 0, "contributions_emplois": 0, "contributions_ressources": 0}
    for category in plan.categories:
        if category.subsidies:
            sums[category.side] += sum(s.amount_cents for s in budget.subsidies)
        else:
            sums[category.side] += sum(budget.lines.get(line.code, 0) for line in category.lines)
    return sums


def test_every_free_text_of_the_dossier_is_in_both_exports(rendered) -> None:
    docx = rendered.docx_text
    pdf = norm(rendered.pdf_body)
    texts = free_texts(rendered.dossier)
    assert len(texts) > 50  # the examples are complete dossiers
    for path, value in texts:
        assert clean_text(value) in docx, f"DOCX lacks {path}: {value!r}"
        assert norm(value) in pdf, f"PDF lacks {path}: {value!r}"


def test_identity_values_as_typed(rendered) -> None:
    ident = rendered.dossier.association.identity
    for value in (ident.name, ident.siret, ident.rna, rendered.dossier.action.title):
        assert value and value in rendered.docx_text
        assert norm(value) in rendered.pdf_text


def test_amounts_french_format_and_totals_right(rendered, catalogue: Catalogue) -> None:
    dossier = rendered.dossier
    plan = catalogue.budget_plan
    rows = [row for table in rendered.docx_tables for row in table]
    budgets = [dossier.association.budget, *(a.budget for a in dossier.actions)]
    expected = [expected_totals(b, plan) for b in budgets]
    for label, key in (("Total des charges", "charges"), ("Total des produits", "produits")):
        found = [row[-1] for row in rows if len(row) == 3 and row[1] == label]
        assert found == [format_euros(e[key]) for e in expected]
    found = [row[-1] for row in rows if len(row) == 3 and row[1].startswith("Total des charges, contributions")]
    assert found == [format_euros(e["charges"] + e["contributions_emplois"]) for e in expected]
    found = [row[-1] for row in rows if len(row) == 3 and row[1].startswith("Total des produits, contributions")]
    assert found == [format_euros(e["produits"] + e["contributions_ressources"]) for e in expected]
    docx = rendered.docx_text
    pdf = rendered.pdf_text
    assert "\u202f" in docx and "\u00a0€" in docx  # French format: narrow no-break space, no-break space
    for budget, totals in zip(budgets, expected, strict=True):
        amounts = [*budget.lines.values(), *(s.amount_cents for s in budget.subsidies), *totals.values()]
        for cents in amounts:
            assert format_euros(cents) in docx
            assert norm(format_euros(cents)) in pdf
        assert norm(f"Total des charges {format_euros(totals['charges'])}") in pdf
        assert norm(f"Total des produits {format_euros(totals['produits'])}") in pdf


def test_amount_requested_per_funder(rendered, catalogue: Catalogue) -> None:
    """Page 1 lists each funder this dossier asks, under its group, once; its total is the call's
    co-funders' (requested_cents, which the wizard keeps equal to line 74)."""
    dossier = rendered.dossier
    docx = rendered.docx_text
    pdf = rendered.pdf_text
    action = dossier.action
    assert action.requested_cents
    page1 = next(t for t in rendered.docx_tables if t[0] == ["Financeur", "Montant"])
    assert page1[-1] == ["Total demandé par ce dossier", format_euros(sum(action.requested_cents.values()))]
    for funder, cents in action.requested_cents.items():
        subsidy = next(s for s in action.budget.subsidies if s.funder == funder)
        assert [f"– {subsidy.label}", format_euros(cents)] in page1  # the applicant's words, once
    assert not any("—" in row[0] for row in page1)  # no « Caisse d'allocations familiales (Caf) — Caf… »
    total = format_euros(sum(action.requested_cents.values()))
    assert f"Total demandé par ce dossier\n{total}" in docx
    assert norm(f"Total demandé par ce dossier {total}") in pdf


def test_programme_part_enjeux_priorities_transversal(rendered, catalogue: Catalogue) -> None:
    dossier = rendered.dossier
    call = catalogue.call(dossier.call.call)
    territory = catalogue.territory_of(call)
    docx = rendered.docx_text
    pdf = norm(rendered.pdf_body)
    action = dossier.action
    assert action.enjeux and action.operational_priorities
    expected = [call.title, str(call.year)]
    for enjeu_id in action.enjeux:
        enjeu = territory.enjeu(enjeu_id)
        assert enjeu is not None
        expected.append(f"{territory.enjeu_label} {enjeu.number} — {enjeu.title}")
    ops = {p.id: p for p in call.operational_priorities}
    expected += [ops[p].text for p in action.operational_priorities]
    for tp in call.transversal:
        expected += [tp.title, tp.text]
        answer = action.transversal.get(tp.id)
        if answer and answer.text.strip():
            expected.append(answer.text)
    geography = catalogue.geography_of(call)
    for quartier_id in action.quartiers:
        quartier = geography.quartier(quartier_id)
        assert quartier is not None
        expected.append(quartier.name)
    for text in expected:
        assert text in docx, text
        assert norm(text) in pdf, text


def test_enjeu_label_of_the_territory(rendered, catalogue: Catalogue) -> None:
    """Blois says « Enjeu », Amboise « Priorité »."""
    call = catalogue.call(rendered.dossier.call.call)
    label = catalogue.territory_of(call).enjeu_label
    docx = rendered.docx_text
    assert f"{label} " in docx
    assert f"{catalogue.territory_of(call).enjeu_label_plural} du contrat de ville" in docx


def test_documents_checklist_labels_and_states(rendered, catalogue: Catalogue) -> None:
    call = catalogue.call(rendered.dossier.call.call)
    states = {d.id: d.state for d in rendered.dossier.documents}
    labels = {"joint": "Jointe", "a_fournir": "Manquante (à fournir)", "sans_objet": "Sans objet"}
    rows = [row for table in rendered.docx_tables for row in table if len(row) == 4]
    by_label = {row[0]: row[1] for row in rows}
    pdf = rendered.pdf_text
    for spec in call.documents:
        assert by_label[spec.label] == labels[states.get(spec.id, "a_fournir")]
        assert norm(spec.label) in pdf


def test_public_breakdown_by_gender_and_age(rendered) -> None:
    public = rendered.dossier.action.public
    rows = [row for table in rendered.docx_tables for row in table if len(row) == 5]
    labels = dict(AGE_BANDS)
    for band in public.age_bands:
        assert [labels[band.band], str(band.women), str(band.men), str(band.other),
                str(band.women + band.men + band.other)] in rows
    assert ["Ensemble", str(public.women), str(public.men), str(public.other),
            str(public.women + public.men + public.other)] in rows
    assert f"{public.qpv_share_percent}\u00a0%" in rendered.docx_text


def test_attestation_lists_the_seven_engagements(rendered) -> None:
    docx = rendered.docx_text
    pdf = rendered.pdf_text
    for i, (text, _) in enumerate(CER_ENGAGEMENTS, 1):
        title = text if i == 1 else text[0].lower() + text[1:]
        assert f"{i}. {title}" in docx
        assert norm(f"{i}. {title}") in pdf
    assert "respect des symboles de la République" in docx
    assert "contrat d'engagement républicain" in docx


def test_parts_in_the_order_of_the_cerfa_in_both(rendered) -> None:
    docx = rendered.docx_text
    pdf = rendered.pdf_text
    positions_docx = [docx.index(title) for title in PART_TITLES]
    positions_pdf = [pdf.index(norm(title)) for title in PART_TITLES]
    assert positions_docx == sorted(positions_docx)
    assert positions_pdf == sorted(positions_pdf)


def test_same_content_in_docx_and_pdf(rendered) -> None:
    """Every paragraph and cell of the DOCX body is in the PDF body, in the same order (spaces removed:
    the PDF cuts a file name too long for its column in the middle)."""
    def squash(text: str) -> str:
        return "".join(text.split())

    pdf = squash(rendered.pdf_body)
    cursor = 0
    for line in docx_lines(docx_document(rendered.docx)):
        if not line.strip():
            continue
        found = pdf.find(squash(line), cursor)
        assert found >= 0, f"not in the PDF after position {cursor}: {line!r}"
        cursor = found


@pytest.mark.parametrize("verdicts", [None, ()])
def test_annex_without_open_checks(dossier, catalogue: Catalogue, verdicts) -> None:
    from forms.export import render_docx, render_pdf

    sentence = ("Les vérifications n'ont pas été lancées" if verdicts is None
                else "Aucune vérification ne reste ouverte")
    docx = docx_text(render_docx(dossier, catalogue, verdicts))
    pages = [norm(p) for p in pdf_pages(render_pdf(dossier, catalogue, verdicts))]
    assert sentence in docx
    assert norm(ANNEX_TITLE) in pages[-1] and sentence in pages[-1]


def test_annex_groups_open_checks_by_level_on_its_own_page(dossier, catalogue: Catalogue, some_verdicts) -> None:
    from forms.export import render_docx, render_pdf

    docx = docx_text(render_docx(dossier, catalogue, some_verdicts))
    annex = docx[docx.index(ANNEX_TITLE):]
    order = [annex.index(t) for t in ("Points bloquants (1)", "Le total des charges",
                                       "Points à corriger (1)", "Le numéro SIRET",
                                       "Conseils (1)", "Précisez la part")]
    assert order == sorted(order)
    assert "À l'étape « Le budget de l'action »" in annex
    # the field is named in the wizard's words, with the budget plan's label, not by its path
    assert "champ « Ligne 604 (Prestations de services) du budget de l'action »" in annex
    assert "actions[0]" not in annex
    assert "Référence : Décret n° 2016-1971" in annex
    pages = [norm(p) for p in pdf_pages(render_pdf(dossier, catalogue, some_verdicts))]
    annex_pages = [i for i, p in enumerate(pages) if norm(ANNEX_TITLE) in p]
    assert annex_pages == [len(pages) - 1]
    assert "Pièces jointes" not in pages[-1]  # the request ends on the page before
    assert pages[-1].find(norm(ANNEX_TITLE)) < pages[-1].find("Points bloquants (1)") < pages[-1].find(
        "Points à corriger (1)") < pages[-1].find("Conseils (1)")


def test_an_empty_dossier_exports(catalogue: Catalogue) -> None:
    """A dossier just created (no call chosen, nothing filled) exports all the same."""
    from forms.export import render_docx, render_pdf
    from forms.model import Dossier

    empty = Dossier()
    docx = docx_text(render_docx(empty, catalogue))
    pages = pdf_pages(render_pdf(empty, catalogue))
    assert "Non renseigné" in docx and "Dossier sans titre" in docx
    assert "Non renseigné" in pages[0]
    assert "n'est pas connu de l'application" in docx


@pytest.mark.parametrize(("call", "words"), [("blois-2023", "enjeux"), ("amboise-2022", "priorités")])
def test_no_enjeu_chosen_is_said_without_parentheses(catalogue: Catalogue, call: str, words: str) -> None:
    from forms.export import render_docx
    from forms.model import CallRef, Dossier

    dossier = Dossier(call=CallRef(call.split("-")[0], call, int(call.split("-")[1])))
    docx = docx_text(render_docx(dossier, catalogue))
    assert f"Rien n'est choisi parmi les {words} du contrat de ville." in docx
    assert "(e)" not in docx


def test_several_actions_each_with_its_own_part(dossier, catalogue: Catalogue) -> None:
    import copy

    from forms.export import render_docx
    from forms.funders import total_asked_cents

    second = copy.deepcopy(dossier.action)
    second.title = "Deuxième action : atelier mobilité"
    dossier.actions.append(second)
    docx = docx_text(render_docx(dossier, catalogue))
    for title in ("6. Action 1", "6. Action 2", "Deuxième action : atelier mobilité",
                  "6.9 Subventions demandées par ce dossier",
                  "Action 1 — Enjeux du contrat de ville", "Action 2 — Priorités transversales"):
        assert title in docx
    assert docx.count("6.1 Présentation") == 2  # each action is a fiche 6 of its own, numbered 6.1…
    total = 2 * sum(dossier.action.requested_cents.values())
    assert total == total_asked_cents(dossier)
    # page 1 adds up both actions, the attestation asks the same
    assert f"Total demandé par ce dossier\n{format_euros(total)}" in docx
    assert f"demander une subvention de {format_euros(total)}" in docx


def test_export_does_not_modify_the_dossier(dossier, catalogue: Catalogue) -> None:
    from forms.codec import to_data
    from forms.export import render_docx, render_pdf
    from forms.model import Dossier

    for subject in (dossier, Dossier(actions=[])):
        before = to_data(subject)
        render_docx(subject, catalogue, ())
        render_pdf(subject, catalogue, None)
        assert to_data(subject) == before
