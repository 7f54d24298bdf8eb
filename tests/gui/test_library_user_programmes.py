"""The home window tells, in French, which call files of the user's data folder were left aside."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forms.user_programmes import default_catalogue_and_report, user_programmes_dir
from gui import library_window as lw

pytestmark = pytest.mark.gui


@pytest.fixture
def fresh_default_catalogue() -> Iterator[None]:
    """The default catalogue read again from this test's private home, and forgotten after it."""
    default_catalogue_and_report.cache_clear()
    yield
    default_catalogue_and_report.cache_clear()


def test_an_ignored_call_file_is_shown_and_the_calls_still_load(fresh_default_catalogue, filled_library, qtbot,
                                                                   settings, private_home: Path):
    folder = user_programmes_dir()
    assert private_home in folder.parents
    folder.mkdir(parents=True)
    (folder / "appel-2025.yaml").write_text("id: [\n", encoding="utf-8")
    window = lw.LibraryWindow(settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.states_ready, timeout=20_000):
        window.show()
    qtbot.waitUntil(lambda: window.catalogue() is not None, timeout=20_000)
    qtbot.waitUntil(window.catalogue_banner.isVisible, timeout=20_000)
    text = window.catalogue_banner.text()
    assert text.startswith("Des fichiers d'appel à projets de votre dossier de données ont été ignorés")
    assert "« appel-2025.yaml » :" in text
    assert "blois-2023" in window.catalogue().calls  # the shipped calls are there


def test_no_banner_without_user_files(fresh_default_catalogue, filled_library, qtbot, settings):
    window = lw.LibraryWindow(settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.states_ready, timeout=20_000):
        window.show()
    qtbot.waitUntil(lambda: window.catalogue() is not None, timeout=20_000)
    assert not window.catalogue_banner.isVisible()
