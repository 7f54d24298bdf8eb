"""Step 4, "Enjeux et priorités": the contract's enjeux (or piliers and priorités), the call's priorities
under each chosen one, one value for a priority shared by two enjeux, and the rebuild on a call change."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from wizard_helpers import click, example_ctx, show, unnamed_inputs

from gui.wizard.pages.enjeux import EnjeuBlock, EnjeuxPage

pytestmark = pytest.mark.gui

@pytest.fixture
def blois(tmp_path, monkeypatch, qtbot):
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    ctx.dossier.action.enjeux = []
    ctx.dossier.action.operational_priorities = []
    page = EnjeuxPage(ctx)
    show(qtbot, page)
    return ctx, page


def test_checking_an_enjeu_shows_its_priorities(blois, qtbot) -> None:
    ctx, page = blois
    block = page.blocks["E4"]
    assert block.panel.isHidden()
    click(qtbot, block.check.box, on_mark=True)
    assert ctx.dossier.action.enjeux == ["E4"]
    assert block.panel.isVisible()
    expected = [p.id for p in ctx.call.operational_priorities if "E4" in p.enjeux]
    assert list(block.priority_checks) == expected
    texts = [row.label.text() for row in block.priority_checks.values()]
    assert texts[0] == ctx.call.operational_priorities[7].text  # 2023-education-1
    # a click on the text of the enjeu toggles it too (its label is part of the box)
    click(qtbot, page.blocks["E5"].check.label, on_mark=True)
    assert ctx.dossier.action.enjeux == ["E4", "E5"]
    # the model keeps the territory's order, whatever the order of the clicks
    click(qtbot, page.blocks["E1"].check.box, on_mark=True)
    assert ctx.dossier.action.enjeux == ["E1", "E4", "E5"]


def test_checking_a_priority_writes_the_model_and_unchecking_the_enjeu_removes_it(blois, qtbot) -> None:
    ctx, page = blois
    block = page.blocks["E4"]
    click(qtbot, block.check.box, on_mark=True)
    click(qtbot, block.priority_checks["2023-education-3"].box, on_mark=True)
    click(qtbot, block.priority_checks["2023-education-1"].box, on_mark=True)
    assert ctx.dossier.action.operational_priorities == ["2023-education-1", "2023-education-3"]
    click(qtbot, block.priority_checks["2023-education-3"].box, on_mark=True)
    assert ctx.dossier.action.operational_priorities == ["2023-education-1"]
    click(qtbot, block.check.box, on_mark=True)  # uncheck the enjeu
    assert ctx.dossier.action.enjeux == []
    assert ctx.dossier.action.operational_priorities == []
    assert block.panel.isHidden()
    assert block.notice.isVisible()
    assert "1 priorité de l'appel" in block.notice.text()
    assert "décochée" in block.notice.text()
    # checking it again shows the priorities unchecked and the notice goes away
    click(qtbot, block.check.box, on_mark=True)
    assert not block.priority_checks["2023-education-1"].isChecked()
    assert block.notice.isHidden()


def test_a_priority_of_two_enjeux_is_one_value(blois, qtbot) -> None:
    ctx, page = blois
    e2, e3 = page.blocks["E2"], page.blocks["E3"]
    click(qtbot, e2.check.box, on_mark=True)
    click(qtbot, e3.check.box, on_mark=True)
    click(qtbot, e2.priority_checks["2023-emploi-1"].box, on_mark=True)
    assert ctx.dossier.action.operational_priorities == ["2023-emploi-1"]
    assert e3.priority_checks["2023-emploi-1"].isChecked()  # the same choice, shown under both
    # unchecking E2 keeps it: it still belongs to E3, and the page says so
    click(qtbot, e2.check.box, on_mark=True)
    assert ctx.dossier.action.enjeux == ["E3"]
    assert ctx.dossier.action.operational_priorities == ["2023-emploi-1"]
    assert "gardée" in e2.notice.text()
    # unchecking E3 too removes it
    click(qtbot, e3.check.box, on_mark=True)
    assert ctx.dossier.action.operational_priorities == []


def test_en_savoir_plus_shows_the_contract_text_with_its_source(blois, qtbot) -> None:
    ctx, page = blois
    block = page.blocks["E4"]
    assert block.details.isHidden()
    click(qtbot, block.more, on_mark=True)
    assert block.details.isVisible()
    text = block.details.text()
    enjeu = ctx.territory.enjeu("E4")
    assert enjeu.axes.title in text and enjeu.objectives.title in text
    assert "Source :" in text
    click(qtbot, block.more, on_mark=True)
    assert block.details.isHidden()


def test_amboise_is_grouped_by_pilier(tmp_path, monkeypatch, qtbot) -> None:
    ctx = example_ctx(tmp_path, monkeypatch, "amboise-acces-droits")
    page = EnjeuxPage(ctx)
    show(qtbot, page)
    layout = page.container_layout
    sequence = []
    for i in range(layout.count()):
        w = layout.itemAt(i).widget()
        if isinstance(w, EnjeuBlock):
            sequence.append(w.enjeu.id)
        elif isinstance(w, QLabel) and w.text().startswith("Pilier : "):
            sequence.append(w.text())
    territory = ctx.territory
    expected = []
    for pilier in territory.piliers:
        expected += [f"Pilier : {pilier.title}", *pilier.enjeux]
    assert sequence == expected
    block = page.blocks["P4"]
    assert block.check.label.text().startswith("Priorité 4 : ")
    # the example's choices are shown
    assert block.check.isChecked() and block.panel.isVisible()
    assert block.priority_checks["p4-os1"].isChecked() and not block.priority_checks["p4-os2"].isChecked()


def test_rebuild_on_call_change(tmp_path, monkeypatch, qtbot) -> None:
    from gui.wizard.window import DossierWindow

    ctx0 = example_ctx(tmp_path, monkeypatch, "blois-2021-culture")
    window = DossierWindow(ctx0.path, ctx0.dossier, ctx0.catalogue, ctx0.settings)
    show(qtbot, window)
    page = window.pages["enjeux"]
    ctx = window.ctx
    assert "2021-education-4" in page.blocks["E4"].priority_checks
    # the user chooses the 2023 call on step 1
    window.show_step("appel")
    combo = window.pages["appel"].call_combo
    combo.setCurrentIndex(combo.findData("blois-2023"))
    assert ctx.call.id == "blois-2023"
    page = window.pages["enjeux"]
    e4 = page.blocks["E4"]
    assert list(e4.priority_checks) == [p.id for p in ctx.call.operational_priorities if "E4" in p.enjeux]
    assert "2023-education-11" in e4.priority_checks and "2021-education-4" not in e4.priority_checks
    # the 2021 priorities chosen before are listed so they can be unchecked, not silently kept
    assert set(page.orphan_checks) == {"2021-quartier-5", "2021-quartier-1", "2021-education-4"}
    assert page.orphan_panel.isVisibleTo(page)
    window.show_step("enjeux")
    click(qtbot, page.orphan_checks["2021-education-4"].box, on_mark=True)
    assert "2021-education-4" not in ctx.dossier.action.operational_priorities
    assert "2021-education-4" not in page.orphan_checks
    # a verdict on the priorities lands on the page
    window.focus_field("actions[0].operational_priorities")
    assert window.current_step == "enjeux"


def test_every_input_has_an_accessible_name(blois, qtbot) -> None:
    _ctx, page = blois
    for block in page.blocks.values():
        click(qtbot, block.check.box, on_mark=True)
    assert unnamed_inputs(page) == []
    names = [block.check.box.accessibleName() for block in page.blocks.values()]
    assert names[0].startswith("Enjeu 1 : ")
