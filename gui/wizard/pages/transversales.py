"""Step 5: the call's transversal priorities. For each one, the call's own words, what funders look for,
and the answer: "the action addresses it" with how, or "does not apply" with why."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QFrame, QLabel, QRadioButton, QVBoxLayout, QWidget

from forms.programmes import TransversalPriority
from forms.steps import STEPS
from gui.wizard.context import WizardContext
from gui.wizard.fields import BoundField, FormBuilder, TextField, bold_label, help_label
from gui.wizard.page import StepPage
from gui.wizard.transversal_hints import TransversalHintsPanel

BASE = "actions[0].transversal"
STATUSES = (("traitee", "L'action y répond"), ("non_applicable", "Ne s'applique pas à cette action"))
TEXT_LABELS = {
    "": "Comment l'action y répond",
    "traitee": "Comment l'action y répond",
    "non_applicable": "Pourquoi elle ne s'applique pas",
}
TEXT_HELP = {
    "": "Choisissez d'abord une réponse ci-dessus, puis expliquez en deux ou trois phrases.",
    "traitee": "Deux ou trois phrases concrètes : ce que vous faites, pour qui, comment vous le vérifiez.",
    "non_applicable": "Une ou deux phrases : pourquoi cette priorité ne concerne pas votre action.",
}


class StatusField(BoundField):
    """Two radio buttons in a QButtonGroup, bound to `…transversal.<id>.status`."""

    def __init__(self, ctx: WizardContext, path: str, label: str, title: str) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(box)
        self.buttons: dict[str, QRadioButton] = {}
        for value, text in STATUSES:
            button = QRadioButton(text)
            button.setAccessibleName(f"{title} : {text}")
            self.group.addButton(button)
            layout.addWidget(button)
            self.buttons[value] = button
        super().__init__(ctx, path, box, label)
        for value, button in self.buttons.items():
            button.toggled.connect(lambda on, v=value: on and self._write(v))

    def _show(self, value: Any) -> None:
        status = value or ""
        self.group.setExclusive(False)  # to show "not answered yet", both must be able to be off
        for v, button in self.buttons.items():
            button.setChecked(v == status)
        self.group.setExclusive(True)

    def value(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "")

    def focus(self) -> None:
        button = self.buttons.get(self.value()) or self.buttons["traitee"]
        button.setFocus(Qt.FocusReason.OtherFocusReason)


class TransversalBlock(QFrame):
    """One transversal priority of the call, with the applicant's answer."""

    def __init__(self, page: TransversalPage, tp: TransversalPriority) -> None:
        super().__init__()
        self.tp = tp
        ctx = page.ctx
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"transversale-{tp.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)

        layout.addWidget(bold_label(tp.title + (" (à confirmer)" if tp.to_confirm else
                                                "" if tp.required else " (facultatif)"), 1.1))
        if not tp.required:
            layout.addWidget(help_label(
                "Cette priorité est facultative : répondez si votre action est concernée.", ctx
            ))

        who = "le contrat de ville" if tp.to_confirm else "l'appel"  # never the call's words when it is not
        words = QLabel()
        words.setWordWrap(True)
        words.setTextFormat(Qt.TextFormat.RichText)
        words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = "".join(f"<li>{html.escape(d)}</li>" for d in tp.details)
        words.setText(
            f"<p>Ce que dit {who} : « {html.escape(tp.text)} »</p>"
            + (f"<ul style='margin-top:0'>{details}</ul>" if details else "")
            + f"<p><small>Source : {html.escape(ctx.catalogue.describe_source(tp.source))}</small></p>"
        )
        words.setAccessibleName(f"Ce que dit {who} sur « {tp.title} »")
        layout.addWidget(words)
        if tp.prompt:
            prompt = QLabel(f"Ce que les financeurs attendent : {tp.prompt}")
            prompt.setWordWrap(True)
            prompt.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(prompt)

        inner = QVBoxLayout()
        layout.addLayout(inner)
        form = FormBuilder(ctx, inner, page._register)
        base = f"{BASE}.{tp.id}"
        self.status = StatusField(ctx, f"{base}.status", f"Votre réponse sur « {tp.title} »", tp.title)
        form.add(self.status)
        self.text = form.add(TextField(ctx, f"{base}.text", TEXT_LABELS[""], lines=4), help=TEXT_HELP[""])
        assert self.text.label_widget is not None and self.text.help_widget is not None
        self.text_label: QLabel = self.text.label_widget
        self.text_help: QLabel = self.text.help_widget
        page.register_widget(base, self.status.widget)
        for button in self.status.buttons.values():
            button.toggled.connect(lambda _on: self.show_status())
        self.show_status()

    def show_status(self) -> None:
        """The text box's label follows the answer."""
        status = self.status.value()
        label = f"{TEXT_LABELS[status]} ({self.tp.title})"
        self.text_label.setText(TEXT_LABELS[status])
        self.text_help.setText(TEXT_HELP[status])
        self.text.widget.setAccessibleName(label)
        self.text.widget.setAccessibleDescription(TEXT_HELP[status])
        self.text.label = TEXT_LABELS[status]
        # the box waits for the answer it explains (kept open when a text was written before any answer)
        self.text.widget.setEnabled(bool(status) or bool(self.text.widget.toPlainText().strip()))


class TransversalPage(StepPage):
    step = STEPS[4]

    def build(self) -> None:
        self.blocks: dict[str, TransversalBlock] = {}
        self.container = QWidget()
        self.body.addWidget(self.container)
        self._build_blocks()

    def rebuild_for_call(self) -> None:
        self._build_blocks()

    def _build_blocks(self) -> None:
        self.forget_fields(BASE)
        old = self.container
        self.container = QWidget()
        layout = QVBoxLayout(self.container)
        layout.setContentsMargins(0, 0, 0, 0)
        self.body.replaceWidget(old, self.container)
        old.hide()
        old.deleteLater()
        self.blocks = {}
        call = self.ctx.call
        if call is None:
            layout.addWidget(help_label("Choisissez d'abord l'appel à projets, à l'étape 1.", self.ctx))
            return
        status = call.status_of("transversal")
        if not call.transversal:
            text = (f"Les priorités transversales de l'appel {call.year} ne sont pas connues de l'application : "
                    "demandez-les au financeur." if status == "non_connu"
                    else f"L'appel {call.year} ne fixe pas de priorité transversale.")
            layout.addWidget(help_label(text, self.ctx))
            return
        if status == "a_confirmer":
            intro = (f"Ces priorités sont reprises du contrat de ville : le texte de l'appel {call.year} n'est pas "
                     "connu de l'application (à confirmer). Dites comment votre action y répond : cela renforce "
                     "le dossier.")
        else:
            intro = (f"L'appel {call.year} demande à chaque action de prendre en compte ces priorités. Pour "
                     "chacune, dites comment votre action y répond, ou pourquoi elle ne la concerne pas.")
        layout.addWidget(help_label(intro, self.ctx))
        # issue 14: what the action's description already says of each priority
        self.hints_panel = TransversalHintsPanel(self.ctx)
        layout.addWidget(self.hints_panel)
        for tp in call.transversal:
            block = TransversalBlock(self, tp)
            layout.addWidget(block)
            self.blocks[tp.id] = block
        self.hints_panel.attach(self.blocks)

    def load(self) -> None:
        super().load()
        for block in self.blocks.values():
            block.show_status()
