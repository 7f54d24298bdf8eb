"""Fixtures of the renewal and compte-rendu tests (the later catalogue: the root conftest)."""

from __future__ import annotations

import pytest

from forms.programmes import Catalogue, load_catalogue


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The shipped programme data."""
    return load_catalogue()
