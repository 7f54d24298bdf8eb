"""A renewed dossier in the wizard: the marks beside the fields and the « Ce qui a changé dans l'appel » panel.

`install_renewal(window)` adds to a DossierWindow, for a dossier made by « Renouveler pour un autre appel »:
- beside each field with a pending mark, « À revoir : … », « À choisir : … » or « Nouveau : … » (shown like
  the rules' remarks, under the field and in the page's summary, with last year's value);
- a dock « Ce qui a changé dans l'appel »: the priorities added, removed and reworded, the change of
  geography with the correspondence the data gives, the co-funders added or gone, then the values still to
  review, each with « Aller au champ » and « Confirmer »;
- changing a marked value resolves its mark; the step list (gui.wizard.window) keeps a step with pending
  marks « En cours » (forms.renewal.review_states).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms.call_diff import CallDiff, diff_calls
from forms.fieldlabels import field_label
from forms.model import Dossier, RenewalMark
from forms.renewal import MARK_LABELS, marks_by_step, pending_marks, pending_steps, resolve_marks
from forms.steps import step_for_field, step_title
from gui.widgets.panels import add_side_dock, scroll_column
from gui.wizard.fields import LEVEL_COLOURS, LEVEL_PREFIX, bold_label

if TYPE_CHECKING:
    from gui.wizard.window import DossierWindow

MARK_COLOURS = {"a_revoir": "#6a3d9a", "a_choisir": "#8a4b00", "nouveau": "#1f4e79"}
# The marks are shown by the same code as the rules' remarks: their words and colours are added once.
for _kind in ("a_revoir", "a_choisir", "nouveau"):
    LEVEL_PREFIX.setdefault(_kind, MARK_LABELS[_kind])
    LEVEL_COLOURS.setdefault(_kind, MARK_COLOURS[_kind])


@dataclass(frozen=True)
class MarkNote:
    """A pending renewal mark with the attributes the pages read from a verdict."""

    rule: str
    level: str
    message: str
    fields: tuple[str, ...]
    step: str
    source: str = ""
    quote: str = ""


_ID_LISTS = (".enjeux", ".operational_priorities", ".quartiers")  # their reason already names the old items


def mark_notes(dossier: Dossier) -> list[MarkNote]:
    notes = []
    for path, mark in pending_marks(dossier).items():
        message = mark.reason or "Valeur reprise de l'an dernier : vérifiez-la."
        if mark.previous and mark.previous not in message and not path.endswith(_ID_LISTS):
            message += f" (L'an dernier : {mark.previous}.)"
        notes.append(MarkNote("renouvellement", mark.kind, message, (path,), step_for_field(path)))
    return notes


def is_renewal(dossier: Dossier) -> bool:
    return bool(dossier.renewal.previous_call)


# --------------------------------------------------------------------------------------------
# The panel
# --------------------------------------------------------------------------------------------
class RenewalPanel(QWidget):
    """« Ce qui a changé dans l'appel » and the values still to review."""

    def __init__(self, window: DossierWindow) -> None:
        super().__init__()
        self.window = window
        self.ctx = window.ctx
        self.setObjectName("renewalPanel")
        self.column = scroll_column(self, (8, 8, 8, 8), frame=True)[1]
        self.diff_label = QLabel()
        self.diff_label.setObjectName("callDiff")
        self.diff_label.setWordWrap(True)
        self.diff_label.setTextFormat(Qt.TextFormat.RichText)
        self.diff_label.setAccessibleName("Ce qui a changé dans l'appel")
        self.column.addWidget(self.diff_label)
        self.pending_title = bold_label("", 1.1)
        self.column.addWidget(self.pending_title)
        self.pending_box = QVBoxLayout()
        self.column.addLayout(self.pending_box)
        self.column.addStretch(1)
        self.confirm_buttons: dict[str, QPushButton] = {}
        self.refresh_diff()
        self.refresh_marks()

    def diff(self) -> CallDiff | None:
        cat = self.ctx.catalogue
        old, new = cat.calls.get(self.ctx.dossier.renewal.previous_call), self.ctx.call
        return diff_calls(cat, old, new) if old is not None and new is not None else None

    def refresh_diff(self) -> None:
        diff = self.diff()
        renewal = self.ctx.dossier.renewal
        if diff is None:
            self.diff_label.setText(f"<p>Renouvellement du dossier « {html.escape(renewal.previous_title)} » "
                                    f"({html.escape(renewal.previous_call)}).</p>")
            return
        parts = [f"<p><b>{html.escape(diff.old.title)}</b><br>→ <b>{html.escape(diff.new.title)}</b></p>"]

        def section(title: str, items: list[str]) -> None:
            if items:
                lis = "".join(f"<li>{item}</li>" for item in items)
                parts.append(f"<p><b>{html.escape(title)} ({len(items)})</b></p><ul>{lis}</ul>")

        esc = html.escape
        section("Priorités ajoutées", [esc(p.text) for p in diff.priorities_added])
        section("Priorités retirées", [esc(p.text) for p in diff.priorities_removed])
        section("Priorités reformulées", [f"<s>{esc(r.old_text)}</s><br>→ {esc(r.new_text)}"
                                          for r in diff.priorities_reworded])
        section("Priorités transversales ajoutées", [esc(t.title) for t in diff.transversal_added])
        section("Priorités transversales retirées", [esc(t.title) for t in diff.transversal_removed])
        section("Priorités transversales reformulées", [f"<s>{esc(r.old_text)}</s><br>→ {esc(r.new_text)}"
                                                        for r in diff.transversal_reworded])
        if diff.geography_changed:
            quartiers = []
            for q in diff.quartiers:
                target = ", ".join(q.new_names) if q.new else "plus de quartier prioritaire"
                if not q.known:
                    target = "pas de correspondance connue : à choisir"
                quartiers.append(f"{esc(q.old_name)} → {esc(target)}" + (f"<br><i>{esc(q.note)}</i>" if q.note else ""))
            section(f"Géographie : {diff.old_geography} → {diff.new_geography}", quartiers)
        section("Nouveaux cofinanceurs", [esc(c.name) for c in diff.cofunders_added])
        section("Cofinanceurs qui ne figurent plus dans l'appel", [esc(c.name) for c in diff.cofunders_gone])
        if diff.empty:
            parts.append("<p>Les deux appels ont les mêmes priorités, la même géographie et les mêmes "
                         "cofinanceurs.</p>")
        self.diff_label.setText("".join(parts))

    def refresh_marks(self) -> None:
        while self.pending_box.count():
            item = self.pending_box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.confirm_buttons.clear()
        by_step = marks_by_step(self.ctx.dossier)
        total = sum(len(v) for v in by_step.values())
        self.pending_title.setText(f"À revoir ou à choisir ({total})" if total else
                                   "Toutes les valeurs reprises ont été revues.")
        for step, items in by_step.items():
            self.pending_box.addWidget(bold_label(f"Étape « {step_title(step)} »"))
            for path, mark in items:
                self.pending_box.addWidget(self._mark_row(path, mark))

    def _mark_row(self, path: str, mark: RenewalMark) -> QWidget:
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 2, 0, 6)
        label = field_label(path, self.ctx.dossier, self.ctx.catalogue)
        text = QLabel(f"{MARK_LABELS[mark.kind]} — {label}\n{mark.reason}")
        text.setWordWrap(True)
        text.setStyleSheet(f"color: {MARK_COLOURS.get(mark.kind, '#000')};")
        layout.addWidget(text)
        buttons = QHBoxLayout()
        go = QPushButton("Aller au champ")
        go.setAccessibleName(f"Aller au champ « {label} »")
        go.clicked.connect(lambda _=False, p=path: self.window.focus_field(p))
        confirm = QPushButton("Confirmer")
        confirm.setAccessibleName(f"Confirmer « {label} »")
        confirm.setToolTip("La valeur reprise est juste pour le nouvel appel.")
        confirm.clicked.connect(lambda _=False, p=path: self.confirm(p))
        self.confirm_buttons[path] = confirm
        buttons.addWidget(go)
        buttons.addWidget(confirm)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return row

    def confirm(self, path: str) -> None:
        mark = self.ctx.dossier.renewal.marks.get(path)
        if mark is None or mark.confirmed:
            return
        mark.confirmed = True
        self.ctx.touch(f"renewal.marks.{path}")  # saved; re-checked like any change
        self.after_change()

    def after_change(self) -> None:
        self.refresh_marks()
        show_marks(self.window)


# --------------------------------------------------------------------------------------------
# Installing it in the wizard window
# --------------------------------------------------------------------------------------------
def show_marks(window: DossierWindow) -> None:
    """The pages show the rules' remarks and, beside them, the pending marks (not the review page: it
    lists the rules' verdicts only)."""
    notes = mark_notes(window.ctx.dossier)
    for page in window.pages.values():
        if page.step.id != "verification":
            page.show_verdicts([*window.ctx.verdicts, *notes])
    window._update_states()


def annotate_steps(window: DossierWindow) -> None:
    """« En cours — 3 à revoir » under the title of a step with pending marks."""
    pending = pending_steps(window.ctx.dossier)
    for row in range(window.steps.count()):
        item = window.steps.item(row)
        count = pending.get(item.data(Qt.ItemDataRole.UserRole), 0)
        if count:
            title, state = item.text().split("\n", 1)
            item.setText(f"{title}\n{state} — {count} à revoir")
            item.setToolTip(f"{item.toolTip()} — {count} valeur(s) reprise(s) de l'an dernier à revoir")
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{item.data(Qt.ItemDataRole.AccessibleTextRole)}, {count} à revoir")


def install_renewal(window: DossierWindow) -> RenewalPanel | None:
    """Add the marks and the panel to `window` when its dossier is a renewal."""
    if not is_renewal(window.ctx.dossier):
        return None
    panel = RenewalPanel(window)
    # one column beside the pages, the panel in front
    dock = add_side_dock(window, "Ce qui a changé dans l'appel", "renewalDock", panel, 360,
                         tabify_with=window.glossary_dock)
    dock.show()
    dock.raise_()
    toggle = dock.toggleViewAction()
    toggle.setText("Ce qui a &changé dans l'appel")
    toggle.setShortcut(QKeySequence("F2"))
    view = next((a.menu() for a in window.menuBar().actions() if a.menu() and a.text() == "&Affichage"), None)
    if view is not None:
        view.addAction(toggle)
    else:
        window.addAction(toggle)

    def changed(path: str) -> None:
        if path.startswith(("meta", "renewal")):
            return
        if resolve_marks(window.ctx.dossier, path):
            panel.after_change()

    window.ctx.changed.connect(changed)
    update_states = window._update_states

    def update_states_with_marks() -> None:  # the step list says how many values are left to review
        update_states()
        annotate_steps(window)

    window._update_states = update_states_with_marks
    window.ctx.verdicts_changed.connect(lambda _verdicts: show_marks(window))
    window.renewal_panel = panel
    window.renewal_dock = dock
    show_marks(window)
    return panel

