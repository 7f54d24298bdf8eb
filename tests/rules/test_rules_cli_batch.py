"""`check` and `export` as tools (issue 9): no export stack nor shapely imported by `check` unless needed,
several dossiers and folders, one line each and a summary, the worst exit code, a damaged dossier reported
and skipped, progress on a terminal, both cores used."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import main
from forms.programmes import RESOURCES_DIR
from forms.storage import load_dossier, save_dossier

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = RESOURCES_DIR / "examples"
HEAVY = ("reportlab", "docx", "shapely", "numpy")


def _without_location(tmp_path: Path) -> Path:
    dossier = load_dossier(EXAMPLES / "blois-2023-insertion.cdv.json")
    for action in dossier.actions:
        action.location = None
    path = tmp_path / "sans-lieu.cdv.json"
    save_dossier(dossier, path)
    return path


def _modules_after(argv: list[str]) -> tuple[int, set[str]]:
    code = (
        "import sys, main\n"
        f"code = main.main({argv!r})\n"
        f"print('MODULES', sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))\n"
        "sys.stdout.flush()\n"
        "import os; os._exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    line = next(x for x in result.stdout.splitlines() if x.startswith("MODULES "))
    return result.returncode, set(eval(line.removeprefix("MODULES ")))  # a printed list of names


def test_check_imports_neither_the_export_stack_nor_shapely(tmp_path):
    code, heavy = _modules_after(["check", str(_without_location(tmp_path))])
    assert code == 0
    assert heavy == set()


def test_check_imports_shapely_only_for_a_location(tmp_path):
    code, heavy = _modules_after(["check", str(EXAMPLES / "blois-2023-insertion.cdv.json")])
    assert code == 0
    assert "shapely" in heavy
    assert not heavy & {"reportlab", "docx"}


def test_programmes_imports_nothing_heavy():
    code, heavy = _modules_after(["programmes"])
    assert code == 0 and heavy == set()


# ------------------------------------------------------------------------------------ several dossiers
@pytest.fixture
def folder(tmp_path) -> Path:
    """A library: the three examples, one with a blocking point, one damaged, and the bin (left out)."""
    lib = tmp_path / "Dossiers"
    lib.mkdir()
    for example in sorted(EXAMPLES.glob("*.cdv.json")):
        shutil.copy(example, lib / example.name)
    blocking = load_dossier(EXAMPLES / "blois-2023-insertion.cdv.json")
    blocking.attestation.cer_subscribed = False
    save_dossier(blocking, lib / "sans-cer.cdv.json")
    (lib / "abime.cdv.json").write_text("{ abîmé", encoding="utf-8")
    (lib / "Corbeille").mkdir()
    shutil.copy(lib / "abime.cdv.json", lib / "Corbeille" / "ancien.cdv.json")
    return lib


def test_check_of_a_folder_reports_each_a_summary_and_the_worst_code(folder, capsys):
    assert main.main(["check", str(folder)]) == 2
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len([x for x in lines if x.startswith("[")]) == 5  # the bin's file is not one of them
    assert "[illisible] abime.cdv.json : « abime.cdv.json » est endommagé" in out
    assert "[bloquant] sans-cer.cdv.json : 1 bloquant" in out
    assert "[ok] blois-2023-insertion.cdv.json" in out
    assert lines[-1] == ("En résumé : 5 dossiers vérifiés — 3 sans point bloquant, 1 avec des points "
                         "bloquants, 1 illisible.")


def test_check_of_several_files_exits_with_the_worst(folder, capsys):
    ok = folder / "blois-2023-insertion.cdv.json"
    assert main.main(["check", str(ok), str(folder / "amboise-acces-droits.cdv.json")]) == 0
    assert main.main(["check", str(ok), str(folder / "sans-cer.cdv.json")]) == 1
    assert main.main(["check", str(folder / "sans-cer.cdv.json"), str(folder / "absent.cdv.json")]) == 2
    assert "n'existe pas" in capsys.readouterr().out


def test_check_of_several_files_in_json(folder, capsys):
    assert main.main(["check", str(folder), "--json"]) == 2
    captured = capsys.readouterr()
    items = json.loads(captured.out)
    assert [Path(i["fichier"]).name for i in items] == sorted(p.name for p in folder.glob("*.cdv.json"))
    by_name = {Path(i["fichier"]).name: i for i in items}
    assert by_name["abime.cdv.json"]["code"] == 2 and "endommagé" in by_name["abime.cdv.json"]["erreur"]
    assert any(p["rule"] == "laicite.cer" for p in by_name["sans-cer.cdv.json"]["points"])
    assert "En résumé" in captured.err


def test_export_of_a_library_into_one_folder(folder, tmp_path, capsys):
    out = tmp_path / "exports"
    shutil.copy(folder / "sans-cer.cdv.json", folder / "sans-cer bis.cdv.json")  # same export name
    assert main.main(["export", str(folder), "--out", str(out), "--format", "pdf"]) == 2
    text = capsys.readouterr().out
    assert "[illisible] abime.cdv.json" in text
    assert text.splitlines()[-1] == f"En résumé : 5 dossiers exportés dans {out}, 1 illisible, 0 non écrit."
    pdfs = sorted(p.name for p in out.iterdir())
    assert len(pdfs) == 5 and all(name.endswith(".pdf") for name in pdfs)
    assert any(name.endswith("blois-2023 (2).pdf") for name in pdfs)  # two of a name: none overwritten
    assert (folder / "abime.cdv.json").read_text(encoding="utf-8") == "{ abîmé"


def test_export_of_good_dossiers_exits_0(folder, tmp_path, capsys):
    files = [str(folder / "blois-2023-insertion.cdv.json"), str(folder / "amboise-acces-droits.cdv.json")]
    assert main.main(["export", *files, "--out", str(tmp_path / "o"), "--format", "docx"]) == 0
    assert "En résumé : 2 dossiers exportés" in capsys.readouterr().out


def test_progress_is_shown_on_a_terminal_only(folder, tmp_path):
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "check", str(folder)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=slave, text=True, encoding="utf-8")
    os.close(slave)
    stdout, _ = proc.communicate(timeout=120)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    terminal = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 2
    assert "5/5 " in terminal and "\r" in terminal  # progress, on one line that is rewritten
    assert "/5 " not in stdout  # the report itself has no progress in it


def test_the_batch_uses_every_core():
    """Two tasks that can only finish together (a barrier for two): they run at the same time, in two
    processes."""
    import multiprocessing

    from forms.batch import run_many, worker_count

    if worker_count(4) < 2:
        pytest.skip("a single core")
    global _barrier
    _barrier = multiprocessing.get_context("fork").Barrier(2, timeout=60)
    try:
        pids = {pid for _path, pid in run_many(_pid_together, [Path("a"), Path("b")])}
    finally:
        _barrier = None
    assert len(pids) == 2 and os.getpid() not in pids


_barrier = None


def _pid_together(path: Path) -> int:
    _barrier.wait()
    return os.getpid()
