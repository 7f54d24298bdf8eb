"""No internal code or id appears in what a user reads (issue 8): every page of the wizard, for each shipped
example, is walked (labels, buttons, combo items, table cells and headers, list rows) and no id of the
programme data (a co-funder `caf`, a budget line `CI-financieres` or `75-autres`, a priority
`2023-emploi-3`, a call `blois-2023`…) may appear in it as a word."""

from __future__ import annotations

import re
import shutil

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QListWidget, QTableWidget, QTreeWidget, QWidget
from test_wizard_window import EXAMPLES, open_window

from forms.programmes import Catalogue, default_catalogue

pytestmark = pytest.mark.gui

# ids that are also plain words or acronyms explained where they are shown
WORDS = {"statuts", "publics", "transition", "innovation", "CI", "RP"}


def internal_ids(catalogue: Catalogue) -> set[str]:
    ids = set(catalogue.territories)
    for call in catalogue.calls.values():
        ids |= {call.id, *(c.id for c in call.cofunders), *(t.id for t in call.transversal),
                *(p.id for p in call.operational_priorities), *(d.id for d in call.documents)}
    for category in catalogue.budget_plan.categories:
        ids |= {category.code, *(line.code for line in category.lines)}
    return {i for i in ids if not i.isdigit()} - WORDS


def visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            texts += [w.item(r, c).text() for r in range(w.rowCount()) for c in range(w.columnCount())
                      if w.item(r, c) is not None and not w.isColumnHidden(c)]
        elif isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTreeWidget):
            stack = [w.topLevelItem(i) for i in range(w.topLevelItemCount())]
            while stack:
                item = stack.pop()
                texts += [item.text(c) for c in range(w.columnCount())]
                stack += [item.child(i) for i in range(item.childCount())]
    return texts


@pytest.mark.parametrize("example", ["blois-2023-insertion", "blois-2021-culture", "amboise-acces-droits"])
def test_no_internal_id_in_any_visible_text(qtbot, settings, tmp_path, example) -> None:
    path = tmp_path / f"{example}.cdv.json"
    shutil.copy(EXAMPLES / f"{example}.cdv.json", path)
    window = open_window(qtbot, settings, path)
    ids = internal_ids(default_catalogue())
    assert {"caf", "CI-financieres", "75-autres", "blois-2023"} <= ids
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
                         + r")(?![\w-])")
    found = []
    for step_id, page in window.pages.items():
        window.show_step(step_id)
        for text in visible_texts(page):
            found += [f"{step_id} : {m.group(1)} dans « {text[:80]} »" for m in pattern.finditer(text)]
    assert found == []
