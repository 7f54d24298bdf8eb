"""Shared computers (issue 9): the library, its bin, exports, settings, profiles and logs are folders 0700
and files 0600 on POSIX, including a dossier imported from a 0644 file; settings keep no stale paths."""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path

import pytest

from forms import paths
from forms.library import Library
from forms.model import Dossier
from forms.profiles import ProfileStore
from forms.settings import Settings
from forms.storage import EXTENSION, dossier_to_json

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask():
    """The usual desktop umask (022): without care, new files would be readable by every account."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_default_library_and_its_files_are_private(private_home):
    library = Library(paths.default_library_dir())
    path = library.create(Dossier())
    assert _mode(library.folder) == 0o700
    assert _mode(path) == 0o600


def test_an_existing_default_library_is_made_private(private_home):
    folder = paths.default_library_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    Library(folder).ensure()
    assert _mode(folder) == 0o700


def test_the_bin_and_its_index_are_private(tmp_path):
    library = Library(tmp_path / "lib")
    path = library.create(Dossier())
    binned = library.delete(path)
    assert _mode(library.bin) == 0o700
    assert _mode(binned) == 0o600
    assert _mode(library.bin / ".origines.json") == 0o600


def test_a_dossier_imported_from_a_0644_file_is_0600(tmp_path):
    source = tmp_path / f"recu{EXTENSION}"
    source.write_text(dossier_to_json(Dossier()), encoding="utf-8")
    source.chmod(0o644)
    target = Library(tmp_path / "lib").import_file(source)
    assert _mode(target) == 0o600
    assert _mode(source) == 0o644  # the received file is left as it was


def test_settings_folder_and_file_are_private_even_when_they_existed(private_home):
    settings = Settings()
    settings.path.parent.mkdir(parents=True)
    settings.path.parent.chmod(0o755)
    settings.path.write_text("{}", encoding="utf-8")
    settings.path.chmod(0o644)
    settings.save()
    assert _mode(settings.path.parent) == 0o700
    assert _mode(settings.path) == 0o600


def test_settings_forget_files_that_are_gone(private_home, tmp_path):
    kept = tmp_path / f"garde{EXTENSION}"
    kept.write_text("{}", encoding="utf-8")
    gone = tmp_path / f"Dossier de Mme Dupont{EXTENSION}"
    settings = Settings()
    settings.add_recent(gone)
    settings.add_recent(kept)
    settings.set("last_dossier", str(gone))
    settings.save()
    saved = json.loads(settings.path.read_text(encoding="utf-8"))
    assert saved["recent_files"] == [str(kept)]
    assert saved["last_dossier"] == ""
    assert "Dupont" not in settings.path.read_text(encoding="utf-8")


def test_settings_keep_a_file_whose_usb_key_is_not_plugged_in(private_home, tmp_path):
    on_key = tmp_path / "CLE-USB" / f"dossier{EXTENSION}"
    settings = Settings()
    settings.add_recent(on_key)
    settings.save()
    assert Settings().get("recent_files") == [str(on_key)]


def test_profiles_are_private(private_home):
    from forms.model import Association

    association = Association()
    association.identity.name = "Les Amis"
    store = ProfileStore()
    store.save(association)
    assert _mode(store.folder) == 0o700
    assert [_mode(p) for p in store.folder.iterdir()] == [0o600]


def test_exports_are_private(tmp_path, example_dossier, catalogue):
    from forms.export import export_dossier

    out = tmp_path / "exports" / "2024"
    written = export_dossier(example_dossier, catalogue, None, out, formats=("docx",))
    assert _mode(out) == 0o700
    assert _mode(out.parent) == 0o700
    assert [_mode(p) for p in written] == [0o600]


def test_log_files_are_private_including_rotated_ones(tmp_path):
    from forms.private_files import PrivateRotatingFileHandler  # new with issue 9

    folder = tmp_path / "logs"
    folder.mkdir()
    handler = PrivateRotatingFileHandler(folder / "x.log", maxBytes=200, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("test-private-log")
    logger.addHandler(handler)
    try:
        for i in range(20):
            logger.warning("ligne %d qui nomme un dossier", i)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(folder.iterdir())
    assert len(files) == 3
    assert {_mode(p) for p in files} == {0o600}


def test_the_application_log_is_private(tmp_path):
    pytest.importorskip("PySide6")
    from gui.errors import setup_logging

    root = logging.getLogger()
    before = list(root.handlers)
    path = setup_logging(tmp_path / "journal")
    try:
        logging.getLogger("x").warning("bonjour")
        assert _mode(path.parent) == 0o700
        assert _mode(path) == 0o600
    finally:
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
