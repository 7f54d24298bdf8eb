"""The wizard window as a whole: the step list and its states, autosave and reopening, a refused save,
verdict clicks landing on their field, the keyboard (one step done without the mouse, no keyboard
trap), French labels, accessible names, the glossary panel and a change of call."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTextEdit,
    QToolButton,
    QTreeWidgetItem,
    QWidget,
)
from wizard_helpers import EXAMPLES, focused, press, show, tab

from forms.library import new_dossier
from forms.model import Attestation, CallRef, Dossier, TransversalAnswer
from forms.programmes import default_catalogue
from forms.progress import STATE_LABELS
from forms.settings import Settings
from forms.steps import STEP_IDS
from forms.storage import load_dossier, save_dossier
from gui.widgets.typed_inputs import DateEdit, NumberEdit
from gui.wizard.context import AUTOSAVE_DELAY_MS
from gui.wizard.steplist import STATE_SYMBOLS
from gui.wizard.window import DossierWindow

pytestmark = pytest.mark.gui

SIRET = "association.identity.siret"


# ----------------------------------------------------------------------------------------- helpers
def example(tmp_path: Path, name: str, change: Callable[[Dossier], None] | None = None) -> Path:
    """A copy of a shipped example, changed by `change` before the window opens (the test's setup)."""
    path = tmp_path / f"{name}.cdv.json"
    shutil.copy(EXAMPLES / f"{name}.cdv.json", path)
    if change is not None:
        dossier = load_dossier(path)
        change(dossier)
        save_dossier(dossier, path)
    return path


def blank(tmp_path: Path, call: str = "blois-2023") -> Path:
    territory, year = call.rsplit("-", 1)
    path = tmp_path / "nouveau.cdv.json"
    save_dossier(new_dossier(CallRef(territory, call, int(year))), path)
    return path


def open_window(qtbot, settings: Settings, path: Path) -> DossierWindow:
    return show(qtbot, DossierWindow(path, load_dossier(path), default_catalogue(), settings), size=None)


def step_text(window: DossierWindow, step_id: str) -> str:
    return window.steps.item(STEP_IDS.index(step_id)).text()


def shows_state(window: DossierWindow, step_id: str, state: str) -> bool:
    """The step's line says the state with its symbol and its word (never colour alone)."""
    item = window.steps.item(STEP_IDS.index(step_id))
    text = item.text()
    return (text.startswith(STATE_SYMBOLS[state]) and text.endswith(STATE_LABELS[state])
            and item.data(Qt.ItemDataRole.AccessibleTextRole).endswith(STATE_LABELS[state]))


def click_step(qtbot, window: DossierWindow, step_id: str) -> None:
    """Click a step in the step list."""
    steps = window.steps
    rect = steps.visualItemRect(steps.item(STEP_IDS.index(step_id)))
    qtbot.mouseClick(steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_step == step_id


def scroll_to(window: DossierWindow, widget: QWidget) -> None:
    """Scroll the page to `widget` as a user does before clicking it (once rows just added are laid out)."""
    QApplication.processEvents()
    page = window.pages[window.current_step]
    if page.isAncestorOf(widget):
        page.scroll.ensureWidgetVisible(widget)


def click_in(qtbot, window: DossierWindow, widget: QWidget) -> None:
    scroll_to(window, widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(widget.hasFocus)


def focus_by_tab(qtbot, window: DossierWindow, widget: QWidget) -> None:
    """Give `widget` the focus as Tab does (a click on a combo box would open its list)."""
    scroll_to(window, widget)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def tick(qtbot, window: DossierWindow, box: QAbstractButton) -> None:
    scroll_to(window, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(min(8, box.width() // 2), box.height() // 2))


def on_disk(path: Path) -> Dossier:
    return load_dossier(path)


# ----------------------------------------------------------------------------------------- step states
def test_a_new_dossier_has_steps_2_to_10_not_started(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, blank(tmp_path))
    assert window.current_step == "appel"
    assert window.steps.count() == 10
    for step_id in STEP_IDS[1:]:
        assert shows_state(window, step_id, "non_commence"), step_text(window, step_id)
    assert step_text(window, "association") == "○  2. Votre association\n      Non commencé"


def test_typing_an_action_title_starts_step_3(qtbot, on_modal, settings) -> None:
    """The title typed in the "Nouveau dossier" dialog: step 3 is in progress though never opened."""
    from gui.library_window import LibraryWindow

    library = LibraryWindow(settings, catalogue_provider=default_catalogue)
    qtbot.addWidget(library)
    with qtbot.waitSignal(library.states_ready, timeout=10_000):
        library.show()

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.territory, "Blois")
        qtbot.mouseClick(dialog.title, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.title, "Jardin partage")
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)

    on_modal(fill)
    with qtbot.waitSignal(library.dossier_opened, timeout=10_000) as opened:
        qtbot.mouseClick(library.buttons["actionNew"], Qt.MouseButton.LeftButton)
    window = library.open_windows()[opened.args[0]]
    qtbot.addWidget(window)
    assert window.ctx.dossier.meta.visited_steps == ["appel"]
    assert shows_state(window, "action", "en_cours"), step_text(window, "action")
    for step_id in STEP_IDS[3:]:
        assert shows_state(window, step_id, "non_commence"), step_text(window, step_id)


def test_opening_a_step_marks_it_visited_and_the_list_follows_the_typing(qtbot, settings, tmp_path) -> None:
    path = blank(tmp_path)
    window = open_window(qtbot, settings, path)
    assert shows_state(window, "action", "non_commence")
    click_step(qtbot, window, "action")
    assert "action" in window.ctx.dossier.meta.visited_steps
    assert shows_state(window, "action", "en_cours"), step_text(window, "action")  # opened, not complete
    click_step(qtbot, window, "public")  # leaving the step saves that it was visited
    assert "action" in on_disk(path).meta.visited_steps
    click_step(qtbot, window, "action")

    # a start date outside the call's year is a blocking problem: the step says so as it is typed
    page = window.pages["action"]
    start = page.fields["actions[0].start_date"].widget
    scroll_to(window, start)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(start, "02012022")
    end = tab(qtbot)
    assert end is page.fields["actions[0].end_date"].widget
    qtbot.keyClicks(end, "15122023")
    qtbot.waitUntil(lambda: shows_state(window, "action", "bloquant"))
    assert step_text(window, "action").startswith("⚠  3. L'action")
    # corrected: the symbol and the word change back
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(start, "02012023")
    qtbot.waitUntil(lambda: shows_state(window, "action", "en_cours"))
    assert step_text(window, "action").startswith("◐  3. L'action")


@pytest.mark.parametrize("name", ["blois-2023-insertion", "amboise-acces-droits"])
def test_a_complete_example_is_done_everywhere(qtbot, settings, tmp_path, name) -> None:
    window = open_window(qtbot, settings, example(tmp_path, name))
    # Amboise: the call is rebuilt from the PERR, which the user is told (a conseil, nothing to fix)
    assert [v.rule for v in window.ctx.verdicts] == ([] if name.startswith("blois") else ["appel.donnees"])
    for step_id in STEP_IDS:
        assert shows_state(window, step_id, "termine"), step_text(window, step_id)


def test_a_blocking_problem_shows_on_its_step(qtbot, settings, tmp_path) -> None:
    def unsign(d: Dossier) -> None:
        d.attestation.cer_subscribed = False

    window = open_window(qtbot, settings, example(tmp_path, "blois-2023-insertion", unsign))
    assert shows_state(window, "attestation", "bloquant"), step_text(window, "attestation")
    assert step_text(window, "attestation") == "⚠  9. Attestation\n      Problème bloquant"
    assert shows_state(window, "verification", "bloquant")  # the review sums every step up
    for step_id in STEP_IDS[:8]:
        assert shows_state(window, step_id, "termine"), step_text(window, step_id)
    # ticked: symbol and word change together
    click_step(qtbot, window, "attestation")
    tick(qtbot, window, window.pages["attestation"].fields["attestation.cer_subscribed"].widget)
    qtbot.waitUntil(lambda: shows_state(window, "attestation", "termine"))
    assert step_text(window, "attestation") == "✔  9. Attestation\n      Terminé"


# ----------------------------------------------------------------------------------------- autosave
def title_field(window: DossierWindow) -> QLineEdit:
    return window.pages["action"].fields["actions[0].title"].widget


def test_typing_is_saved_a_moment_later(qtbot, settings, tmp_path) -> None:
    path = example(tmp_path, "blois-2023-insertion")
    window = open_window(qtbot, settings, path)
    click_step(qtbot, window, "action")
    click_in(qtbot, window, title_field(window))
    qtbot.keyClick(title_field(window), Qt.Key.Key_End)
    with qtbot.waitSignal(window.ctx.saved, timeout=AUTOSAVE_DELAY_MS + 5_000):
        qtbot.keyClicks(title_field(window), " 2023")
        assert not on_disk(path).action.title.endswith(" 2023")  # not at each key: a moment later
    assert on_disk(path).action.title.endswith("quartiers Nord 2023")
    assert window.save_label.text().startswith("Enregistré")


def test_leaving_a_page_saves(qtbot, settings, tmp_path) -> None:
    path = example(tmp_path, "blois-2023-insertion")
    window = open_window(qtbot, settings, path)
    click_step(qtbot, window, "action")
    click_in(qtbot, window, title_field(window))
    qtbot.keyClick(title_field(window), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(title_field(window), "Atelier velo")
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.current_step == "enjeux"
    assert on_disk(path).action.title == "Atelier velo"


def test_the_rules_run_once_on_opening_and_not_on_a_change_of_step(qtbot, settings, tmp_path, monkeypatch) -> None:
    from gui.wizard import context

    runs: list[int] = []
    real = context.run_checks
    monkeypatch.setattr(context, "run_checks", lambda *args: runs.append(1) or real(*args))
    window = open_window(qtbot, settings, example(tmp_path, "blois-2023-insertion"))
    qtbot.wait(context.CHECK_DELAY_MS * 2)
    assert len(runs) == 1
    click_step(qtbot, window, "action")
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    qtbot.wait(context.CHECK_DELAY_MS * 2)
    assert len(runs) == 1  # the step shown is saved in the dossier, but no rule reads it
    window.ctx.set_value("actions[0].title", "Atelier vélo")
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=2_000)


def test_ctrl_s_saves_at_once(qtbot, settings, tmp_path) -> None:
    path = example(tmp_path, "blois-2023-insertion")
    window = open_window(qtbot, settings, path)
    click_step(qtbot, window, "action")
    click_in(qtbot, window, title_field(window))
    qtbot.keyClick(title_field(window), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(title_field(window), "Atelier velo")
    with qtbot.waitSignal(window.ctx.saved, timeout=1_000):
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert on_disk(path).action.title == "Atelier velo"
    assert window.current_step == "action" and title_field(window).hasFocus()  # the user goes on typing


def test_closing_saves_and_reopening_comes_back_to_the_same_step(qtbot, settings, tmp_path) -> None:
    path = example(tmp_path, "blois-2023-insertion")
    window = open_window(qtbot, settings, path)
    click_step(qtbot, window, "action")
    click_in(qtbot, window, title_field(window))
    qtbot.keyClick(title_field(window), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(title_field(window), "Atelier velo")
    with qtbot.waitSignal(window.closed):
        assert window.close()
    assert on_disk(path).action.title == "Atelier velo"

    again = open_window(qtbot, settings, path)
    assert again.current_step == "action"
    assert again.steps.currentRow() == STEP_IDS.index("action")
    assert title_field(again).text() == "Atelier velo"


def test_a_refused_save_says_why_in_french_and_keeps_the_data(qtbot, on_modal, settings, tmp_path) -> None:
    path = example(tmp_path, "blois-2023-insertion")
    window = open_window(qtbot, settings, path)
    click_step(qtbot, window, "action")
    click_in(qtbot, window, title_field(window))
    qtbot.keyClick(title_field(window), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(title_field(window), "Atelier velo")
    damaged = "{ ce fichier a été abîmé par un autre programme"
    path.write_text(damaged, encoding="utf-8")  # save_dossier refuses to replace what is not a dossier

    seen: list[tuple[str, str, set[str]]] = []

    def read(box: QMessageBox) -> None:
        seen.append((box.windowTitle(), box.text(), {b.text().replace("&", "") for b in box.buttons()}))
        box.accept()

    on_modal(read)
    with qtbot.waitSignal(window.ctx.save_failed):
        press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    title, text, buttons = seen[0]
    assert title == "Enregistrement impossible"
    assert "n'est pas un dossier lisible" in text and "Enregistrez sous un autre nom" in text
    assert buttons == {"OK"}
    assert path.read_text(encoding="utf-8") == damaged  # not replaced
    assert window.save_label.text() == "Non enregistré : voir le message"
    assert window.ctx.dossier.action.title == "Atelier velo" and window.ctx.dirty  # kept in memory
    assert title_field(window).text() == "Atelier velo"

    # closing asks before losing anything; "Non" keeps the window open
    asked: list[tuple[str, set[str]]] = []

    def answer_no(box: QMessageBox) -> None:
        if box.windowTitle() == "Enregistrement impossible":  # the save tried on closing fails again
            box.accept()
            on_modal(answer_no)
            return
        asked.append((box.windowTitle(), {b.text().replace("&", "") for b in box.buttons()}))
        box.button(QMessageBox.StandardButton.No).click()

    on_modal(answer_no)
    assert not window.close()
    assert asked == [("Fermer sans enregistrer ?", {"Oui", "Non"})]
    assert window.isVisible()
    path.unlink()  # the damaged file gone, the next save works (and the window can close)
    assert window.save_now()
    assert on_disk(path).action.title == "Atelier velo"


# ----------------------------------------------------------------------------------------- verdict clicks
def verdict_item(window: DossierWindow, match: Callable) -> QTreeWidgetItem:
    review = window.pages["verification"]
    items = [i for i in review.verdict_items() if match(i.data(0, Qt.ItemDataRole.UserRole))]
    assert items, [i.text(0) for i in review.verdict_items()]
    return items[0]


def click_item(qtbot, window: DossierWindow, item: QTreeWidgetItem) -> None:
    tree = window.pages["verification"].tree
    window.pages["verification"].scroll.ensureWidgetVisible(tree)
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def enter_on_item(qtbot, window: DossierWindow, item: QTreeWidgetItem) -> None:
    tree = window.pages["verification"].tree
    tree.setFocus(Qt.FocusReason.TabFocusReason)
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Return)


def review(qtbot, window: DossierWindow) -> None:
    click_step(qtbot, window, "verification")


def test_a_verdict_about_the_siret_lands_in_the_siret_field(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, example(tmp_path, "blois-2023-insertion"))
    click_step(qtbot, window, "association")
    siret = window.pages["association"].fields[SIRET].widget
    click_in(qtbot, window, siret)
    qtbot.keyClick(siret, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(siret, Qt.Key.Key_Delete)
    assert window.ctx.dossier.association.identity.siret == ""

    for activate in (click_item, enter_on_item):
        review(qtbot, window)
        item = verdict_item(window, lambda v: v.fields and v.fields[0] == SIRET)
        activate(qtbot, window, item)
        assert window.current_step == "association"
        assert focused() is siret
        assert window.steps.currentRow() == STEP_IDS.index("association")


def test_a_budget_verdict_lands_in_the_budget_table(qtbot, settings, tmp_path) -> None:
    def unbalance(d: Dossier) -> None:
        d.action.budget.lines["604"] += 10_000  # 100 € more of charges than of produits

    window = open_window(qtbot, settings, example(tmp_path, "blois-2023-insertion", unbalance))
    for activate in (click_item, enter_on_item):
        review(qtbot, window)
        item = verdict_item(window, lambda v: v.rule == "budget.equilibre")
        verdict = item.data(0, Qt.ItemDataRole.UserRole)
        activate(qtbot, window, item)
        assert window.current_step == "budget"
        editor = window.pages["budget"].editor
        assert isinstance(focused(), QTableWidget)
        assert focused() in [*editor.line_tables, editor.subsidy_table]
        table, row, col = editor.locate(verdict.fields[0])
        assert focused() is table and (table.currentRow(), table.currentColumn()) == (row, col)


def test_a_transversal_verdict_lands_on_its_answer(qtbot, settings, tmp_path) -> None:
    def forget(d: Dossier) -> None:
        d.action.transversal["numerique"] = TransversalAnswer()

    window = open_window(qtbot, settings, example(tmp_path, "blois-2023-insertion", forget))
    for activate in (click_item, enter_on_item):
        review(qtbot, window)
        item = verdict_item(window, lambda v: v.rule == "transversal.reponse")
        activate(qtbot, window, item)
        assert window.current_step == "transversales"
        block = window.pages["transversales"].blocks["numerique"]
        assert focused() is block.status.buttons["traitee"]  # a keyboard user can answer at once
        assert isinstance(focused(), QRadioButton)


# ----------------------------------------------------------------------------------------- keyboard
def test_the_attestation_step_with_the_keyboard_only(qtbot, settings, tmp_path) -> None:
    def reset(d: Dossier) -> None:
        d.attestation = Attestation()

    path = example(tmp_path, "blois-2023-insertion", reset)
    window = open_window(qtbot, settings, path)
    window.steps.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.steps.hasFocus)
    qtbot.keyClick(window.steps, Qt.Key.Key_End)  # the review: the last step
    qtbot.keyClick(window.steps, Qt.Key.Key_Up)
    assert window.current_step == "attestation"
    assert shows_state(window, "attestation", "bloquant")
    page = window.pages["attestation"]
    f = page.fields

    assert tab(qtbot) is page.summary  # first what is left to do on the page (its items are links)
    links = page.summary.text().count("<a ")
    assert links >= 3
    for _ in range(links + 2):  # Tab goes from link to link, then on to the first field
        if focused() is not page.summary:
            break
        qtbot.keyClick(page.summary, Qt.Key.Key_Tab)
    assert focused() is f["attestation.cer_subscribed"].widget
    press(qtbot, Qt.Key.Key_Space)
    assert tab(qtbot) is f["attestation.obligations_up_to_date"].widget
    press(qtbot, Qt.Key.Key_Space)
    assert tab(qtbot) is f["attestation.charter_2014_respected"].widget
    press(qtbot, Qt.Key.Key_Space)
    assert tab(qtbot) is f["attestation.information_exact"].widget
    press(qtbot, Qt.Key.Key_Space)
    assert tab(qtbot) is f["attestation.signatory_is_legal_representative"].widget  # already ticked
    assert tab(qtbot) is page.copy_button
    assert tab(qtbot) is f["attestation.signatory.civility"].widget
    press(qtbot, Qt.Key.Key_Down)  # "Madame"
    assert tab(qtbot) is f["attestation.signatory.last_name"].widget
    qtbot.keyClicks(focused(), "Benali")
    assert tab(qtbot) is f["attestation.signatory.first_name"].widget
    qtbot.keyClicks(focused(), "Nadia")
    assert tab(qtbot) is f["attestation.signatory.role"].widget
    qtbot.keyClicks(focused(), "Presidente")
    assert tab(qtbot) is f["attestation.place"].widget
    qtbot.keyClicks(focused(), "Blois")
    assert tab(qtbot) is f["attestation.date"].widget
    qtbot.keyClicks(focused(), "18112022")
    while focused() is not window.next_button:
        assert tab(qtbot) in (window.prev_button, window.next_button)
    press(qtbot, Qt.Key.Key_Space)  # Suivant
    assert window.current_step == "verification"

    att = window.ctx.dossier.attestation
    assert att.cer_subscribed and att.obligations_up_to_date and att.information_exact
    assert att.charter_2014_respected
    assert att.signatory_is_legal_representative
    assert (att.signatory.civility, att.signatory.last_name, att.signatory.first_name, att.signatory.role) == (
        "Madame", "Benali", "Nadia", "Presidente")
    assert (att.place, att.date) == ("Blois", dt.date(2022, 11, 18))
    assert shows_state(window, "attestation", "termine"), step_text(window, "attestation")
    assert on_disk(path).attestation == att  # leaving the page saved it


def tab_until_next_button(qtbot, window: DossierWindow, limit: int = 1_500) -> list[QWidget]:
    """Press Tab from the page's first field until "Suivant" (or "Précédent" on the last page) has the focus;
    fails when the focus leaves the page for anything else first, or stays stuck (a keyboard trap)."""
    page = window.pages[window.current_step]
    target = window.next_button if window.next_button.isEnabled() else window.prev_button
    walked: list[QWidget] = []
    for _ in range(limit):
        widget = focused()
        if widget is target:
            return walked
        assert widget is not None and (page.isAncestorOf(widget) or widget in (window.prev_button, target)), (
            f"Tab left the page {window.current_step} for {type(widget).__name__} {widget.accessibleName()!r}")
        if not walked or walked[-1] is not widget:
            walked.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        QApplication.processEvents()  # a table hands the focus on at the next turn of the event loop
    raise AssertionError(f"keyboard trap on {window.current_step}: {[type(w).__name__ for w in walked[-5:]]}")


@pytest.mark.parametrize("name", ["", "blois-2023-insertion"])
def test_tab_from_the_first_field_reaches_suivant_on_every_page(qtbot, settings, tmp_path, name) -> None:
    path = example(tmp_path, name) if name else blank(tmp_path)
    window = open_window(qtbot, settings, path)
    click_step(qtbot, window, "appel")
    for step_id in STEP_IDS:
        if step_id == "appel":
            tab(qtbot)  # from the step list into the page
        else:
            press(qtbot, Qt.Key.Key_Space)  # Suivant, from the keyboard
        assert window.current_step == step_id
        page = window.pages[step_id]
        first = focused()
        assert page.isAncestorOf(first), f"{step_id}: the cursor is not in the page but in {first!r}"
        walked = tab_until_next_button(qtbot, window)
        assert walked and walked[0] is first


# ----------------------------------------------------------------------------------------- French
def test_the_wizard_buttons_and_its_questions_are_in_french(qtbot, on_modal, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, blank(tmp_path))
    assert window.prev_button.text().replace("&", "") == "◀ Précédent"
    assert window.next_button.text().replace("&", "") == "Suivant ▶"
    assert (window.prev_button.accessibleName(), window.next_button.accessibleName()) == (
        "Étape précédente", "Étape suivante")
    review(qtbot, window)
    page = window.pages["verification"]
    seen: list[tuple[str, list[str]]] = []

    def read(box: QMessageBox) -> None:
        seen.append((box.windowTitle(), sorted(b.text().replace("&", "") for b in box.buttons())))
        box.button(QMessageBox.StandardButton.No).click()

    on_modal(read)
    qtbot.mouseClick(page.both_button, Qt.MouseButton.LeftButton)  # a new dossier has blocking problems
    assert seen == [("Exporter malgré les problèmes ?", ["Non", "Oui"])]
    assert page.last_exports == []  # "Non": nothing is exported


def mnemonic(text: str) -> str:
    """The letter after "&" in a label or a button ("" when there is none)."""
    match = re.search(r"&(\w)", text.replace("&&", ""))
    return match.group(1).lower() if match else ""


@pytest.mark.parametrize("name", ["blois-2023-insertion", "amboise-acces-droits"])
def test_the_mnemonics_of_each_page_do_not_clash_with_the_window(qtbot, settings, tmp_path, name) -> None:
    """Alt + a letter must do one thing: on each page, with the menus, Précédent / Suivant and the glossary."""
    window = open_window(qtbot, settings, example(tmp_path, name))
    shared = [a.text() for a in window.menuBar().actions()] + [window.prev_button.text(), window.next_button.text()]
    shared += [lab.text() for lab in window.glossary.findChildren(QLabel) if lab.buddy() is not None]
    for step_id, page in window.pages.items():
        texts = [b.text() for b in page.findChildren(QAbstractButton)]
        texts += [lab.text() for lab in page.findChildren(QLabel) if lab.buddy() is not None]
        letters = [m for m in map(mnemonic, shared + texts) if m]
        assert len(letters) == len(set(letters)), (step_id, [t for t in shared + texts if mnemonic(t)])


# ----------------------------------------------------------------------------------------- accessibility
INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QSpinBox, QDoubleSpinBox, QDateEdit, QComboBox, QCheckBox,
          QRadioButton, QAbstractItemView, QPushButton, QToolButton)


def inputs(root: QWidget) -> list[QWidget]:
    """Every input under `root`, not counting the parts Qt builds inside a spin box, a combo box, a date
    or a list (their owner carries the name) nor the headers of tables."""
    found = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INPUTS) or isinstance(w, QHeaderView):
            continue
        parent, inner = w.parentWidget(), False
        while parent is not None and parent is not root:
            inner = inner or isinstance(parent, (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView))
            parent = parent.parentWidget()
        if not inner:
            found.append(w)
    return found


def unnamed(widgets: list[QWidget]) -> list[str]:
    missing = []
    for w in widgets:
        name = w.accessibleName().strip()
        if not name and isinstance(w, QAbstractButton):
            name = w.text().replace("&", "").strip()
        if not name:
            missing.append(f"{type(w).__name__} {w.objectName()!r}")
    return missing


@pytest.mark.parametrize("name", ["blois-2023-insertion", "amboise-acces-droits"])
def test_every_input_of_every_page_has_an_accessible_name(qtbot, settings, tmp_path, name) -> None:
    window = open_window(qtbot, settings, example(tmp_path, name))
    for step_id, page in window.pages.items():
        widgets = inputs(page)
        assert widgets, step_id
        assert unnamed(widgets) == [], step_id
    chrome = [window.steps, window.prev_button, window.next_button, *inputs(window.glossary)]
    assert unnamed(chrome) == []
    kinds = {type(w) for page in window.pages.values() for w in inputs(page)}
    assert {QLineEdit, QComboBox, QCheckBox, QRadioButton, NumberEdit, DateEdit, QPushButton} <= {
        k for kind in kinds for k in kind.__mro__}


# ----------------------------------------------------------------------------------------- glossary
def test_the_glossary_filters_as_you_type_and_f1_toggles_it(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, blank(tmp_path))
    panel = window.glossary
    assert window.glossary_dock.isVisible()
    total = panel.visible_count()
    assert total > 20
    qtbot.mouseClick(panel.search, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.search.hasFocus)
    qtbot.keyClicks(panel.search, "QPV")
    shown = [panel.list.item(i).text() for i in range(panel.list.count()) if not panel.list.item(i).isHidden()]
    assert 0 < len(shown) < total
    assert all("QPV" in text for text in shown)
    qtbot.keyClicks(panel.search, "zzz")
    assert panel.visible_count() == 0
    panel.search.clear()
    assert panel.visible_count() == total

    click_in(qtbot, window, window.steps)
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: not window.glossary_dock.isVisible())
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(window.glossary_dock.isVisible)


# ----------------------------------------------------------------------------------------- call change
def test_changing_the_call_rebuilds_the_programme_pages(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, blank(tmp_path))
    catalogue = window.ctx.catalogue
    old, new = catalogue.calls["blois-2023"], catalogue.calls["blois-2021"]
    transversal = window.pages["transversales"]
    assert list(transversal.blocks) == [t.id for t in old.transversal]

    combo = window.pages["appel"].call_combo
    focus_by_tab(qtbot, window, combo)
    assert combo.currentData() == "blois-2023"
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # the call before: 2021
    assert combo.currentData() == "blois-2021"
    assert window.ctx.dossier.call.call == "blois-2021" and window.ctx.dossier.call.year == 2021
    assert "2021" in window.windowTitle()

    # the transversal priorities of 2021, in their own words
    assert list(transversal.blocks) == [t.id for t in new.transversal]
    titles = {t.id: t.title for t in new.transversal}
    assert transversal.blocks["innovation"].tp.title == titles["innovation"] != next(
        t.title for t in old.transversal if t.id == "innovation")
    # the enjeux offer the priorities of 2021
    enjeux = window.pages["enjeux"]
    offered = {pid for block in enjeux.blocks.values() for pid in block.priority_checks}
    assert offered == {p.id for p in new.operational_priorities}
    # the documents follow the 2021 list
    documents = window.pages["documents"]
    assert [d for d in documents.rows if documents.rows[d].spec is not None] == [s.id for s in new.documents]

    # and the rebuilt pages are still walked with Tab up to "Suivant"
    for step_id in ("enjeux", "transversales", "documents"):
        click_step(qtbot, window, step_id)
        tab(qtbot)  # from the step list into the page
        tab_until_next_button(qtbot, window)


# ----------------------------------------------------------------------------------------- export errors
def test_an_export_that_cannot_be_written_is_explained_in_french(qtbot, on_modal, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, example(tmp_path, "blois-2023-insertion"))
    not_a_folder = tmp_path / "Exports"
    not_a_folder.write_text("un fichier, pas un dossier", encoding="utf-8")
    settings.set("export_dir", str(not_a_folder))
    review(qtbot, window)
    page = window.pages["verification"]
    seen: list[tuple[str, str]] = []
    on_modal(lambda box: (seen.append((box.windowTitle(), box.text())), box.accept()))
    qtbot.mouseClick(page.both_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    title, text = seen[0]
    assert title == "Export impossible"
    assert "est un fichier, pas un dossier" in text and "Choisissez un autre emplacement" in text
    assert page.last_exports == [] and not window.ctx.dossier.meta.exported
    assert not_a_folder.read_text(encoding="utf-8") == "un fichier, pas un dossier"


def test_the_review_shows_each_message_whole(qtbot, settings, tmp_path) -> None:
    """A message is wrapped on as many lines as it needs (not cut with "…" at the width of the list)."""
    def unsign(d: Dossier) -> None:
        d.attestation.cer_subscribed = False

    window = open_window(qtbot, settings, example(tmp_path, "blois-2023-insertion", unsign))
    window.resize(1180, 780)  # its size on a common screen (it opens within the offscreen screen's 800×600)
    review(qtbot, window)
    tree = window.pages["verification"].tree
    item = verdict_item(window, lambda v: v.rule == "laicite.cer")
    text = item.text(0)
    line = tree.fontMetrics().lineSpacing()
    width = tree.columnWidth(0) - 2 * tree.indentation()
    assert tree.fontMetrics().horizontalAdvance(text) > 1.5 * width  # too long for one line here
    height = tree.visualItemRect(item).height()
    assert height >= 2 * line
    window.resize(window.width() - 250, window.height())  # narrower: the rows follow, with more lines
    qtbot.waitUntil(lambda: tree.visualItemRect(item).height() > height)


def test_the_call_is_described_on_step_1(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, blank(tmp_path))
    about = window.pages["appel"].about.text()
    assert "Appel à projets 2023 du contrat de ville de Blois" in about
    assert "actions menées du 1er janvier 2023 au 31 décembre 2023" in about
    assert ". ;" not in about  # the call's own sentence ends before the next part
