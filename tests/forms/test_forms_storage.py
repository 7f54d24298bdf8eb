"""Dossier files (forms.storage): round trips, atomic writes, damaged files never overwritten, versions."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

import forms.model
import forms.storage
from forms.model import Dossier
from forms.storage import (
    EXTENSION,
    FORMAT_ID,
    DossierFileError,
    atomic_write_bytes,
    atomic_write_text,
    dossier_to_json,
    is_readable_dossier,
    load_dossier,
    save_dossier,
)

needs_non_root = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions"
)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _raw(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------ round trips
def test_every_example_round_trips(example, tmp_path):
    dossier = load_dossier(example)
    target = tmp_path / f"copie{EXTENSION}"
    save_dossier(dossier, target)
    again = load_dossier(target)
    assert again == dossier
    raw = _raw(target)
    assert raw["format"] == FORMAT_ID
    assert raw["schema_version"] == forms.model.SCHEMA_VERSION
    assert list(raw)[:2] == ["format", "schema_version"]  # readable at a glance in a text editor


def test_save_sets_created_and_modified(tmp_path):
    dossier = Dossier()
    path = tmp_path / f"d{EXTENSION}"
    save_dossier(dossier, path)
    assert dossier.meta.created
    assert dossier.meta.modified == dossier.meta.created
    created = dossier.meta.created
    save_dossier(dossier, path)
    again = load_dossier(path)
    assert again.meta.created == created  # kept by later saves
    assert again.meta.modified >= created


def test_written_file_is_readable_text_with_french_characters(tmp_path):
    dossier = Dossier()
    dossier.action.title = "Café des « parents » — été"
    path = tmp_path / f"d{EXTENSION}"
    save_dossier(dossier, path)
    text = path.read_text(encoding="utf-8")
    assert "Café des « parents » — été" in text  # not \u escapes
    assert text.endswith("\n")
    assert dossier_to_json(load_dossier(path)) == text


# ------------------------------------------------------------------------------------ atomic writes
def test_atomic_write_replaces_content_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "f.txt"
    atomic_write_text(path, "ancien")
    atomic_write_text(path, "nouveau")
    assert path.read_text(encoding="utf-8") == "nouveau"
    assert _files(tmp_path) == ["f.txt"]
    atomic_write_bytes(tmp_path / "g.bin", b"\x00\x01")
    assert (tmp_path / "g.bin").read_bytes() == b"\x00\x01"
    assert _files(tmp_path) == ["f.txt", "g.bin"]


def test_atomic_write_creates_the_folder(tmp_path):
    path = tmp_path / "a" / "b" / "f.txt"
    atomic_write_text(path, "x")
    assert path.read_text(encoding="utf-8") == "x"


def test_replacing_a_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "partage.txt"
    path.write_text("ancien", encoding="utf-8")
    path.chmod(0o644)
    atomic_write_text(path, "nouveau")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    atomic_write_bytes(path, b"octets")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.parametrize("writer", ["text", "bytes"])
def test_crash_during_replace_leaves_the_old_file(tmp_path, monkeypatch, writer):
    path = tmp_path / "f.txt"
    path.write_text("ancien", encoding="utf-8")

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(forms.storage.os, "replace", crash)
    with pytest.raises(OSError):
        if writer == "text":
            atomic_write_text(path, "nouveau")
        else:
            atomic_write_bytes(path, b"nouveau")
    assert path.read_text(encoding="utf-8") == "ancien"
    assert _files(tmp_path) == ["f.txt"]


def test_crash_during_write_leaves_the_old_dossier(tmp_path, monkeypatch):
    path = tmp_path / f"d{EXTENSION}"
    dossier = Dossier()
    dossier.action.title = "Version 1"
    save_dossier(dossier, path)
    before = path.read_bytes()

    def crash(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(forms.storage.os, "fsync", crash)
    dossier.action.title = "Version 2"
    with pytest.raises(DossierFileError, match="Impossible d'enregistrer") as info:
        save_dossier(dossier, path)
    assert "Le dossier reste ouvert" in str(info.value)
    assert path.read_bytes() == before
    assert _files(tmp_path) == [path.name]


def test_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    """Even a KeyboardInterrupt in the middle removes the temporary file and keeps the old one."""
    path = tmp_path / "f.txt"
    path.write_text("ancien", encoding="utf-8")

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(forms.storage.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, "nouveau")
    assert path.read_text(encoding="utf-8") == "ancien"
    assert _files(tmp_path) == ["f.txt"]


# ------------------------------------------------------------------------------------ damaged files
def _valid_text() -> str:
    return dossier_to_json(Dossier())


def _wrong_type() -> bytes:
    data = json.loads(_valid_text())
    data["actions"][0]["public"]["women"] = "douze"
    return json.dumps(data).encode()


def _with_public_total(raw: str) -> bytes:
    """The valid dossier with `raw` (JSON text, not checked) as the number of beneficiaries."""
    text = _valid_text()
    assert '"total": 0' in text
    return text.replace('"total": 0', f'"total": {raw}', 1).encode()


DAMAGED = {
    "tronque": lambda: _valid_text()[:200].encode(),
    # Python refuses to read an integer of more than 4 300 digits (a ValueError, not a JSON error)
    "entier-geant": lambda: _with_public_total("9" * 5000),
    # read, but no count or amount of a dossier comes near it: exports and rules would choke on it
    "entier-enorme": lambda: _with_public_total("1" + "0" * 40),
    "binaire": lambda: bytes(range(256)) * 4,
    "vide": lambda: b"",
    "liste": lambda: b"[1, 2, 3]",
    "autre-format": lambda: json.dumps({**json.loads(_valid_text()), "format": "autre-chose"}).encode(),
    "sans-format": lambda: json.dumps({k: v for k, v in json.loads(_valid_text()).items() if k != "format"}).encode(),
    "sans-version": lambda: json.dumps(
        {k: v for k, v in json.loads(_valid_text()).items() if k != "schema_version"}
    ).encode(),
    "version-texte": lambda: json.dumps({**json.loads(_valid_text()), "schema_version": "1"}).encode(),
    "mauvais-type": _wrong_type,
    "cle-inconnue": lambda: json.dumps({**json.loads(_valid_text()), "pirate": 1}).encode(),
    "imbrique": lambda: b"[" * 100_000 + b"]" * 100_000,
}


@pytest.fixture(params=sorted(DAMAGED))
def damaged(request, tmp_path) -> Path:
    path = tmp_path / f"{request.param}{EXTENSION}"
    path.write_bytes(DAMAGED[request.param]())
    return path


def test_damaged_file_raises_a_french_error_and_is_unchanged(damaged):
    before = damaged.read_bytes()
    mtime = damaged.stat().st_mtime_ns
    with pytest.raises(DossierFileError) as info:
        load_dossier(damaged)
    message = str(info.value)
    assert damaged.name in message
    assert any(word in message for word in ("endommagé", "n'est pas un dossier", "version de format",
                                            "ne connaît pas"))
    assert info.value.path == damaged
    assert not is_readable_dossier(damaged)
    assert damaged.read_bytes() == before
    assert damaged.stat().st_mtime_ns == mtime


def test_wrong_type_message_names_the_field(tmp_path):
    path = tmp_path / f"d{EXTENSION}"
    path.write_bytes(_wrong_type())
    with pytest.raises(DossierFileError, match=r"actions\[0\]\.public\.women") as info:
        load_dossier(path)
    assert "n'a pas été modifié" in str(info.value)


def test_save_refuses_to_overwrite_an_unreadable_file(damaged):
    before = damaged.read_bytes()
    with pytest.raises(DossierFileError, match="n'a pas été remplacé"):
        save_dossier(Dossier(), damaged)
    assert damaged.read_bytes() == before
    assert _files(damaged.parent) == [damaged.name]


def test_save_overwrites_an_unreadable_file_when_told(damaged):
    dossier = Dossier()
    dossier.action.title = "Remplace"
    save_dossier(dossier, damaged, overwrite_unreadable=True)
    assert load_dossier(damaged).action.title == "Remplace"


def test_save_replaces_a_readable_dossier(tmp_path):
    path = tmp_path / f"d{EXTENSION}"
    save_dossier(Dossier(), path)
    dossier = Dossier()
    dossier.action.title = "Nouveau"
    save_dossier(dossier, path)
    assert load_dossier(path).action.title == "Nouveau"
    assert _files(tmp_path) == [path.name]


# ------------------------------------------------------------------------------------ versions
def test_newer_schema_version_is_refused(tmp_path):
    path = tmp_path / f"futur{EXTENSION}"
    data = json.loads(_valid_text())
    data["schema_version"] = forms.model.SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DossierFileError) as info:
        load_dossier(path)
    message = str(info.value)
    assert "version plus récente" in message
    assert "Mettez l'application à jour" in message
    assert "n'a pas été modifié" in message
    with pytest.raises(DossierFileError):
        save_dossier(Dossier(), path)
    assert path.read_bytes() == before


def test_older_version_is_migrated(tmp_path, monkeypatch):
    """Simulate the day the format moves to version 2: a version-1 file is migrated in memory."""
    path = tmp_path / f"ancien{EXTENSION}"
    save_dossier(Dossier(), path)  # written as version 1
    old = json.loads(path.read_text(encoding="utf-8"))
    old["actions"][0]["intitule"] = "Atelier d'écriture"  # pretend version 1 named the title so
    del old["actions"][0]["title"]
    path.write_text(json.dumps(old), encoding="utf-8")
    before = path.read_bytes()

    seen = []

    def v1_to_v2(data):
        seen.append(data["schema_version"])
        data = dict(data)
        data["actions"] = [
            {**{k: v for k, v in a.items() if k != "intitule"}, "title": a["intitule"]} for a in data["actions"]
        ]
        return data

    # storage reads the version constant it imported from forms.model: patch the name it uses
    monkeypatch.setattr(forms.storage, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(forms.model, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(forms.storage, "MIGRATIONS", {1: v1_to_v2})
    dossier = load_dossier(path)
    assert seen == [1]
    assert dossier.action.title == "Atelier d'écriture"
    assert dossier.schema_version == 2
    assert path.read_bytes() == before  # migrating in memory does not touch the file
    save_dossier(dossier, path)  # checks the version-1 file is readable (one more migration) first
    assert _raw(path)["schema_version"] == 2
    seen.clear()
    assert load_dossier(path).action.title == "Atelier d'écriture"
    assert seen == []  # a version-2 file needs no migration


def test_a_migration_that_fails_on_a_damaged_file_gives_a_french_error(tmp_path, monkeypatch):
    """A migration is written for sound files: on a damaged one its KeyError must not reach the user."""
    path = tmp_path / f"ancien{EXTENSION}"
    save_dossier(Dossier(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["actions"]
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()

    def v1_to_v2(data):
        return {**data, "actions": [dict(a) for a in data["actions"]]}  # KeyError: no "actions"

    monkeypatch.setattr(forms.storage, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(forms.model, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(forms.storage, "MIGRATIONS", {1: v1_to_v2})
    with pytest.raises(DossierFileError, match="endommagé") as info:
        load_dossier(path)
    assert "n'a pas été modifié" in str(info.value)
    assert path.read_bytes() == before


def test_version_zero_is_refused(tmp_path):
    path = tmp_path / f"d{EXTENSION}"
    path.write_text(json.dumps({**json.loads(_valid_text()), "schema_version": 0}), encoding="utf-8")
    with pytest.raises(DossierFileError, match="version de format"):
        load_dossier(path)


# ------------------------------------------------------------------------------------ the disk
def test_missing_file(tmp_path):
    with pytest.raises(DossierFileError, match="n'existe pas"):
        load_dossier(tmp_path / f"absent{EXTENSION}")


def test_directory_instead_of_a_file(tmp_path):
    folder = tmp_path / f"dossier{EXTENSION}"
    folder.mkdir()
    with pytest.raises(DossierFileError, match="pas un fichier"):
        load_dossier(folder)
    with pytest.raises(DossierFileError):
        save_dossier(Dossier(), folder)
    assert folder.is_dir()


@needs_non_root
def test_permission_denied_to_read(tmp_path):
    path = tmp_path / f"prive{EXTENSION}"
    save_dossier(Dossier(), path)
    path.chmod(0)
    try:
        with pytest.raises(DossierFileError, match="pas le droit de lire"):
            load_dossier(path)
    finally:
        path.chmod(0o600)


@needs_non_root
def test_permission_denied_to_write(tmp_path):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DossierFileError, match="pas le droit d'écrire"):
            save_dossier(Dossier(), folder / f"d{EXTENSION}")
    finally:
        folder.chmod(0o700)


def test_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / f"gros{EXTENSION}"
    save_dossier(Dossier(), path)
    monkeypatch.setattr(forms.storage, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("a huge file must not be read"))
    with pytest.raises(DossierFileError, match="trop gros"):
        load_dossier(path)


def test_error_message_is_the_string_of_the_exception(tmp_path):
    exc = DossierFileError(tmp_path / "x", "Message pour l'utilisateur.")
    assert str(exc) == exc.message == "Message pour l'utilisateur."
    assert exc.path == tmp_path / "x"
