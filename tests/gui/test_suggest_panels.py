"""Issue 14 in the wizard: "Proposer à partir de la description" on the enjeux step, and on the transversal
step what the description already says of each priority. Nothing is ticked or answered for the user."""

from __future__ import annotations

import pytest
from wizard_helpers import click, empty_ctx, example_ctx, show, unnamed_inputs

from gui.wizard.pages.enjeux import EnjeuxPage
from gui.wizard.pages.transversales import TransversalPage
from gui.wizard.suggest_loader import suggest_loader

pytestmark = pytest.mark.gui


def enjeux_page(qtbot, ctx) -> EnjeuxPage:
    ctx.dossier.action.enjeux = []
    ctx.dossier.action.operational_priorities = []
    page = show(qtbot, EnjeuxPage(ctx))
    return page


def propose(qtbot, page: EnjeuxPage) -> None:
    panel = page.suggest_panel
    click(qtbot, panel.button)
    qtbot.waitUntil(lambda: panel.results.isVisible(), timeout=30_000)


def proposed(qtbot, tmp_path, monkeypatch, example: str = "blois-2023-insertion"):
    """The enjeux step of an example (nothing chosen) once « Proposer » was pressed: (ctx, page)."""
    ctx = example_ctx(tmp_path, monkeypatch, example)
    page = enjeux_page(qtbot, ctx)
    propose(qtbot, page)
    return ctx, page


def test_the_ranking_is_shown_and_nothing_is_ticked(tmp_path, monkeypatch, qtbot) -> None:
    ctx, page = proposed(qtbot, tmp_path, monkeypatch)
    panel = page.suggest_panel
    first = next(iter(panel.enjeu_rows))
    assert first in {"E2", "E3"}  # an employment project
    assert ctx.dossier.action.enjeux == [] and ctx.dossier.action.operational_priorities == []
    assert not any(row.isChecked() for row in [*panel.enjeu_rows.values(), *panel.priority_rows.values()])
    row = panel.enjeu_rows[first]
    assert "très proche de votre description" in row.label.text()
    texts = " ".join(lbl.text() for lbl in panel.results.findChildren(type(panel.status)))
    assert "Vos mots « " in texts and "rejoignent" in texts and "Source : " in texts
    assert unnamed_inputs(panel) == []


def test_ticking_a_suggestion_chooses_it_like_the_list_below(tmp_path, monkeypatch, qtbot) -> None:
    ctx, page = proposed(qtbot, tmp_path, monkeypatch)
    panel = page.suggest_panel
    first = next(iter(panel.enjeu_rows))
    enjeux_of = {p.id: p.enjeux for p in ctx.call.operational_priorities}
    priority = next(pid for pid in panel.priority_rows if enjeux_of[pid] == ["E2", "E3"])
    assert not panel.priority_rows[priority].isEnabled()  # its enjeu is not chosen yet
    click(qtbot, panel.enjeu_rows[first].box, on_mark=True)
    assert ctx.dossier.action.enjeux == [first]
    assert page.blocks[first].check.isChecked()  # the list below follows
    qtbot.waitUntil(lambda: panel.priority_rows[priority].isEnabled())
    click(qtbot, panel.priority_rows[priority].box, on_mark=True)
    assert ctx.dossier.action.operational_priorities == [priority]
    # unticked below: the panel follows too
    click(qtbot, page.blocks[first].check.box, on_mark=True)
    assert ctx.dossier.action.enjeux == []
    assert not panel.enjeu_rows[first].isChecked()


def test_amboise(tmp_path, monkeypatch, qtbot) -> None:
    page = proposed(qtbot, tmp_path, monkeypatch, "amboise-acces-droits")[1]
    assert next(iter(page.suggest_panel.enjeu_rows)) == "P4"
    label = page.suggest_panel.enjeu_rows["P4"].label.text()
    assert "Priorité 4 : Favoriser l'accès aux droits et aux services" in label


def test_an_empty_description_says_where_to_write_it(tmp_path, monkeypatch, qtbot) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = enjeux_page(qtbot, ctx)
    panel = page.suggest_panel
    suggest_loader().request(ctx.catalogue, "blois-2023")
    qtbot.waitUntil(lambda: suggest_loader().request(ctx.catalogue, "blois-2023") is not None, timeout=30_000)
    click(qtbot, panel.button)
    assert panel.status.text().startswith("Décrivez d'abord l'action à l'étape « L'action »")
    assert not panel.results.isVisible()


def test_a_changed_description_says_the_ranking_is_old(tmp_path, monkeypatch, qtbot) -> None:
    ctx, page = proposed(qtbot, tmp_path, monkeypatch)
    ctx.set_value("actions[0].description", "Aide aux devoirs pour les collégiens.")
    ctx.set_value("actions[0].objectives", "Réussite scolaire des élèves du collège.")
    ctx.set_value("actions[0].title", "Coup de pouce aux devoirs")
    assert page.suggest_panel.status.text().startswith("La description a changé depuis ces propositions")
    click(qtbot, page.suggest_panel.button)
    assert next(iter(page.suggest_panel.enjeu_rows)) == "E4"


def transversal_page(qtbot, ctx) -> TransversalPage:
    page = show(qtbot, TransversalPage(ctx))
    qtbot.waitUntil(lambda: any(h.isVisible() for h in page.hints_panel.hints.values()), timeout=30_000)
    return page


def test_each_transversal_priority_says_what_the_description_says(tmp_path, monkeypatch, qtbot) -> None:
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    before = {k: (v.status, v.text) for k, v in ctx.dossier.action.transversal.items()}
    page = transversal_page(qtbot, ctx)
    hints = page.hints_panel.hints
    assert list(hints) == [tp.id for tp in ctx.call.transversal]
    numerique = hints["numerique"]
    assert numerique.finding is not None and numerique.finding.found  # "démarches en ligne" in the example
    assert "Votre description en parle déjà :" in numerique.label.text()
    for sentence in numerique.finding.evidence:
        assert sentence in ctx.dossier.action.description or sentence in ctx.dossier.action.objectives
    missing = [h for h in hints.values() if h.finding and h.finding.missing]
    assert missing and all("Le texte ne dit pas encore" in h.label.text() or h.finding.missing in h.label.text()
                           for h in missing)
    assert {k: (v.status, v.text) for k, v in ctx.dossier.action.transversal.items()} == before  # nothing answered
    assert page.hints_panel.status.text().startswith("D'après votre description, l'action parle déjà de ")
    assert unnamed_inputs(page.hints_panel) == []


def test_reprendre_ces_phrases_copies_into_the_answer_only(tmp_path, monkeypatch, qtbot) -> None:
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    ctx.dossier.action.transversal.pop("numerique", None)
    page = transversal_page(qtbot, ctx)
    hint = page.hints_panel.hints["numerique"]
    click(qtbot, hint.copy)
    answer = ctx.dossier.action.transversal["numerique"]
    assert answer.text == " ".join(hint.finding.evidence)
    assert answer.status == ""  # the user still says whether the action answers it
    assert page.blocks["numerique"].text.widget.toPlainText() == answer.text
    click(qtbot, hint.copy)  # twice: nothing is copied twice
    assert ctx.dossier.action.transversal["numerique"].text == answer.text


def test_a_suggester_that_cannot_load_says_so_and_the_step_works_on(tmp_path, monkeypatch, qtbot) -> None:
    from forms.programmes import ProgrammeDataError, load_catalogue
    from gui.wizard import suggest_loader as loader_module

    def broken(catalogue, call_id):
        raise ProgrammeDataError("lexique.yaml: enjeu « E9 » inconnu")

    monkeypatch.setattr(loader_module, "suggester_for", broken)
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    ctx.catalogue = load_catalogue()  # a catalogue of its own: nothing loaded for it yet
    page = enjeux_page(qtbot, ctx)
    panel = page.suggest_panel
    click(qtbot, panel.button)
    qtbot.waitUntil(lambda: panel.status.text().startswith("Les propositions ne sont pas disponibles"), timeout=30_000)
    assert "enjeu « E9 » inconnu" in panel.status.text()
    click(qtbot, page.blocks["E3"].check.box, on_mark=True)  # the list below still works
    assert ctx.dossier.action.enjeux == ["E3"]
