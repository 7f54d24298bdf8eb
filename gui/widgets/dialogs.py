"""Small modal dialogs with labelled inputs (Qt's QInputDialog gives its field no accessible name)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from gui.widgets.labels import buddy_label, hint_label


def set_min_text_width(widget: QWidget, chars: int) -> None:
    """A minimum width in characters of the current font (it grows with the user's font size), so that
    wrapped labels do not fold a dialog into a narrow column."""
    widget.setMinimumWidth(widget.fontMetrics().averageCharWidth() * chars)


class TextDialog(QDialog):
    """Ask for one line of text: a title, a labelled field, an optional hint, OK / Annuler."""

    def __init__(self, parent: QWidget | None, title: str, label: str, text: str = "", *, hint: str = "",
                 ok_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("textDialog")
        layout = QVBoxLayout(self)
        self.field = QLineEdit(text, self)
        self.field.setObjectName("textField")
        self.field.selectAll()
        layout.addWidget(buddy_label(label, self.field, parent=self))
        layout.addWidget(self.field)
        if hint:
            layout.addWidget(hint_label(hint, self))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        if ok_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        set_min_text_width(self, 55)
        self.field.setFocus()

    def text(self) -> str:
        return self.field.text()


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "", *, hint: str = "",
             ok_text: str = "") -> str | None:
    """The text typed, or None when the user cancelled."""
    dialog = TextDialog(parent, title, label, text, hint=hint, ok_text=ok_text)
    try:
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def fit_height(widget: QWidget) -> None:
    """Make a window tall enough for its wrapped labels at its current width.

    Qt sizes a window from its size hint at the hint's width; when the window ends up wider (a minimum
    width, a large font) or a wrapped label gets longer, the height is not recomputed and the last
    lines of wrapped text are cut off.
    """
    layout = widget.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    layout.activate()
    needed = layout.totalHeightForWidth(widget.width())
    if needed > widget.height():
        widget.resize(widget.width(), needed)


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """The « Fermer » button (Alt+F, and Échap) of a dialog that only shows something."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Fermer")
    buttons.rejected.connect(dialog.reject)
    return buttons
