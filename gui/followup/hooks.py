"""The follow-up in the wizard window: « Dossier > Suivi et compte-rendu financier… » (Ctrl+Shift+R), and
the remarks of the compte-rendu rules (on the review page) open the follow-up window at their field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from gui.followup.window import FollowUpWindow
    from gui.wizard.window import DossierWindow

_FOLLOWUP_PREFIXES = ("lifecycle", "actions[0].report", "actions[*].report")


def show_followup(window: DossierWindow, path: str = "") -> FollowUpWindow:
    from gui.followup.window import FollowUpWindow

    followup = getattr(window, "followup_window", None)
    if followup is None:
        followup = FollowUpWindow(window.ctx, parent=window)
        window.followup_window = followup
    if followup.isVisible():  # already open, maybe behind: bring it to the front
        followup.raise_()
        followup.activateWindow()
    followup.show()
    if path:
        followup.show_sheet(path)
    return followup


def install_followup(window: DossierWindow) -> QAction:
    action = QAction("&Suivi et compte-rendu financier…", window)
    action.setObjectName("actionFollowUp")
    action.setShortcut(QKeySequence("Ctrl+Shift+R"))
    action.setStatusTip("Déposé, accordé, refusé ; le compte-rendu financier de l'action (CERFA 15059)")
    action.triggered.connect(lambda _=False: show_followup(window))
    menu = next((a.menu() for a in window.menuBar().actions() if a.menu() and a.text() == "&Dossier"), None)
    if menu is not None:
        menu.insertAction(menu.actions()[2] if len(menu.actions()) > 2 else None, action)
    else:
        window.addAction(action)
    focus = window.focus_field

    def focus_or_followup(path: str, step_id: str = "") -> None:
        if path.startswith(_FOLLOWUP_PREFIXES):
            show_followup(window, path)
        else:
            focus(path, step_id)

    window.ctx.set_focus_handler(focus_or_followup)
    window.followup_action = action
    return action
