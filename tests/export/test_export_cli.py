"""`export` on the command line: paths printed, French messages, exit codes, the dossier untouched."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
from export_readback import EXAMPLES_DIR, FakeVerdict, docx_text

from forms.cli_french import FrenchArgumentParser
from forms.export.cli import register
from forms.programmes import RESOURCES_DIR

EXAMPLE = EXAMPLES_DIR / "blois-2023-insertion.cdv.json"
ROOT = RESOURCES_DIR.parent


def parser(verdicts_for=None) -> argparse.ArgumentParser:
    p = FrenchArgumentParser(prog="main.py")
    sub = p.add_subparsers(dest="command", parser_class=FrenchArgumentParser)
    register(sub, verdicts_for=verdicts_for)
    return p


def run(argv: list[str], verdicts_for=None) -> int:
    args = parser(verdicts_for).parse_args(argv)
    return args.func(args)


def test_export_both_prints_the_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", str(EXAMPLE), "--out", str(tmp_path / "sortie")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [Path(line).suffix for line in out] == [".docx", ".pdf"]
    assert all(Path(line).is_file() and Path(line).parent == tmp_path / "sortie" for line in out)


def test_checks_passed_in_fill_the_annex(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def checks(dossier, catalogue):
        return [FakeVerdict("budget.equilibre", "bloquant", "Le budget n'est pas équilibré.")]

    assert run(["export", str(EXAMPLE), "--out", str(tmp_path), "--format", "docx"], checks) == 0
    captured = capsys.readouterr()
    (path,) = [Path(line) for line in captured.out.splitlines()]
    assert "Le budget n'est pas équilibré." in docx_text(path.read_bytes())
    assert "1 point de vérification reste ouvert : voir la dernière page." in captured.err


def test_failing_checks_do_not_prevent_the_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(dossier, catalogue):
        raise RuntimeError("boum")

    assert run(["export", str(EXAMPLE), "--out", str(tmp_path), "--format", "docx"], broken) == 0
    captured = capsys.readouterr()
    assert "les vérifications n'ont pas pu être faites (boum)" in captured.err
    (path,) = [Path(line) for line in captured.out.splitlines()]
    assert "Les vérifications n'ont pas été lancées" in docx_text(path.read_bytes())


def test_format_and_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", str(EXAMPLE), "--out", str(tmp_path), "--format", "pdf"]) == 0
    first = capsys.readouterr().out.strip()
    assert first.endswith(".pdf")
    assert run(["export", str(EXAMPLE), "--out", str(tmp_path), "--format", "pdf"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().endswith(" (2).pdf")
    assert "n'ont pas été remplacés" in captured.err and "--force" in captured.err
    assert run(["export", str(EXAMPLE), "--out", str(tmp_path), "--format", "pdf", "--force"]) == 0
    assert capsys.readouterr().out.strip() == first


@pytest.mark.parametrize("content", [b"{ pas du json", b'{"format": "autre chose"}', b"\xff\xfe\x00"])
def test_unreadable_dossier_exit_2_file_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  content: bytes) -> None:
    broken = tmp_path / "abime.cdv.json"
    broken.write_bytes(content)
    out = tmp_path / "sortie"
    assert run(["export", str(broken), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("Export impossible : ")
    assert "abime.cdv.json" in captured.err
    assert captured.out == ""
    assert broken.read_bytes() == content
    assert not out.exists()


def test_missing_dossier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", str(tmp_path / "absent.cdv.json"), "--out", str(tmp_path)]) == 2
    assert "n'existe pas" in capsys.readouterr().err


def test_out_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "un-fichier"
    target.write_text("x")
    assert run(["export", str(EXAMPLE), "--out", str(target)]) == 1
    assert "est un fichier, pas un dossier" in capsys.readouterr().err


def test_help_and_errors_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        parser().parse_args(["export", "--help"])
    assert exc.value.code == 0
    help_text = capsys.readouterr().out
    assert "Utilisation : " in help_text and "--force" in help_text and "remplace les fichiers" in help_text
    with pytest.raises(SystemExit) as exc:
        parser().parse_args(["export", str(EXAMPLE)])
    assert exc.value.code == 2
    assert "arguments obligatoires manquants : --out" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parser().parse_args(["export", str(EXAMPLE), "--out", "x", "--format", "odt"])
    assert "choix 'odt' inconnu" in capsys.readouterr().err


def test_main_py_export_end_to_end(tmp_path: Path) -> None:
    env = {**os.environ, "DOSSIER_CDV_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "export", str(EXAMPLE), "--out",
                             str(tmp_path / "out")], capture_output=True, text=True, timeout=120, env=env,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert [p.suffix for p in paths] == [".docx", ".pdf"]
    assert all(p.is_file() for p in paths)
