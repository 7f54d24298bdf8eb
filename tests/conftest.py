"""Settings for the whole suite."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, settings
from xvfb_helpers import private_xvfb

from forms.programmes import RESOURCES_DIR, Catalogue, load_catalogue
from forms.yamlload import load_yaml

# CI runs are reproducible: the same examples every time, no database carried between runs.
# Locally, hypothesis explores new examples on each run (and remembers the failing ones).
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# ---------------------------------------------------------------------------------------- a later year
LATER_CALLS = Path(__file__).parent / "renewal" / "fixtures"


def build_later_root(target: Path) -> Path:
    """The shipped resources plus the fixture calls of a later year (tests/renewal/fixtures: Blois 2025 and
    Amboise 2025, which do not exist: changed priorities, the 2024 geography, a co-funder gone and one added)."""
    for part in ("programmes", "geographie", "glossaire", "parametres", "budget"):
        shutil.copytree(RESOURCES_DIR / part, target / part)
    shutil.copytree(LATER_CALLS / "programmes", target / "programmes", dirs_exist_ok=True)
    sources = load_yaml(RESOURCES_DIR / "sources.yaml")
    sources["documents"] = [*sources["documents"], *load_yaml(LATER_CALLS / "sources-fixture.yaml")["documents"]]
    (target / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def later_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """The shipped catalogue plus the fixture calls Blois 2025 and Amboise 2025, loaded through the catalogue."""
    return load_catalogue(build_later_root(tmp_path_factory.mktemp("later") / "resources"))


@pytest.fixture
def later_resources(tmp_path: Path) -> Path:
    """A writable copy of the later-year resources (to break a file and see it refused)."""
    return build_later_root(tmp_path / "resources")


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A private X server: Xvfb picks a free display itself and writes its number once it accepts clients."""
    with private_xvfb(tmp_path) as display:
        yield display


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real settings, profiles, library or call files of whoever runs the tests (every test
    folder; tests/gui has its own, under the test's tmp_path)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DOSSIER_CDV_HOME", str(home))
    return home
