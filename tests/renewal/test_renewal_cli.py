"""`main.py renew` and `main.py compte-rendu`: what a user types, the files written, the exit codes."""

from __future__ import annotations

import pytest
from renewal_fixtures import EXAMPLES_DIR

import main
from forms import cli_common
from forms.compte_rendu import start_report
from forms.storage import load_dossier, save_dossier


def test_renew_writes_the_new_dossier_and_prints_what_to_review(tmp_path, capsys, later_catalogue, monkeypatch):
    monkeypatch.setattr(cli_common, "default_catalogue", lambda: later_catalogue)
    out = tmp_path / "PEBN 2025"
    code = main.main(["renew", str(EXAMPLES_DIR / "blois-2023-insertion.cdv.json"), "--call", "blois-2025",
                      "--out", str(out)])
    assert code == 0
    written = tmp_path / "PEBN 2025.cdv.json"
    d = load_dossier(written)
    assert d.call.call == "blois-2025" and d.renewal.previous_call == "blois-2023"
    assert d.renewal.previous_file == str((EXAMPLES_DIR / "blois-2023-insertion.cdv.json").resolve())
    text = capsys.readouterr().out
    assert f"Dossier renouvelé : {written}" in text
    assert "Ce qui a changé dans l'appel :" in text
    assert "Nouveau cofinanceur : Région Centre-Val de Loire" in text
    assert "Cofinanceur qui ne figure plus dans l'appel : Immobilière Centre-Loire (groupe 3F)" in text
    assert "  Quartiers Nord → Blois Nord" in text
    assert "  Étape « L'action »" in text
    assert "[À revoir] Date de début de l'action : Date de l'an dernier décalée" in text
    assert "[À choisir] Priorités de l'appel : " in text
    assert "[Nouveau] Votre réponse sur “Jeunesse”" in text
    assert "Vérifications du nouvel appel : " in text


def test_renew_never_replaces_a_file(tmp_path, capsys):
    out = tmp_path / "nouveau.cdv.json"
    out.write_text("ne pas écraser", encoding="utf-8")
    code = main.main(["renew", str(EXAMPLES_DIR / "blois-2021-culture.cdv.json"), "--call", "blois-2023",
                      "--out", str(out)])
    assert code == 1
    assert out.read_text(encoding="utf-8") == "ne pas écraser"
    assert "existe déjà" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "message"), [
    (["--call", "blois-2099"], "Appel à projets inconnu : « blois-2099 »"),
])
def test_renew_unknown_call_exits_2(tmp_path, capsys, args, message):
    code = main.main(["renew", str(EXAMPLES_DIR / "blois-2021-culture.cdv.json"), *args, "--out",
                      str(tmp_path / "x")])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_renew_damaged_dossier_exits_2(tmp_path, capsys):
    bad = tmp_path / "abime.cdv.json"
    bad.write_text("{pas du json", encoding="utf-8")
    assert main.main(["renew", str(bad), "--call", "blois-2023", "--out", str(tmp_path / "x")]) == 2
    assert "endommagé" in capsys.readouterr().err
    assert bad.read_text(encoding="utf-8") == "{pas du json"


def test_compte_rendu_from_the_forecast(tmp_path, capsys):
    code = main.main(["compte-rendu", str(EXAMPLES_DIR / "blois-2021-culture.cdv.json"), "--out", str(tmp_path)])
    assert code == 0
    captured = capsys.readouterr()
    files = sorted(p.suffix for p in tmp_path.iterdir())
    assert files == [".docx", ".pdf"]
    assert "reprend le budget prévisionnel" in captured.err
    assert "À remettre au plus tard le 30 juin 2022" in captured.err


def test_compte_rendu_from_the_actual_figures(tmp_path, capsys):
    d = load_dossier(EXAMPLES_DIR / "amboise-acces-droits.cdv.json")
    start_report(d.actions[0])
    d.actions[0].report.budget.lines["606"] = d.actions[0].budget.lines.get("606", 0) + 90000
    path = tmp_path / "dossier.cdv.json"
    save_dossier(d, path)
    out = tmp_path / "sortie"
    assert main.main(["compte-rendu", str(path), "--out", str(out), "--format", "pdf"]) == 0
    captured = capsys.readouterr()
    assert "reprend le budget prévisionnel" not in captured.err
    assert "À vérifier : Le budget réalisé n'est pas équilibré" in captured.err
    assert [p.suffix for p in out.iterdir()] == [".pdf"]


def test_compte_rendu_unreadable_dossier_exits_2(tmp_path, capsys):
    assert main.main(["compte-rendu", str(tmp_path / "absent.cdv.json"), "--out", str(tmp_path)]) == 2
    assert "n'existe pas" in capsys.readouterr().err
