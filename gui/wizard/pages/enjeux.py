"""Step 4: the contract's enjeux (Blois) or piliers and priorités (Amboise), and under each chosen one
the operational priorities of this year's call.

A priority the call lists under several enjeux appears under each of them but is one choice: its
boxes move together. Unchecking an enjeu removes the priorities that belonged only to it, keeps those
that still belong to another chosen enjeu, and says so.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from forms.french import plural, word_for
from forms.programmes import Block, Enjeu, OperationalPriority, Source, Territory
from forms.steps import STEPS
from gui.wizard.fields import add_section_title, help_label
from gui.wizard.page import StepPage
from gui.wizard.suggest_panel import EnjeuxSuggestPanel

ENJEUX_PATH = "actions[0].enjeux"
PRIORITIES_PATH = "actions[0].operational_priorities"


class _ClickLabel(QLabel):
    """The wrapped text of a CheckRow: a click on it toggles the box, as on a checkbox's own text."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class CheckRow(QWidget):
    """A checkbox whose (long) text wraps: the box carries the accessible name, the label is its buddy."""

    toggled = Signal(bool)

    def __init__(self, text: str, *, accessible_name: str = "", bold: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.box = QCheckBox()
        self.box.setAccessibleName(accessible_name or text)
        self.label = _ClickLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setBuddy(self.box)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)  # the wrapped text is as tall as its width needs, no more
        self.label.setSizePolicy(policy)
        if bold:
            font = QFont(self.label.font())
            font.setBold(True)
            self.label.setFont(font)
        self.label.clicked.connect(self._label_clicked)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.box.toggled.connect(self.toggled)
        self.setFocusProxy(self.box)

    def _label_clicked(self) -> None:
        if self.box.isEnabled():
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
            self.box.toggle()

    def isChecked(self) -> bool:
        return self.box.isChecked()

    def set_checked_quietly(self, checked: bool) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(checked)
        self.box.blockSignals(False)


def blocks_html(blocks: Iterable[Block], describe: Callable[[Source], str]) -> str:
    """Blocks of the contract (axes, objectives, indicators…) as rich text, each with its source."""
    parts = []
    for block in blocks:
        items = "".join(f"<li>{html.escape(item)}</li>" for item in block.items)
        title = html.escape(block.title) if block.title else ""
        parts.append(
            (f"<p><b>{title}</b></p>" if title else "")
            + f"<ul style='margin-top:0'>{items}</ul>"
            + f"<p><small>Source : {html.escape(describe(block.source))}</small></p>"
        )
    return "".join(parts)


def enjeu_blocks(enjeu: Enjeu) -> list[Block]:
    names = ("axes", "objectives", "indicators", "actions", "pacte_dijon", "transversal")
    return [b for b in (getattr(enjeu, n) for n in names) if b is not None]


class EnjeuBlock(QFrame):
    """One enjeu: its box, its summary, "En savoir plus", and the call's priorities under it."""

    def __init__(self, page: EnjeuxPage, territory: Territory, enjeu: Enjeu,
                 priorities: list[OperationalPriority]) -> None:
        super().__init__()
        self.page = page
        self.enjeu = enjeu
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"enjeu-{enjeu.id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        name = f"{territory.enjeu_label} {enjeu.number} : {enjeu.title}"
        self.check = CheckRow(name, bold=True)
        layout.addWidget(self.check)
        if enjeu.summary:
            summary = help_label(enjeu.summary, page.ctx)
            summary.setContentsMargins(26, 0, 0, 0)
            layout.addWidget(summary)

        blocks = enjeu_blocks(enjeu)
        self.more = QToolButton()
        self.more.setText("En savoir plus")
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more.setArrowType(Qt.ArrowType.RightArrow)
        self.more.setCheckable(True)
        self.more.setAccessibleName(f"En savoir plus sur « {territory.enjeu_label} {enjeu.number} »")
        self.more.setAutoRaise(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(f"Ce que le contrat dit de « {territory.enjeu_label} {enjeu.number} »")
        self.details.setContentsMargins(26, 0, 0, 0)
        self.details.setText(
            blocks_html(blocks, page.ctx.catalogue.describe_source)
            + f"<p><small>Source : {html.escape(page.ctx.catalogue.describe_source(enjeu.source))}</small></p>"
        )
        self.details.setVisible(False)
        self.more.toggled.connect(self._toggle_details)
        more_row = QHBoxLayout()
        more_row.setContentsMargins(20, 0, 0, 0)
        more_row.addWidget(self.more)
        more_row.addStretch(1)
        layout.addLayout(more_row)
        layout.addWidget(self.details)

        # the call's priorities under this enjeu, shown once it is chosen
        self.panel = QWidget()
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(26, 4, 0, 0)
        year = page.ctx.call.year if page.ctx.call else ""
        if priorities:
            panel.addWidget(QLabel(f"Cochez les priorités de l'appel {year} auxquelles l'action répond :"))
        else:
            call = page.ctx.call
            if call is not None and call.status_of("operational_priorities") == "non_connu":
                text = f"Les priorités de l'appel {year} ne sont pas connues de l'application."
            else:  # no demonstrative: « cet enjeu », « cette priorité », « ce pilier » would need more data
                text = f"L'appel {year} ne fixe pas de priorité particulière ici."
            panel.addWidget(help_label(text))
        self.priority_checks: dict[str, CheckRow] = {}
        group = ""
        for priority in priorities:
            if priority.group and priority.group != group:
                group = priority.group
                heading = QLabel(group)
                heading.setWordWrap(True)
                font = QFont(heading.font())
                font.setItalic(True)
                heading.setFont(font)
                panel.addWidget(heading)
            row = CheckRow(priority.text)
            row.setToolTip(f"Source : {page.ctx.catalogue.describe_source(priority.source)}")
            row.toggled.connect(lambda on, pid=priority.id: page.priority_toggled(pid, on))
            panel.addWidget(row)
            self.priority_checks[priority.id] = row
        layout.addWidget(self.panel)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(f"Information sur « {territory.enjeu_label} {enjeu.number} »")
        self.notice.setVisible(False)
        layout.addWidget(self.notice)

        self.check.toggled.connect(lambda on: page.enjeu_toggled(enjeu.id, on))

    def _toggle_details(self, shown: bool) -> None:
        self.more.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.more.setText("Masquer le détail" if shown else "En savoir plus")
        self.details.setVisible(shown)

    def show_choice(self, chosen: bool, priorities: set[str]) -> None:
        self.check.set_checked_quietly(chosen)
        self.panel.setVisible(chosen)
        for pid, row in self.priority_checks.items():
            row.set_checked_quietly(pid in priorities)


class EnjeuxPage(StepPage):
    step = STEPS[3]

    def build(self) -> None:
        self.blocks: dict[str, EnjeuBlock] = {}
        self.container = QWidget()
        self.container_layout = QVBoxLayout(self.container)
        self.container_layout.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.container)
        self._build_choices()

    # ---------------------------------------------------------------- building
    def rebuild_for_call(self) -> None:
        self._build_choices()

    def _build_choices(self) -> None:
        self.forget_fields(ENJEUX_PATH)
        self.forget_fields(PRIORITIES_PATH)
        old = self.container
        self.container = QWidget()
        self.container_layout = QVBoxLayout(self.container)
        self.container_layout.setContentsMargins(0, 0, 0, 0)
        self.body.replaceWidget(old, self.container)
        old.hide()
        old.deleteLater()
        self.blocks = {}
        self.orphan_checks: dict[str, CheckRow] = {}

        layout = self.container_layout
        territory, call = self.ctx.territory, self.ctx.call
        if territory is None or call is None:
            layout.addWidget(help_label("Choisissez d'abord l'appel à projets, à l'étape 1.", self.ctx))
            self.first_enjeu = None
            return
        plural = territory.enjeu_label_plural.lower()
        layout.addWidget(help_label(
            f"Cochez le ou les {plural} du contrat de ville {territory.of_name} auxquels votre action répond. "
            f"Sous chacun, cochez ensuite les priorités de l'appel {call.year} qui correspondent à votre action. "
            "Une action qui répond bien à un ou deux choix vaut mieux qu'une action qui coche tout.",
            self.ctx,
        ))
        # issue 14: suggestions from the action's description (the user ticks, here or below)
        self.suggest_panel = EnjeuxSuggestPanel(self.ctx, choose_enjeu=self.enjeu_toggled,
                                                choose_priority=self.priority_toggled, make_row=CheckRow)
        layout.addWidget(self.suggest_panel)
        groups: list[tuple[str, list[Enjeu]]] = []
        if territory.piliers:
            placed: set[str] = set()
            for pilier in territory.piliers:
                members = [e for e in (territory.enjeu(i) for i in pilier.enjeux) if e is not None]
                placed.update(e.id for e in members)
                groups.append((f"Pilier : {pilier.title}", members))
            rest = [e for e in territory.enjeux if e.id not in placed]
            if rest:
                groups.append((f"Autres {plural}", rest))
        else:
            groups.append((f"Les {plural} du contrat de ville", list(territory.enjeux)))

        for title, enjeux in groups:
            add_section_title(layout, title)
            for enjeu in enjeux:
                priorities = [p for p in call.operational_priorities if enjeu.id in p.enjeux]
                block = EnjeuBlock(self, territory, enjeu, priorities)
                layout.addWidget(block)
                self.blocks[enjeu.id] = block

        # priorities chosen before that this call or these enjeux do not offer: shown so they can go
        self.orphan_panel = QWidget()
        orphan_layout = QVBoxLayout(self.orphan_panel)
        orphan_layout.setContentsMargins(0, 8, 0, 0)
        self.orphan_title = QLabel(
            "Priorités cochées qui ne correspondent pas à l'appel ou aux choix ci-dessus : décochez-les."
        )
        self.orphan_title.setWordWrap(True)
        orphan_layout.addWidget(self.orphan_title)
        self.orphan_layout = orphan_layout
        layout.addWidget(self.orphan_panel)

        first = next(iter(self.blocks.values()), None)
        self.first_enjeu = first
        if first is not None:
            self.register_widget(ENJEUX_PATH, first.check.box)
            self.register_widget(PRIORITIES_PATH, first.check.box)
        self._show()

    # ---------------------------------------------------------------- showing
    def load(self) -> None:
        super().load()
        self._show()

    def _show(self) -> None:
        action = self.ctx.dossier.action
        chosen = set(action.enjeux)
        priorities = set(action.operational_priorities)
        for enjeu_id, block in self.blocks.items():
            block.show_choice(enjeu_id in chosen, priorities)
        self._show_orphans()

    def _offered(self) -> set[str]:
        """Priorities shown under a chosen enjeu."""
        chosen = set(self.ctx.dossier.action.enjeux)
        return {pid for eid, b in self.blocks.items() if eid in chosen for pid in b.priority_checks}

    def _show_orphans(self) -> None:
        if not hasattr(self, "orphan_layout"):
            return
        for row in self.orphan_checks.values():
            self.orphan_layout.removeWidget(row)
            row.deleteLater()
        self.orphan_checks = {}
        offered = self._offered()
        orphans = [p for p in self.ctx.dossier.action.operational_priorities if p not in offered]
        for pid in orphans:
            row = CheckRow(self._priority_text(pid))
            row.set_checked_quietly(True)
            row.toggled.connect(lambda on, pid=pid: self.priority_toggled(pid, on))
            self.orphan_layout.addWidget(row)
            self.orphan_checks[pid] = row
        self.orphan_panel.setVisible(bool(orphans))

    def _priority_text(self, pid: str) -> str:
        for call in self.ctx.catalogue.calls.values():
            for p in call.operational_priorities:
                if p.id == pid:
                    if self.ctx.call is not None and call.id != self.ctx.call.id:
                        return f"{p.text} (appel {call.year}, pas celui-ci)"
                    return p.text
        return f"Priorité inconnue : {pid}"

    # ---------------------------------------------------------------- editing
    def enjeu_toggled(self, enjeu_id: str, on: bool) -> None:
        territory = self.ctx.territory
        assert territory is not None
        action = self.ctx.dossier.action
        chosen = set(action.enjeux) | {enjeu_id} if on else set(action.enjeux) - {enjeu_id}
        ordered = [e.id for e in territory.enjeux if e.id in chosen]
        ordered += [e for e in action.enjeux if e in chosen and e not in ordered]  # unknown ids are kept
        block = self.blocks[enjeu_id]
        self.ctx.set_value(ENJEUX_PATH, ordered)
        if on:
            block.notice.setVisible(False)
        else:
            # keep what another chosen enjeu still offers; remove what only this one offered
            still = self._offered()
            mine = set(block.priority_checks)
            removed = [p for p in action.operational_priorities if p in mine and p not in still]
            kept = [p for p in action.operational_priorities if p in mine and p in still]
            if removed:
                self.ctx.set_value(PRIORITIES_PATH, [p for p in action.operational_priorities if p not in removed])
            label = f"« {territory.enjeu_label} {block.enjeu.number} »"
            parts = []
            if removed:
                n = len(removed)
                parts.append(
                    f"Vous avez décoché {label} : {plural(n, 'priorité')} de l'appel "
                    f"{word_for(n, 'propre')} à ce choix {word_for(n, 'a', 'ont')} été {word_for(n, 'décochée')}."
                )
            if kept:
                n = len(kept)
                parts.append(
                    f"{plural(n, 'priorité')} qui {word_for(n, 'relève', 'relèvent')} aussi d'un autre choix coché "
                    f"{word_for(n, 'est gardée', 'sont gardées')}."
                )
            block.notice.setText(" ".join(parts))
            block.notice.setVisible(bool(parts))
        self._show()

    def priority_toggled(self, pid: str, on: bool) -> None:
        call = self.ctx.call
        current = list(self.ctx.dossier.action.operational_priorities)
        if on and pid not in current:
            order = [p.id for p in call.operational_priorities] if call else []
            current.append(pid)
            current.sort(key=lambda p: order.index(p) if p in order else len(order))
        elif not on:
            current = [p for p in current if p != pid]
        self.ctx.set_value(PRIORITIES_PATH, current)
        self._show()  # the same priority under another enjeu follows

    # ---------------------------------------------------------------- navigation
    def focus_path(self, path: str) -> bool:
        """An enjeux verdict lands on the first enjeu; a priorities one on the first priority shown."""
        if path.endswith(".operational_priorities"):
            for block in self.blocks.values():
                if not block.panel.isHidden() and block.priority_checks:
                    box = next(iter(block.priority_checks.values())).box
                    self.scroll.ensureWidgetVisible(box)
                    box.setFocus(Qt.FocusReason.OtherFocusReason)
                    return True
        return super().focus_path(path)
