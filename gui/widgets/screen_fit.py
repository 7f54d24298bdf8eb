"""Windows that open inside the screen: a first size, or a saved one, clamped to the screen's available
geometry (minus the task bar and, before the window manager has framed the window, its title bar).

A 1366×768 laptop, or 1920×1080 at 150 % (an effective 1280×720), must see the whole window with its
"Précédent / Suivant" buttons and the save status without maximising it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = QSize(16, 48)  # the window manager's borders and title bar, not known before the first show


def available_area(window: QWidget) -> QRect | None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def clamp_to_screen(window: QWidget) -> None:
    """Shrink and move `window` so that it lies inside the available area of its screen."""
    area = available_area(window)
    if area is None:
        return
    width = min(window.width(), area.width() - FRAME_ALLOWANCE.width())
    height = min(window.height(), area.height() - FRAME_ALLOWANCE.height())
    width, height = max(width, window.minimumWidth()), max(height, window.minimumHeight())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(window.x(), area.left()), area.right() - width - FRAME_ALLOWANCE.width() + 1)
    y = min(max(window.y(), area.top()), area.bottom() - height - FRAME_ALLOWANCE.height() + 1)
    if (x, y) != (window.x(), window.y()):
        window.move(max(x, area.left()), max(y, area.top()))


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """The preferred size, or less on a small screen."""
    window.resize(preferred)
    clamp_to_screen(window)
