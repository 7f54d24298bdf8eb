"""The catalogue of the renewal tests: the shipped programme data plus the fixture calls of a later year
(tests/renewal/fixtures: Blois 2025 and Amboise 2025, which do not exist), loaded through the catalogue."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from forms.programmes import RESOURCES_DIR
from forms.yamlload import load_yaml

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES_DIR = RESOURCES_DIR / "examples"
# each shipped example and the later call it is renewed into
RENEWALS = {
    "blois-2021-culture": "blois-2025",
    "blois-2023-insertion": "blois-2025",
    "amboise-acces-droits": "amboise-2025",
}


def build_later_root(target: Path) -> Path:
    """The shipped resources with the fixture calls added, under `target`."""
    for part in ("programmes", "geographie", "glossaire", "parametres", "budget"):
        shutil.copytree(RESOURCES_DIR / part, target / part)
    shutil.copytree(FIXTURES / "programmes", target / "programmes", dirs_exist_ok=True)
    sources = load_yaml(RESOURCES_DIR / "sources.yaml")
    sources["documents"] = [*sources["documents"], *load_yaml(FIXTURES / "sources-fixture.yaml")["documents"]]
    (target / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    return target
