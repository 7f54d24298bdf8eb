"""« Pourquoi ? »: a rule explained to a learner, with the passage of the text it rests on."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from forms.programmes import Catalogue
from gui.widgets.dialogs import close_buttons
from gui.widgets.labels import hint_label
from rules.explanations import Why, why_for


def why_html(why: Why) -> str:
    """The explanation as simple HTML (headings a screen reader announces, the passage as a quote)."""
    e = html.escape
    parts = [
        f"<h3>{e(why.title)}</h3>",
        f"<p><b>Ce que la règle protège.</b> {e(why.protects)}</p>",
        f"<p><b>Qui le demande.</b> {e(why.asked_by)}</p>",
        f"<p><b>Si on l'ignore.</b> {e(why.if_ignored)}</p>",
    ]
    if why.note:
        parts.append(f"<p>{e(why.note)}</p>")
    parts.append(f"<p><b>Le texte.</b> {e(why.source)}</p>")
    if why.passage:
        parts.append(f"<blockquote><i>« {e(why.passage)} »</i></blockquote>")
    return "".join(parts)


class WhyDialog(QDialog):
    """Shows the "Pourquoi ?" of one rule (and one verdict's own source, when given)."""

    def __init__(self, why: Why, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.why = why
        self.setWindowTitle("Pourquoi cette règle ?")
        self.setObjectName("whyDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label("Ce que la règle vérifie, pourquoi le financeur y tient, et le texte d'où elle "
                                    "vient."))
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setAccessibleName("Explication de la règle")
        self.text.setHtml(why_html(why))
        self.text.setMinimumSize(460, 300)
        layout.addWidget(self.text, 1)
        layout.addWidget(close_buttons(self))
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)


def show_why(
    parent: QWidget, rule_id: str, verdict: Any = None, catalogue: Catalogue | None = None
) -> WhyDialog | None:
    """Open the "Pourquoi ?" of `rule_id` (modeless, so the learner can keep it beside the page)."""
    why = why_for(rule_id, verdict, catalogue)
    if why is None:
        return None
    dialog = WhyDialog(why, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    return dialog
