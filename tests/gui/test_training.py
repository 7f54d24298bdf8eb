"""The training mode in the windows: the read-only commented example, « Partir de cet exemple »,
« Pourquoi ? », the exercise (no remark shown, « Vérifier mes corrections ») and the guided tour.

Typed and clicked as a learner does; the assertions read the model and the files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QTextEdit
from wizard_helpers import EXAMPLES, show

from forms.codec import from_data, to_data
from forms.fieldpath import get_path
from forms.library import Library
from forms.model import Dossier
from forms.programmes import default_catalogue
from forms.settings import Settings
from forms.steps import STEP_IDS, step_title
from forms.storage import load_dossier, save_dossier
from forms.training.comments import load_comments
from gui.library_window import LibraryWindow
from gui.training.exercise_mode import ExerciseResultsDialog, NewExerciseDialog
from gui.training.tour import GuidedTour
from gui.training.why_dialog import WhyDialog
from gui.wizard.window import DossierWindow
from rules.exercise import build_exercise, changed_paths, exercise_mistakes, mistake_zone

pytestmark = pytest.mark.gui


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _content(dossier) -> dict:
    data = to_data(dossier)
    data.pop("meta")
    return data


@pytest.fixture
def library_window(qtbot, settings: Settings) -> LibraryWindow:
    window = LibraryWindow(settings, catalogue_provider=default_catalogue)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.states_ready, timeout=10_000):
        window.show()
    qtbot.waitExposed(window)
    return window


def _dialogs(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


# ------------------------------------------------------------------ the commented example
def test_the_commented_example_cannot_be_edited_and_comments_each_step(qtbot, library_window) -> None:
    shipped = EXAMPLES / "blois-2023-insertion.cdv.json"
    before = _sha(shipped)
    example_window = library_window.training.open_example("blois-2023-insertion")
    qtbot.addWidget(example_window)
    qtbot.waitExposed(example_window)
    assert example_window.windowTitle().startswith("Exemple commenté (lecture seule) — ")
    original = _content(example_window.ctx.dossier)
    comments = load_comments("blois-2023-insertion")

    for step_id in STEP_IDS:
        example_window.show_step(step_id)
        panel = example_window.comments_panel
        assert panel.comment.text() == comments.comments[step_id].text
        assert step_title(step_id) in panel.heading.text()
        assert panel.source.text().startswith("Source : ")
        page = example_window.pages[step_id]
        # a learner tries everything: types in each text, ticks each box, clicks each button
        for edit in page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit) + page.findChildren(QTextEdit):
            if edit.isVisibleTo(page):
                edit.setFocus()
                QTest.keyClicks(edit, "abc 12")
                QTest.keyClick(edit, Qt.Key.Key_Backspace)
        for box in page.findChildren(QAbstractButton):
            if box.isVisibleTo(page):
                QTest.mouseClick(box, Qt.MouseButton.LeftButton)
                if box.isCheckable():
                    box.setFocus()
                    QTest.keyClick(box, Qt.Key.Key_Space)
    assert changed_paths(from_data(Dossier, {**original, "meta": {}}), example_window.ctx.dossier) == []
    assert example_window.save_action.isEnabled() is False
    example_window.close()
    assert _sha(shipped) == before, "the shipped example is never written"


def test_start_from_the_example_makes_an_editable_copy_in_the_library(qtbot, library_window, settings) -> None:
    example_window = library_window.training.open_example("amboise-acces-droits")
    qtbot.addWidget(example_window)
    with qtbot.waitSignal(library_window.dossier_opened, timeout=10_000) as opened:
        QTest.mouseClick(example_window.comments_panel.start_button, Qt.MouseButton.LeftButton)
    path = Path(opened.args[0])
    assert path.parent == Library(settings.library_dir).folder
    copy = load_dossier(path)
    assert copy.meta.origin == "exemple:amboise-acces-droits"
    assert _content(copy) == _content(load_dossier(EXAMPLES / "amboise-acces-droits.cdv.json"))
    editable = library_window.open_windows()[path]
    qtbot.addWidget(editable)
    title = editable.pages["action"].widget_for("actions[0].title")
    assert isinstance(title, QLineEdit | QPlainTextEdit) and not title.isReadOnly()
    example_window.close()


# ------------------------------------------------------------------ « Pourquoi ? »
def _window(qtbot, tmp_path: Path, dossier, settings: Settings) -> DossierWindow:
    path = tmp_path / "dossier.cdv.json"
    save_dossier(dossier, path)
    return show(qtbot, DossierWindow(path, load_dossier(path), default_catalogue(), settings))


def test_why_from_the_page_summary_and_from_the_review(qtbot, tmp_path, settings) -> None:
    dossier = load_dossier(EXAMPLES / "blois-2023-insertion.cdv.json")
    dossier.association.identity.siret = "81473062800026"  # a slip of the finger
    window = _window(qtbot, tmp_path, dossier, settings)
    page = window.pages["association"]
    window.show_step("association")
    assert 'href="why:0"' in page.summary.text()
    page.summary.linkActivated.emit("why:0")
    dialog = _dialogs(WhyDialog)[-1]
    text = dialog.text.toPlainText()
    assert "Ce que la règle protège." in text and "Si on l'ignore." in text
    assert dialog.why.rule == "format.siret"
    dialog.close()

    window.show_step("verification")
    review = window.pages["verification"]
    assert not review.why_button.isEnabled()
    review.tree.setCurrentItem(review.verdict_items()[0])
    assert review.why_button.isEnabled()
    QTest.mouseClick(review.why_button, Qt.MouseButton.LeftButton)
    assert _dialogs(WhyDialog)[-1].why.rule == "format.siret"


# ------------------------------------------------------------------ the exercise
def test_an_exercise_shows_no_remark_and_scores_the_corrections(qtbot, tmp_path, settings) -> None:
    dossier = build_exercise("blois-2023-insertion", 2, level=1, seed=1)
    window = _window(qtbot, tmp_path, dossier, settings)
    assert window.ctx.verdicts, "the checks do see the mistakes"
    for page in window.pages.values():
        assert not page.summary.isVisible()
    assert window.pages["verification"].verdict_items() == []
    states = window.steps.findChildren(QAbstractButton) or []
    assert "Problème bloquant" not in " ".join(b.text() for b in states)

    panel = window.exercise_panel
    QTest.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    results = _dialogs(ExerciseResultsDialog)[-1]
    assert "Vous avez corrigé 0 erreur sur 2." in results.text.toPlainText()
    assert results.text.toPlainText().count("Pourquoi ? — ") == 2
    results.close()

    # the learner corrects every mistake (the right values back), then checks again
    example = load_dossier(EXAMPLES / "blois-2023-insertion.cdv.json")
    for mistake in exercise_mistakes(dossier.meta.exercise):
        for path in mistake_zone(mistake, example):
            window.ctx.set_value(path, get_path(example, path))
    QTest.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.result.text() == "Vous avez corrigé 2 erreurs sur 2."
    assert load_dossier(window.ctx.path).meta.exercise.mistakes == dossier.meta.exercise.mistakes


def test_new_exercise_dialog_creates_the_same_exercise_for_the_same_seed(qtbot, settings) -> None:
    library = Library(settings.library_dir)
    made = []
    for _ in range(2):
        dialog = NewExerciseDialog(library, default_catalogue())
        qtbot.addWidget(dialog)
        dialog.example.setCurrentIndex(dialog.example.findData("blois-2021-culture"))
        dialog.count.setValue(4)
        dialog.level.setCurrentIndex(dialog.level.findData(2))
        dialog.seed.setValue(17)
        dialog.create()
        assert dialog.result() == NewExerciseDialog.DialogCode.Accepted
        made.append(load_dossier(dialog.created_path))
    assert made[0].meta.exercise == made[1].meta.exercise
    assert made[0].meta.exercise.count == 4 and made[0].meta.exercise.level == 2


def test_new_exercise_dialog_says_when_too_many_mistakes_are_asked(qtbot, settings, monkeypatch) -> None:
    import gui.training.exercise_mode as module

    monkeypatch.setattr(module, "MAX_MISTAKES", 40)
    dialog = module.NewExerciseDialog(Library(settings.library_dir), default_catalogue())
    qtbot.addWidget(dialog)
    dialog.count.setMaximum(40)
    dialog.count.setValue(40)
    dialog.create()
    assert dialog.created_path is None
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text().startswith("Cet exemple permet au plus ")


# ------------------------------------------------------------------ the tour
def test_the_library_tour_goes_step_by_step_and_is_remembered(qtbot, library_window, settings) -> None:
    assert settings.get("tour_seen") is False
    tour = library_window.start_tour()
    qtbot.addWidget(tour)
    qtbot.waitExposed(tour)
    assert isinstance(tour, GuidedTour) and tour.counter.text() == "Étape 1 sur 5"
    assert tour.highlight.isVisible()
    for expected in range(2, 6):
        QTest.keyClick(tour, Qt.Key.Key_Return)  # Entrée: the default button, « Suivant »
        assert tour.counter.text() == f"Étape {expected} sur 5"
    assert tour.next_button.text() == "&Terminer"
    QTest.keyClick(tour, Qt.Key.Key_Return)
    assert not tour.isVisible()
    assert Settings().get("tour_seen") is True, "saved: it does not come back by itself"


def test_the_tour_is_skipped_with_escape_and_replayed_from_the_help_menu(qtbot, library_window) -> None:
    tour = library_window.start_tour()
    qtbot.addWidget(tour)
    QTest.keyClick(tour, Qt.Key.Key_Escape)
    assert not tour.isVisible()
    action = library_window.findChild(type(library_window.act_about), "actionTour")
    assert action is not None and action.text() == "&Visite guidée"
    action.trigger()
    assert library_window.training.tour.isVisible()
    library_window.training.tour.reject()


def test_the_wizard_tour_points_at_each_part(qtbot, tmp_path, settings) -> None:
    window = _window(qtbot, tmp_path, load_dossier(EXAMPLES / "amboise-acces-droits.cdv.json"), settings)
    window.tour_action.trigger()
    tour = window.tour
    qtbot.addWidget(tour)
    seen = []
    while tour.isVisible():
        seen.append(tour.heading.text())
        QTest.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
    assert seen == ["Les étapes", "La page", "Avancer", "Rien ne se perd", "Les sigles", "Vérifier et exporter"]


def test_training_menu_lists_every_commented_example(library_window) -> None:
    menu = library_window.findChild(type(library_window.menuBar().actions()[0].menu()), "examplesMenu")
    names = sorted(a.objectName() for a in menu.actions())
    assert names == ["example-amboise-acces-droits", "example-blois-2021-culture", "example-blois-2023-insertion"]
    bar_titles = [a.text() for a in library_window.menuBar().actions()]
    assert bar_titles[-1] == "&Aide" and "For&mation" in bar_titles


def test_the_tour_shows_at_the_first_start_only(qtbot, library_window) -> None:
    tour = library_window.first_start_tour()
    assert tour is not None
    qtbot.addWidget(tour)
    QTest.keyClick(tour, Qt.Key.Key_Escape)  # skipped: remembered as seen
    assert library_window.first_start_tour() is None
