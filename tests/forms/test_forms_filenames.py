"""Safe file names from typed titles (forms.filenames)."""

from __future__ import annotations

import pytest

from forms.filenames import MAX_STEM, safe_stem, unique_path


@pytest.mark.parametrize(
    ("text", "stem"),
    [
        ("Atelier d'écriture", "Atelier d'écriture"),
        ("Budget 2023/2024", "Budget 2023-2024"),
        ("a\\b", "a-b"),
        ('Titre : "citation" <x> | y * z ?', "Titre - -citation- -x- - y - z"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "dossier"),
        ("...titre...", "titre"),
        ("a..b", "a.b"),
        ("ligne 1\nligne 2\ttab", "ligne 1ligne 2tab"),
        ("nul\x00octet\x1b[31m", "nuloctet[31m"),
        ("  espaces   multiples  ", "espaces multiples"),
        ("-tiret-", "tiret"),
        ("e\u0301te\u0301", "été"),  # decomposed accents are composed (NFC)
    ],
)
def test_safe_stem(text, stem):
    assert safe_stem(text) == stem


@pytest.mark.parametrize("name", ["con", "CON", "prn", "Aux", "nul", "com1", "LPT9", "con.txt", "NUL.tar.gz", "aux "])
def test_reserved_device_names_fall_back(name):
    assert safe_stem(name, "repli") == "repli"


@pytest.mark.parametrize("name", ["console", "Aux quartiers", "com10", "nulle part", "Cons. de quartier"])
def test_names_that_only_look_reserved_are_kept(name):
    assert safe_stem(name) == name


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "///", "...", "- . -"])
def test_empty_falls_back(text):
    assert safe_stem(text) == "dossier"
    assert safe_stem(text, "Nouveau dossier") == "Nouveau dossier"
    assert safe_stem(text, "") == ""


def test_long_titles_are_cut():
    assert len(safe_stem("x" * 300)) == MAX_STEM == 80
    stem = safe_stem("Un titre très long " * 20)
    assert len(stem) <= MAX_STEM
    assert stem == stem.strip(" .-")
    assert stem.startswith("Un titre très long")
    assert len(safe_stem("é" * 300).encode("utf-8")) <= 255  # within the usual file-name limit in bytes


def test_result_is_a_single_file_name(tmp_path):
    for text in ["../x", "a/b/c", "C:\\Windows\\x", "~/.bashrc", "x\x00y"]:
        stem = safe_stem(text)
        assert "/" not in stem and "\\" not in stem and "\x00" not in stem
        assert (tmp_path / f"{stem}.cdv.json").parent == tmp_path


def test_unique_path_numbers(tmp_path):
    first = unique_path(tmp_path, "Dossier", ".cdv.json")
    assert first == tmp_path / "Dossier.cdv.json"
    first.write_text("x", encoding="utf-8")
    second = unique_path(tmp_path, "Dossier", ".cdv.json")
    assert second == tmp_path / "Dossier (2).cdv.json"
    second.write_text("x", encoding="utf-8")
    (tmp_path / "Dossier (3).cdv.json").mkdir()  # a folder takes the name too
    assert unique_path(tmp_path, "Dossier", ".cdv.json") == tmp_path / "Dossier (4).cdv.json"
    assert unique_path(tmp_path, "Autre", ".cdv.json") == tmp_path / "Autre.cdv.json"
