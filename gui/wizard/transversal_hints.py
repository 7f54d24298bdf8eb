"""Step 5: under each transversal priority, what the action's description already says of it (its sentences,
quoted) and what funders look for that it does not say yet. Read when the step is shown, once the suggester
is loaded (gui.wizard.suggest_loader); the answer itself stays the user's: "Reprendre ces phrases" only
copies the quoted sentences into the answer's text, it never chooses "L'action y répond" for them.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.wizard.context import WizardContext
from gui.wizard.fields import help_label
from gui.wizard.suggest_loader import suggest_loader
from gui.wizard.suggest_panel import DESCRIPTION_PATHS, action_description
from rules.suggest import EmptyDescriptionError, TransversalFinding

BASE = "actions[0].transversal"


class TransversalHint(QFrame):
    """What the description says of one transversal priority."""

    def __init__(self, ctx: WizardContext, tp_id: str, title: str, load_text) -> None:
        super().__init__()
        self.ctx = ctx
        self.tp_id = tp_id
        self.load_text = load_text  # reloads the answer's text box after a copy
        self.setObjectName(f"hint-{tp_id}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(f"Ce que votre description dit de « {title} »")
        layout.addWidget(self.label)
        row = QHBoxLayout()
        self.copy = QPushButton("Reprendre ces phrases dans ma réponse")
        self.copy.setAccessibleName(f"Reprendre les phrases citées dans la réponse sur « {title} »")
        self.copy.clicked.connect(self._copy)
        row.addWidget(self.copy)
        row.addStretch(1)
        layout.addLayout(row)
        self.finding: TransversalFinding | None = None
        self.setVisible(False)

    def show_finding(self, finding: TransversalFinding) -> None:
        self.finding = finding
        if finding.found:
            quotes = "".join(f"<li>« {html.escape(s)} »</li>" for s in finding.evidence)
            text = ("<p style='margin:0'><b>Votre description en parle déjà :</b></p>"
                    f"<ul style='margin-top:0'>{quotes}</ul>")
        else:
            text = "<p style='margin:0'><b>Votre description n'en parle pas encore.</b></p>"
        if finding.missing:
            text += f"<p style='margin:0'>{html.escape(finding.missing)}</p>"
        self.label.setText(text)
        self.copy.setVisible(finding.found)
        self.setVisible(True)

    def _copy(self) -> None:
        if self.finding is None or not self.finding.evidence:
            return
        path = f"{BASE}.{self.tp_id}.text"
        current = (self.ctx.value(path) or "").strip()
        quoted = " ".join(s for s in self.finding.evidence if s not in current)
        if quoted:
            self.ctx.set_value(path, f"{current}\n{quoted}".strip() if current else quoted)
            self.load_text()


class TransversalHintsPanel(QFrame):
    """The panel at the top of the step (what it does, a button to re-read) and one hint per block."""

    def __init__(self, ctx: WizardContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("suggest-transversal")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.status = help_label(
            "L'application relit la description de l'action et dit, sous chaque priorité, ce qu'elle en dit "
            "déjà et ce qui manque. C'est vous qui répondez."
        )
        self.status.setAccessibleName("État de la relecture de la description")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.button = QPushButton("Relire ma description")
        self.button.setAccessibleName("Relire la description de l'action pour les priorités transversales")
        self.button.clicked.connect(self.read)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        self.hints: dict[str, TransversalHint] = {}
        self._waiting = False
        self.computed_from: str | None = None
        loader = suggest_loader()
        loader.ready.connect(self._loader_ready)
        loader.failed.connect(self._loader_failed)
        ctx.changed.connect(self._model_changed)

    def attach(self, blocks: dict[str, QWidget]) -> None:
        """Add a hint under the call's words in each block (TransversalBlock: its layout, tp and text)."""
        self.hints = {}
        for tp_id, block in blocks.items():
            hint = TransversalHint(self.ctx, tp_id, block.tp.title, block.text.load)
            block.layout().insertWidget(block.layout().count() - 1, hint)
            self.hints[tp_id] = hint

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.computed_from != action_description(self.ctx):
            self.read()

    def read(self) -> None:
        call = self.ctx.call
        if call is None or not self.hints:
            return
        loader = suggest_loader()
        suggester = loader.request(self.ctx.catalogue, call.id)
        if suggester is None:
            error = loader.error(self.ctx.catalogue, call.id)
            self.status.setText(error or "Relecture de la description… (quelques secondes, la première fois)")
            self._waiting = not error
            return
        text = action_description(self.ctx)
        self.computed_from = text
        try:
            findings = suggester.suggest(text).transversal
        except EmptyDescriptionError:
            self.status.setText(
                "La description de l'action est encore vide : écrivez-la à l'étape « L'action », l'application "
                "vous dira ici ce qu'elle dit déjà de chaque priorité."
            )
            for hint in self.hints.values():
                hint.setVisible(False)
            return
        found = sum(f.found for f in findings)
        self.status.setText(
            f"D'après votre description, l'action parle déjà de {found} priorité{'s' if found > 1 else ''} sur "
            f"{len(findings)}. Lisez ce qui est dit sous chacune, puis répondez vous-même."
        )
        for finding in findings:
            if finding.id in self.hints:
                self.hints[finding.id].show_finding(finding)

    def _loader_ready(self, call_id: str) -> None:
        if self._waiting and self.ctx.call and call_id == self.ctx.call.id:
            self._waiting = False
            self.read()

    def _loader_failed(self, call_id: str, message: str) -> None:
        if self.ctx.call and call_id == self.ctx.call.id:
            self._waiting = False
            self.status.setText(message)

    def _model_changed(self, path: str) -> None:
        if path in DESCRIPTION_PATHS and self.computed_from is not None and self.isVisible():
            self.status.setText("La description a changé : cliquez sur « Relire ma description ».")
