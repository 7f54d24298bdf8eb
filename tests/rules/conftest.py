"""pytest fixtures of the rule tests (the helpers live in rules_fixtures.py: test modules import them
from there, never from a conftest, since every test folder has its own conftest)."""

from __future__ import annotations

import pytest
from rules_fixtures import build_fixture_root

from forms.programmes import Catalogue, load_catalogue


@pytest.fixture(scope="session")
def fixture_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """The "testville" catalogue (tests/rules/fixtures/catalogue on top of the shipped national files)."""
    root = build_fixture_root(tmp_path_factory.mktemp("catalogue") / "resources")
    return load_catalogue(root)
