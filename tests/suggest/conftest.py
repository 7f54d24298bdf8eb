"""Fixtures of the suggester tests: one suggester per shipped call, built once for the session."""

from __future__ import annotations

import pytest

from forms.programmes import Catalogue, load_catalogue
from rules.suggest import Suggester


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def blois(catalogue: Catalogue) -> Suggester:
    return Suggester(catalogue, "blois-2023")


@pytest.fixture(scope="session")
def amboise(catalogue: Catalogue) -> Suggester:
    return Suggester(catalogue, "amboise-2022")
