"""The command line: `python main.py programmes`, and argparse speaking French."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from forms.programmes import default_catalogue

ROOT = Path(main.__file__).resolve().parent


def test_programmes_lists_every_call_and_territory(capsys):
    assert main.main(["programmes"]) == 0
    out = capsys.readouterr().out
    catalogue = default_catalogue()
    for territory in catalogue.territories.values():
        assert f"{territory.name} [{territory.id}]" in out
    for call in catalogue.calls.values():
        assert f"[{call.id}]" in out
        assert call.title in out
    assert "E1" not in out.split()  # enjeux only with --detail


def test_programmes_detail_lists_enjeux_ids(capsys):
    assert main.main(["programmes", "--detail"]) == 0
    out = capsys.readouterr().out
    catalogue = default_catalogue()
    for territory in catalogue.territories.values():
        for enjeu in territory.enjeux:
            assert f"    {enjeu.id}  {enjeu.title}" in out
    for call in catalogue.calls.values():
        for cofunder in call.cofunders:
            assert f"cofinanceur {cofunder.id} : " in out
        for tp in call.transversal:
            assert f"transversale {tp.id} : " in out


def test_invalid_programme_data_is_reported_in_french(capsys, monkeypatch):
    from forms import cli
    from forms.programmes import ProgrammeDataError

    def broken():
        raise ProgrammeDataError("appel-2023.yaml, ligne 7 : clé en double « year »")

    monkeypatch.setattr(cli, "default_catalogue", broken)
    assert main.main(["programmes"]) == 2
    assert "Les données de programme sont invalides" in capsys.readouterr().err  # errors go to stderr


def test_help_is_in_french(capsys):
    with pytest.raises(SystemExit) as info:
        main.main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Utilisation : ")
    assert "affiche cette aide" in out
    assert "programmes" in out
    for english in ("usage:", "show this help", "positional arguments"):
        assert english not in out


def test_subcommand_help_is_in_french(capsys):
    with pytest.raises(SystemExit) as info:
        main.main(["programmes", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Utilisation : ")
    assert "--detail" in out and "affiche cette aide" in out


def test_unknown_command_exits_2_in_french(capsys):
    with pytest.raises(SystemExit) as info:
        main.main(["inconnue"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Utilisation : ")
    assert "erreur" in err
    assert "choix 'inconnue' inconnu" in err
    assert "invalid choice" not in err


def test_unknown_option_exits_2_in_french(capsys):
    with pytest.raises(SystemExit) as info:
        main.main(["programmes", "--inconnue"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "arguments non reconnus : --inconnue" in err
    assert "unrecognized" not in err


def test_python_main_py_programmes(tmp_path):
    env = {**os.environ, "DOSSIER_CDV_HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "programmes"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for call_id in ("blois-2021", "blois-2023", "amboise-2022"):
        assert f"[{call_id}]" in result.stdout
    assert "Blois [blois]" in result.stdout and "Amboise [amboise]" in result.stdout


def test_programmes_counts_are_plain_french(capsys):
    assert main.main(["programmes"]) == 0
    out = capsys.readouterr().out
    assert "(e)" not in out and "(s)" not in out
    assert "8 priorités, dans 4 piliers" in out  # Amboise: its priorités under piliers
    assert "5 enjeux\n" in out  # Blois: no piliers


def test_demo_checks_and_exports_the_example(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DOSSIER_CDV_HOME", str(tmp_path / "home"))
    assert main.main(["demo", "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "Vérification : Bloquant : 0" in out
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".docx", ".pdf"]


def test_demo_that_cannot_write_says_so_in_french(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DOSSIER_CDV_HOME", str(tmp_path / "home"))
    not_a_folder = tmp_path / "fichier"
    not_a_folder.write_text("déjà là", encoding="utf-8")
    assert main.main(["demo", "--out", str(not_a_folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Export impossible : ")
    assert "est un fichier, pas un dossier" in err
    assert not_a_folder.read_text(encoding="utf-8") == "déjà là"


def test_demo_with_an_unknown_example(capsys):
    assert main.main(["demo", "--exemple", "inconnu"]) == 2
    err = capsys.readouterr().err
    assert "Exemple inconnu : inconnu" in err and "blois-2023-insertion" in err
