"""Step 5, "Priorités transversales": one block per priority of the call, the answer written as a status
and a text, the text's label following the answer, and the blocks rebuilt when the call changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from wizard_helpers import click, example_ctx, show, unnamed_inputs

from forms.model import TransversalAnswer
from gui.wizard.pages.transversales import TransversalPage

pytestmark = pytest.mark.gui

@pytest.fixture
def blois(tmp_path, monkeypatch, qtbot):
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    ctx.dossier.action.transversal = {}
    page = TransversalPage(ctx)
    show(qtbot, page)
    return ctx, page


def test_every_priority_of_the_call_has_a_block(blois) -> None:
    ctx, page = blois
    assert list(page.blocks) == [tp.id for tp in ctx.call.transversal]
    for tp in ctx.call.transversal:
        block = page.blocks[tp.id]
        texts = " ".join(lab.text() for lab in block.findChildren(QLabel))
        assert tp.title in texts
        assert tp.text in texts  # the call's own words
        assert tp.prompt in texts  # what funders look for
        assert "Source :" in texts
        assert ("(facultatif)" in texts) == (not tp.required)
        for detail in tp.details:
            assert detail in texts
        # nothing answered yet: no radio button checked
        assert block.status.value() == ""
        assert not any(b.isChecked() for b in block.status.buttons.values())


def test_not_applicable_with_a_reason(blois, qtbot) -> None:
    ctx, page = blois
    block = page.blocks["numerique"]
    assert block.text_label.text() == "Comment l'action y répond"
    click(qtbot, block.status.buttons["non_applicable"], on_mark=True)
    assert ctx.dossier.action.transversal["numerique"].status == "non_applicable"
    assert block.text_label.text() == "Pourquoi elle ne s'applique pas"
    assert block.text.widget.accessibleName().startswith("Pourquoi elle ne s'applique pas")
    block.text.widget.setFocus()
    qtbot.keyClicks(block.text.widget, "Les ateliers se font sans ordinateur.")
    assert ctx.dossier.action.transversal["numerique"] == TransversalAnswer(
        status="non_applicable", text="Les ateliers se font sans ordinateur."
    )
    # changing one's mind: the label follows, the text stays to be rewritten
    click(qtbot, block.status.buttons["traitee"], on_mark=True)
    assert ctx.dossier.action.transversal["numerique"].status == "traitee"
    assert block.text_label.text() == "Comment l'action y répond"
    # other priorities are untouched
    assert set(ctx.dossier.action.transversal) == {"numerique"}


def test_keyboard_answer(blois, qtbot) -> None:
    ctx, page = blois
    block = page.blocks["egalite"]
    block.status.buttons["traitee"].setFocus()
    qtbot.keyClick(block.status.buttons["traitee"], Qt.Key.Key_Space)
    assert ctx.dossier.action.transversal["egalite"].status == "traitee"
    qtbot.keyClick(block.status.buttons["traitee"], Qt.Key.Key_Down)  # arrows move within the group
    assert ctx.dossier.action.transversal["egalite"].status == "non_applicable"


def test_loads_the_answers_and_follows_the_call(tmp_path, monkeypatch, qtbot) -> None:
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2021-culture")
    page = TransversalPage(ctx)
    show(qtbot, page)
    assert page.blocks["numerique"].status.value() == "non_applicable"
    assert page.blocks["numerique"].text_label.text() == "Pourquoi elle ne s'applique pas"
    assert page.blocks["egalite"].text.widget.toPlainText().startswith("Les ateliers sont mixtes")
    ctx.set_call("blois-2023")
    page.rebuild_for_call()
    assert list(page.blocks) == [tp.id for tp in ctx.call.transversal]
    assert "publics" in page.blocks  # a priority of 2023 only
    # a verdict on a priority's status lands on its radio buttons
    assert page.focus_path("actions[0].transversal.publics.status")
    assert page.focus_path("actions[0].transversal.publics")


def test_every_input_has_an_accessible_name(blois) -> None:
    _ctx, page = blois
    assert unnamed_inputs(page) == []
    names = [b.accessibleName() for b in page.blocks["egalite"].status.buttons.values()]
    assert names == ["Égalité femmes-hommes : L'action y répond",
                     "Égalité femmes-hommes : Ne s'applique pas à cette action"]


def test_the_text_box_waits_for_an_answer(blois, qtbot) -> None:
    """Issue 8: a box that explains an answer is disabled until the answer is chosen (typing there before
    would be lost on a reader: "Comment l'action y répond" to a question not answered)."""
    ctx, page = blois
    block = page.blocks["egalite"]
    assert not block.text.widget.isEnabled()
    click(qtbot, block.status.buttons["traitee"], on_mark=True)
    assert block.text.widget.isEnabled()
    block.text.widget.setFocus()
    qtbot.keyClicks(block.text.widget, "Autant de femmes que d'hommes.")
    assert ctx.dossier.action.transversal["egalite"].text == "Autant de femmes que d'hommes."
