"""Paths and helpers of the rule tests' fixtures: a small programme catalogue ("testville"),
independent of the shipped programme data, and its complete base dossiers.

The fixture catalogue is the shipped national files (sources, dated parameters, budget plan) plus the
fixture territory, calls and geographies of tests/rules/fixtures/catalogue: rules are tested on stable
ids, while the national parameters they read (23 000 €, 1 January 2022…) are the real ones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from forms.programmes import RESOURCES_DIR
from forms.yamlload import load_yaml

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_CATALOGUE = FIXTURES / "catalogue"
BASE_DOSSIERS = FIXTURES / "dossiers"
CASES_DIR = Path(__file__).parent / "cases"


def build_fixture_root(target: Path) -> Path:
    """Assemble the fixture catalogue's resources folder under `target`."""
    target.mkdir(parents=True, exist_ok=True)
    sources = load_yaml(RESOURCES_DIR / "sources.yaml")
    extra = load_yaml(FIXTURE_CATALOGUE / "sources-fixture.yaml")
    sources["documents"] = [*sources["documents"], *extra["documents"]]
    (target / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    shutil.copytree(RESOURCES_DIR / "parametres", target / "parametres")
    shutil.copytree(RESOURCES_DIR / "budget", target / "budget")
    shutil.copytree(FIXTURE_CATALOGUE / "programmes", target / "programmes")
    shutil.copytree(FIXTURE_CATALOGUE / "geographie", target / "geographie")
    (target / "glossaire").mkdir()
    return target
