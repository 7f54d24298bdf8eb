"""Fixtures of the renewal and compte-rendu tests (helpers: renewal_fixtures.py)."""

from __future__ import annotations

import pytest
from renewal_fixtures import build_later_root

from forms.programmes import Catalogue, load_catalogue


@pytest.fixture(scope="session")
def later_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """The shipped catalogue plus the fixture calls Blois 2025 and Amboise 2025."""
    return load_catalogue(build_later_root(tmp_path_factory.mktemp("later") / "resources"))


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()
