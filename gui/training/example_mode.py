"""The « exemple commenté » mode: a shipped example, read-only, with a comment beside each step.

The example is opened from a private temporary copy (the shipped file is never written: the wizard saves
the step the reader is on), every input is made read-only, and a panel beside the page says why the
answer of the step is written this way, with its source. « Partir de cet exemple » puts an editable copy
in the library, marked as coming from the example.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from forms.library import Library
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.settings import Settings
from forms.steps import step_title
from forms.storage import load_dossier, now_iso
from forms.training.comments import ExampleComments, example_path, load_comments, origin_for
from gui.widgets.panels import add_side_dock, scroll_area

READ_ONLY_PROPERTY = "trainingReadOnly"
_BLOCKED_EVENTS = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel,
}


class _InputBlocker(QObject):
    """Swallows the clicks, keys and wheel turns that would change a box to tick or a list to choose from
    (they keep their normal, readable look, unlike a disabled widget)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() in _BLOCKED_EVENTS


def make_read_only(root: QWidget) -> None:
    """Make every input under `root` show its value without letting anyone change it.

    Texts stay selectable and reachable with Tab (a screen reader reads them); boxes to tick keep their
    look but ignore the mouse and the keyboard; lists and tables cannot be edited; buttons are disabled.
    """
    blocker = _InputBlocker(root)
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox):
            widget.setReadOnly(True)
        elif (isinstance(widget, QAbstractButton) and widget.isCheckable()) or isinstance(widget, QComboBox):
            widget.installEventFilter(blocker)
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        elif isinstance(widget, QAbstractButton):
            widget.setEnabled(False)
        elif isinstance(widget, QAbstractItemView):
            widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            widget.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        widget.setProperty(READ_ONLY_PROPERTY, True)


class CommentsPanel(QWidget):
    """Beside the read-only wizard: the example's presentation and the comment of the step shown."""

    def __init__(self, comments: ExampleComments, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comments = comments
        self.catalogue = catalogue
        layout = QVBoxLayout(self)
        self.presentation = QLabel(comments.presentation)
        self.presentation.setWordWrap(True)
        self.presentation.setAccessibleName("Présentation de l'exemple")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.comment = QLabel()
        self.comment.setWordWrap(True)
        self.comment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment.setAccessibleName("Commentaire de l'étape")
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: #5A5F69; font-style: italic;")
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source.setAccessibleName("Source du commentaire")
        self.start_button = QPushButton("Partir de cet e&xemple")
        self.start_button.setAccessibleName("Partir de cet exemple")
        self.start_button.setToolTip("Créer, dans vos dossiers, une copie modifiable de cet exemple.")
        for widget in (self.presentation, self.heading, self.comment, self.source):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.start_button)

    def show_step(self, step_id: str) -> None:
        item = self.comments.comments.get(step_id)
        self.heading.setText(f"Pourquoi cette étape est remplie ainsi — {step_title(step_id)}")
        if item is None:
            self.comment.setText("Pas de commentaire pour cette étape.")
            self.source.setText("")
            return
        self.comment.setText(item.text)
        source = f"Source : {self.catalogue.describe_source(item.source)}"
        if item.source.quote:
            source += f" — « {item.source.quote} »"
        self.source.setText(source)


def copy_of_example(example_id: str) -> Dossier:
    """An editable copy of the example, marked as coming from it (the file as shipped, not as read)."""
    dossier = load_dossier(example_path(example_id))
    fresh = copy.deepcopy(dossier)
    fresh.meta.origin = origin_for(example_id)
    fresh.meta.created = now_iso()
    fresh.meta.modified = ""
    fresh.meta.exported = ""
    fresh.meta.wizard_step = ""
    fresh.meta.visited_steps = []
    return fresh


def start_from_example(library: Library, example_id: str) -> Path:
    """« Partir de cet exemple »: the copy, created in the library; its path."""
    dossier = copy_of_example(example_id)
    return library.create(dossier, dossier.title)


def open_commented_example(
    example_id: str,
    catalogue: Catalogue,
    settings: Settings,
    on_start: Callable[[str], None],
    parent: QWidget | None = None,
) -> QWidget:
    """A read-only wizard window on the example, with its comments panel. `on_start(example_id)` is
    called by « Partir de cet exemple »."""
    from gui.wizard.window import DossierWindow

    comments = load_comments(example_id)
    folder = Path(tempfile.mkdtemp(prefix="exemple-commente-"))
    path = folder / example_path(example_id).name
    shutil.copyfile(example_path(example_id), path)
    path.chmod(0o600)
    window = DossierWindow(path, load_dossier(path), catalogue, settings, parent)
    window.setWindowTitle(f"Exemple commenté (lecture seule) — {window.windowTitle()}")
    window.setProperty("exampleId", example_id)
    make_read_only(window.stack)
    window.save_action.setEnabled(False)
    # The temporary copy is saved as the reader moves (the step shown): not worth telling them.
    window.ctx.saved.disconnect(window._saved)
    window.ctx.changed.disconnect(window._changed)
    window.save_label.setText("Exemple en lecture seule : rien de ce que vous voyez ne peut être modifié.")
    window.glossary_dock.setVisible(False)  # F1 still shows it; the comments take its place
    panel = CommentsPanel(comments, catalogue)
    scroll = scroll_area()
    scroll.setWidget(panel)
    add_side_dock(window, "Exemple commenté", "exempleCommente", scroll, 320, fixed=True)
    window.comments_panel = panel  # type: ignore[attr-defined]
    panel.show_step(window.current_step)
    window.stack.currentChanged.connect(lambda _index: panel.show_step(window.current_step))
    panel.start_button.clicked.connect(lambda: on_start(example_id))
    window.closed.connect(lambda _path: shutil.rmtree(folder, ignore_errors=True))
    return window
