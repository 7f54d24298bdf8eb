"""Files that held well against crashes but not against odd text (issue 9): lone surrogates, a byte order
mark, NaN and Infinity, long names in emoji or CJK, Windows' reserved names, plain-French messages, and the
temporary files of an interrupted save."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forms import storage
from forms.filenames import safe_stem, unique_path
from forms.library import Library
from forms.model import CallRef, Dossier
from forms.storage import EXTENSION, DossierFileError, dossier_to_json, load_dossier, save_dossier

# names new with issue 9 are looked up when used, so that these tests run (and fail) on the code before it
MAX_STEM_BYTES = 150
NOT_A_NUMBER = "« NaN » ou « Infinity » n'est pas un nombre"

ROOT = Path(__file__).resolve().parents[2]


def _data() -> dict:
    d = Dossier(call=CallRef("blois", "blois-2023", 2023))
    d.action.title = "Atelier"
    return json.loads(dossier_to_json(d))


def _write(path: Path, data: dict, *, ensure_ascii: bool = True) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=ensure_ascii), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------ lone surrogates
def test_a_lone_surrogate_is_repaired_on_load_and_the_field_named(tmp_path):
    data = _data()
    data["actions"][0]["title"] = "Fête \ud83d du quartier"
    data["association"]["identity"]["name"] = "Les \udc00 Amis"
    path = _write(tmp_path / f"d{EXTENSION}", data)
    assert load_dossier(path).action.title == "Fête \ufffd du quartier"
    opened = storage.open_dossier_file(path)
    assert opened.dossier.action.title == "Fête \ufffd du quartier"
    assert opened.dossier.association.identity.name == "Les \ufffd Amis"
    assert opened.repaired == ["association.identity.name", "actions[0].title"]
    # and it saves again (every autosave failed with « Erreur inattendue »)
    save_dossier(opened.dossier, path)
    assert load_dossier(path).action.title == "Fête \ufffd du quartier"


def test_a_surrogate_typed_after_loading_does_not_make_the_dossier_unsaveable(tmp_path):
    d = Dossier()
    d.action.title = "moitié \ud83d d'émoji"
    path = tmp_path / f"d{EXTENSION}"
    save_dossier(d, path)
    assert load_dossier(path).action.title == "moitié \ufffd d'émoji"


def test_repaired_fields_message_names_the_field_in_french():
    from forms.text_repair import repaired_fields_message  # new with issue 9

    message = repaired_fields_message(["actions[0].title", "association.identity.name"])
    assert "« Titre de l'action »" in message
    assert "« Nom de l'association »" in message
    assert "\ufffd" in message


def _run_main(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def test_check_of_a_dossier_with_a_lone_surrogate_has_no_traceback(tmp_path):
    data = _data()
    data["actions"][0]["title"] = "Fête \ud83d"
    path = _write(tmp_path / f"d{EXTENSION}", data)
    result = _run_main("check", str(path))
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)  # a verdict, never a crash reported as « bloquant »
    assert "Titre de l'action" in result.stderr  # the user is told which field was repaired
    assert "\ufffd" in result.stdout or "Fête" in result.stdout


# ------------------------------------------------------------------------------------ BOM, NaN, Infinity
def test_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / f"notepad{EXTENSION}"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_data(), ensure_ascii=False).encode("utf-8"))
    assert load_dossier(path).action.title == "Atelier"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("place", ["coordinates", "amount", "etpt"])
def test_nan_and_infinity_are_refused_in_french(tmp_path, constant, place):
    text = dossier_to_json(Dossier())
    if place == "coordinates":
        data = json.loads(text)
        data["actions"][0]["location"] = {"longitude": 12345, "latitude": 47.58, "label": ""}
        text = json.dumps(data).replace("12345", constant)
    elif place == "amount":
        data = json.loads(text)
        data["actions"][0]["budget"]["lines"]["604"] = 12345
        text = json.dumps(data).replace("12345", constant)
    else:
        assert '"etpt": "0"' in text
        text = text.replace('"etpt": "0"', f'"etpt": {constant}', 1)
    path = tmp_path / f"d{EXTENSION}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DossierFileError) as info:
        load_dossier(path)
    assert NOT_A_NUMBER in info.value.message
    assert "Traceback" not in info.value.message


# ------------------------------------------------------------------------------------ names
@pytest.mark.parametrize("char", ["😀", "漢", "👩🏽‍🔧", "é"])
def test_long_names_are_cut_by_bytes(char, tmp_path):
    stem = safe_stem(char * 80)
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert stem and set(stem) <= set(char)
    assert stem[-1] != "\u200d"
    path = unique_path(tmp_path, stem, EXTENSION)
    path.write_text("x", encoding="utf-8")  # the file system accepts it
    (tmp_path / f".{path.name}.abcdefgh.tmp").write_text("x", encoding="utf-8")  # and its temporary file


def test_eighty_emoji_make_a_library_dossier(tmp_path):
    d = Dossier()
    d.action.title = "😀" * 80
    path = Library(tmp_path / "lib").create(d)
    assert load_dossier(path).action.title == "😀" * 80


@pytest.mark.parametrize("name", ["CONIN$", "conout$", "COM¹", "lpt²", "COM³.txt", "COM0", "LPT0"])
def test_more_windows_reserved_names(name):
    assert safe_stem(name, "repli") == "repli"


# ------------------------------------------------------------------------------------ messages
def test_an_unknown_key_names_the_field_in_plain_french(tmp_path):
    data = _data()
    data["actions"][0]["budget"]["pirate"] = 1
    path = _write(tmp_path / f"d{EXTENSION}", data)
    with pytest.raises(DossierFileError) as info:
        load_dossier(path)
    message = info.value.message
    assert "« pirate »" in message
    assert "« Budget de l'action »" in message
    assert "ne connaît pas" in message
    assert "clé inconnue" not in message


# ------------------------------------------------------------------------------------ temporary files
def _stale_temp(path: Path, age: float = 3600) -> Path:
    tmp = path.with_name(f".{path.name}.k2j4h5g6.tmp")
    tmp.write_text(dossier_to_json(Dossier()), encoding="utf-8")
    old = time.time() - age
    os.utime(tmp, (old, old))
    return tmp


def test_a_save_removes_the_stale_temporary_files_of_its_dossier(tmp_path):
    path = tmp_path / f"d{EXTENSION}"
    save_dossier(Dossier(), path)
    stale = _stale_temp(path)
    other = _stale_temp(tmp_path / f"autre{EXTENSION}")
    fresh = path.with_name(f".{path.name}.abcdefgh.tmp")
    fresh.write_text("{}", encoding="utf-8")  # a save running right now in another process
    save_dossier(Dossier(), path)
    assert not stale.exists()
    assert fresh.exists()
    assert other.exists()  # another dossier's are its own business
    assert storage.temp_files_of(path) == [fresh]


def test_deleting_a_dossier_leaves_no_temporary_file(tmp_path):
    library = Library(tmp_path / "lib")
    path = library.create(Dossier())
    stale = _stale_temp(path, age=0)
    lock = path.with_name(f".{path.name}.verrou")
    lock.write_text("{", encoding="utf-8")  # a lock left by a crash (unreadable, old)
    old = time.time() - 3600
    os.utime(lock, (old, old))
    library.delete(path)
    assert not stale.exists()
    assert [p.name for p in library.folder.iterdir() if p.is_file()] == []  # nothing that names it is left
