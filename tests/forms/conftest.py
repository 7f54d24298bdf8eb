"""Fixtures of the foundation tests: the shipped examples, the real catalogue, tmp copies of resources/."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from forms.programmes import RESOURCES_DIR, Catalogue, load_catalogue
from forms.storage import load_dossier

EXAMPLES_DIR = RESOURCES_DIR / "examples"
EXAMPLE_PATHS = sorted(EXAMPLES_DIR.glob("*.cdv.json"))
# What load_catalogue reads; fonts, examples and rules are not programme data.
_CATALOGUE_PARTS = ("sources.yaml", "programmes", "geographie", "glossaire", "parametres", "budget")


@pytest.fixture(scope="session")
def examples() -> list[Path]:
    assert len(EXAMPLE_PATHS) >= 3, "at least three example dossiers are promised"
    return EXAMPLE_PATHS


@pytest.fixture(params=EXAMPLE_PATHS, ids=[p.name.removesuffix(".cdv.json") for p in EXAMPLE_PATHS])
def example(request: pytest.FixtureRequest) -> Path:
    return request.param


@pytest.fixture
def example_dossier(examples: list[Path]):
    """A fully filled dossier (the Blois 2023 example)."""
    return load_dossier(EXAMPLES_DIR / "blois-2023-insertion.cdv.json")


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The real programme data, loaded once (tests must not modify it)."""
    return load_catalogue()


class ResourcesCopy:
    """A writable copy of the programme data, to break it or extend it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        self.path(relative).parent.mkdir(parents=True, exist_ok=True)
        self.path(relative).write_text(text, encoding="utf-8")

    def replace(self, relative: str, old: str, new: str) -> None:
        """Replace the first occurrence of `old` (which must be there: a test must not silently pass)."""
        text = self.read(relative)
        assert old in text, f"{old!r} absent de {relative}"
        self.write(relative, text.replace(old, new, 1))

    def append(self, relative: str, text: str) -> None:
        self.write(relative, self.read(relative).rstrip("\n") + "\n" + text)

    def load(self) -> Catalogue:
        return load_catalogue(self.root)


@pytest.fixture
def resources_copy(tmp_path: Path) -> Callable[[], ResourcesCopy]:
    """Factory: each call makes a fresh copy of the catalogue files under tmp_path.

    `only_blois=True` leaves the Amboise programme out (its files are the largest to parse): for the
    tests that break a Blois file, it keeps the suite fast without changing what they check.
    """
    counter = iter(range(1000))

    def make(*, only_blois: bool = False) -> ResourcesCopy:
        root = tmp_path / f"resources-{next(counter)}"
        root.mkdir()
        # the Amboise programme folder and its glossary
        ignore = shutil.ignore_patterns("amboise", "amboise.yaml") if only_blois else None
        for part in _CATALOGUE_PARTS:
            src = RESOURCES_DIR / part
            if src.is_dir():
                shutil.copytree(src, root / part, ignore=ignore)
            else:
                shutil.copy2(src, root / part)
        return ResourcesCopy(root)

    return make
