"""Field labels (forms.fieldlabels): the words of the wizard for a field path, and « where to fix it »."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator
from typing import Any, get_args, get_origin, get_type_hints

import pytest

from forms.fieldlabels import field_label, where_to_fix
from forms.model import Dossier, Subsidy, TransversalAnswer
from forms.programmes import RESOURCES_DIR, Catalogue
from forms.storage import load_dossier

EXAMPLES_DIR = RESOURCES_DIR / "examples"

# A key for each table of the model, as the wizard writes them.
_KEYS = {"lines": "641", "requested_cents": "etat", "transversal": "egalite"}


def _paths(tp: Any, prefix: str) -> Iterator[str]:
    """Every field path of the model, lists at index 0 and tables at a usual key."""
    if get_origin(tp) in (typing.Union, types.UnionType):
        tp = next(a for a in get_args(tp) if a is not type(None))
    if dataclasses.is_dataclass(tp):
        hints = get_type_hints(tp)
        for f in dataclasses.fields(tp):
            path = f"{prefix}.{f.name}" if prefix else f.name
            yield path
            yield from _paths(hints[f.name], path)
    elif get_origin(tp) is list:
        yield from _paths(get_args(tp)[0], f"{prefix}[0]")
    elif get_origin(tp) is dict:
        key = _KEYS.get(prefix.rsplit(".", 1)[-1], "")
        if key:
            yield f"{prefix}.{key}"
            yield from _paths(get_args(tp)[1], f"{prefix}.{key}")


_IGNORED = ("schema_version", "meta", "documents[0].id")  # not fields a person fills in


@pytest.mark.parametrize("path", [p for p in _paths(Dossier, "") if not p.startswith(_IGNORED)])
def test_every_field_of_the_model_has_words(path: str) -> None:
    label = field_label(path)
    assert label != path
    assert not any(mark in label for mark in ("[", "]", "_", "cents")), label


def test_labels_are_those_of_the_wizard() -> None:
    assert field_label("actions[0].quartiers") == "Quartiers où vivent les bénéficiaires"
    assert field_label("actions[2].public.women") == "Dont femmes"
    assert field_label("association.identity.contact.email") == "Adresse e-mail de la personne chargée du dossier"
    assert field_label("association.identity.correspondence_address.postal_code") == (
        "Code postal (adresse de correspondance)")
    assert field_label("attestation.signatory.last_name") == "Nom du signataire"
    assert field_label("actions[0].public.age_bands[3].men") == "Répartition par tranche d'âge"
    assert field_label("actions[0].budget.lines") == "Lignes du budget de l'action"
    assert field_label("association.budget.subsidies") == "Subventions (ligne 74) du budget de l'association"


def test_unknown_path_is_given_back() -> None:
    assert field_label("pirate.champ") == "pirate.champ"
    assert field_label("") == ""


def test_names_come_from_the_programme_data(catalogue: Catalogue) -> None:
    dossier = load_dossier(EXAMPLES_DIR / "blois-2023-insertion.cdv.json")
    dossier.actions[0].budget.subsidies.insert(0, Subsidy(funder="etat", amount_cents=100))
    dossier.actions[0].transversal["egalite"] = TransversalAnswer()

    def label(path: str) -> str:
        return field_label(path, dossier, catalogue)

    assert label("actions[0].budget.lines.641") == "Ligne 641 (Rémunération des personnels) du budget de l'action"
    assert label("actions[0].requested_cents.etat") == "Montant demandé à État"
    assert label("actions[0].budget.subsidies[0].amount_cents") == (
        "Montant (ligne 74, financeur : État) du budget de l'action")
    assert label("actions[0].transversal.egalite.text") == "Explication sur “Égalité femmes-hommes”"
    assert label("actions[0].enjeux") == "Enjeux du contrat de ville"
    document = dossier.documents[0]
    spec = next(s for s in catalogue.call("blois-2023").documents if s.id == document.id)
    assert label("documents[0].state") == f"État de la pièce : {spec.label}"
    # indexes that are not in the dossier: the generic words
    assert label("documents[99].state") == "État de la pièce"
    assert label("actions[5].budget.subsidies[7].label") == (
        "Nom du financeur d'une subvention (ligne 74) du budget de l'action")


def test_the_contracts_own_word_for_its_enjeux(catalogue: Catalogue) -> None:
    dossier = load_dossier(EXAMPLES_DIR / "amboise-acces-droits.cdv.json")
    assert field_label("actions[0].enjeux", dossier, catalogue) == "Priorités du contrat de ville"


def test_where_to_fix_names_the_step_and_the_fields() -> None:
    assert where_to_fix(["actions[0].quartiers"]) == (
        "étape « Public et quartiers », champ « Quartiers où vivent les bénéficiaires »")
    assert where_to_fix(["actions[0].human_means", "actions[0].material_means"]) == (
        "étape « L'action », champs « Moyens humains » et « Moyens matériels »")
    assert where_to_fix(["actions[0].requested_cents.etat", "actions[0].enjeux"]) == (
        "étape « Le budget de l'action », champ « Montant demandé à etat » ; "
        "étape « Enjeux et priorités », champ « Enjeux du contrat de ville »")
    assert where_to_fix(["actions[0].start_date", "actions[0].start_date"]) == (
        "étape « L'action », champ « Date de début de l'action »")
    assert where_to_fix([], "attestation") == "étape « Attestation »"
    assert where_to_fix([]) == ""
