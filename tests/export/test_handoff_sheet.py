"""The portal sheet (forms.handoff.portal_sheet): every value of the dossier the CERFA asks for, in the portal's
order, as the exact text to paste; the ticks kept in the dossier; the printable fiche read back."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from export_readback import EXAMPLE_NAMES, EXAMPLES_DIR, docx_text, norm, pdf_text

from forms.funders import asked_here
from forms.handoff.documents import file_name
from forms.handoff.plain_text import amount_text, number_text
from forms.handoff.portal_sheet import PORTAL_STEPS, PortalSheet, build_portal_sheet
from forms.handoff.sheet_document import SHEET_TITLE, render_sheet, write_sheet
from forms.handoff.ticks import fingerprint, progress, set_ticked, tick_state
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.storage import load_dossier, save_dossier


def load_example(name: str) -> Dossier:
    return load_dossier(EXAMPLES_DIR / f"{name}.cdv.json")


# Values that are ids (shown through their meaning), or bookkeeping: not values typed for the portal.
# not asked by the portal: the application's own bookkeeping, the dossier's follow-up (lifecycle, renewal)
# and the compte-rendu of last year's action (CERFA 15059, its own export)
NOT_ASKED = ("meta.", "schema_version", "call.territory", "lifecycle.", "renewal.")
REPORT = re.compile(r"^actions\[\d+\]\.report\.")
ID_LEAVES = (".band", ".funder", ".id", ".status", ".state")
# choices and ids whose label (not the raw value) is on the sheet
CHOICES = re.compile(r"^(call\.|request\.|actions\[\d+\]\.(frequency|quartiers|enjeux|operational_priorities))")


def leaves(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(field path, value) of every leaf of the model that holds something (the CERFA's « non-empty »):
    a non-blank text, a non-zero number, a date, and every yes/no answer."""
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from leaves(getattr(obj, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from leaves(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from leaves(item, f"{path}.{key}")
    elif isinstance(obj, bool | dt.date) or (isinstance(obj, str | int | float | Decimal) and _filled(obj)):
        yield path, obj


def _filled(value: str | float | Decimal) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


def covering(sheet: PortalSheet, path: str) -> list[Any]:
    return [v for v in sheet.present() if v.path and (path == v.path or path.startswith((v.path + ".", v.path + "[")))]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_value_of_the_dossier_is_on_the_sheet(name: str, catalogue: Catalogue) -> None:
    dossier = load_example(name)
    sheet = build_portal_sheet(dossier, catalogue)
    missing = []
    for path, value in leaves(dossier):
        if path.startswith(NOT_ASKED) or REPORT.match(path):
            continue
        found = covering(sheet, path)
        if not found and path.endswith(ID_LEAVES):  # an id is shown through the values it names
            parent = path.rsplit(".", 1)[0]
            found = [v for v in sheet.present() if v.path.startswith((parent + ".", parent + "["))]
        if not found:
            missing.append(path)
            continue
        if path.endswith(ID_LEAVES) or isinstance(value, bool | float):
            continue  # an id or a choice is shown by its meaning; a map point by its rounded coordinates
        if isinstance(value, str):
            if path.endswith(".path"):
                value = file_name(value)
            if not CHOICES.match(path):
                assert any(value.strip() in f"{v.label}\n{v.text}" for v in found), (path, value)
        elif isinstance(value, dt.date):
            assert any(value.strftime("%d/%m/%Y") in v.text for v in found), (path, value)
        elif path.endswith("_cents") or ".lines." in path or ".requested_cents." in path:
            assert any(amount_text(value) in v.text for v in found), (path, value)
        else:
            assert any(number_text(value) == v.text for v in found), (path, value)
    assert missing == [], missing


def test_sections_in_the_portals_order_and_fiche_6_in_the_cerfas(catalogue: Catalogue) -> None:
    sheet = build_portal_sheet(load_example("blois-2023-insertion"), catalogue)
    assert [s.id for s in sheet.sections] == [sid for sid, _, _ in PORTAL_STEPS] == [
        "preambule", "eligibilite", "tiers", "demande", "recapitulatif"]
    assert [s.title for s in sheet.sections] == [
        "1. Préambule", "2. Critères d'éligibilité", "3. Votre tiers (l'association)", "4. Saisie de la demande",
        "5. Récapitulatif et attestation"]
    demande = [v.path for v in sheet.sections[3].values]
    order = ["association.budget.lines.604", "actions[0].title", "actions[0].objectives", "actions[0].description",
             "actions[0].public.description", "actions[0].quartiers", "actions[0].start_date",
             "actions[0].human_means", "actions[0].partners", "actions[0].expected_results", "actions[0].enjeux",
             "actions[0].budget.lines.604", "actions[0].requested_cents.etat"]
    assert [demande.index(p) for p in order] == sorted(demande.index(p) for p in order)
    assert sheet.sections[2].values[0].label == "Nom de l'association"


def test_texts_are_exactly_what_is_pasted(catalogue: Catalogue) -> None:
    dossier = load_example("blois-2023-insertion")
    sheet = build_portal_sheet(dossier, catalogue)
    by_path = {v.path: v for v in sheet.all_values()}
    description = by_path["actions[0].description"]
    assert description.text == dossier.actions[0].description  # paragraphs kept, nothing added
    assert "\n\n" in description.text and description.long
    assert description.chars == len(dossier.actions[0].description)
    assert by_path["actions[0].start_date"].text == "02/01/2023"
    assert by_path["actions[0].requested_cents.etat"].text == "14 000,00 €"  # ordinary spaces: web forms
    assert by_path["actions[0].requested_cents.etat"].label == "Montant demandé à État"
    assert by_path["association.administration.public_aid_3y_cents"].text == "536 400,00 €"
    assert by_path["association.people.etpt"].text == "6,8"
    assert by_path["association.identity.siret"].text == "81473062800025"
    assert by_path["actions[0].quartiers"].text == "Quartiers Nord — Blois"
    total = next(v for v in sheet.all_values() if v.key == "total_asked")
    assert total.text == "32 500,00 €" and total.computed
    assert "\u00a0" not in "".join(v.text for v in sheet.all_values() if v.path.endswith("_cents"))


def test_what_the_dossier_lacks_is_to_prepare_with_its_step(catalogue: Catalogue) -> None:
    dossier = load_example("blois-2023-insertion")
    dossier.association.identity.siret = ""
    dossier.association.identity.acronym = ""  # optional on the portal: not asked for
    dossier.actions[0].description = "   "
    dossier.attestation.date = None
    sheet = build_portal_sheet(dossier, catalogue)
    assert [(v.label, v.step) for v in sheet.to_prepare()] == [
        ("Numéro SIRET", "association"),
        ("Description de l'action", "action"),
        ("Date de signature", "attestation"),
    ]
    assert not [v for v in sheet.all_values() if v.path == "association.identity.acronym"]


def test_a_required_piece_not_attached_is_to_prepare(catalogue: Catalogue) -> None:
    dossier = load_example("blois-2023-insertion")
    rib = next(d for d in dossier.documents if d.id == "rib")
    rib.state, rib.path = "a_fournir", ""
    sheet = build_portal_sheet(dossier, catalogue)
    assert [(v.label, v.step) for v in sheet.to_prepare()] == [
        ("Relevé d'identité bancaire (RIB) au nom de l'association", "documents")]
    statuts = next(v for v in sheet.present() if v.key == "documents.statuts")
    assert statuts.text == "statuts-PEBN-2019.pdf"


def test_an_empty_dossier_has_a_sheet(catalogue: Catalogue) -> None:
    sheet = build_portal_sheet(Dossier(), catalogue)
    assert sheet.to_prepare()
    assert all(v.step for v in sheet.to_prepare())


# ----------------------------------------------------------------------------------------- ticks
def test_a_tick_is_undone_by_an_edit_and_says_so(catalogue: Catalogue) -> None:
    dossier = load_example("blois-2023-insertion")
    sheet = build_portal_sheet(dossier, catalogue)
    title = next(v for v in sheet.present() if v.path == "actions[0].title")
    assert tick_state(dossier, title) == "a_saisir"
    set_ticked(dossier, title, True)
    assert tick_state(dossier, title) == "saisi"
    assert progress(dossier, sheet) == (1, len(sheet.present()))
    dossier.actions[0].title += " (2023)"
    edited = next(v for v in build_portal_sheet(dossier, catalogue).present() if v.path == "actions[0].title")
    assert edited.key == title.key and tick_state(dossier, edited) == "modifie"
    assert progress(dossier, build_portal_sheet(dossier, catalogue))[0] == 0
    set_ticked(dossier, edited, False)
    assert tick_state(dossier, edited) == "a_saisir"


def test_ticks_survive_saving_and_reopening(tmp_path: Path, catalogue: Catalogue) -> None:
    dossier = load_example("blois-2023-insertion")
    value = build_portal_sheet(dossier, catalogue).present()[5]
    set_ticked(dossier, value, True)
    save_dossier(dossier, tmp_path / "d.cdv.json")
    data = json.loads((tmp_path / "d.cdv.json").read_text(encoding="utf-8"))
    assert data["meta"]["portal_ticks"] == {value.key: fingerprint(value)}
    reopened = load_dossier(tmp_path / "d.cdv.json")
    assert tick_state(reopened, build_portal_sheet(reopened, catalogue).present()[5]) == "saisi"


def test_a_file_without_ticks_still_opens(tmp_path: Path, catalogue: Catalogue) -> None:
    data = json.loads((Path(__file__).resolve().parents[2] / "resources/examples/blois-2023-insertion.cdv.json")
                      .read_text(encoding="utf-8"))
    del data["meta"]["portal_ticks"]  # a file written before the ticks existed
    (tmp_path / "old.cdv.json").write_text(json.dumps(data), encoding="utf-8")
    assert load_dossier(tmp_path / "old.cdv.json").meta.portal_ticks == {}


# ----------------------------------------------------------------------------------------- the fiche
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_printable_fiche_in_the_portals_order(fmt: str, catalogue: Catalogue) -> None:
    dossier = load_example("blois-2023-insertion")
    dossier.association.identity.siret = ""
    sheet = build_portal_sheet(dossier, catalogue)
    set_ticked(dossier, sheet.present()[0], True)
    data = render_sheet(dossier, catalogue, fmt)
    text = norm(pdf_text(data) if fmt == "pdf" else docx_text(data))
    assert SHEET_TITLE in text
    positions = [text.index(title) for _, title, _ in PORTAL_STEPS]
    assert positions == sorted(positions)
    assert "À préparer avant la saisie (1)" in text
    assert "Numéro SIRET — à remplir à l'étape « Votre association »" in text
    for value in sheet.present():
        if not value.long:
            assert norm(value.text) in text, value.label
    assert "☑" in text and "☐" in text


def test_the_fiche_never_replaces_an_older_one(tmp_path: Path, catalogue: Catalogue) -> None:
    dossier = load_example("blois-2023-insertion")
    first = write_sheet(dossier, catalogue, tmp_path)
    second = write_sheet(dossier, catalogue, tmp_path)
    assert [p.suffix for p in first] == [".pdf", ".docx"]
    assert first[0].stem.startswith("Fiche de saisie - PEBN")
    assert second[0].stem == f"{first[0].stem} (2)" and second[1].stem == f"{first[1].stem} (2)"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in [*first, *second])


def test_several_actions_each_with_its_values(catalogue: Catalogue) -> None:
    dossier = load_example("blois-2023-insertion")
    second = copy.deepcopy(dossier.actions[0])
    second.title = "Deuxième action"
    second.requested_cents = {"etat": 500_000}
    # the copy asks 5 000 € of the State alone: line 74 says so (the wizard keeps it equal to the amount asked)
    second.budget.subsidies = [s for s in second.budget.subsidies if not asked_here(s) or s.funder == "etat"]
    next(s for s in second.budget.subsidies if s.funder == "etat").amount_cents = 500_000
    dossier.actions.append(second)
    sheet = build_portal_sheet(dossier, catalogue)
    titles = [v for v in sheet.present() if v.path.endswith(".title") and v.path.startswith("actions")]
    assert [(v.group, v.text) for v in titles] == [
        ("Action 1 — Présentation de l'action (fiche 6)", dossier.actions[0].title),
        ("Action 2 — Présentation de l'action (fiche 6)", "Deuxième action")]
    asked = {v.path: v.text for v in sheet.present() if ".requested_cents." in v.path}
    assert asked["actions[1].requested_cents.etat"] == "5 000,00 €"
    assert asked["actions[0].requested_cents.etat"] == "14 000,00 €"
    total = next(v for v in sheet.present() if v.key == "total_asked")
    assert total.text == "37 500,00 €"  # 32 500 € + 5 000 €
