"""The same dossier open twice (issue 9), with real processes: another instance of the application (or
another program) and this one. Before, both windows said « Enregistré » and one edit was silently lost;
now the second opener is asked (read-only, a copy, take over) and a save over a changed file asks
(keep both, keep mine, see the other one), in French, without overwriting anything unasked."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from wizard_helpers import EXAMPLES

from forms.programmes import default_catalogue
from forms.storage import load_dossier

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "tests" / "forms" / "dossier_process.py"


@pytest.fixture
def dossier_file(library) -> Path:
    path = library.folder / "Insertion.cdv.json"
    shutil.copy(EXAMPLES / "blois-2023-insertion.cdv.json", path)
    return path


@pytest.fixture
def library_window(qtbot, settings):
    from gui.library_window import LibraryWindow

    window = LibraryWindow(settings, catalogue_provider=default_catalogue)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    for dossier_window in list(window.open_windows().values()):
        dossier_window.close()


@pytest.fixture
def processes():
    started: list[subprocess.Popen] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None and not stream.closed:
                stream.close()


def start_application(processes, path: Path, home: Path) -> subprocess.Popen:
    """Another instance of the application, with `path` opened (as from the file manager)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DOSSIER_CDV_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(path)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    processes.append(proc)
    return proc


def start_editor(processes, path: Path, *, take_over: bool = False) -> subprocess.Popen:
    args = [sys.executable, str(HELPER), str(path)] + (["--take-over"] if take_over else [])
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
    processes.append(proc)
    assert proc.stdout.readline().split()[0] == "ouvert"
    return proc


def ask(proc: subprocess.Popen, command: str) -> str:
    proc.stdin.write(command + "\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def press_button(name: str, seen: list[str]):
    def handler(box: QMessageBox) -> None:
        seen.append(f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}")
        box.findChild(object, name).click()

    return handler


def press_button_of_error(seen: list[str]):
    def handler(box: QMessageBox) -> None:
        seen.append(f"{box.windowTitle()}\n{box.text()}")
        box.accept()

    return handler


def lock_holder_pid(path: Path) -> int:
    from forms.dossier_lock import holder  # new with issue 9: this test fails on the code before it

    owner = holder(path)
    return owner.pid if owner else 0


def title_field(window):
    return window.pages["action"].fields["actions[0].title"].widget


def type_title(qtbot, window, text: str) -> None:
    window.show_step("action")
    field = title_field(window)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


# ------------------------------------------------------------------------------------ opening twice
def test_a_dossier_open_in_another_instance_is_not_opened_for_writing(
    qtbot, library_window, dossier_file, processes, on_modal, tmp_path
):
    other = start_application(processes, dossier_file, tmp_path / "autre-session")
    qtbot.waitUntil(lambda: lock_holder_pid(dossier_file) == other.pid, timeout=60_000)
    before = dossier_file.read_bytes()

    seen: list[str] = []
    on_modal(press_button("read_only", seen))
    window = library_window.open_dossier(dossier_file)
    assert seen and "Dossier déjà ouvert" in seen[0]
    assert "est déjà ouvert" in seen[0] and "sur cet ordinateur" in seen[0]
    assert window is not None and window.ctx.read_only
    assert "(lecture seule)" in window.windowTitle()
    assert window.save_label.text().startswith("Lecture seule")
    assert title_field(window).isReadOnly()
    window.ctx.dossier.action.title = "Changé ici"
    window.ctx.touch("actions[0].title")
    assert window.ctx.flush()
    window.close()
    assert dossier_file.read_bytes() == before  # the other instance's file is untouched

    on_modal(press_button("copy", seen))
    copy_window = library_window.open_dossier(dossier_file)
    assert copy_window is not None and not copy_window.ctx.read_only
    copy_path = copy_window.ctx.path
    assert copy_path != dossier_file and copy_path.parent == dossier_file.parent
    assert "(copie du " in copy_path.name
    type_title(qtbot, copy_window, "Ma version")
    assert copy_window.ctx.flush()
    assert load_dossier(copy_path).action.title == "Ma version"
    assert dossier_file.read_bytes() == before
    copy_window.close()

    library_window.select_path(dossier_file)
    on_modal(press_button_of_error(seen))
    assert library_window.delete_selected() is None  # not moved to the bin under the other instance
    assert dossier_file.exists() and "Dossier ouvert" in seen[-1]

    other.send_signal(signal.SIGKILL)  # the other instance crashes: its lock must not stay stuck
    other.wait(timeout=30)
    window = library_window.open_dossier(dossier_file)  # no question this time
    assert window is not None and not window.ctx.read_only and window.ctx.lock is not None


# ------------------------------------------------------------------------------------ saving over a change
def _open_and_edit_then_other_saves(qtbot, library_window, dossier_file, processes):
    window = library_window.open_dossier(dossier_file)
    assert window is not None and window.ctx.lock is not None
    window.ctx.dossier.action.description = "Description de cette fenêtre"
    window.ctx.touch("actions[0].description")
    other = start_editor(processes, dossier_file, take_over=True)  # B takes the dossier over
    assert ask(other, "set actions[0].title Titre de l'autre fenêtre") == "ok"
    assert ask(other, "save") == "enregistre"
    return window, other


def test_a_save_over_a_changed_file_keeps_both_versions(qtbot, library_window, dossier_file, processes, on_modal):
    window, _other = _open_and_edit_then_other_saves(qtbot, library_window, dossier_file, processes)
    seen: list[str] = []
    on_modal(press_button("keep_both", seen))
    with qtbot.waitSignal(window.ctx.saved):
        window.save_now()
    assert seen and "Le dossier a changé ailleurs" in seen[0] and "Rien n'a été écrasé" in seen[0]
    on_disk = load_dossier(dossier_file)
    assert on_disk.action.title == "Titre de l'autre fenêtre"  # B's edit kept
    assert on_disk.action.description != "Description de cette fenêtre"
    mine = load_dossier(window.ctx.path)
    assert window.ctx.path != dossier_file
    assert mine.action.description == "Description de cette fenêtre"  # A's edit kept, in its own file
    assert library_window.open_windows().get(window.ctx.path) is window
    assert "cdv.json" in window.statusBar().currentMessage()

    # and again, on the copy: the window is known by its newest file only
    first_copy = window.ctx.path
    third = start_editor(processes, first_copy, take_over=True)
    assert ask(third, "save") == "enregistre"
    window.ctx.dossier.action.objectives = "Objectifs de cette fenêtre"
    on_modal(press_button("keep_both", seen))
    with qtbot.waitSignal(window.ctx.saved):
        window.save_now()
    assert window.ctx.path not in (first_copy, dossier_file)
    assert [p for p, w in library_window.open_windows().items() if w is window] == [window.ctx.path]
    assert load_dossier(window.ctx.path).action.objectives == "Objectifs de cette fenêtre"


def test_a_save_over_a_changed_file_can_take_over(qtbot, library_window, dossier_file, processes, on_modal):
    window, other = _open_and_edit_then_other_saves(qtbot, library_window, dossier_file, processes)
    on_modal(press_button("take_over", []))
    with qtbot.waitSignal(window.ctx.saved):
        window.save_now()
    assert load_dossier(dossier_file).action.description == "Description de cette fenêtre"
    assert ask(other, "save") == "perdu"  # B is told instead of overwriting A in turn
    assert load_dossier(dossier_file).action.description == "Description de cette fenêtre"


def test_a_save_over_a_changed_file_can_show_the_other_version(
    qtbot, library_window, dossier_file, processes, on_modal
):
    window, _other = _open_and_edit_then_other_saves(qtbot, library_window, dossier_file, processes)
    before = dossier_file.read_bytes()
    on_modal(press_button("read_only", []))
    window.save_now()
    qtbot.waitUntil(lambda: not window.isVisible())
    qtbot.waitUntil(lambda: dossier_file in library_window.open_windows())
    reopened = library_window.open_windows()[dossier_file]
    assert reopened is not window and reopened.ctx.read_only
    assert title_field(reopened).text() == "Titre de l'autre fenêtre"
    assert dossier_file.read_bytes() == before


def test_the_lock_is_given_back_when_the_window_closes(qtbot, library_window, dossier_file):
    stale = dossier_file.with_name(f".{dossier_file.name}.k2j4h5g6.tmp")  # left by a crash during a save
    stale.write_bytes(dossier_file.read_bytes())
    window = library_window.open_dossier(dossier_file)
    assert not stale.exists()  # removed on opening: no save of it can be running, the lock is ours
    assert lock_holder_pid(dossier_file) == os.getpid()
    window.close()
    assert lock_holder_pid(dossier_file) == 0
    assert not any(p.name.endswith(".verrou") for p in dossier_file.parent.iterdir())


def test_a_text_repaired_on_opening_is_told(qtbot, library_window, dossier_file, on_modal):
    text = dossier_file.read_text(encoding="utf-8")
    title = load_dossier(dossier_file).action.title
    dossier_file.write_text(text.replace(title, "Fête \\ud83d", 1), encoding="utf-8")
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(f"{box.windowTitle()}\n{box.text()}")
        box.accept()

    on_modal(read)
    window = library_window.open_dossier(dossier_file)
    assert seen and seen[0].startswith("Texte réparé") and "« Titre de l'action »" in seen[0]
    assert title_field(window).text() == "Fête \ufffd"
    window.ctx.touch("actions[0].title")
    assert window.ctx.flush()  # and it saves (every autosave failed before)
    assert load_dossier(dossier_file).action.title == "Fête \ufffd"


# bringing the window to the front: the offscreen platform has no window manager to ask
@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)",
                           r"This plugin does not support propagateSizeHints")
def test_the_same_file_under_another_name_is_one_window(qtbot, library_window, dossier_file, tmp_path):
    link = tmp_path / "raccourci.cdv.json"
    link.symlink_to(dossier_file)
    window = library_window.open_dossier(dossier_file)
    assert library_window.open_dossier(link) is window  # no « déjà ouvert » question about itself
