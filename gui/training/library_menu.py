"""The library window's « Formation » menu and its guided tour (Aide › Visite guidée).

- Exemples commentés: each shipped example, opened read-only with a comment beside each step;
- Nouvel exercice: « trouver les erreurs » in a copy of an example;
- Mémo d'un appel: a two-page PDF to print for a training session.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMenuBar, QWidget

from forms.library import dossier_file_stem
from forms.storage import load_dossier
from forms.training.comments import commented_examples, example_path
from gui.errors import show_error


class TrainingActions:
    """The training actions of one library window (kept by it; holds the example windows it opened)."""

    def __init__(self, window) -> None:
        self.window = window
        self.example_windows: list[QWidget] = []

    # ------------------------------------------------------------------ worked examples
    def open_example(self, example_id: str) -> QWidget | None:
        catalogue = self.window.catalogue()
        if catalogue is None:
            show_error(self.window, "Exemple indisponible", self.window._catalogue_error)
            return None
        from gui.training.example_mode import open_commented_example

        example_window = open_commented_example(example_id, catalogue, self.window.settings, self.start_from)
        self.example_windows.append(example_window)
        example_window.closed.connect(lambda _p, w=example_window: self._forget(w))
        example_window.show()
        return example_window

    def _forget(self, example_window: QWidget) -> None:
        if example_window in self.example_windows:
            self.example_windows.remove(example_window)

    def start_from(self, example_id: str) -> Path | None:
        """« Partir de cet exemple »: an editable copy in the library, opened."""
        from gui.training.example_mode import start_from_example

        try:
            path = start_from_example(self.window.library, example_id)
        except OSError as exc:
            show_error(self.window, "Copie impossible", f"La copie n'a pas pu être créée : {exc.strerror or exc}")
            return None
        self.window.refresh(select=path)
        self.window._status(f"Dossier créé à partir de l'exemple : « {dossier_file_stem(path)} ».")
        self.window.open_dossier(path)
        return path

    # ------------------------------------------------------------------ exercise
    def new_exercise(self) -> Path | None:
        catalogue = self.window.catalogue()
        if catalogue is None:
            show_error(self.window, "Exercice indisponible", self.window._catalogue_error)
            return None
        from gui.training.exercise_mode import NewExerciseDialog

        dialog = NewExerciseDialog(self.window.library, catalogue, self.window)
        return self.window.open_created(dialog)

    # ------------------------------------------------------------------ memo
    def write_memo(self, call_id: str = "", target: Path | None = None) -> Path | None:
        catalogue = self.window.catalogue()
        if catalogue is None:
            show_error(self.window, "Mémo indisponible", self.window._catalogue_error)
            return None
        if not call_id:
            calls = sorted(catalogue.calls.values(), key=lambda c: (c.territory, -c.year))
            titles = [c.title for c in calls]
            title, ok = QInputDialog.getItem(self.window, "Mémo d'un appel", "Appel à projets :", titles, 0, False)
            if not ok:
                return None
            call_id = calls[titles.index(title)].id
        if target is None:
            folder = Path(self.window.settings.get("export_dir") or self.window.library.folder)
            suggested = str(folder / f"Mémo {call_id}.pdf")
            name, _ = QFileDialog.getSaveFileName(self.window, "Enregistrer le mémo", suggested,
                                                  "Document PDF (*.pdf)")
            if not name:
                return None
            target = Path(name)
        from forms.export.memo import write_memo

        try:
            write_memo(catalogue.calls[call_id], catalogue, target)
        except OSError as exc:
            show_error(self.window, "Mémo non enregistré", f"Le mémo n'a pas pu être écrit : {exc.strerror or exc}")
            return None
        self.window._status(f"Mémo enregistré : {target}")
        return target

    # ------------------------------------------------------------------ tour
    def start_tour(self):
        from gui.training.tour import start_library_tour

        self.tour = start_library_tour(self.window)
        return self.tour


def install_training_menu(window, bar: QMenuBar, help_menu: QMenu) -> TrainingActions:
    """Add « Formation » before « Aide », and « Visite guidée » to « Aide »."""
    actions = TrainingActions(window)
    menu = QMenu("For&mation", window)
    menu.setObjectName("trainingMenu")
    examples = menu.addMenu("&Exemples commentés")
    examples.setObjectName("examplesMenu")
    for example_id in commented_examples():
        try:
            title = load_dossier(example_path(example_id)).title
        except Exception:  # a damaged shipped example must not stop the window from opening
            continue
        action = QAction(title, window)
        action.setObjectName(f"example-{example_id}")
        action.triggered.connect(lambda _c=False, e=example_id: actions.open_example(e))
        examples.addAction(action)
    exercise = QAction("&Nouvel exercice : trouver les erreurs…", window)
    exercise.setObjectName("actionExercise")
    exercise.triggered.connect(lambda _c=False: actions.new_exercise())
    menu.addAction(exercise)
    memo = QAction("&Mémo d'un appel à projets (PDF)…", window)
    memo.setObjectName("actionMemo")
    memo.triggered.connect(lambda _c=False: actions.write_memo())
    menu.addAction(memo)
    bar.insertMenu(help_menu.menuAction(), menu)
    tour = QAction("&Visite guidée", window)
    tour.setObjectName("actionTour")
    tour.triggered.connect(lambda _c=False: actions.start_tour())
    help_menu.insertAction(help_menu.actions()[0] if help_menu.actions() else None, tour)
    return actions
