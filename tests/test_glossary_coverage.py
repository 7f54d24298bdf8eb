"""Every acronym that the application shows is in the glossary of the dossier's territory (issue 8).

The acronyms are collected from what a user reads: the texts of the shipped programme files (a territory's
own files must be explained by its glossary: national entries and its own), the rules' descriptions and
messages (rules/*.py and resources/rules/regles.yaml) and the pages' texts (string literals of gui/, not
docstrings) — both shown with every dossier, so explained by the national entries alone. An acronym is a
word with two capitals or more (QPV, PRUiR, AdCF). A new acronym in any of them makes this test fail until
the glossary explains it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from forms.programmes import Catalogue, default_catalogue

ROOT = Path(__file__).resolve().parents[1]
ACRONYM = re.compile(r"(?<![\w#-])([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9+]*)(?![\w-])")  # not after #: a colour (#C98A00)
# Words that look like acronyms and are not, each with its reason:
NOT_ACRONYMS = {
    # French words written in capitals in the titles of the Amboise PERR and call
    "DES", "FEMMES", "HOMMES", "DISCRIMINATIONS", "ENGAGEMENT", "HABITAT", "TOURAINE", "VAL", "PACTE",
    # names of file formats, products and devices, said as such on the pages
    "DOCX", "PDF", "JSON", "USB", "ZIP", "LibreOffice", "OpenStreetMap",
    # the start of an IBAN in its example (FR76 …) and the country code it begins with
    "FR", "FR76",
}
# keys of the programme files whose values are identifiers or quotations, not text of the application
SKIPPED_KEYS = {"id", "doc", "section", "quote", "geography", "territory", "band", "code", "href", "file",
                "fields", "step", "kind", "source", "sources", "perimeters_file", "licence",
                # the suggester's lexicon (lexique*.yaml): words matched in the user's own description, shown
                # back only as « vos mots » (FLE, NPNRU…); its `about` texts are the contract's and checked
                "terms"}


def acronyms(text: str) -> set[str]:
    text = re.sub(r"&(?=\w)", "", text)  # Qt's mnemonic marks: "PD&F" is "PDF"
    return {m.group(1) for m in ACRONYM.finditer(text)} - NOT_ACRONYMS


def yaml_texts(value: object, key: str = "") -> list[str]:
    if key in SKIPPED_KEYS:
        return []
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in yaml_texts(v, str(k))]
    if isinstance(value, list):
        return [t for v in value for t in yaml_texts(v, key)]
    return [value] if isinstance(value, str) else []


def python_texts(path: Path) -> list[str]:
    """The string literals of a module that are not docstrings, with a space (a text, not an identifier)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and " " in node.value and id(node) not in docstrings]


def used_in(paths: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in paths:
        texts = python_texts(path) if path.suffix == ".py" else yaml_texts(
            yaml.safe_load(path.read_text(encoding="utf-8")))
        for text in texts:
            for acronym in acronyms(text):
                found.setdefault(acronym, path.relative_to(ROOT))
    return found


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


def missing(found: dict[str, Path], catalogue: Catalogue, territory: str | None) -> list[str]:
    known = {e.acronym for e in catalogue.glossary_for(territory)}
    return sorted(f"{acronym} ({where})" for acronym, where in found.items() if acronym not in known)


def test_every_acronym_of_the_pages_and_the_rules_is_in_the_national_glossary(catalogue) -> None:
    paths = [*sorted((ROOT / "gui").rglob("*.py")), *sorted((ROOT / "rules").rglob("*.py")),
             ROOT / "resources" / "rules" / "regles.yaml"]
    found = used_in(paths)
    assert {"SIRET", "RNA", "IBAN", "QPV", "CERFA"} <= set(found)  # the collector does see them
    assert missing(found, catalogue, None) == []


@pytest.mark.parametrize("territory", ["blois", "amboise"])
def test_every_acronym_of_a_territory_s_programme_files_is_in_its_glossary(catalogue, territory) -> None:
    found = used_in(sorted((ROOT / "resources" / "programmes" / territory).glob("*.yaml")))
    assert len(found) > 10
    assert missing(found, catalogue, territory) == []


def test_the_collector_finds_acronyms_and_leaves_words() -> None:
    assert acronyms("Le PRUiR et l'AdCF, la TFPB, l'HLM ; Exporter en PD&F ; REP+") == {
        "PRUiR", "AdCF", "TFPB", "HLM", "REP+"}
    assert acronyms("Égalité FEMMES HOMMES, Quartier, Caf") == set()


def test_a_territory_s_own_meaning_replaces_the_national_one_and_stays_there(catalogue) -> None:
    blois = {e.acronym: e for e in catalogue.glossary_for("blois")}
    amboise = {e.acronym: e for e in catalogue.glossary_for("amboise")}
    assert "Verrerie" in amboise["QPV"].explanation and "Verrerie" not in blois["QPV"].explanation
    assert "Touraine" in amboise["CAF"].explanation and "Touraine" not in blois["CAF"].explanation
    assert "VTH" in amboise and "VTH" not in blois and "CCVA" not in blois  # Amboise's bailleur, its EPCI
    assert blois["PRUiR"].territory == "" and amboise["VTH"].territory == "amboise"
