"""The exercise « Trouver les erreurs »: create one from an example, correct it, check the corrections.

An exercise dossier is an ordinary dossier of the library whose `meta.exercise` holds the recipe. Its
wizard shows no remark (finding the mistakes is the exercise) and a panel with « Vérifier mes
corrections », which says what was found, what was missed (each with its « Pourquoi ? ») and what was
changed without need.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from forms.library import Library
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.storage import load_dossier
from gui.errors import show_error
from gui.training.why_dialog import why_html
from gui.widgets.dialogs import close_buttons
from gui.widgets.panels import add_side_dock
from rules.exercise import LEVEL_NAMES, ExerciseError, ExerciseScore, build_exercise, example_ids, score_exercise
from rules.explanations import why_for

MAX_MISTAKES = 10
INSTRUCTIONS = (
    "Ce dossier contient des erreurs glissées dans un dossier d'exemple. Les remarques de l'application "
    "sont masquées : à vous de les trouver. Corrigez ce qui vous semble faux, étape par étape, puis "
    "choisissez « Vérifier mes corrections »."
)


class NewExerciseDialog(QDialog):
    """Choose the example, the number of mistakes, the level and the seed; creates the exercise dossier."""

    def __init__(self, library: Library, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.catalogue = catalogue
        self.created_path: Path | None = None
        self.setWindowTitle("Nouvel exercice : trouver les erreurs")
        layout = QVBoxLayout(self)
        intro = QLabel("L'application glisse des erreurs réalistes dans un dossier d'exemple. Avec la même "
                       "graine, tout le groupe reçoit le même exercice.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.example = QComboBox()
        self.example.setAccessibleName("Dossier d'exemple")
        for example_id in example_ids():
            title = load_dossier(self.library_example(example_id)).title
            self.example.addItem(title, example_id)
        self.count = QSpinBox()
        self.count.setRange(1, MAX_MISTAKES)
        self.count.setValue(3)
        self.count.setAccessibleName("Nombre d'erreurs")
        self.level = QComboBox()
        self.level.setAccessibleName("Niveau")
        for level, name in LEVEL_NAMES.items():
            self.level.addItem(name.capitalize(), level)
        self.seed = QSpinBox()
        self.seed.setRange(0, 9999)
        self.seed.setAccessibleName("Graine de l'exercice")
        self.seed.setToolTip("Donnez le même nombre à tout le groupe pour que chacun ait le même exercice.")
        for text, widget in (("&Exemple :", self.example), ("&Nombre d'erreurs :", self.count),
                             ("Ni&veau :", self.level), ("&Graine :", self.seed)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B00020;")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Créer l'exercice")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def library_example(example_id: str) -> Path:
        from forms.training.comments import example_path

        return example_path(example_id)

    def create(self) -> None:
        try:
            dossier = build_exercise(self.example.currentData(), self.count.value(), self.level.currentData(),
                                     self.seed.value(), self.catalogue)
        except ExerciseError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        try:
            self.created_path = self.library.create(dossier, dossier.title)
        except OSError as exc:
            show_error(self, "Création impossible", f"L'exercice n'a pas pu être enregistré : {exc.strerror or exc}")
            return
        self.accept()


def score_html(score: ExerciseScore) -> str:
    """The results for the learner, as simple HTML."""
    e = html.escape
    parts = [f"<p><b>{e(score.summary())}</b></p>"]
    if score.found:
        parts.append("<h3>Erreurs trouvées</h3><ul>")
        parts.extend(f"<li>✓ {e(r.mistake.title)}</li>" for r in score.found)
        parts.append("</ul>")
    if score.missed:
        parts.append("<h3>Erreurs manquées</h3><ul>")
        parts.extend(f"<li>✗ {e(r.mistake.title)} — champ « {e(r.field)} »</li>" for r in score.missed)
        parts.append("</ul>")
    if score.needless_changes:
        parts.append("<h3>Modifié sans nécessité</h3><ul>")
        parts.extend(f"<li>{e(label)}</li>" for label in score.needless_changes)
        parts.append("</ul>")
    return "".join(parts)


class ExerciseResultsDialog(QDialog):
    """What was found, missed (with « Pourquoi ? »), and changed without need."""

    def __init__(self, score: ExerciseScore, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = score
        self.setWindowTitle("Résultat de l'exercice")
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Résultat de l'exercice")
        body = score_html(score)
        for result in score.missed:  # the learner reads why each missed mistake matters
            why = why_for(result.rule, None, catalogue)
            if why is not None:
                body += f"<hr><p><b>Pourquoi ? — {html.escape(result.mistake.title)}</b></p>{why_html(why)}"
        self.text.setHtml(body)
        self.text.setMinimumSize(520, 360)
        layout.addWidget(self.text, 1)
        layout.addWidget(close_buttons(self))


class ExercisePanel(QWidget):
    """The exercise's instructions and its « Vérifier mes corrections » button, beside the wizard."""

    def __init__(self, window: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.last_score: ExerciseScore | None = None
        spec = window.ctx.dossier.meta.exercise
        layout = QVBoxLayout(self)
        title = QLabel(f"Exercice : {spec.count} erreur{'s' if spec.count > 1 else ''} à trouver "
                       f"(niveau {LEVEL_NAMES.get(spec.level, '')}, graine {spec.seed})")
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold;")
        text = QLabel(INSTRUCTIONS)
        text.setWordWrap(True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setAccessibleName("Résultat de la dernière vérification")
        self.check_button = QPushButton("Vérifier mes &corrections")
        self.check_button.setAccessibleName("Vérifier mes corrections")
        self.check_button.clicked.connect(self.check)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addStretch(1)
        for widget in (title, text, self.result):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addStretch(1)

    def check(self) -> ExerciseResultsDialog | None:
        ctx = self.window_.ctx
        ctx.flush()
        try:
            score = score_exercise(ctx.dossier, ctx.catalogue)
        except ExerciseError as exc:
            show_error(self, "Vérification impossible", str(exc))
            return None
        self.last_score = score
        self.result.setText(score.summary())
        dialog = ExerciseResultsDialog(score, ctx.catalogue, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()
        return dialog


def is_exercise(dossier: Dossier) -> bool:
    return dossier.meta.exercise is not None


def install_exercise_panel(window: QWidget) -> ExercisePanel:
    """Add the exercise panel to a dossier window (called by the window for an exercise dossier)."""
    panel = ExercisePanel(window)
    add_side_dock(window, "Exercice", "exercice", panel, 300, fixed=True)
    return panel
