"""« Saisie sur le portail »: every value the State's portal asks for, in the portal's order, to copy and
tick one by one (forms.handoff.portal_sheet), in a panel of the dossier window that can be detached and
put beside the web browser.

Each value shows its label, its text, its character count, a « Copier » button (Tab then Space) that puts
exactly that text on the clipboard, and a « Saisi » box. Ticks are saved in the dossier (meta.portal_ticks);
a value edited after its tick is shown unticked, « modifié depuis ». The panel follows the dossier: an
edit in the wizard shows here a moment later. A printable fiche (PDF, DOCX) has the same content.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms.export import ExportError
from forms.french import plural
from forms.handoff.portal_sheet import PORTAL_STEPS, PortalSheet, PortalValue, build_portal_sheet
from forms.handoff.sheet_document import write_sheet
from forms.handoff.ticks import progress, set_ticked, tick_state
from forms.settings import Settings
from forms.steps import step_title
from gui.widgets.labels import buddy_label, hint_label, plain_text
from gui.widgets.panels import scroll_area
from gui.wizard.context import META, WizardContext, path_within
from gui.wizard.fields import LEVEL_COLOURS, bold_label

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 300  # after an edit in the wizard
STATE_WORDS = {"a_saisir": "", "saisi": "Saisi sur le portail",
               "modifie": "Modifié depuis la saisie : à saisir de nouveau"}


def export_dir(settings: Settings) -> Path:
    """Where the application writes the files it creates (exports, fiche, pack): the user's choice, or
    « Exports » in the library folder."""
    value = settings.get("export_dir")
    return Path(value) if value else settings.library_dir / "Exports"


def _chars(value: PortalValue) -> str:
    return plural(value.chars, "caractère", "caractères")


class ValueRow(QFrame):
    """One value: its label and count, the « Saisi » box, « Copier », and the text itself."""

    def __init__(self, view: PortalView, value: PortalValue, parent: QWidget) -> None:
        super().__init__(parent)  # never a window of its own, even for a moment (show_state shows it)
        self.view = view
        self.value = value
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        self.tick = QCheckBox("Saisi")
        self.title = bold_label()
        self.count = QLabel()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.copy_button = QPushButton("Copier")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.count)
        grid.addWidget(self.tick, 0, 0)
        grid.addLayout(head, 0, 1)
        grid.addWidget(self.copy_button, 0, 2)
        grid.addWidget(self.text, 1, 1, 1, 2)
        grid.addWidget(self.state, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.tick.toggled.connect(self._ticked)
        self.copy_button.clicked.connect(self.copy)
        self.update_value(value)

    def update_value(self, value: PortalValue) -> None:
        self.value = value
        self.title.setText(value.label)
        self.count.setText(_chars(value))
        self.text.setText(value.text)
        self.copy_button.setAccessibleName(f"Copier : {value.label}")
        self.copy_button.setToolTip(f"Copier « {value.label} » ({_chars(value)}) pour le coller dans le portail")
        self.tick.setAccessibleName(f"Saisi sur le portail : {value.label}")
        self.show_state()

    def show_state(self) -> None:
        state = tick_state(self.view.ctx.dossier, self.value)
        self.tick.blockSignals(True)
        self.tick.setChecked(state == "saisi")
        self.tick.blockSignals(False)
        self.state.setText(STATE_WORDS[state])
        self.state.setVisible(state == "modifie")
        self.state.setStyleSheet(f"color: {LEVEL_COLOURS['a_corriger']}; font-weight: bold;")
        # a value the dossier lacks is listed under « À préparer » instead
        self.setVisible(not self.value.missing and not (self.view.hide_done.isChecked() and state == "saisi"))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.value.text)
        self.view.say(f"« {self.value.label} » copié ({_chars(self.value)}) : collez-le dans le portail "
                      "avec Ctrl+V.")

    def _ticked(self, on: bool) -> None:
        self.view.set_ticked(self, on)


class PortalView(QWidget):
    """The panel's content (see the module docstring)."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sheet: PortalSheet | None = None
        self.section_titles: list[QLabel] = []
        self.rows: dict[str, ValueRow] = {}
        self._layout_keys: list[tuple[str, str]] = []
        outer = QVBoxLayout(self)
        outer.addWidget(hint_label("Copiez chaque valeur dans le portail Dauphin, dans l'ordre de ses étapes, puis "
                                   "cochez « Saisi ». Le portail ferme la session après 30 minutes sans activité : "
                                   "collez les longs textes d'ici plutôt que de les taper en ligne."))
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Valeurs saisies sur le portail")
        self.progress.setFormat("%v sur %m valeurs saisies")
        outer.addWidget(self.progress)
        buttons = QHBoxLayout()
        self.jump = QComboBox()
        self.jump.addItems([title for _, title, _ in PORTAL_STEPS])
        self.jump.activated.connect(self.go_to_section)
        self.jump.view().setAccessibleName("Étapes du portail")
        buttons.addWidget(buddy_label("&Aller à l'étape :", self.jump))
        buttons.addWidget(self.jump)
        self.hide_done = QCheckBox("&Masquer les valeurs saisies")
        self.print_button = QPushButton("&Imprimer la fiche de saisie…")
        self.print_button.setToolTip("Crée la fiche de saisie en PDF et en DOCX, dans l'ordre du portail, à "
                                     "imprimer ou à garder à côté de l'écran.")
        for button in (self.hide_done, self.print_button):
            button.setAccessibleName(plain_text(button.text()))
        buttons.addStretch(1)
        outer.addLayout(buttons)
        # two short rows rather than one wide one: the panel stays narrow beside the wizard or the browser
        second = QHBoxLayout()
        second.addWidget(self.hide_done)
        second.addStretch(1)
        second.addWidget(self.print_button)
        outer.addLayout(second)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Dernière action")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.status)

        self.scroll = scroll_area(frame=True, tab_stop=False)
        outer.addWidget(self.scroll, 1)

        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        ctx.changed.connect(self._model_changed)
        ctx.call_changed.connect(self.refresh)
        self.hide_done.toggled.connect(lambda _on: [row.show_state() for row in self.rows.values()])
        self.print_button.clicked.connect(self.print_sheet)
        # built when first shown (a dossier window opens without it)

    # ------------------------------------------------------------------ content
    def refresh(self) -> None:
        """Read the dossier again: the texts change in place; rows are rebuilt when values come or go."""
        self._timer.stop()
        sheet = build_portal_sheet(self.ctx.dossier, self.ctx.catalogue)
        self.sheet = sheet
        keys = [(v.key, v.group) for v in sheet.all_values()]
        if keys != self._layout_keys:
            self._rebuild(sheet)
            self._layout_keys = keys
        else:  # the usual case (a text edited, a field filled or emptied): no widget is rebuilt
            for value in sheet.all_values():
                self.rows[value.key].update_value(value)
            self._show_missing(sheet)
        self._show_progress()

    def _rebuild(self, sheet: PortalSheet) -> None:
        position = self.scroll.verticalScrollBar().value()
        content = QWidget()
        column = QVBoxLayout(content)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setTextFormat(Qt.TextFormat.RichText)
        self.missing.setFrameShape(QFrame.Shape.StyledPanel)
        self.missing.setAccessibleName("Valeurs à préparer avant la saisie")
        self.missing.linkActivated.connect(self._open_missing)
        column.addWidget(self.missing)
        self.rows = {}
        self.section_titles = []
        for section in sheet.sections:
            title = bold_label(section.title, 1.2)
            self.section_titles.append(title)
            column.addWidget(title)
            hint = QLabel(section.hint)
            hint.setWordWrap(True)
            column.addWidget(hint)
            group = None
            for value in section.values:
                if value.group != group and value.group:
                    column.addWidget(bold_label(value.group))
                group = value.group
                row = ValueRow(self, value, content)
                self.rows[value.key] = row
                column.addWidget(row)
        column.addStretch(1)
        self.scroll.setWidget(content)
        self._show_missing(sheet)
        self.scroll.verticalScrollBar().setValue(position)

    def go_to_section(self, index: int) -> None:
        """Scroll to the start of a step of the portal (the list is long: about 200 values)."""
        if 0 <= index < len(self.section_titles):
            self.scroll.verticalScrollBar().setValue(self.section_titles[index].y())

    def _show_missing(self, sheet: PortalSheet) -> None:
        missing = sheet.to_prepare()
        self.missing.setVisible(bool(missing))
        items = "".join(
            f'<li><a href="{i}">{html.escape(v.label)}</a> — étape « {html.escape(step_title(v.step))} »</li>'
            for i, v in enumerate(missing))
        self.missing.setText(f"<p><b>À préparer ({len(missing)}) :</b> le portail demande ces valeurs et le "
                             f"dossier ne les a pas encore. Cliquez pour les remplir.</p><ul>{items}</ul>")

    def _open_missing(self, href: str) -> None:
        missing = self.sheet.to_prepare() if self.sheet else []
        index = int(href)
        if 0 <= index < len(missing):
            value = missing[index]
            self.ctx.focus_field(value.path or value.step)

    def _show_progress(self) -> None:
        done, total = progress(self.ctx.dossier, self.sheet) if self.sheet else (0, 0)
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        left = total - done
        self.progress.setToolTip("Tout est saisi." if not left else
                                 f"{plural(left, 'valeur reste', 'valeurs restent')} à saisir.")

    # ------------------------------------------------------------------ actions
    def set_ticked(self, row: ValueRow, on: bool) -> None:
        set_ticked(self.ctx.dossier, row.value, on)
        self.ctx.touch("meta.portal_ticks")  # saved a moment later, like every edit
        row.show_state()
        self._show_progress()

    def say(self, text: str) -> None:
        self.status.setText(text)

    def print_sheet(self) -> list[Path]:
        folder = export_dir(self.ctx.settings)
        try:
            paths = write_sheet(self.ctx.dossier, self.ctx.catalogue, folder)
        except ExportError as exc:
            log.warning("fiche de saisie impossible : %s", exc)
            self.say(f"La fiche de saisie n'a pas pu être créée : {exc}")
            return []
        self.say("Fiche de saisie créée :\n" + "\n".join(f"• {p}" for p in paths))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths[0])))
        return paths

    def _model_changed(self, path: str) -> None:
        if path_within(META, path) and path not in ("", META):
            return  # the step shown, a tick: no value of the sheet changed
        if self.isVisible():
            self._timer.start()
        else:
            self._layout_keys = []  # refreshed when shown

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_keys:
            self.refresh()


class PortalDock(QDockWidget):
    """The view in a panel of the dossier window, which can float beside the browser."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__("Saisie sur le portail", parent)
        self.setObjectName("saisie-portail")
        self.view = PortalView(ctx)
        self.setWidget(self.view)
