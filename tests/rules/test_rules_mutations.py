"""Mutation test: each shipped example (what newcomers copy) gets one realistic mistake at a time, and
`check` must report it at its level; a bloquant mistake makes `main.py check` exit 1.

The mistakes are those of issue 11 and of ../shared/reference/rules-and-formats.md: dates outside the
year or reversed, a late or future signature, placeholders, "sans objet" pieces, another signer, de
minimis ceilings, formats, QPV scope, the CER, budgets."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest
from rules_cases import set_field

from forms.model import Dossier
from forms.programmes import RESOURCES_DIR, default_catalogue
from forms.storage import load_dossier, save_dossier
from rules import check_dossier
from rules.cli import EXIT_BLOQUANT, EXIT_OK, run_check

EXAMPLES = sorted((RESOURCES_DIR / "examples").glob("*.cdv.json"))

def _cer_level(year: int) -> str:
    """The CER is required from 1 January 2022 (loi n° 2000-321, art. 10-1): before, a piece of advice."""
    return "bloquant" if year >= 2022 else "conseil"


# (name, {field path: value}, rule, level or level for the call's year). Values that depend on the
# example's year use {y} / {y1} / {y_2}.
MUTATIONS: list[tuple[str, dict[str, object], str, str | Callable[[int], str]]] = [
    ("CER non souscrit", {"attestation.cer_subscribed": False}, "laicite.cer", _cer_level),
    ("renouvellement sans compte-rendu financier", {"actions[0].frequency": "renouvellement",
                                                    "documents[id=compte-rendu-financier].state": "a_fournir"},
     "completude.renouvellement", "a_corriger"),
    ("plus de 23 000 € demandés à l'État", {"actions[0].requested_cents.etat": 2400000}, "budget.convention",
     "conseil"),
    ("dates inversées hors de l'année", {"actions[0].start_date": "{y1}-03-01", "actions[0].end_date": "{y_2}-02-01"},
     "completude.dates", "bloquant"),
    ("action l'année suivante", {"actions[0].end_date": "{y1}-01-01"}, "completude.dates", "bloquant"),
    ("dates inversées dans l'année", {"actions[0].start_date": "{y}-09-01", "actions[0].end_date": "{y}-03-01"},
     "completude.dates", "a_corriger"),
    ("signature dans le futur", {"attestation.date": "2999-01-01"}, "completude.attestation", "a_corriger"),
    ("description « à compléter »", {"actions[0].description": "à compléter"}, "completude.action", "a_corriger"),
    ("objectifs « xxx »", {"actions[0].objectives": "xxx"}, "completude.action", "a_corriger"),
    ("résultats « ? »", {"actions[0].expected_results": "?"}, "completude.action", "a_corriger"),
    ("moyens « - »", {"actions[0].human_means": "-", "actions[0].material_means": ""}, "completude.action",
     "a_corriger"),
    ("objet « ... »", {"association.identity.object": "..."}, "completude.identite", "a_corriger"),
    ("indicateur sans valeur visée", {"actions[0].indicators[0].target": ""}, "completude.action", "a_corriger"),
    ("statuts « sans objet »", {"documents[id=statuts].state": "sans_objet", "documents[id=statuts].note": "-"},
     "completude.documents", "a_corriger"),
    ("signataire d'un autre nom", {"attestation.signatory": {"last_name": "Durand", "first_name": "Paul"},
                                   "documents[id=delegation-signature].state": "a_fournir"},
     "completude.documents", "a_corriger"),
    ("de minimis au-delà du plafond", {"association.administration.de_minimis_cents": 80000000},
     "budget.de_minimis", "a_corriger"),
    ("aucun quartier", {"actions[0].quartiers": []}, "qpv.quartiers", "bloquant"),
    ("quartier inconnu", {"actions[0].quartiers": ["paris-goutte-d-or"]}, "qpv.quartiers", "bloquant"),
    ("aucun enjeu", {"actions[0].enjeux": [], "actions[0].operational_priorities": []}, "programme.enjeux",
     "bloquant"),
    ("budget déséquilibré", {"actions[0].budget.lines.604": 99999999}, "budget.equilibre", "bloquant"),
    ("budget vide", {"actions[0].budget": {"lines": {}, "subsidies": []}, "actions[0].requested_cents": {}},
     "budget.vide", "bloquant"),
    ("part QPV 10 %", {"actions[0].public.qpv_share_percent": 10}, "qpv.part", "a_corriger"),
    ("SIRET faux", {"association.identity.siret": "12345678912345"}, "format.siret", "a_corriger"),
    ("SIREN à la place du SIRET", {"association.identity.siret": "732829320"}, "format.siret", "a_corriger"),
    ("IBAN faux", {"association.bank.iban": "FR7630006000011234567890188"}, "format.iban", "a_corriger"),
    ("BIC trop court", {"association.bank.bic": "AGRIF"}, "format.bic", "a_corriger"),
    ("RNA sans W", {"association.identity.rna": "411234567"}, "format.rna", "a_corriger"),
    ("APE mal formé", {"association.identity.ape_code": "8899"}, "format.ape", "a_corriger"),
    ("attestation non certifiée", {"attestation.information_exact": False}, "completude.attestation", "bloquant"),
    ("obligations non attestées", {"attestation.obligations_up_to_date": False}, "completude.attestation",
     "bloquant"),
    ("répartition par sexe fausse", {"actions[0].public.women": 1}, "egalite.repartition", "a_corriger"),
    ("montant demandé négatif", {"actions[0].budget.lines.606": -100}, "budget.negatif", "a_corriger"),
]


def _apply(dossier: Dossier, changes: dict[str, object]) -> None:
    y = dossier.call.year
    for path, value in changes.items():
        if isinstance(value, str):
            value = value.format(y=y, y1=y + 1, y_2=y - 2)
        set_field(dossier, path, value)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_each_mistake_is_reported_at_its_level(example: Path, mutation, tmp_path: Path) -> None:
    name, changes, rule_id, level_for = mutation
    dossier = load_dossier(example)
    level = level_for(dossier.call.year) if callable(level_for) else level_for
    before = {(v.rule, v.level) for v in check_dossier(dossier, default_catalogue())}
    assert not any(lv == "bloquant" for _r, lv in before), f"{example.name} a déjà un point bloquant"
    _apply(dossier, changes)
    verdicts = check_dossier(dossier, default_catalogue())
    shown = "\n".join(f"  {v.level} {v.rule}: {v.message}" for v in verdicts)
    found = any(v.rule == rule_id and v.level == level for v in verdicts)
    assert found, f"{name}: attendu {rule_id} ({level})\n{shown}"
    if level == "bloquant":
        path = tmp_path / "muté.cdv.json"
        save_dossier(dossier, path)
        assert run_check(argparse.Namespace(fichiers=[str(path)], json=True, detail=False)) == EXIT_BLOQUANT


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_themselves_pass(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_check(argparse.Namespace(fichiers=[str(example)], json=True, detail=False)) == EXIT_OK
    capsys.readouterr()
