"""Visible labels tied to their input, for keyboard and screen-reader users.

Every input of the application has a visible label (its buddy, so the label's mnemonic moves the
focus to the input) and the same words as its accessible name.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def plain_text(text: str) -> str:
    """`"&Rechercher :"` -> `"Rechercher"`: a label's words without mnemonic or trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(" :\u00a0")


def buddy_label(text: str, widget: QWidget, *, description: str = "", parent: QWidget | None = None,
                wrap: bool = False) -> QLabel:
    """A label for `widget`: buddy (its `&` mnemonic focuses the widget) and accessible name.

    `description` (one sentence of help) becomes the widget's accessible description and tooltip.
    `wrap` lets a long label wrap (in a form); a short one beside its field should not.
    """
    label = QLabel(text, parent)
    label.setBuddy(widget)
    label.setWordWrap(wrap)
    widget.setAccessibleName(plain_text(text))
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return label


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """One sentence of help under a field or at the top of a dialog, wrapped.

    Kept in the normal text colour: muted greys fail contrast for the users this is for.
    """
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label
