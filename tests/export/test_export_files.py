"""File names built from the dossier are safe; an export never silently replaces a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.export import ExportError, export_dossier, export_file_stem
from forms.model import Dossier
from forms.programmes import Catalogue


def test_stem_from_association_action_and_call(dossier: Dossier) -> None:
    dossier.association.identity.name = "Les Amis du Quartier"
    dossier.action.title = "Atelier vélo"
    dossier.association.identity.acronym = ""
    assert export_file_stem(dossier) == "Les Amis du Quartier - Atelier vélo - blois-2023"


def test_stem_uses_the_acronym_and_gives_the_room_to_the_title(dossier: Dossier) -> None:
    dossier.association.identity.acronym = "LAQ"
    dossier.action.title = "Permanences d'accès aux droits et accompagnement numérique aux démarches"
    stem = export_file_stem(dossier)
    assert stem.startswith("LAQ - Permanences d'accès aux droits et accompagnement numérique")
    assert stem.endswith(" - blois-2023") and len(stem) <= 80


@pytest.mark.parametrize("name, title", [
    ("../../etc/passwd", "..\\..\\Windows\\system32"),
    ("a/b\\c:d*e?f\"g<h>i|j", "x\x00y\x1fz\nw\tv"),
    ("..", "."),
    ("CON", "nul"),
    ("É" * 300, "mot " * 200),
    ("", ""),
])
def test_stem_is_sanitized(dossier: Dossier, name: str, title: str) -> None:
    dossier.association.identity.name = name
    dossier.action.title = title
    stem = export_file_stem(dossier)
    assert stem and len(stem) <= 80
    assert "/" not in stem and "\\" not in stem and ".." not in stem
    assert not any(ord(ch) < 32 for ch in stem)
    assert not any(ch in stem for ch in ':*?"<>|')


def test_files_are_written_inside_out_dir_whatever_the_names(dossier: Dossier, catalogue: Catalogue,
                                                             tmp_path: Path) -> None:
    dossier.association.identity.name = "../../../tmp/evil"
    dossier.action.title = "/etc/passwd"
    paths = export_dossier(dossier, catalogue, (), tmp_path / "out")
    assert [p.suffix for p in paths] == [".docx", ".pdf"]
    for path in paths:
        assert path.parent == tmp_path / "out"
        assert path.read_bytes()[:4] in (b"PK\x03\x04", b"%PDF")
    paths = export_dossier(dossier, catalogue, (), tmp_path / "out", stem="../../escape/x")
    assert all(p.parent == tmp_path / "out" for p in paths)


def test_no_silent_overwrite_then_force(dossier: Dossier, catalogue: Catalogue, tmp_path: Path) -> None:
    first = export_dossier(dossier, catalogue, (), tmp_path)
    before = {p: p.read_bytes() for p in first}
    second = export_dossier(dossier, catalogue, (), tmp_path)
    stem = export_file_stem(dossier)
    assert [p.name for p in first] == [f"{stem}.docx", f"{stem}.pdf"]
    assert [p.name for p in second] == [f"{stem} (2).docx", f"{stem} (2).pdf"]
    assert {p: p.read_bytes() for p in first} == before  # untouched
    third = export_dossier(dossier, catalogue, (), tmp_path, force=True)
    assert third == first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in first + second)


def test_both_formats_share_the_next_free_name(dossier: Dossier, catalogue: Catalogue, tmp_path: Path) -> None:
    stem = export_file_stem(dossier)
    (tmp_path / f"{stem}.pdf").write_bytes(b"someone else's file")
    paths = export_dossier(dossier, catalogue, (), tmp_path)
    assert [p.name for p in paths] == [f"{stem} (2).docx", f"{stem} (2).pdf"]
    assert (tmp_path / f"{stem}.pdf").read_bytes() == b"someone else's file"
    assert not (tmp_path / f"{stem}.docx").exists()


def test_one_format(dossier: Dossier, catalogue: Catalogue, tmp_path: Path) -> None:
    paths = export_dossier(dossier, catalogue, None, tmp_path, formats=("pdf",))
    assert [p.suffix for p in paths] == [".pdf"]
    with pytest.raises(ValueError):
        export_dossier(dossier, catalogue, None, tmp_path, formats=("odt",))


def test_out_dir_is_a_file(dossier: Dossier, catalogue: Catalogue, tmp_path: Path) -> None:
    target = tmp_path / "fichier"
    target.write_text("x")
    with pytest.raises(ExportError, match="est un fichier"):
        export_dossier(dossier, catalogue, (), target)


def test_no_temporary_files_left(dossier: Dossier, catalogue: Catalogue, tmp_path: Path) -> None:
    export_dossier(dossier, catalogue, (), tmp_path)
    assert all(not p.name.startswith(".") for p in tmp_path.iterdir())
