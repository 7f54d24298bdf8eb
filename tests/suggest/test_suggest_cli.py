"""`main.py suggest`: the JSON of the issue, the French text, the French errors and exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main

TEXT = (
    "Aide aux devoirs pour les collégiens du quartier, quatre soirs par semaine.\n"
    "Les groupes sont mixtes : autant de filles que de garçons."
)


@pytest.fixture
def description(tmp_path: Path) -> Path:
    path = tmp_path / "description.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_json(description: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--call", "blois-2023", "--text-file", str(description), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["enjeux"][0]["id"] == "E4"
    assert sorted(e["id"] for e in data["enjeux"]) == ["E1", "E2", "E3", "E4", "E5"]
    assert data["enjeux"][0]["why"][0]["words"][:2] == ["Aide aux devoirs", "collégiens"]
    egalite = next(t for t in data["transversal"] if t["id"] == "egalite")
    assert egalite["found"] is True
    assert egalite["evidence"] == ["Les groupes sont mixtes : autant de filles que de garçons."]


def test_plain_french(description: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--call", "blois-2023", "--text-file", str(description)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Propositions pour Appel à projets 2023 du contrat de ville de Blois\n")
    assert "  1. E4 — Consolider les trajectoires éducatives et scolaires (" in out
    assert "vos mots «\u00a0Aide aux devoirs\u00a0», «\u00a0collégiens\u00a0»" in out
    assert "  Égalité femmes-hommes : votre texte en parle." in out
    assert "Valeurs de la République, laïcité et citoyenneté : votre texte n'en parle pas encore." in out


def test_a_word_file_saved_as_utf8_with_bom_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert main(["suggest", "--call", "blois-2023", "--text-file", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["enjeux"][0]["id"] == "E4"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "est vide : écrivez quelques phrases sur l'action"),
        (b"  \n\n ", "est vide : écrivez quelques phrases sur l'action"),
        ("Aide aux devoirs, été".encode("latin-1"), "n'est pas un texte en UTF-8"),
    ],
    ids=["vide", "blanc", "latin1"],
)
def test_empty_or_unreadable_text_is_a_french_error_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes(content)
    assert main(["suggest", "--call", "blois-2023", "--text-file", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_missing_file_directory_and_unknown_call(tmp_path: Path, description: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--call", "blois-2023", "--text-file", str(tmp_path / "absent.txt")]) == 2
    assert "le fichier « " in capsys.readouterr().err
    assert main(["suggest", "--call", "blois-2023", "--text-file", str(tmp_path)]) == 2
    assert "est un dossier, pas un fichier" in capsys.readouterr().err
    assert main(["suggest", "--call", "lyon-2030", "--text-file", str(description)]) == 2
    err = capsys.readouterr().err
    assert "Appel à projets inconnu : « lyon-2030 »" in err and "blois-2023" in err


def test_the_call_and_file_are_required_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["suggest", "--call", "blois-2023"])
    assert exit_info.value.code == 2
    assert "--text-file" in capsys.readouterr().err
