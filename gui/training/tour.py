"""The guided tour: a few steps that point at the parts of a window and say what they are for.

Shown once at the first start (the library), replayable from the Aide menu of each window. It is a small
window beside the part it explains, with a coloured frame around that part; Entrée goes on, Échap ends
the tour at any step, and everything is reachable with Tab. Ending or skipping it is remembered
(`tour_seen`), so it does not come back by itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


@dataclass(frozen=True)
class TourStep:
    title: str
    text: str
    target: Callable[[], QWidget | None]  # the part of the window it points at (None: the whole window)


class _Highlight(QFrame):
    """A coloured frame drawn over the part of the window the current step explains."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tourHighlight")
        self.setStyleSheet("#tourHighlight { border: 3px solid #C98A00; border-radius: 4px; background: transparent; }")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def cover(self, target: QWidget | None) -> None:
        host = self.parentWidget()
        if target is None or not target.isVisible():
            self.hide()
            return
        top_left = target.mapTo(host, QPoint(0, 0))
        self.setGeometry(top_left.x() - 3, top_left.y() - 3, target.width() + 6, target.height() + 6)
        self.raise_()
        self.show()


class GuidedTour(QDialog):
    """The tour of one window. `finished_tour` is emitted when it ends (done or skipped)."""

    finished_tour = Signal()

    def __init__(self, host: QWidget, steps: list[TourStep], on_end: Callable[[], None] | None = None) -> None:
        super().__init__(host, Qt.WindowType.Tool)
        self.setObjectName("guidedTour")
        self.setWindowTitle("Visite guidée")
        self.host = host
        self.steps = steps
        self.index = 0
        self._on_end = on_end
        self.highlight = _Highlight(host)
        layout = QVBoxLayout(self)
        self.counter = QLabel()
        self.counter.setStyleSheet("color: #5A5F69;")
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 115%;")
        self.heading.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(320)
        self.back_button = QPushButton("&Précédent")
        self.next_button = QPushButton("&Suivant")
        self.skip_button = QPushButton("&Passer la visite")
        self.skip_button.setToolTip("Terminer la visite (vous pourrez la revoir depuis le menu Aide).")
        for button in (self.back_button, self.next_button, self.skip_button):
            button.setAutoDefault(False)
        self.next_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.skip_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        for widget in (self.counter, self.heading, self.text):
            layout.addWidget(widget)
        layout.addLayout(row)
        self.back_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(self.next_step)
        self.skip_button.clicked.connect(self.reject)
        self.finished.connect(self._end)

    def start(self) -> GuidedTour:
        self.go(0)
        self.show()  # a tool window of the host: it stays above it
        self.activateWindow()
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return self

    def go(self, index: int) -> None:
        if not 0 <= index < len(self.steps):
            return
        self.index = index
        step = self.steps[index]
        self.counter.setText(f"Étape {index + 1} sur {len(self.steps)}")
        self.heading.setText(step.title)
        self.text.setText(step.text)
        self.setAccessibleName(f"Visite guidée : {step.title}")
        self.back_button.setEnabled(index > 0)
        last = index == len(self.steps) - 1
        self.next_button.setText("&Terminer" if last else "&Suivant")
        target = step.target()
        self.highlight.cover(target)
        self._place_beside(target)
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def next_step(self) -> None:
        if self.index >= len(self.steps) - 1:
            self.accept()
        else:
            self.go(self.index + 1)

    def _place_beside(self, target: QWidget | None) -> None:
        """Under the part explained when there is room, else above it, always inside the host window."""
        self.adjustSize()
        host_rect = self.host.frameGeometry()
        if target is None or not target.isVisible():
            pos = host_rect.center() - QPoint(self.width() // 2, self.height() // 2)
        else:
            below = target.mapToGlobal(QPoint(0, target.height() + 8))
            above = target.mapToGlobal(QPoint(0, -self.height() - 8))
            pos = below if below.y() + self.height() <= host_rect.bottom() else above
        x = min(max(pos.x(), host_rect.left()), max(host_rect.left(), host_rect.right() - self.width()))
        y = min(max(pos.y(), host_rect.top()), max(host_rect.top(), host_rect.bottom() - self.height()))
        self.move(x, y)

    def _end(self) -> None:
        self.highlight.hide()
        self.highlight.deleteLater()
        if self._on_end is not None:
            self._on_end()
        self.finished_tour.emit()


def _remember(settings) -> Callable[[], None]:
    def done() -> None:
        settings.set("tour_seen", True)
        with contextlib.suppress(OSError):  # the tour would show again next time: nothing is lost
            settings.save()

    return done


def start_library_tour(window) -> GuidedTour:
    """The tour of the library window (the first start shows it; Aide › Visite guidée replays it)."""
    steps = [
        TourStep("Vos dossiers", "Chaque ligne est un dossier de demande de subvention, avec son état "
                 "(brouillon, complet, exporté). Double-cliquez ou appuyez sur Entrée pour l'ouvrir.",
                 lambda: window.table),
        TourStep("Commencer un dossier", "« Nouveau dossier » vous fait choisir le territoire et l'appel à "
                 "projets. Les informations de votre association sont reprises d'un dossier à l'autre.",
                 lambda: window.buttons.get("actionNew")),
        TourStep("Retrouver un dossier", "Tapez quelques lettres du titre ou de l'association pour filtrer "
                 "la liste (Ctrl+F).", lambda: window.search),
        TourStep("Apprendre", "Le menu Formation propose des exemples commentés, un exercice « trouver les "
                 "erreurs » et le mémo d'un appel à imprimer.", lambda: window.menuBar()),
        TourStep("Revoir cette visite", "Elle reste dans le menu Aide, avec la visite de la fenêtre d'un "
                 "dossier. Bonne préparation !", lambda: None),
    ]
    return GuidedTour(window, steps, _remember(window.settings)).start()


def start_wizard_tour(window) -> GuidedTour:
    """The tour of a dossier window."""
    steps = [
        TourStep("Les étapes", "Le dossier se remplit en dix étapes. Chacune dit où vous en êtes : non "
                 "commencé, en cours, terminé, ou problème à régler. Vous pouvez les ouvrir dans n'importe "
                 "quel ordre.", lambda: window.steps),
        TourStep("La page", "Remplissez les champs ; les remarques apparaissent à côté pendant la saisie, "
                 "avec « Pourquoi ? » pour comprendre d'où elles viennent.", lambda: window.stack),
        TourStep("Avancer", "« Suivant » et « Précédent » passent d'une étape à l'autre (Alt+S, Alt+P).",
                 lambda: window.next_button),
        TourStep("Rien ne se perd", "Le dossier est enregistré tout seul un instant après chaque modification ; "
                 "ici s'affiche l'heure du dernier enregistrement.", lambda: window.save_label),
        TourStep("Les sigles", "F1 ouvre le glossaire : QPV, PERR, TFPB… expliqués simplement.",
                 lambda: window.glossary_dock if window.glossary_dock.isVisible() else None),
        TourStep("Vérifier et exporter", "La dernière étape rassemble les remarques et crée le dossier en DOCX "
                 "et en PDF sur votre ordinateur (Ctrl+Maj+E).", lambda: window.steps),
    ]
    return GuidedTour(window, steps, _remember(window.settings)).start()
