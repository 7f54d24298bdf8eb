"""The base of every step page: a scrollable column with the title, a hint, a summary of what is
wrong on this page (each item a link to its field) and the page's own fields.

A page subclass implements `build()` (create its fields with `self.form`), and, when part of it
depends on the call (enjeux, co-funders, documents…), `rebuild_for_call()`. Widgets that are not
simple bound fields (tables, lists) register the paths they handle with `register_widget(path, w)`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from forms.steps import Step
from gui.widgets.panels import scroll_column
from gui.wizard.context import WizardContext, concrete_path, path_within
from gui.wizard.fields import LEVEL_PREFIX, BoundField, FormBuilder, bold_label, help_label, level_rank


class StepPage(QWidget):
    step: Step  # set by subclasses

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fields: dict[str, BoundField] = {}
        self.extra_widgets: dict[str, QWidget] = {}
        self.setObjectName(f"page-{self.step.id}")

        # never scrolls sideways; not a Tab stop of its own: the first Tab lands in the first field
        self.scroll, self.column = scroll_column(self, (16, 12, 16, 16), tab_stop=False)

        title = bold_label(self.step.title, 1.5)
        title.setAccessibleName(self.step.title)
        self.column.addWidget(title)
        self.column.addWidget(help_label(self.step.hint, ctx))

        self.summary = QLabel()
        self.summary.setObjectName("page-summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.summary.setOpenExternalLinks(False)
        self.summary.linkActivated.connect(self._summary_link)
        self.summary.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary.setVisible(False)
        self.summary.setAccessibleName("Ce qui reste à faire sur cette page")
        self.column.addWidget(self.summary)

        self.body = QVBoxLayout()
        self.column.addLayout(self.body)
        self.column.addStretch(1)
        self.form = FormBuilder(ctx, self.body, self._register)
        self._summary_paths: list[str] = []
        self._summary_verdicts: list[Any] = []
        self.build()

    # ------------------------------------------------------------------ for subclasses
    def build(self) -> None:
        raise NotImplementedError

    def rebuild_for_call(self) -> None:
        """Called when the call answered changes. Default: nothing depends on it."""

    def load(self) -> None:
        """Show the model's values again (after the model changed behind this page)."""
        for field in self.fields.values():
            field.load()

    def register_widget(self, path: str, widget: QWidget) -> None:
        """A widget that edits `path` (or paths under it) without being a BoundField."""
        self.extra_widgets[path] = widget

    def forget_fields(self, prefix: str) -> None:
        """Drop the fields under `prefix` (before rebuilding a programme-dependent part)."""
        for path in [p for p in self.fields if path_within(prefix, p)]:
            del self.fields[path]
        for path in [p for p in self.extra_widgets if path_within(prefix, p)]:
            del self.extra_widgets[path]

    def _register(self, field: BoundField) -> None:
        self.fields[field.path] = field

    # ------------------------------------------------------------------ verdicts
    def show_verdicts(self, verdicts: Sequence[Any]) -> None:
        """Show this page's verdicts: a summary at the top, and each beside its field."""
        mine = sorted((v for v in verdicts if v.step == self.step.id), key=level_rank)
        for path, field in self.fields.items():
            field.show_verdicts([v for v in mine if v.fields and path_within(path, concrete_path(v.fields[0]))])
        self._summary_paths = [v.fields[0] if v.fields else "" for v in mine]
        self._summary_verdicts = list(mine)
        if not mine:
            self.summary.setVisible(False)
            self.summary.clear()
            return
        items = []
        for i, v in enumerate(mine):
            text = html.escape(v.message)
            prefix = LEVEL_PREFIX.get(v.level, v.level)
            link = f'<a href="#{i}">{text}</a>' if v.fields else text
            why = f' <a href="why:{i}">Pourquoi ?</a>'  # the rule explained, for a learner
            items.append(f"<li><b>{prefix} :</b> {link}{why}</li>")
        heading = f"<p><b>Ce qui reste à faire sur cette page ({len(mine)})</b></p>"
        self.summary.setText(f"{heading}<ul>{''.join(items)}</ul>")
        self.summary.setVisible(True)

    def _summary_link(self, href: str) -> None:
        if href.startswith("why:"):
            index = int(href.removeprefix("why:"))
            if 0 <= index < len(self._summary_verdicts):
                from gui.training.why_dialog import show_why

                verdict = self._summary_verdicts[index]
                show_why(self, verdict.rule, verdict, self.ctx.catalogue)
            return
        index = int(href.lstrip("#"))
        if 0 <= index < len(self._summary_paths) and self._summary_paths[index]:
            self.ctx.focus_field(self._summary_paths[index])

    # ------------------------------------------------------------------ navigation
    def focus_path(self, path: str) -> bool:
        """Put the cursor in the field that edits `path` (or the closest enclosing one)."""
        path = concrete_path(path)
        widgets = [(p, f.widget) for p, f in self.fields.items()] + list(self.extra_widgets.items())
        candidates = [(p, w) for p, w in widgets if path_within(p, path) or path_within(path, p)]
        if not candidates:
            return False
        # the most specific field: exact match first, then the longest path
        candidates.sort(key=lambda c: (c[0] != path, -len(c[0])))
        widget = candidates[0][1]
        self.scroll.ensureWidgetVisible(widget)
        # a field knows where its cursor goes (a group of radio buttons: the chosen one, not their box)
        field = next((f for f in self.fields.values() if f.widget is widget), None)
        if field is not None:
            field.focus()
        else:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def widget_for(self, path: str) -> QWidget | None:
        field = self.fields.get(path)
        return field.widget if field else self.extra_widgets.get(path)
