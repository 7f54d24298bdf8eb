"""Scrollable columns and side panels, set up the same way in every window.

- `scroll_area`: a vertical scroll area that never scrolls sideways (long texts wrap and inputs shrink
  to the window's width), without a frame unless asked.
- `scroll_column`: a widget whose whole area is such a scroll area holding one column of widgets (the
  wizard's pages, the compte-rendu sheets, the renewal panel).
- `add_side_dock`: a panel docked at the right of a dossier window (examples, exercises, renewal).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QVBoxLayout, QWidget


def scroll_area(*, frame: bool = False, tab_stop: bool = True) -> QScrollArea:
    """A vertical scroll area, its contents as wide as it is. `tab_stop=False`: the first Tab lands in the
    first field, not on the area (Page Down still scrolls: the fields pass on the keys they do not use)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    if not frame:
        scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if not tab_stop:
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return scroll


def scroll_column(owner: QWidget, margins: tuple[int, int, int, int], *, frame: bool = False,
                  tab_stop: bool = True) -> tuple[QScrollArea, QVBoxLayout]:
    """Fill `owner` with a `scroll_area` (edge to edge) holding one column; the area and the column's
    layout (with `margins`: left, top, right, bottom), for the caller to add its widgets to."""
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = scroll_area(frame=frame, tab_stop=tab_stop)
    outer.addWidget(scroll)
    inner = QWidget()
    scroll.setWidget(inner)
    column = QVBoxLayout(inner)
    column.setContentsMargins(*margins)
    return scroll, column


def add_side_dock(window: QMainWindow, title: str, name: str, widget: QWidget, width: int, *,
                  fixed: bool = False, tabify_with: QDockWidget | None = None) -> QDockWidget:
    """Dock `widget` at the right of `window`, `width` pixels wide, named `name` (tests and the saved
    window state find it by this name). `fixed`: it cannot be closed, moved or floated; `tabify_with`:
    it shares that dock's place, as a tab."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    if fixed:
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    if tabify_with is not None:
        window.tabifyDockWidget(tabify_with, dock)
    window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
    return dock
