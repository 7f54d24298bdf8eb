"""The dossier library (forms.library): a folder of .cdv.json files with a recoverable bin."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest

from forms.library import BIN_NAME, Library, dossier_file_stem, new_dossier
from forms.model import Association, CallRef, Dossier
from forms.storage import EXTENSION, DossierFileError, load_dossier, save_dossier


@pytest.fixture
def library(tmp_path) -> Library:
    return Library(tmp_path / "Dossiers")


def _dossier(title: str = "Atelier d'écriture", association: str = "Les Plumes") -> Dossier:
    d = Dossier(call=CallRef("blois", "blois-2023", 2023))
    d.action.title = title
    d.association.identity.name = association
    return d


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ------------------------------------------------------------------------------------ create, list
def test_create_names_the_file_after_the_title(library):
    path = library.create(_dossier("Atelier d'écriture"))
    assert path == library.folder / f"Atelier d'écriture{EXTENSION}"
    assert load_dossier(path).action.title == "Atelier d'écriture"


def test_create_sanitizes_the_title(library):
    path = library.create(_dossier("Budget 2023/2024 : « quartiers » ../../etc"))
    assert path.parent == library.folder
    assert "/" not in path.name[: -len(EXTENSION)]
    assert ".." not in path.name
    assert path.name == f"Budget 2023-2024 - « quartiers » .-.-etc{EXTENSION}"


def test_create_never_overwrites(library):
    first = library.create(_dossier("Même titre"))
    second = library.create(_dossier("Même titre"))
    assert second.name == f"Même titre (2){EXTENSION}"
    assert first.exists() and second.exists()


def test_create_with_a_hint_and_without_a_title(library):
    assert library.create(_dossier(), title_hint="Brouillon").name == f"Brouillon{EXTENSION}"
    assert library.create(Dossier()).name == f"Dossier sans titre{EXTENSION}"
    assert library.path_for("   ").name == f"Nouveau dossier{EXTENSION}"


def test_entries_describe_each_dossier(library, example):
    library.ensure()
    shutil.copy2(example, library.folder / example.name)
    (entry,) = library.entries()
    dossier = load_dossier(example)
    assert entry.path == library.folder / example.name
    assert entry.file_name == example.name
    assert entry.title == dossier.title
    assert entry.association == dossier.association.identity.name
    assert entry.call == dossier.call.call
    assert entry.year == dossier.call.year
    assert entry.modified == (dossier.meta.modified or dossier.meta.created)
    assert entry.exported == bool(dossier.meta.exported)
    assert entry.error == ""


def test_entries_sorted_by_last_change_and_empty_library(library):
    assert library.entries() == []
    assert library.files() == []
    for title, stamp in (("Ancien", "2023-01-01T10:00:00+01:00"), ("Récent", "2024-01-01T10:00:00+01:00")):
        path = library.create(_dossier(title))
        data = json.loads(path.read_text(encoding="utf-8"))
        data["meta"]["modified"] = stamp
        path.write_text(json.dumps(data), encoding="utf-8")
    library.create(_dossier("Milieu"))  # saved now: the most recent
    assert [e.title for e in library.entries()] == ["Milieu", "Récent", "Ancien"]


def test_a_damaged_file_is_listed_with_its_error_and_never_overwritten(library):
    library.ensure()
    damaged = library.folder / f"Abîmé{EXTENSION}"
    damaged.write_bytes(b'{"format": "dossier-contrat-de-ville", "schema_')
    library.create(_dossier("Sain"))
    entries = {e.file_name: e for e in library.entries()}
    assert set(entries) == {f"Abîmé{EXTENSION}", f"Sain{EXTENSION}"}
    broken = entries[f"Abîmé{EXTENSION}"]
    assert broken.title == "Abîmé"
    assert "endommagé" in broken.error
    assert entries[f"Sain{EXTENSION}"].error == ""
    with pytest.raises(DossierFileError):
        save_dossier(_dossier(), damaged)
    assert damaged.read_bytes() == b'{"format": "dossier-contrat-de-ville", "schema_'


def test_only_dossier_files_are_listed(library):
    library.ensure()
    (library.folder / "notes.txt").write_text("x", encoding="utf-8")
    (library.folder / f"dossier{EXTENSION}").mkdir()
    library.create(_dossier("Vrai"))
    library.delete(library.create(_dossier("Jeté")))
    assert [p.name for p in library.files()] == [f"Vrai{EXTENSION}"]


# ------------------------------------------------------------------------------------ duplicate, rename
def test_duplicate(library):
    dossier = _dossier("Action 2023")
    dossier.meta.portal_ticks = {"association.identity.siret": "0123456789abcdef"}
    path = library.create(dossier)
    original = load_dossier(path)
    original_bytes = path.read_bytes()
    copy_path = library.duplicate(path)
    assert copy_path.name == f"Action 2023 - copie{EXTENSION}"
    copy = load_dossier(copy_path)
    assert copy.actions == original.actions
    assert copy.association == original.association
    assert copy.meta.exported == ""
    assert copy.meta.portal_ticks == {}  # a new request: nothing entered on the portal yet
    assert path.read_bytes() == original_bytes
    assert library.duplicate(path).name == f"Action 2023 - copie (2){EXTENSION}"


def test_rename(library):
    path = library.create(_dossier("Ancien nom"))
    content = path.read_bytes()
    target = library.rename(path, "Nouveau nom")
    assert target == library.folder / f"Nouveau nom{EXTENSION}"
    assert not path.exists()
    assert target.read_bytes() == content
    assert library.rename(target, "Nouveau nom") == target  # same name: nothing to do


def test_rename_sanitizes(library):
    path = library.create(_dossier("A"))
    assert library.rename(path, "../B: final").name == f"B- final{EXTENSION}"


def test_rename_collision_is_refused_in_french(library):
    a = library.create(_dossier("Premier"))
    library.create(_dossier("Second"))
    with pytest.raises(DossierFileError, match="Un dossier s'appelle déjà « Second »"):
        library.rename(a, "Second")
    assert a.exists()


@pytest.mark.parametrize("name", ["", "   ", "...", "/", "\x00"])
def test_rename_to_an_empty_name_is_refused(library, name):
    path = library.create(_dossier("Garde son nom"))
    with pytest.raises(DossierFileError, match="au moins une lettre ou un chiffre"):
        library.rename(path, name)
    assert path.exists()


# ------------------------------------------------------------------------------------ bin
def test_delete_moves_to_the_bin_and_restore_puts_it_back(library):
    path = library.create(_dossier("À jeter"))
    content = path.read_bytes()
    binned = library.delete(path)
    assert not path.exists()
    assert binned.parent == library.bin == library.folder / BIN_NAME
    assert binned.read_bytes() == content
    assert library.binned() == [binned]
    assert library.files() == []
    restored = library.restore(binned)
    assert restored == path
    assert restored.read_bytes() == content
    assert library.binned() == []


def test_restore_when_the_original_name_is_taken(library):
    path = library.create(_dossier("Doublon"))
    binned = library.delete(path)
    library.create(_dossier("Doublon"))  # a new dossier took the name meanwhile
    taken = path.read_bytes()
    restored = library.restore(binned)
    assert restored == library.folder / f"Doublon (2){EXTENSION}"
    assert path.read_bytes() == taken
    assert load_dossier(restored).action.title == "Doublon"


def test_two_files_with_the_same_name_in_the_bin(library, tmp_path):
    first = library.create(_dossier("Même"))
    bin1 = library.delete(first)
    second = library.create(_dossier("Même"))
    bin2 = library.delete(second)
    assert bin1 != bin2
    assert library.restore(bin2) == first  # both came from the same place
    assert library.restore(bin1) == library.folder / f"Même (2){EXTENSION}"


def test_restore_to_a_folder_outside_the_library(library, tmp_path):
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    path = outside / f"Externe{EXTENSION}"
    save_dossier(_dossier("Externe"), path)
    binned = library.delete(path)
    shutil.rmtree(outside)
    assert library.restore(binned) == path  # the folder is created again


def test_restore_without_the_bin_index(library):
    binned = library.delete(library.create(_dossier("Sans index")))
    (library.bin / ".origines.json").write_text("pas du json", encoding="utf-8")
    assert library.restore(binned) == library.folder / binned.name


# ------------------------------------------------------------------------------------ import, export
def test_import_copies_a_valid_dossier(library, tmp_path, example):
    imported = library.import_file(example)
    assert imported.parent == library.folder
    assert imported.name == example.name
    assert imported.read_bytes() == example.read_bytes()
    again = library.import_file(example)
    assert again.name == f"{dossier_file_stem(example)} (2){EXTENSION}"


def test_import_refuses_a_damaged_file_and_copies_nothing(library, tmp_path):
    source = tmp_path / f"reçu{EXTENSION}"
    source.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(DossierFileError, match="endommagé"):
        library.import_file(source)
    assert not library.folder.exists() or _listing(library.folder) == []
    assert source.read_bytes() == b"\x89PNG\r\n\x1a\n"


def test_export_copy_adds_the_extension(library, tmp_path):
    path = library.create(_dossier("À envoyer"))
    target = library.export_copy(path, tmp_path / "cle-usb")
    assert target == tmp_path / f"cle-usb{EXTENSION}"
    assert target.read_bytes() == path.read_bytes()
    target2 = library.export_copy(path, tmp_path / f"deja{EXTENSION}")
    assert target2 == tmp_path / f"deja{EXTENSION}"


def test_export_copy_checks_the_file_unless_told(library, tmp_path):
    library.ensure()
    damaged = library.folder / f"abîmé{EXTENSION}"
    damaged.write_bytes(b"{")
    with pytest.raises(DossierFileError):
        library.export_copy(damaged, tmp_path / "copie")
    assert not (tmp_path / f"copie{EXTENSION}").exists()
    assert library.export_copy(damaged, tmp_path / "copie", check=False).read_bytes() == b"{"


def test_dossier_file_stem():
    assert dossier_file_stem(Path(f"a/Mon dossier{EXTENSION}")) == "Mon dossier"
    assert dossier_file_stem(Path("a/notes.json")) == "notes"


# ------------------------------------------------------------------------------------ new dossier
def test_new_dossier_copies_the_association_deeply(example_dossier):
    profile = example_dossier.association
    snapshot = copy.deepcopy(profile)
    call = CallRef("blois", "blois-2023", 2023)
    dossier = new_dossier(call, profile)
    assert dossier.call == call
    assert dossier.association == profile
    assert dossier.association is not profile
    dossier.association.identity.name = "Autre nom"
    dossier.association.identity.address.city = "Tours"
    dossier.association.networks.append("Nouveau réseau")
    dossier.association.budget.lines["604"] = 1
    assert profile == snapshot
    assert profile.identity.name != "Autre nom"
    assert profile.identity.address.city != "Tours"
    assert "Nouveau réseau" not in profile.networks


def test_new_dossier_copies_the_signatory(example_dossier):
    profile = example_dossier.association
    dossier = new_dossier(CallRef("blois", "blois-2023", 2023), profile)
    rep = profile.identity.legal_representative
    assert dossier.attestation.signatory == rep
    assert dossier.attestation.signatory is not rep
    dossier.attestation.signatory.last_name = "Changé"
    assert rep.last_name != "Changé"
    assert dossier.association.identity.legal_representative.last_name != "Changé"


def test_new_dossier_without_a_profile():
    dossier = new_dossier(CallRef("amboise", "amboise-2022", 2022))
    assert dossier.association == Association()
    assert dossier.meta.created
    assert len(dossier.actions) == 1
