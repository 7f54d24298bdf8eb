"""Step 4, "Proposer à partir de la description": the enjeux (and the call's priorities) the action's
description seems to serve, best first, each with the words of the description that led there and the
contract's text they match. The user ticks what they choose, here or in the list below: nothing is ticked
for them.

The panel asks for the suggester when it is first shown (rules.suggest, loaded in the background by
gui.wizard.suggest_loader); a click computes the suggestions from the action's title, objectives and
description as they are in the model.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.wizard.context import WizardContext
from gui.wizard.fields import help_label
from gui.wizard.suggest_loader import suggest_loader
from rules.suggest import EmptyDescriptionError, Ranked, Suggester, Suggestion, description_of_action

DESCRIPTION_PATHS = ("actions[0].title", "actions[0].objectives", "actions[0].description")
STRONG, MEDIUM, WEAK = 0.6, 0.3, 0.15  # shown score → "très proche", "proche", "un peu", else "peu de lien"
MAX_PRIORITIES = 3  # per enjeu: the call's priorities whose own words match, best first


def closeness(score: float) -> str:
    if score >= STRONG:
        return "très proche de votre description"
    if score >= MEDIUM:
        return "proche de votre description"
    return "un peu lié à votre description"


def action_description(ctx: WizardContext) -> str:
    action = ctx.dossier.action
    return description_of_action(action.title, action.objectives, action.description)


def reasons_html(r: Ranked, limit: int = 2) -> str:
    """ "vos mots « … » ↔ « the contract's text » (source)", one paragraph per reason."""
    parts = []
    for reason in r.why[:limit]:
        words = ", ".join(f"« {html.escape(w)} »" for w in reason.words)
        parts.append(
            f"<p style='margin:0 0 4px 0'>Vos mots {words} rejoignent : « {html.escape(reason.source_text)} »"
            f"<br><small>Source : {html.escape(reason.where)}</small></p>"
        )
    return "".join(parts)


def _rich(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


class EnjeuxSuggestPanel(QFrame):
    """The button, the state of the suggester, and the ranking once computed."""

    def __init__(self, ctx: WizardContext, *, choose_enjeu: Callable[[str, bool], None],
                 choose_priority: Callable[[str, bool], None], make_row: Callable[..., QWidget]) -> None:
        super().__init__()
        self.ctx = ctx
        self.choose_enjeu = choose_enjeu
        self.choose_priority = choose_priority
        self.make_row = make_row  # the page's CheckRow: the same look as the list below
        self.setObjectName("suggest-enjeux")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        self.button = QPushButton("Proposer à partir de la description")
        self.button.setAccessibleName("Proposer des enjeux à partir de la description de l'action")
        self.button.setToolTip("Compare les mots de votre description aux textes du contrat de ville et de l'appel.")
        self.button.clicked.connect(self.propose)
        top.addWidget(self.button)
        top.addStretch(1)
        layout.addLayout(top)
        self.status = help_label(
            "Vous hésitez ? L'application peut lire la description de l'action (étape « L'action ») et vous "
            "dire de quels choix elle semble proche. C'est vous qui cochez."
        )
        self.status.setAccessibleName("État des propositions")
        layout.addWidget(self.status)
        self.results = QWidget()
        self.results_layout = QVBoxLayout(self.results)
        self.results_layout.setContentsMargins(0, 0, 0, 0)
        self.results.setVisible(False)
        layout.addWidget(self.results)
        self.suggestion: Suggestion | None = None
        self.computed_from = ""
        self.enjeu_rows: dict[str, QWidget] = {}
        self.priority_rows: dict[str, QWidget] = {}
        self._waiting = False
        loader = suggest_loader()
        loader.ready.connect(self._loader_ready)
        loader.failed.connect(self._loader_failed)
        ctx.changed.connect(self._model_changed)

    # ------------------------------------------------------------------ loading
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._request()  # the user reached the step: get ready, in the background

    def _request(self) -> Suggester | None:
        call = self.ctx.call
        return suggest_loader().request(self.ctx.catalogue, call.id) if call else None

    def _loader_ready(self, call_id: str) -> None:
        if self._waiting and self.ctx.call and call_id == self.ctx.call.id:
            self._waiting = False
            self.propose()

    def _loader_failed(self, call_id: str, message: str) -> None:
        if self.ctx.call and call_id == self.ctx.call.id:
            self._waiting = False
            self.button.setEnabled(True)
            self.status.setText(message)

    # ------------------------------------------------------------------ proposing
    def propose(self) -> None:
        call = self.ctx.call
        if call is None:
            self.status.setText("Choisissez d'abord l'appel à projets, à l'étape 1.")
            return
        text = action_description(self.ctx)
        suggester = self._request()
        if suggester is None:
            error = suggest_loader().error(self.ctx.catalogue, call.id)
            if error:
                self.status.setText(error)
                return
            self._waiting = True
            self.status.setText("Préparation des propositions… (quelques secondes, la première fois)")
            return
        try:
            suggestion = suggester.suggest(text)
        except EmptyDescriptionError:
            self.status.setText(
                "Décrivez d'abord l'action à l'étape « L'action » (son titre, ses objectifs, sa description) : "
                "les propositions partent de vos mots."
            )
            self._clear()
            self.results.setVisible(False)
            return
        self.suggestion = suggestion
        self.computed_from = text
        self.status.setText(
            "Propositions calculées à partir des mots de votre description : elles peuvent se tromper. Cochez "
            "ce que votre action sert vraiment, ici ou dans la liste plus bas (une priorité de l'appel se coche "
            "une fois son enjeu coché)."
        )
        self._show_results(suggestion)

    def _clear(self) -> None:
        while self.results_layout.count():
            item = self.results_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.enjeu_rows = {}
        self.priority_rows = {}

    def _show_results(self, suggestion: Suggestion) -> None:
        territory = self.ctx.territory
        call = self.ctx.call
        assert territory is not None and call is not None
        self._clear()
        layout = self.results_layout
        shown = [r for r in suggestion.enjeux if r.score >= WEAK and r.why]
        others = [r for r in suggestion.enjeux if r not in shown]
        if not shown:
            layout.addWidget(help_label(
                "Votre description ne reprend presque aucun mot des textes du contrat : ajoutez ce que fait "
                "l'action, pour qui et pourquoi, puis recommencez. Vous pouvez aussi choisir directement plus bas."
            ))
        texts = {p.id: p.text for p in call.operational_priorities}
        for rank, r in enumerate(shown, 1):
            enjeu = territory.enjeu(r.id)
            if enjeu is None:
                continue
            title = f"{rank}. {territory.enjeu_label} {enjeu.number} : {enjeu.title}"
            row = self.make_row(f"{title} — {closeness(r.score)} ({round(r.score * 100)} %)", bold=True,
                                accessible_name=f"Choisir « {territory.enjeu_label} {enjeu.number} »")
            row.toggled.connect(lambda on, eid=r.id: self.choose_enjeu(eid, on))
            row.setObjectName(f"suggest-enjeu-{r.id}")
            layout.addWidget(row)
            self.enjeu_rows[r.id] = row
            why = _rich(reasons_html(r), f"Pourquoi « {territory.enjeu_label} {enjeu.number} » est proposé")
            why.setContentsMargins(26, 0, 0, 0)
            layout.addWidget(why)
            for p in [p for p in suggestion.priorities if p.enjeu == r.id and p.proposed][:MAX_PRIORITIES]:
                if p.id in self.priority_rows:
                    continue
                words = ", ".join(f"« {w} »" for w in p.why[0].words[:4])
                prow = self.make_row(f"Priorité de l'appel {call.year} : {texts.get(p.id, p.id)} (vos mots {words})",
                                     accessible_name=f"Choisir la priorité « {texts.get(p.id, p.id)} »")
                prow.setContentsMargins(26, 0, 0, 0)
                prow.setObjectName(f"suggest-priority-{p.id}")
                prow.toggled.connect(lambda on, pid=p.id: self.choose_priority(pid, on))
                layout.addWidget(prow)
                self.priority_rows[p.id] = prow
        if others:
            names = ", ".join(
                f"{territory.enjeu_label.lower()} {e.number}" for e in (territory.enjeu(r.id) for r in others) if e
            )
            layout.addWidget(help_label(f"Peu de lien avec votre description : {names}."))
        self.results.setVisible(True)
        self.show_choice()

    # ------------------------------------------------------------------ following the model
    def show_choice(self) -> None:
        """The boxes show what is chosen (by the user, here or below), never more."""
        action = self.ctx.dossier.action
        chosen, priorities = set(action.enjeux), set(action.operational_priorities)
        call = self.ctx.call
        enjeux_of = {p.id: p.enjeux for p in call.operational_priorities} if call else {}
        for eid, row in self.enjeu_rows.items():
            row.set_checked_quietly(eid in chosen)
        for pid, row in self.priority_rows.items():
            row.set_checked_quietly(pid in priorities)
            allowed = bool(chosen & set(enjeux_of.get(pid, [])))
            row.setEnabled(allowed or pid in priorities)
            row.setToolTip("" if allowed else "Cochez d'abord l'enjeu auquel cette priorité appartient.")

    def _model_changed(self, path: str) -> None:
        if path.startswith(("actions[0].enjeux", "actions[0].operational_priorities")):
            self.show_choice()
        elif (path in DESCRIPTION_PATHS and self.suggestion is not None
              and action_description(self.ctx) != self.computed_from):
            self.status.setText(
                "La description a changé depuis ces propositions : cliquez sur « Proposer à partir de la "
                "description » pour les mettre à jour."
            )
