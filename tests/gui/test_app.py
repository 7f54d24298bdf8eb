"""The application shell: French Qt, the log file, the exception hook, start-up and reopening."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_dossier
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWizard,
)

from forms.library import Library
from forms.storage import DossierFileError, load_dossier, save_dossier
from gui import app as gui_app
from gui import errors

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------------------------------- French
def test_standard_buttons_are_in_french(qapp, qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Save)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert {"Annuler", "Fermer", "Enregistrer"} <= texts


def test_message_box_buttons_are_in_french(qapp, qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "Question", "Continuer ?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Oui", "Non"}


def test_wizard_buttons_are_in_french(qapp, qtbot):
    wizard = QWizard()
    qtbot.addWidget(wizard)
    texts = {wizard.buttonText(which).replace("&", "") for which in (
        QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
        QWizard.WizardButton.CancelButton, QWizard.WizardButton.FinishButton)}
    assert any(t.startswith("Suivant") for t in texts)
    assert any("Précédent" in t for t in texts)
    assert "Annuler" in texts and "Terminer" in texts


def test_file_dialog_is_in_french(qapp, qtbot):
    dialog = QFileDialog(None, "Importer un dossier")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    qtbot.addWidget(dialog)
    texts = {b.text().replace("&", "") for b in dialog.findChildren(QPushButton)}
    assert "Ouvrir" in texts and "Annuler" in texts


def test_locale_is_french(qapp):
    assert QLocale().language() == QLocale.Language.French
    assert QLocale().toString(1234.5, "f", 2) == "1\u202f234,50"
    assert qapp.applicationName() == gui_app.APP_NAME


# ------------------------------------------------------------------------------------------- errors
def test_log_file_goes_to_the_private_log_folder(private_home):
    path = errors.setup_logging()
    try:
        logging.getLogger("test").warning("un message de test")
        assert path.parent == private_home / "logs"
        assert "un message de test" in path.read_text(encoding="utf-8")
    finally:
        _remove_log_handler()


def _remove_log_handler() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "dossier_cdv", False):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def logged(private_home):
    path = errors.setup_logging()
    yield path
    _remove_log_handler()


def _raise(exc: BaseException):
    try:
        raise exc
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def test_unexpected_error_saves_the_dossier_and_explains_in_french(qapp, on_modal, logged):
    saved = []
    unregister = errors.register_emergency_save(lambda: saved.append("ok"))
    seen: list[tuple[str, str, str]] = []
    try:
        on_modal(lambda box: (seen.append((box.windowTitle(), box.text(), box.detailedText())), box.accept()))
        errors.handle_exception(*_raise(ZeroDivisionError("division par zéro")))
    finally:
        unregister()
    assert saved == ["ok"]
    title, text, details = seen[0]
    assert title == "Erreur inattendue"
    assert "rien n'est perdu" in text
    assert str(logged) in text
    assert "ZeroDivisionError" in details
    assert "ZeroDivisionError" in logged.read_text(encoding="utf-8")
    assert errors.emergency_save_count() == 0


def test_a_failing_emergency_save_is_reported(qapp, on_modal, logged):
    def fail():
        raise DossierFileError("x.cdv.json", "Impossible d'enregistrer « x.cdv.json » : disque plein.")

    unregister = errors.register_emergency_save(fail)
    seen: list[str] = []
    try:
        on_modal(lambda box: (seen.append(box.text()), box.accept()))
        errors.handle_exception(*_raise(RuntimeError("panne")))
    finally:
        unregister()
    assert "disque plein" in seen[0]
    assert "rien n'est perdu" not in seen[0]


def test_excepthook_is_installed_by_the_application(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    assert sys.excepthook is errors.handle_exception


# ------------------------------------------------------------------------------------------- start
@pytest.fixture
def in_process_gui(monkeypatch, qtbot, catalogue):
    """run_gui() in this process: the event loop is replaced by a wait until a dossier window opens."""
    from gui import library_window

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(errors, "install_qt_message_handler", lambda: None)  # keep pytest-qt's
    monkeypatch.setattr(errors, "setup_logging", lambda: Path("journal.log"))
    monkeypatch.setattr(errors, "install_fault_handler", lambda: None)  # keep pytest's
    monkeypatch.setattr(library_window, "default_catalogue", lambda: catalogue)
    monkeypatch.setitem(sys.modules, "gui.wizard.window", None)
    windows: list = []
    original_init = library_window.LibraryWindow.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        windows.append(self)
        qtbot.addWidget(self)

    monkeypatch.setattr(library_window.LibraryWindow, "__init__", init)

    def fake_exec(*_args) -> int:
        qtbot.waitUntil(lambda: bool(windows and windows[0].open_windows()))
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    return windows


def test_dossier_option_opens_that_file(in_process_gui, tmp_path):
    path = tmp_path / "reçu.cdv.json"
    save_dossier(make_dossier("Jardin partagé", "Les Jardiniers"), path)
    assert gui_app.run_gui(dossier=str(path)) == 0
    window = in_process_gui[0]
    assert list(window.open_windows()) == [path]


def test_reopening_brings_back_the_last_open_dossier(in_process_gui, settings):
    library = Library(settings.library_dir)
    path = library.create(make_dossier("Atelier couture", "Fil d'Ariane"))
    settings.set("last_dossier", str(path))
    settings.save()
    assert gui_app.run_gui() == 0
    assert list(in_process_gui[0].open_windows()) == [path]


def test_after_an_abnormal_end_the_next_start_says_the_dossier_was_recovered(in_process_gui, settings, qtbot):
    from forms import session

    library = Library(settings.library_dir)
    path = library.create(make_dossier("Atelier couture", "Fil d'Ariane"))
    settings.set("last_dossier", str(path))
    settings.save()
    crashed = subprocess.Popen([sys.executable, "-c", "pass"])
    crashed.wait()
    session.begin_session(crashed.pid)  # a run that started and never ended
    saved_at = load_dossier(path).meta.modified

    assert gui_app.run_gui() == 0
    assert list(in_process_gui[0].open_windows()) == [path]  # the dossier is reopened
    box = None

    def shown() -> bool:
        nonlocal box
        box = next((w for w in QApplication.topLevelWidgets() if w.objectName() == "recoveryBox"
                    and w.isVisible()), None)
        return box is not None

    qtbot.waitUntil(shown)
    saved = dt.datetime.fromisoformat(saved_at).astimezone().replace(tzinfo=None)
    assert box.windowTitle() == "Dossier récupéré"
    assert box.text().startswith("La dernière fois, l'application ne s'est pas fermée normalement")
    assert (f"Le dossier « Atelier couture » a été récupéré tel qu'il était enregistré le "
            f"{saved:%d/%m/%Y} à {saved:%H:%M}.") in box.text()
    box.accept()
    assert session.begin_session() == []  # the run above ended normally: nothing to say next time
    session.end_session()


def test_a_normal_start_says_nothing_about_recovery(in_process_gui, settings, qtbot):
    library = Library(settings.library_dir)
    path = library.create(make_dossier("Atelier couture", "Fil d'Ariane"))
    settings.set("last_dossier", str(path))
    settings.save()
    assert gui_app.run_gui() == 0
    qtbot.wait(50)
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "recoveryBox"]


def shown_window(name: str):
    return next((w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()), None)


def run_until(monkeypatch, qtbot, name: str) -> None:
    """run_gui() whose event loop ends once the window `name` shows (no dossier opens at these starts)."""
    def fake_exec(*_args) -> int:
        qtbot.waitUntil(lambda: shown_window(name) is not None)
        qtbot.wait(50)  # what the start-up queued after it has run too
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert gui_app.run_gui() == 0


def test_the_first_start_shows_the_guided_tour_and_no_recovery(in_process_gui, monkeypatch, qtbot):
    run_until(monkeypatch, qtbot, "guidedTour")
    assert shown_window("recoveryBox") is None
    shown_window("guidedTour").reject()  # Échap / « Passer la visite »


def test_after_an_abnormal_end_the_recovery_is_said_instead_of_the_tour(in_process_gui, monkeypatch, qtbot):
    """Nothing to reopen, the tour not seen yet: the message about the abnormal end shows, not the tour
    (the tour comes at a later, normal start)."""
    from forms import session

    crashed = subprocess.Popen([sys.executable, "-c", "pass"])
    crashed.wait()
    session.begin_session(crashed.pid)
    run_until(monkeypatch, qtbot, "recoveryBox")
    assert shown_window("guidedTour") is None
    shown_window("recoveryBox").accept()
    session.end_session()


def test_a_fatal_error_is_written_into_the_log_file(private_home):
    """faulthandler writes into the application's log: a process that aborts leaves its cause there."""
    code = ("from gui import errors; import faulthandler; errors.setup_logging(); "
            "errors.install_fault_handler(); faulthandler._sigabrt()")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(private_home),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    text = (private_home / "logs" / errors.LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Aborted" in text
    assert 'File "<string>", line 1 in <module>' in text


def test_after_a_rotation_the_fatal_error_goes_into_the_new_private_log(private_home):
    """One handler: private files (issue 9) and faulthandler moved to the new file at a rotation (issue 8)."""
    code = ("from gui import errors; import faulthandler, logging; errors.setup_logging(); "
            "errors.install_fault_handler(); "
            "[h.doRollover() for h in logging.getLogger().handlers if getattr(h, 'dossier_cdv', False)]; "
            "faulthandler._sigabrt()")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(private_home),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    current = private_home / "logs" / errors.LOG_FILE_NAME
    rotated = current.with_name(f"{errors.LOG_FILE_NAME}.1")
    assert "Fatal Python error: Aborted" in current.read_text(encoding="utf-8")
    assert "Fatal Python error" not in rotated.read_text(encoding="utf-8")
    if os.name == "posix":
        assert {current.stat().st_mode & 0o777, rotated.stat().st_mode & 0o777} == {0o600}


def test_a_vanished_last_dossier_is_not_reopened(tmp_path):
    assert gui_app._dossier_to_reopen(str(tmp_path / "parti.cdv.json")) == ""
    assert gui_app._dossier_to_reopen("") == ""


def _env(private_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", DOSSIER_CDV_HOME=str(private_home), DOSSIER_CDV_BENCH_QUIT="1")
    return env


def test_main_opens_the_window_and_quits_in_bench_mode(private_home):
    """End to end, as a user starts it: `python main.py` (its bench mode quits once the window shows)."""
    result = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=_env(private_home),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shown ")
    assert 0 < float(result.stdout.split()[1]) < 30
    assert (private_home / "logs" / errors.LOG_FILE_NAME).is_file()


def test_starting_the_gui_does_not_import_heavy_modules():
    """The window shows before the catalogue, the rules, the exports or the keyring are loaded."""
    code = ("import sys; import gui.app, gui.library_window; "
            "print(' '.join(m for m in ('yaml', 'keyring', 'rules', 'docx', 'reportlab', 'shapely', "
            "'forms.programmes_data', 'gui.wizard') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


@pytest.mark.parametrize(("argv", "expected"), [
    ([], (True, None)),
    (["--dossier", "a.cdv.json"], (True, "a.cdv.json")),
    (["--dossier=b.cdv.json"], (True, "b.cdv.json")),
    (["--help"], (False, None)),
    (["check", "a.cdv.json"], (False, None)),
    (["--dossier"], (False, None)),
    (["/home/a/Reçu.cdv.json"], (True, "/home/a/Reçu.cdv.json")),  # the .desktop file's `%f`
    (["a.cdv.json", "b.cdv.json"], (False, None)),
])
def test_main_opens_the_gui_without_building_every_command(argv, expected):
    import main

    assert main.gui_only(argv) == expected


def test_garbage_is_collected_in_the_ui_thread_only(qapp, qtbot) -> None:
    """Worker threads (states, suggester, export) never run the cyclic collector: the UI thread does, on a
    timer, with Python's own thresholds (a widget finalised in a worker thread aborts the process)."""
    import gc

    from gui.gc_guard import MainThreadCollector

    assert not gc.isenabled()
    collector = qapp.findChild(MainThreadCollector)
    assert collector is not None and collector.timer.isActive()

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    gc.collect()
    for _ in range(collector.thresholds[0] + 50):
        Cycle()
    assert gc.get_count()[0] > collector.thresholds[0]
    qtbot.waitUntil(lambda: gc.get_count()[0] < collector.thresholds[0], timeout=5000)
