"""Python's garbage collector runs in the UI thread only.

Qt objects must be deleted in the thread that owns them. The cyclic garbage collector runs in whichever
thread happens to allocate when its thresholds are reached: in a worker thread (the library's states, the
suggester's loading, the export) it can finalise a widget or a timer of the UI thread caught in a reference
cycle — "Timers cannot be stopped from another thread", or an abort in `free()`. So the automatic
collection is turned off and a timer of the UI thread collects instead, with the same thresholds
(the approach PyQt applications commonly use for this).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500  # often enough that memory never builds up between two looks


class MainThreadCollector(QObject):
    """Collects the generations whose allocation counts passed Python's own thresholds."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def install_main_thread_gc(app: QObject) -> MainThreadCollector:
    """Once per application (the collector is a child of `app`)."""
    existing = app.findChild(MainThreadCollector)
    return existing if existing is not None else MainThreadCollector(app)
