"""Call files dropped into the user's data folder (forms/user_programmes.py): added, replacing an older
shipped file, or left aside with a French reason — never a failure of the shipped data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from forms.programmes import RESOURCES_DIR, load_catalogue
from forms.user_programmes import merge_user_calls

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_2023 = RESOURCES_DIR / "programmes" / "blois" / "appel-2023.yaml"


@pytest.fixture(scope="module")
def shipped():
    return load_catalogue(RESOURCES_DIR)


def write_call(folder: Path, name: str, *, replace: dict[str, str] | None = None, mtime: float | None = None) -> Path:
    text = SHIPPED_2023.read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_a_new_call_is_added(shipped, tmp_path: Path):
    path = write_call(tmp_path, "blois/appel-2025.yaml", replace={"id: blois-2023": "id: blois-2025",
                                                                  "year: 2023": "year: 2025"})
    catalogue, report = merge_user_calls(shipped, tmp_path)
    assert catalogue.calls["blois-2025"].year == 2025
    assert [c.id for c in catalogue.calls_of("blois")] == ["blois-2021", "blois-2023", "blois-2025"]
    assert [(v.path, v.user, v.used) for v in report.versions["blois-2025"]] == [(path, True, True)]
    assert report.ignored == [] and report.message() == ""
    assert "blois-2025" not in shipped.calls  # the shipped catalogue is not changed


def test_a_newer_user_file_replaces_the_shipped_call_and_both_are_listed(shipped, tmp_path: Path):
    newer = SHIPPED_2023.stat().st_mtime + 60
    path = write_call(tmp_path, "appel-2023.yaml", mtime=newer,
                      replace={'title: "Appel à projets 2023': 'title: "Appel corrigé 2023'})
    catalogue, report = merge_user_calls(shipped, tmp_path)
    assert catalogue.calls["blois-2023"].title.startswith("Appel corrigé 2023")
    versions = report.versions["blois-2023"]
    assert [(v.path, v.user, v.used) for v in versions] == [(SHIPPED_2023, False, False), (path, True, True)]
    assert "non utilisé" in versions[0].describe() and "livré avec l'application" in versions[0].describe()
    assert versions[1].describe().startswith("de votre dossier de données")


def test_an_older_user_file_leaves_the_shipped_call_in_use(shipped, tmp_path: Path):
    older = SHIPPED_2023.stat().st_mtime - 60
    path = write_call(tmp_path, "appel-2023.yaml", replace={'title: "Appel à projets 2023': 'title: "Ancien 2023'},
                      mtime=older)
    catalogue, report = merge_user_calls(shipped, tmp_path)
    assert catalogue.calls["blois-2023"] is shipped.calls["blois-2023"]
    assert [(v.path, v.used) for v in report.versions["blois-2023"]] == [(SHIPPED_2023, True), (path, False)]


def test_the_same_time_keeps_the_shipped_file(shipped, tmp_path: Path):
    write_call(tmp_path, "appel-2023.yaml", mtime=SHIPPED_2023.stat().st_mtime)
    catalogue, _report = merge_user_calls(shipped, tmp_path)
    assert catalogue.calls["blois-2023"] is shipped.calls["blois-2023"]


@pytest.mark.parametrize(("replace", "reason"), [
    ({"id: blois-2023": "id: blois-2026\nbudget_max: 3"}, "budget_max"),  # unknown key
    ({"id: blois-2023": "id: blois-2026", "territory: blois": "territory: tours"}, "territoire « tours » inconnu"),
    ({"id: blois-2023": "id: blois-2026", "doc: blois-appel-2023": "doc: blois-appel-2026"},
     "source « blois-appel-2026 » inconnue"),
    ({"id: blois-2023": "id: blois-2026", "year: 2023": "year: deux mille"}, "year"),
])
def test_an_invalid_file_is_left_aside_with_a_french_reason(shipped, tmp_path: Path, replace, reason):
    path = write_call(tmp_path, "appel-2026.yaml", replace=replace)
    catalogue, report = merge_user_calls(shipped, tmp_path)
    assert "blois-2026" not in catalogue.calls
    assert catalogue.calls.keys() == shipped.calls.keys()
    assert [p for p, _why in report.ignored] == [path]
    assert reason in report.ignored[0][1]
    assert report.message().startswith("Des fichiers d'appel à projets de votre dossier de données ont été ignorés")
    assert "« appel-2026.yaml » :" in report.message()


def test_broken_yaml_and_unreadable_text_are_left_aside(shipped, tmp_path: Path):
    (tmp_path / "casse.yaml").write_text("id: [\n", encoding="utf-8")
    (tmp_path / "latin1.yaml").write_bytes("id: é".encode("latin-1"))
    write_call(tmp_path, "appel-2025.yaml", replace={"id: blois-2023": "id: blois-2025"})
    catalogue, report = merge_user_calls(shipped, tmp_path)
    assert sorted(p.name for p, _ in report.ignored) == ["casse.yaml", "latin1.yaml"]
    reasons = dict((p.name, why) for p, why in report.ignored)
    assert reasons["casse.yaml"] == "le texte n'est pas du YAML valable à la ligne 2 (erreur d'écriture)"
    assert reasons["latin1.yaml"].startswith("fichier illisible")
    assert "blois-2025" in catalogue.calls  # the valid file next to them is used


def test_a_user_sources_file_lets_a_new_call_cite_its_text(shipped, tmp_path: Path):
    (tmp_path / "sources.yaml").write_text(
        "documents:\n  - id: blois-appel-2026\n    title: Appel à projets 2026 de Blois\n    kind: reference\n",
        encoding="utf-8")
    write_call(tmp_path, "appel-2026.yaml", replace={"id: blois-2023": "id: blois-2026",
                                                     "doc: blois-appel-2023": "doc: blois-appel-2026"})
    catalogue, report = merge_user_calls(shipped, tmp_path)
    assert report.ignored == []
    call = catalogue.calls["blois-2026"]
    assert catalogue.describe_source(call.source).startswith("Appel à projets 2026 de Blois")


def test_no_folder_no_change(shipped, tmp_path: Path):
    catalogue, report = merge_user_calls(shipped, tmp_path / "absent")
    assert catalogue is shipped and report.versions == {} and report.ignored == []


def test_cli_programmes_lists_both_files_and_reports_the_invalid_one(tmp_path: Path):
    folder = tmp_path / "home" / "data" / "programmes"
    user = write_call(folder, "appel-2023.yaml", mtime=SHIPPED_2023.stat().st_mtime + 60)
    (folder / "casse.yaml").write_text("id: [\n", encoding="utf-8")
    env = {**os.environ, "DOSSIER_CDV_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "programmes"], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "fichier livré avec l'application, modifié le" in result.stdout
    assert f"non utilisé (l'autre fichier est plus récent) — {SHIPPED_2023}" in result.stdout
    assert f": utilisé — {user}" in result.stdout
    assert "« casse.yaml » :" in result.stderr
    assert "Traceback" not in result.stderr
