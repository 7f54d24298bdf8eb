"""`python main.py check FILE [--json]`: French text grouped by level, JSON, exit codes, and an unreadable
file left untouched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import main
from forms.programmes import RESOURCES_DIR
from forms.storage import load_dossier, save_dossier

MAIN_DIR = Path(__file__).resolve().parents[2]
EXAMPLE = RESOURCES_DIR / "examples" / "blois-2023-insertion.cdv.json"


@pytest.fixture
def faulty(tmp_path: Path) -> Path:
    """The Blois 2023 example with one bloquant (no CER), one à corriger (SIRET) and one conseil."""
    dossier = load_dossier(EXAMPLE)
    dossier.attestation.cer_subscribed = False
    dossier.association.identity.siret = "12345678912345"
    dossier.actions[0].requested_cents["etat"] = 2_400_000
    for subsidy in dossier.actions[0].budget.subsidies:
        if subsidy.funder == "etat":
            extra = 2_400_000 - subsidy.amount_cents
            subsidy.amount_cents = 2_400_000
    lines = dossier.actions[0].budget.lines
    lines["641"] = lines.get("641", 0) + extra  # the budget stays balanced
    path = tmp_path / "dossier.cdv.json"
    save_dossier(dossier, path)
    return path


def test_example_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["check", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Bloquant (0)" in out and "À corriger (0)" in out
    assert "Le dossier peut être déposé." in out


def test_text_output_grouped_by_level(faulty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["check", str(faulty)]) == 1
    out = capsys.readouterr().out.replace("\u00a0", " ")
    assert out.index("Bloquant (1)") < out.index("À corriger (") < out.index("Conseil (")
    assert "contrat d'engagement républicain" in out
    flat = " ".join(out.split())  # as read, whatever the line breaks
    # where to fix it, in the wizard's words: the step's title and the field's label, not its path
    assert ("Où corriger : étape « Attestation », champ « L'association souscrit au contrat d'engagement "
            "républicain »") in flat
    assert "attestation.cer_subscribed" not in out
    assert "Source : Loi n° 2000-321" in out and "article 10-1" in out
    assert "SIRET" in out and "étape « Votre association »" in out
    assert "convention" in out
    assert "Le dossier ne peut pas être déposé en l'état." in out


def test_json_output(faulty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["check", str(faulty), "--json"]) == 1
    items = json.loads(capsys.readouterr().out)
    assert {"rule", "level", "message", "source", "fields", "quote", "step"} <= set(items[0])
    by_rule = {item["rule"]: item for item in items}
    assert by_rule["laicite.cer"]["level"] == "bloquant"
    assert by_rule["laicite.cer"]["fields"] == ["attestation.cer_subscribed"]
    assert by_rule["format.siret"]["level"] == "a_corriger"
    assert by_rule["budget.convention"]["level"] == "conseil"
    assert all(item["source"] for item in items)
    assert [item["level"] for item in items] == sorted(
        (item["level"] for item in items), key=["bloquant", "a_corriger", "conseil"].index)


def test_nothing_bloquant_exits_0_even_with_corrections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = load_dossier(EXAMPLE)
    dossier.association.identity.siret = "12345678912345"
    path = tmp_path / "d.cdv.json"
    save_dossier(dossier, path)
    assert main.main(["check", str(path), "--json"]) == 0
    assert [item["rule"] for item in json.loads(capsys.readouterr().out)] == ["format.siret"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "dossier-contrat-de-ville", "schema_version": 1, "actions": [', "endommagé"),
        (b'{"format": "autre chose"}', "n'est pas un dossier"),
        (b"\xff\xfe\x00garbage", "endommagé"),
        (b'{"format": "dossier-contrat-de-ville", "schema_version": 99}', "plus récente"),
    ],
)
def test_unreadable_file_exits_2_and_is_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = tmp_path / "abime.cdv.json"
    path.write_bytes(content)
    before = path.stat().st_mtime_ns
    assert main.main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err and "Impossible de vérifier ce dossier" in captured.err
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == before
    assert [p.name for p in tmp_path.iterdir()] == ["abime.cdv.json"]  # no temporary or backup file


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["check", str(tmp_path / "absent.cdv.json")]) == 2
    assert "n'existe pas" in capsys.readouterr().err


def test_help_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main.main(["check", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Utilisation : main.py check")
    assert "Code de sortie" in out and "--json" in out


def test_subprocess(faulty: Path) -> None:
    before = faulty.read_bytes()
    result = subprocess.run(
        [sys.executable, "main.py", "check", str(faulty), "--json"],
        cwd=MAIN_DIR, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert any(item["rule"] == "laicite.cer" for item in json.loads(result.stdout))
    assert faulty.read_bytes() == before
