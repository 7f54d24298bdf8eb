"""The mouse wheel over a field the user has not clicked into scrolls the page (issue 8).

Kept apart from the inputs (gui.widgets.typed_inputs) and light: it is installed at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox


class WheelGuard(QObject):
    """The mouse wheel over a combo box or a spin box that the user has not clicked into scrolls the page
    instead of changing its value (Qt's default changed the value under the pointer while scrolling).

    Installed once on the application (`install_wheel_guard`): it sees every widget. Such widgets get
    focus by click or Tab only (not by the wheel); a wheel event on one without focus is ignored, so Qt
    passes it to the parent: the scroll area of the page.
    """

    TYPES = (QComboBox, QAbstractSpinBox)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, self.TYPES):
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and isinstance(watched, self.TYPES) and not watched.hasFocus():
            event.ignore()
            return True  # with the event ignored, Qt goes on with the parent widgets
        return False


def install_wheel_guard(app: QObject) -> WheelGuard:
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
    return guard
