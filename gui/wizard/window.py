"""The wizard window of one dossier: the step list, the current page, Précédent / Suivant, autosave.

Nothing is ever lost: the model is saved a moment after each change, when leaving a page, on Ctrl+S
and on closing; the step the user was on is kept in the dossier and restored when it is reopened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from forms.dossier_lock import DossierLock
from forms.file_stamp import FileStamp
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.progress import step_states
from forms.renewal import review_states
from forms.settings import Settings
from forms.steps import STEP_IDS, step_for_field
from gui.conflict_dialog import ask_on_conflict
from gui.errors import register_emergency_save
from gui.followup.hooks import install_followup
from gui.widgets.screen_fit import clamp_to_screen, fit_to_screen
from gui.wizard.context import WizardContext
from gui.wizard.glossary import GlossaryPanel
from gui.wizard.page import StepPage
from gui.wizard.pages import page_classes
from gui.wizard.renewal_panel import install_renewal
from gui.wizard.steplist import StepList

if TYPE_CHECKING:
    from gui.wizard.portal_view import PortalDock

NARROW_WIDTH = 760  # below this window width (1366×768 at 200 %: 667), the glossary starts closed: the step
# list and the glossary left the page no room


class ImmediateButton(QPushButton):
    """A button whose Alt+letter acts at once: Qt's own waits 100 ms (an animated click), and the keys typed
    meanwhile went to the field that had the cursor before (seen under xdotool: « Le » of « Les Amis… »
    landed in the glossary's search box)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and self.isEnabled():
            self.click()
            return True
        return super().event(event)


class DossierWindow(QMainWindow):
    closed = Signal(Path)
    reopen_read_only = Signal(Path)  # the user chose to see the other version of a conflict, read-only

    def __init__(
        self,
        path: Path,
        dossier: Dossier,
        catalogue: Catalogue,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        stamp: FileStamp | None = None,
        lock: DossierLock | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.ctx = WizardContext(Path(path), dossier, catalogue, settings, self,
                                 stamp=stamp, lock=lock, read_only=read_only)
        self.settings = settings
        # An exercise (training mode): finding the mistakes is the point, so no remark is shown.
        self.hide_verdicts = dossier.meta.exercise is not None
        self._manual_save = False  # the next "saved" comes from Ctrl+S, not from the autosave
        self.setWindowTitle(self._title())

        self.steps = StepList()
        self.stack = QStackedWidget()
        self.pages: dict[str, StepPage] = {}
        for cls in page_classes():
            page = cls(self.ctx)
            self.pages[page.step.id] = page
            self.stack.addWidget(page)

        self.prev_button = ImmediateButton("◀ &Précédent")
        self.prev_button.setAccessibleName("Étape précédente")
        self.next_button = ImmediateButton("&Suivant ▶")
        self.next_button.setAccessibleName("Étape suivante")
        self.save_label = QLabel("")
        self.save_label.setAccessibleName("État de l'enregistrement")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_label, 1)
        buttons.addWidget(self.prev_button)
        buttons.addWidget(self.next_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.stack, 1)
        right_layout.addLayout(buttons)

        splitter = QSplitter()
        splitter.addWidget(self.steps)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 800])
        self.setCentralWidget(splitter)

        self.glossary = GlossaryPanel(catalogue, territory=self._territory_id())
        self.glossary_dock = QDockWidget("Glossaire", self)
        self.glossary_dock.setObjectName("glossaire")
        self.glossary_dock.setWidget(self.glossary)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.glossary_dock)
        self.glossary_dock.setVisible(bool(settings.get("show_glossary")))
        self.resizeDocks([self.glossary_dock], [250], Qt.Orientation.Horizontal)

        self.portal_dock: PortalDock | None = None  # « Saisie sur le portail », built when first opened
        self._build_menus()
        if self.hide_verdicts:
            from gui.training.exercise_mode import install_exercise_panel

            self.exercise_panel = install_exercise_panel(self)
        self.steps.step_chosen.connect(self.show_step)
        self.prev_button.clicked.connect(lambda: self._move(-1))
        self.next_button.clicked.connect(lambda: self._move(1))
        self.ctx.verdicts_changed.connect(self._verdicts_changed)
        self.ctx.changed.connect(self._changed)
        self.ctx.call_changed.connect(self._call_changed)
        self.ctx.saved.connect(self._saved)
        self.ctx.save_failed.connect(self._save_failed)
        self.ctx.set_focus_handler(self.focus_field)
        self.ctx.set_conflict_handler(lambda message: ask_on_conflict(self, message))
        self.ctx.path_changed.connect(self._path_changed)
        self.ctx.reopen_read_only.connect(self._reopen_read_only)

        fit_to_screen(self, QSize(1180, 780))
        geometry = settings.get("wizard_geometry")
        if geometry:
            with contextlib.suppress(ValueError):
                self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
            clamp_to_screen(self)  # saved on a larger screen, or at another text size
        if self.width() < NARROW_WIDTH:  # a small screen or a large text size: the page needs the width
            self.glossary_dock.setVisible(False)  # (F1 still opens it)
        # An unexpected error anywhere saves this dossier before its dialog shows.
        self._unregister_emergency_save = register_emergency_save(self.ctx.flush)

        if read_only:
            self._show_read_only()
        self.ctx.recheck()
        install_renewal(self)  # marks and « Ce qui a changé dans l'appel » (renewed dossiers)
        install_followup(self)  # « Suivi et compte-rendu financier » in the Dossier menu
        start = dossier.meta.wizard_step if dossier.meta.wizard_step in self.pages else STEP_IDS[0]
        self.show_step(start)
        self._focused_once = False

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Dossier")
        save = QAction("&Enregistrer maintenant", self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.triggered.connect(self.save_now)
        menu.addAction(save)
        review = QAction("&Vérifier et exporter", self)
        review.setShortcut(QKeySequence("Ctrl+Shift+E"))  # Ctrl+E is "end of line" in text fields
        review.triggered.connect(lambda: self.show_step("verification"))
        menu.addAction(review)
        portal = QAction("&Saisie sur le portail Dauphin", self)
        portal.setShortcut(QKeySequence("Ctrl+Shift+D"))
        portal.triggered.connect(self.show_portal)
        menu.addAction(portal)
        pack = QAction("Préparer l'e&nvoi aux financeurs…", self)
        pack.triggered.connect(self.prepare_pack)
        menu.addAction(pack)
        menu.addSeparator()
        close = QAction("&Fermer le dossier", self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        menu.addAction(close)
        view = self.menuBar().addMenu("&Affichage")
        toggle = self.glossary_dock.toggleViewAction()
        toggle.setText("&Glossaire des sigles")
        toggle.setShortcut(QKeySequence("F1"))
        toggle.toggled.connect(self._glossary_toggled)
        view.addAction(toggle)
        help_menu = self.menuBar().addMenu("Aid&e")
        tour = QAction("&Visite guidée", self)
        tour.triggered.connect(self.start_tour)
        help_menu.addAction(tour)
        self.tour_action = tour
        self.save_action = save

    def _glossary_toggled(self, shown: bool) -> None:
        """F1 opens the glossary with the cursor in its search box, ready to type a sigle."""
        if shown:
            self.glossary.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.glossary.search.selectAll()

    def start_tour(self) -> None:
        """The guided tour of the dossier window (training mode; replayable from the Aide menu)."""
        from gui.training.tour import start_wizard_tour

        self.tour = start_wizard_tour(self)

    # ------------------------------------------------------------------ hand-off (portal, sending pack)
    def show_portal(self) -> None:
        """Open the « Saisie sur le portail » panel (built the first time it is asked for)."""
        from gui.wizard.portal_view import PortalDock

        if self.portal_dock is None:
            self.portal_dock = PortalDock(self.ctx, self)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.portal_dock)
            if self.glossary_dock.isVisible():
                self.tabifyDockWidget(self.glossary_dock, self.portal_dock)
            self.resizeDocks([self.portal_dock], [560], Qt.Orientation.Horizontal)
        self.portal_dock.show()
        self.portal_dock.raise_()
        self.portal_dock.view.scroll.setFocus()

    def prepare_pack(self) -> None:
        from gui.wizard.pack_dialog import PackDialog

        PackDialog(self.ctx, self).exec()

    # ------------------------------------------------------------------ navigation
    @property
    def current_step(self) -> str:
        page = self.stack.currentWidget()
        return page.step.id if isinstance(page, StepPage) else STEP_IDS[0]

    def show_step(self, step_id: str) -> None:
        if step_id not in self.pages:
            return
        leaving = self.stack.currentWidget() is not None and self.current_step != step_id
        page = self.pages[step_id]
        self.stack.setCurrentWidget(page)
        self.steps.select_step(step_id)
        meta = self.ctx.dossier.meta
        if meta.wizard_step != step_id or step_id not in meta.visited_steps:
            meta.wizard_step = step_id
            if step_id not in meta.visited_steps:
                meta.visited_steps.append(step_id)
            self.ctx.touch("meta.wizard_step")
        if leaving:
            self.ctx.flush()  # leaving a page saves it, with the step now open
        index = STEP_IDS.index(step_id)
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(STEP_IDS) - 1)
        self._update_states()

    def _move(self, delta: int) -> None:
        index = STEP_IDS.index(self.current_step) + delta
        if 0 <= index < len(STEP_IDS):
            self.show_step(STEP_IDS[index])
            page = self.pages[STEP_IDS[index]]
            page.scroll.verticalScrollBar().setValue(0)
            self._focus_first_field(page)

    @staticmethod
    def _focus_first_field(page: StepPage) -> None:
        """Put the cursor in the page's first field, in Tab's order: an input or a box to tick, not a push
        button that runs something (« Proposer à partir de la description » heads the enjeux: Space there
        ran the suggester instead of ticking the first enjeu). A page of buttons only gets its first one.
        (`page.focusNextChild()` moves on from the focused widget — the Suivant button — to whatever follows
        it in the window: the glossary.)"""
        first_button: QWidget | None = None
        widget = page.nextInFocusChain()
        while widget is not None and widget is not page:
            if (page.isAncestorOf(widget) and widget.isEnabled() and widget.isVisibleTo(page)
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None
                    and not isinstance(widget, QLabel)):  # "Ce qui reste à faire" is read, not filled
                if not (isinstance(widget, QAbstractButton) and not widget.isCheckable()):
                    widget.setFocus(Qt.FocusReason.TabFocusReason)
                    return
                first_button = first_button or widget
            widget = widget.nextInFocusChain()
        if first_button is not None:
            first_button.setFocus(Qt.FocusReason.TabFocusReason)

    def focus_field(self, path: str, step_id: str = "") -> None:
        """Open the step of `path` and put the cursor in the field."""
        step_id = step_id or step_for_field(path)
        self.show_step(step_id)
        self.pages[step_id].focus_path(path)

    # ------------------------------------------------------------------ model events
    def _changed(self, path: str) -> None:
        if self.ctx.read_only:
            return  # the label keeps saying why nothing is saved
        self.save_label.setText("Modifications en cours d'enregistrement…")

    def _territory_id(self) -> str | None:
        territory = self.ctx.territory
        return territory.id if territory is not None else None

    def _call_changed(self) -> None:
        self.glossary.set_territory(self._territory_id())
        for page in self.pages.values():
            page.rebuild_for_call()
        self.setWindowTitle(self._title())

    def _verdicts_changed(self, verdicts: list) -> None:
        shown = [] if self.hide_verdicts else verdicts
        for page in self.pages.values():
            page.show_verdicts(shown)
        self._update_states()

    def _update_states(self) -> None:
        # a renewed dossier: a step with values to review is not « Terminé » (forms.renewal); an exercise
        # shows no remark (finding the mistakes is the point)
        shown = [] if self.hide_verdicts else self.ctx.verdicts
        self.steps.set_states(review_states(step_states(self.ctx.dossier, shown), self.ctx.dossier))

    def _saved(self, when: str) -> None:
        try:
            stamp = dt.datetime.fromisoformat(when).strftime("%H:%M")
        except ValueError:
            stamp = ""
        how = "" if self._manual_save else " automatiquement"
        self.save_label.setText(f"Enregistré{how} à {stamp}" if stamp else "Enregistré")
        self.setWindowTitle(self._title())

    def _save_failed(self, message: str) -> None:
        self.save_label.setText("Non enregistré : voir le message")
        QMessageBox.warning(self, "Enregistrement impossible", message)

    def _path_changed(self, path: Path) -> None:
        self.setWindowTitle(self._title())
        self.statusBar().showMessage(f"Vos modifications sont enregistrées dans « {path.name} » ; l'autre "
                                     "version est restée dans son fichier.")

    def _reopen_read_only(self, path: Path) -> None:
        self.close()
        self.reopen_read_only.emit(path)

    def _show_read_only(self) -> None:
        """Nothing can be changed: the fields still show (and let copy) their text."""
        self.save_label.setText("Lecture seule : ce dossier est ouvert ailleurs, rien n'est enregistré ici.")
        self.save_action.setEnabled(False)
        set_read_only(self.stack)
        self.setWindowTitle(self._title())

    def save_now(self) -> bool:
        self.ctx.touch("meta")  # Ctrl+S always writes, even when nothing changed
        self._manual_save = True
        try:
            return self.ctx.flush()
        finally:
            self._manual_save = False

    def _title(self) -> str:
        call = self.ctx.call
        call_text = f" — {call.title}" if call else ""
        read_only = " (lecture seule)" if self.ctx.read_only else ""
        return f"{self.ctx.dossier.title}{call_text}{read_only}"

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:  # at the first show: what is typed at once goes into the page
            self._focused_once = True
            self._focus_first_field(self.pages[self.current_step])

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ctx.flush():
            answer = QMessageBox.question(
                self,
                "Fermer sans enregistrer ?",
                "Le dossier n'a pas pu être enregistré. Si vous fermez maintenant, vos dernières "
                "modifications seront perdues. Fermer quand même ?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.settings.set("wizard_geometry", bytes(self.saveGeometry().toBase64()).decode("ascii"))
        self.settings.set("show_glossary", self.glossary_dock.isVisible())
        # which dossier to reopen next time is the library window's business (it knows what is still open)
        with contextlib.suppress(OSError):
            self.settings.save()
        event.accept()
        self._unregister_emergency_save()
        self.ctx.release()
        self.closed.emit(self.ctx.path)


def set_read_only(root: QWidget) -> None:
    """Every input under `root` read-only: texts stay selectable, the other inputs are disabled."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
            widget.setReadOnly(True)
        elif isinstance(widget, QAbstractButton | QComboBox | QAbstractItemView):
            widget.setEnabled(False)
