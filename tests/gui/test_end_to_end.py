"""End to end: a volunteer creates a dossier from nothing, only by typing and clicking in the windows.

The library window starts on an empty library; "Nouveau dossier" creates the dossier for the Blois 2023
call; each step of the wizard is then filled through its widgets (found through the page objects, never
by writing the model), moving on with "Suivant"; the review shows no blocking problem; "Exporter les
deux" writes the DOCX and the PDF, which are read back; the dossier file holds what was typed.

Only ASCII text is typed here (QTest cannot type other characters; accents are covered page by page).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pypdf
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QMessageBox, QWidget
from wizard_helpers import focused, press, type_keys

from forms.budget import format_euros
from forms.programmes import default_catalogue
from forms.storage import load_dossier
from gui.library_model import COL_ASSOCIATION, COL_STATE, COL_TITLE
from gui.wizard.page import StepPage
from gui.wizard.pages import documents as documents_page

pytestmark = pytest.mark.gui

ASSOCIATION = "Les Amis du Quartier Nord"
TITLE = "Atelier velo solidaire"
SIRET = "73282932000074"
IBAN = "FR7630006000011234567890189"


# ----------------------------------------------------------------------------------------- helpers
def scroll_to(widget: QWidget) -> None:
    """Bring `widget` into view in its page, as a user scrolls before clicking (once the screen is up to
    date: rows just added are laid out at the next turn of the event loop)."""
    QApplication.processEvents()
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, StepPage):
        parent = parent.parentWidget()
    if parent is not None:
        parent.scroll.ensureWidgetVisible(widget)


def click(qtbot, widget: QWidget) -> None:
    scroll_to(widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box: QAbstractButton) -> None:
    """Click a check box or a radio button on its mark (a full-width box reacts only on its mark and text)."""
    scroll_to(box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(min(8, box.width() // 2), box.height() // 2))


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Click in the field, then type (ASCII only)."""
    assert text.isascii(), text
    scroll_to(widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(widget.hasFocus)
    if isinstance(widget, QAbstractSpinBox):
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # replace the 0 it shows
    qtbot.keyClicks(widget, text)


def type_date(qtbot, widget: QWidget, ddmmyyyy: str) -> None:
    scroll_to(widget)
    widget.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab does: the day is selected
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClicks(widget, ddmmyyyy)


def type_in_cell(qtbot, editor, path: str, text: str) -> None:
    """Click the budget cell of `path`, type the amount, Enter."""
    found = editor.locate(path)
    assert found is not None, path
    table, row, col = found
    rect = table.visualRect(table.model().index(row, col))
    scroll_to(table)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (table.currentRow(), table.currentColumn()) == (row, col)
    type_keys(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)


def next_step(qtbot, window, expected: str) -> StepPage:
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.current_step == expected
    return window.pages[expected]


def fields(page: StepPage, values: dict[str, str], qtbot) -> None:
    for path, text in values.items():
        type_into(qtbot, page.fields[path].widget, text)


# ----------------------------------------------------------------------------------------- steps
def create_from_library(qtbot, on_modal, settings):
    from gui.library_window import LibraryWindow
    from gui.new_dossier_dialog import NEW_ASSOCIATION

    library = LibraryWindow(settings, catalogue_provider=default_catalogue)
    qtbot.addWidget(library)
    with qtbot.waitSignal(library.states_ready, timeout=10_000):
        library.show()
    qtbot.waitExposed(library)
    assert library.proxy.rowCount() == 0  # an empty library

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.territory, "Blois")  # typing a name picks it in a list
        assert dialog.territory.currentText() == "Blois"
        assert dialog.call.currentData() == "blois-2023"  # the latest call first
        qtbot.mouseClick(dialog.title, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.title, TITLE)
        assert dialog.association.currentText() == NEW_ASSOCIATION
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    on_modal(fill)
    with qtbot.waitSignal(library.dossier_opened, timeout=10_000) as opened:
        qtbot.mouseClick(library.buttons["actionNew"], Qt.MouseButton.LeftButton)
    path = opened.args[0]
    window = library.open_windows()[path]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.current_step == "appel"
    assert window.pages["appel"].call_combo.currentData() == "blois-2023"
    return library, window, path


def fill_association(qtbot, page) -> None:
    i = "association.identity"
    fields(page, {
        f"{i}.name": ASSOCIATION,
        f"{i}.siret": SIRET,
        f"{i}.rna": "W411234567",
        f"{i}.object": "Favoriser la mobilite et le lien social des habitants des quartiers Nord de Blois.",
        f"{i}.address.street": "12 rue des Ecoles",
        f"{i}.address.postal_code": "41000",
        f"{i}.address.city": "Blois",
        f"{i}.legal_representative.last_name": "Martin",
        f"{i}.legal_representative.first_name": "Claire",
        f"{i}.legal_representative.role": "Presidente",
        f"{i}.legal_representative.phone": "06 12 34 56 78",
        f"{i}.legal_representative.email": "presidence@amis-quartier-nord.fr",
        f"{i}.contact.last_name": "Dubois",
        f"{i}.contact.first_name": "Karim",
        f"{i}.contact.role": "Coordinateur",
        f"{i}.contact.phone": "02 54 12 34 56",
        f"{i}.contact.email": "karim.dubois@amis-quartier-nord.fr",
        "association.people.members": "45",
        "association.people.volunteers": "12",
        "association.people.employees": "2",
    }, qtbot)
    # the association's own budget, balanced: 30 000 € of charges, 30 000 € of produits
    budget = page.budget
    type_in_cell(qtbot, budget, "association.budget.lines.641", "20000")
    type_in_cell(qtbot, budget, "association.budget.lines.613", "10000")
    type_in_cell(qtbot, budget, "association.budget.lines.756", "30000")
    assert budget.balance_label.text().startswith("✔ Budget équilibré")
    fields(page, {
        "association.bank.holder": ASSOCIATION,
        "association.bank.bank_name": "Credit Cooperatif Blois",
        "association.bank.iban": IBAN,
        "association.bank.bic": "AGRIFRPP",
    }, qtbot)


def fill_action(qtbot, page) -> None:
    a = "actions[0]"
    assert page.fields[f"{a}.title"].widget.text() == TITLE  # typed in the "Nouveau dossier" dialog
    fields(page, {
        f"{a}.objectives": "Rendre les habitants plus autonomes pour aller au travail et en formation.",
        f"{a}.description": "Un atelier de reparation de velos deux fois par semaine et des sorties en groupe.",
        f"{a}.duration_text": "11 mois",
        f"{a}.places": "Local de l'association, 12 rue des Ecoles, quartiers Nord",
        f"{a}.partners": "Centre social, Mission locale, Terres de Loire Habitat",
        f"{a}.human_means": "Un mecanicien salarie a mi-temps et six benevoles.",
        f"{a}.material_means": "Un atelier equipe, vingt velos de pret.",
        f"{a}.expected_results": "Quarante personnes accompagnees, dont la moitie de femmes.",
    }, qtbot)
    type_date(qtbot, page.fields[f"{a}.start_date"].widget, "09012023")
    type_date(qtbot, page.fields[f"{a}.end_date"].widget, "15122023")
    for n, (label, target, method) in enumerate((
        ("Nombre de personnes accompagnees, par sexe", "40 personnes", "Fiches d'inscription"),
        ("Nombre de velos repares", "120 velos", "Registre de l'atelier"),
    )):
        click(qtbot, page.indicators.add_button)
        first = page.fields[f"{a}.indicators[{n}].label"].widget
        qtbot.waitUntil(lambda w=first: focused() is w)  # the cursor goes to the new row
        qtbot.keyClicks(first, label)
        type_into(qtbot, page.fields[f"{a}.indicators[{n}].target"].widget, target)
        type_into(qtbot, page.fields[f"{a}.indicators[{n}].method"].widget, method)


def fill_enjeux(qtbot, page) -> None:
    block = page.blocks["E2"]
    tick(qtbot, block.check.box)
    qtbot.waitUntil(block.panel.isVisible)
    tick(qtbot, block.priority_checks["2023-emploi-4"].box)


TRANSVERSAL_TEXTS = {
    "egalite": "Les horaires sont choisis avec les participantes et une garde d'enfants est proposee.",
    "laicite": "Le reglement de l'atelier rappelle les principes de laicite et de respect mutuel.",
    "innovation": "Un atelier mobile va au pied des immeubles avec les bailleurs du quartier.",
    "numerique": "Les participants apprennent a reserver un velo et un trajet en ligne.",
    "transition": "Le reemploi de velos donnes et les trajets a velo remplacent la voiture.",
    "coconstruction": "L'action est construite avec le centre social et la Mission locale.",
}


def fill_transversal(qtbot, page) -> None:
    assert set(page.blocks) == {*TRANSVERSAL_TEXTS, "publics"}
    for tp_id, block in page.blocks.items():
        if tp_id in TRANSVERSAL_TEXTS:
            tick(qtbot, block.status.buttons["traitee"])
            type_into(qtbot, block.text.widget, TRANSVERSAL_TEXTS[tp_id])
        else:
            tick(qtbot, block.status.buttons["non_applicable"])
            type_into(qtbot, block.text.widget, "L'action s'adresse a des adultes deja suivis par la Mission locale.")


def fill_public(qtbot, page) -> None:
    p = "actions[0].public"
    fields(page, {
        f"{p}.description": "Des adultes des quartiers Nord sans voiture, souvent sans emploi.",
        f"{p}.total": "40",
        f"{p}.women": "22",
        f"{p}.men": "18",
        f"{p}.qpv_share_percent": "85",
    }, qtbot)
    spins = page.age_grid.spins
    for (band, gender), value in {("18-25", "women"): "8", ("18-25", "men"): "10",
                                  ("26-64", "women"): "14", ("26-64", "men"): "8"}.items():
        type_into(qtbot, spins[(band, gender)], value)
    tick(qtbot, page.quartier_checks["blois-quartiers-nord"].box)


def fill_budget(qtbot, page) -> None:
    type_into(qtbot, page.fields["actions[0].budget.year"].widget, "2023")
    editor = page.editor
    type_in_cell(qtbot, editor, "actions[0].budget.lines.641", "12000")
    type_in_cell(qtbot, editor, "actions[0].budget.lines.606", "3000")
    type_in_cell(qtbot, editor, "actions[0].requested_cents.etat", "7000")
    type_in_cell(qtbot, editor, "actions[0].requested_cents.ville-blois", "5000")
    # one other funder, outside the call: a new row of line 74, the cursor in its name
    click(qtbot, editor.add_funder_button)
    type_keys(qtbot, "Fondation de France")
    press(qtbot, Qt.Key.Key_Tab)  # on to its amount
    type_keys(qtbot, "2000")
    press(qtbot, Qt.Key.Key_Return)
    type_in_cell(qtbot, editor, "actions[0].budget.lines.RP", "1000")
    assert page.balance_top.text().startswith("✔ Budget équilibré"), page.balance_top.text()


def fill_documents(qtbot, page, tmp_path: Path, monkeypatch) -> list[str]:
    folder = tmp_path / "pieces"
    folder.mkdir()
    chosen: list[str] = []

    def pick(parent, caption, start, filters):
        name = caption.split(" : ", 1)[1]
        path = folder / f"{len(chosen):02d}.pdf"
        path.write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n")
        chosen.append(str(path))
        return str(path), filters.split(";;")[0]

    # the page's file chooser (gui.widgets.file_chooser.open_file) answers like the user picking a file
    monkeypatch.setattr(documents_page, "open_file", lambda *args: pick(*args)[0])
    required = [row for row in page.rows.values() if row.requirement.text().startswith("Obligatoire")]
    assert len(required) == 9
    for row in required:
        click(qtbot, row.button)
    assert "Toutes les pièces demandées sont jointes" in page.count_label.text()
    return chosen


def fill_attestation(qtbot, page) -> None:
    for path in ("attestation.cer_subscribed", "attestation.obligations_up_to_date",
                 "attestation.charter_2014_respected", "attestation.information_exact"):
        tick(qtbot, page.fields[path].widget)
    click(qtbot, page.copy_button)  # the signatory is the legal representative typed at step 2
    assert page.fields["attestation.signatory.last_name"].widget.text() == "Martin"
    type_into(qtbot, page.fields["attestation.place"].widget, "Blois")
    type_date(qtbot, page.fields["attestation.date"].widget, "18112022")


# ----------------------------------------------------------------------------------------- the test
def test_a_dossier_from_nothing_to_the_pdf(qtbot, on_modal, settings, tmp_path, monkeypatch) -> None:
    library, window, path = create_from_library(qtbot, on_modal, settings)

    fill_association(qtbot, next_step(qtbot, window, "association"))
    fill_action(qtbot, next_step(qtbot, window, "action"))
    fill_enjeux(qtbot, next_step(qtbot, window, "enjeux"))
    fill_transversal(qtbot, next_step(qtbot, window, "transversales"))
    fill_public(qtbot, next_step(qtbot, window, "public"))
    fill_budget(qtbot, next_step(qtbot, window, "budget"))
    files = fill_documents(qtbot, next_step(qtbot, window, "documents"), tmp_path, monkeypatch)
    fill_attestation(qtbot, next_step(qtbot, window, "attestation"))
    review = next_step(qtbot, window, "verification")

    # the review: no blocking problem left
    window.ctx.flush()
    verdicts = window.ctx.verdicts
    remaining = "\n".join(f"{v.level} {v.rule} {v.fields}: {v.message}" for v in verdicts)
    assert [v for v in verdicts if v.level == "bloquant"] == [], remaining
    assert "Aucun problème bloquant" in review.counts.text() or "Tout est en ordre" in review.counts.text()
    states = window.steps.states
    assert all(states[s] != "bloquant" for s in states), states

    # export both; if the application asks a question, answer Yes
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    click(qtbot, review.both_button)
    qtbot.waitUntil(lambda: len(review.last_exports) == 2)
    docx_path, pdf_path = review.last_exports
    assert (docx_path.suffix, pdf_path.suffix) == (".docx", ".pdf")
    assert "Fichiers créés" in review.result.text()

    amount = format_euros(1_200_000)  # line 641, "12 000,00 €"
    enjeu = window.ctx.territory.enjeu("E2").title
    pdf_text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdf_path).pages)
    docx_text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    docx_text += "\n" + "\n".join(cell.text for table in docx.Document(str(docx_path)).tables
                                  for row in table.rows for cell in row.cells)
    for text in (pdf_text, docx_text):
        flat = " ".join(text.split())
        for expected in (ASSOCIATION, TITLE, " ".join(amount.split()), " ".join(enjeu.split())):
            assert expected in flat, expected

    # the file on disk holds what was typed
    assert window.ctx.flush()
    saved = load_dossier(path)
    identity = saved.association.identity
    assert (identity.name, identity.siret, identity.rna) == (ASSOCIATION, SIRET, "W411234567")
    assert identity.legal_representative.email == "presidence@amis-quartier-nord.fr"
    assert saved.association.bank.iban == IBAN and saved.association.bank.bic == "AGRIFRPP"
    action = saved.action
    assert action.title == TITLE
    assert (action.start_date, action.end_date) == (dt.date(2023, 1, 9), dt.date(2023, 12, 15))
    assert [i.target for i in action.indicators] == ["40 personnes", "120 velos"]
    assert action.enjeux == ["E2"] and action.operational_priorities == ["2023-emploi-4"]
    assert {k: t.status for k, t in action.transversal.items()} == {
        **dict.fromkeys(TRANSVERSAL_TEXTS, "traitee"), "publics": "non_applicable"}
    assert (action.public.total, action.public.women, action.public.men) == (40, 22, 18)
    assert action.quartiers == ["blois-quartiers-nord"]
    assert action.requested_cents == {"etat": 700_000, "ville-blois": 500_000}
    assert [(s.funder, s.label, s.amount_cents) for s in action.budget.subsidies][-1] == (
        "autre", "Fondation de France", 200_000)
    assert sorted(d.path for d in saved.documents if d.state == "joint") == sorted(files)
    assert saved.attestation.signatory.last_name == "Martin" and saved.attestation.place == "Blois"
    assert saved.attestation.date == dt.date(2022, 11, 18)
    assert saved.meta.exported and saved.meta.wizard_step == "verification"

    # closed, the dossier is listed in the library, exported
    with qtbot.waitSignal(library.states_ready, timeout=10_000):
        window.close()
    model = library.model
    row = model.row_of(path)
    texts = [model.index(row, col).data() for col in (COL_TITLE, COL_ASSOCIATION, COL_STATE)]
    assert texts == [TITLE, ASSOCIATION, "Exporté"]
