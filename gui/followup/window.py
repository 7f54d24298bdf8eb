"""« Suivi et compte-rendu financier »: the dossier's life after the request, and its compte-rendu (CERFA
15059*02) in the form's three sheets, exported in DOCX and PDF.

Opened from the wizard (it shares the wizard's context: one model, one autosave) or from the library (it
then has a context of its own on the file). The compte-rendu starts prefilled from the forecast
(forms.compte_rendu.start_report) when the user asks for it.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forms.compte_rendu import start_report
from forms.compte_rendu.export import export_report
from forms.french import french_date
from forms.lifecycle import STATE_LABELS, STATES, life_status, report_due_date
from gui.followup.sheets import AnnexSheet, BilanSheet, FiguresSheet, Sheet
from gui.wizard.context import WizardContext
from gui.wizard.fields import bold_label, help_label

log = logging.getLogger(__name__)


class LifecycleSheet(Sheet):
    title = "Suivi du dossier"
    hint = ("Où en est la demande : déposée, accordée ou refusée, puis le compte-rendu financier à remettre "
            "dans les six mois qui suivent la fin de l'exercice.")

    def build(self) -> None:
        f = self.form
        self.status = QLabel()
        self.status.setObjectName("lifeStatus")
        self.status.setWordWrap(True)
        self.column.addWidget(self.status)
        state = f.choice("lifecycle.state", "Où en est le dossier", [(s, STATE_LABELS[s]) for s in STATES])
        state.widget.view().setAccessibleName("Choix : où en est le dossier")
        f.date("lifecycle.submitted_on", "Date de dépôt")
        f.date("lifecycle.decided_on", "Date de la décision")
        dossier = self.ctx.dossier
        funders = list(dict.fromkeys([*dossier.actions[0].requested_cents,
                                      *(s.funder for s in dossier.actions[0].budget.subsidies
                                        if s.funder and s.funder != "autre")]))
        if funders:
            f.section("Montants accordés", "Le montant que chaque financeur a accordé (notification, convention).")
            call = self.ctx.call
            for funder in funders:
                cofunder = call.cofunder(funder) if call else None
                f.money(f"lifecycle.granted_cents.{funder}", f"Accordé par {cofunder.name if cofunder else funder}")
        f.section("Compte-rendu financier")
        f.date("lifecycle.exercise_end", "Fin de l'exercice comptable de l'action",
               "Laissez vide si c'est le 31 décembre de l'année de l'action.")
        f.date("lifecycle.report_due", "Date limite fixée par le financeur",
               "Seulement si le financeur a fixé une autre date que six mois après la fin de l'exercice.")
        f.date("lifecycle.report_done_on", "Date d'envoi du compte-rendu")
        self.ctx.changed.connect(self._changed)  # a bound method: disconnected with the sheet
        self.refresh()

    def _changed(self, _path: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        status = life_status(self.ctx.dossier, self.ctx.catalogue)
        due = report_due_date(self.ctx.dossier, self.ctx.catalogue)
        text = status.text
        if due and status.state in ("brouillon", "depose"):
            text += (f". Si la subvention est accordée, le compte-rendu financier sera à remettre au plus tard "
                     f"le {french_date(due)}.")
        self.status.setText(text)
        self.status.setStyleSheet("color: #a4001d; font-weight: bold;" if status.overdue else "font-weight: bold;")


class FollowUpWindow(QMainWindow):
    closed = Signal(Path)

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("followUpWindow")
        self.setWindowTitle(f"Suivi et compte-rendu financier — {ctx.dossier.title}")
        central = QWidget()
        layout = QVBoxLayout(central)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("followUpTabs")
        self.tabs.addTab(LifecycleSheet(ctx), "&Suivi")
        self.start_box = QWidget()
        start_layout = QVBoxLayout(self.start_box)
        start_layout.addWidget(bold_label("Compte-rendu financier (CERFA n° 15059*02)", 1.3))
        start_layout.addWidget(help_label(
            "Une fois l'action réalisée, le compte-rendu financier présente ce qui a été fait et dépensé, à "
            "côté de ce qui était prévu. Il est dû dans les six mois qui suivent la fin de l'exercice, et "
            "avant toute nouvelle demande pour la même action. Il part du budget prévisionnel : vous corrigez "
            "ensuite chaque montant avec les chiffres de vos comptes."))
        self.start_button = QPushButton("&Commencer le compte-rendu")
        self.start_button.setObjectName("startReport")
        self.start_button.setAccessibleName("Commencer le compte-rendu")
        self.start_button.clicked.connect(self.start_report)
        start_layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        start_layout.addStretch(1)
        layout.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("followUpMessage")
        buttons.addWidget(self.message, 1)
        self.export_button = QPushButton("&Exporter le compte-rendu (DOCX et PDF)…")
        self.export_button.setObjectName("exportReport")
        self.export_button.setAccessibleName("Exporter le compte-rendu en DOCX et PDF")
        self.export_button.clicked.connect(self.choose_and_export)
        buttons.addWidget(self.export_button)
        close = QPushButton("&Fermer")
        close.setAccessibleName("Fermer le suivi")
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.setCentralWidget(central)
        self._build_sheets()
        self.tabs.currentChanged.connect(self._tab_changed)
        self.resize(1000, 720)

    # ------------------------------------------------------------------ sheets
    def _build_sheets(self) -> None:
        while self.tabs.count() > 1:
            widget = self.tabs.widget(1)
            self.tabs.removeTab(1)
            if widget is not self.start_box:
                widget.deleteLater()
        if not self.ctx.dossier.actions[0].report.started:
            self.tabs.addTab(self.start_box, "Co&mpte-rendu")
            self.export_button.setToolTip("Sans chiffres réalisés, le compte-rendu reprend le prévisionnel.")
            return
        self.tabs.addTab(BilanSheet(self.ctx), "&1. Bilan qualitatif")
        self.tabs.addTab(FiguresSheet(self.ctx), "&2. Données chiffrées")
        self.tabs.addTab(AnnexSheet(self.ctx), "&3. Annexe explicative")
        self.export_button.setToolTip("")

    def _tab_changed(self, index: int) -> None:
        """The annexe lists the gaps to explain: rebuilt when it is shown, from the figures as they are."""
        if isinstance(self.tabs.widget(index), AnnexSheet):
            old = self.tabs.widget(index)
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, AnnexSheet(self.ctx), "&3. Annexe explicative")
            self.tabs.setCurrentIndex(index)
            self.tabs.blockSignals(False)
            old.deleteLater()

    def start_report(self) -> None:
        for action in self.ctx.dossier.actions:
            start_report(action)
        self.ctx.touch("actions[0].report")
        self.ctx.flush()
        self._build_sheets()
        self.tabs.setCurrentIndex(1)
        self.message.setText("Compte-rendu commencé à partir du budget prévisionnel : corrigez chaque montant.")

    def show_sheet(self, path: str) -> None:
        """Open the tab where `path` is entered (a verdict's field)."""
        if path.startswith("lifecycle"):
            self.tabs.setCurrentIndex(0)
            return
        wanted = (AnnexSheet if any(k in path for k in ("gap_explanations", "indirect", "in_kind", "remarks"))
                  else FiguresSheet if ".report.budget" in path else BilanSheet)
        for i in range(self.tabs.count()):
            if isinstance(self.tabs.widget(i), wanted):
                self.tabs.setCurrentIndex(i)
                return

    # ------------------------------------------------------------------ export
    def export_dir(self) -> Path:
        value = self.ctx.settings.get("export_dir")
        return Path(value) if value else self.ctx.settings.library_dir / "Exports"

    def choose_and_export(self) -> list[Path]:
        start = self.export_dir() if self.export_dir().exists() else Path.home()
        folder = QFileDialog.getExistingDirectory(self, "Choisir où créer le compte-rendu", str(start))
        if not folder:
            return []
        self.ctx.settings.set("export_dir", folder)
        with contextlib.suppress(OSError):
            self.ctx.settings.save()
        return self.export(Path(folder))

    def export(self, folder: Path) -> list[Path]:
        from forms.export import ExportError

        self.ctx.flush()
        verdicts = [v for v in self.ctx.verdicts if getattr(v, "rule", "").startswith("compte_rendu.")]
        try:
            paths = export_report(self.ctx.dossier, self.ctx.catalogue, folder, verdicts=verdicts)
        except (OSError, ExportError) as exc:
            log.exception("export du compte-rendu impossible")
            QMessageBox.warning(self, "Export impossible", str(exc))
            return []
        names = " et ".join(p.name for p in paths)
        self.message.setText(f"Compte-rendu créé : {names}, dans {folder}.")
        return paths

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ctx.flush():
            answer = QMessageBox.question(self, "Fermer sans enregistrer ?",
                                          "Le dossier n'a pas pu être enregistré. Fermer quand même ?")
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        event.accept()
        self.closed.emit(self.ctx.path)

