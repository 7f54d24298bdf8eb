"""Fixtures for the interface tests: offscreen Qt in French, a private home folder, a test keyring,
a small programme catalogue and dossiers built in the test.

- `QT_QPA_PLATFORM=offscreen` unless the caller chose a platform (e.g. xcb under Xvfb);
- `DOSSIER_CDV_HOME` points at a temporary folder for every test: settings, profiles, logs and the
  library never touch the user's real files;
- keyring is forced to an in-memory backend, so no system keychain is ever asked for a password;
- the QApplication is the application's own (`gui.app.create_application`), so Qt's French
  translations are loaded as in real use.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from forms.library import Library, new_dossier
from forms.model import CallRef, Dossier
from forms.programmes import (
    BudgetPlan,
    Call,
    Catalogue,
    Commune,
    Enjeu,
    Source,
    SourceDocument,
    Territory,
)
from forms.settings import Settings
from forms.storage import save_dossier

# Qt log messages that do not mean anything is wrong (every other warning fails a test):
QT_LOG_IGNORE = (
    # The offscreen platform has no window manager to tell a window's minimum size to; Qt says so
    # each time a top-level window with a layout gets its size constraints. Real platforms don't.
    r"This plugin does not support propagateSizeHints\(\)",
    # Nor a window stack: a dialog shown beside its window (the guided tour) asks to be raised.
    r"This plugin does not support raise\(\)",
)
_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(*QT_LOG_IGNORE))


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in memory, for tests only."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.secrets[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(username) from None


@pytest.fixture(autouse=True)
def test_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("DOSSIER_CDV_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def qapp(qapp_args):  # overrides pytest-qt's: the application's own, with Qt's French translations
    from gui.app import create_application

    return create_application(qapp_args)


# ----------------------------------------------------------------------------------------- catalogue
_SRC = Source(doc="test", section="tests")


def _territory(tid: str, name: str, label: str) -> Territory:
    return Territory(
        id=tid, name=name, communes=[Commune(name, "00000")], contract_title=f"Contrat de ville de {name}",
        contract_period="2015-2022", summary=f"Le contrat de ville de {name}.", enjeu_label=label,
        enjeu_label_plural=label + "s",
        enjeux=[Enjeu(id="E1", number=1, title="Premier enjeu", source=_SRC)], source=_SRC,
    )


def _call(cid: str, territory: str, year: int, title: str, *, deadline: dt.date | None = None,
          period: str = "") -> Call:
    return Call(
        id=cid, territory=territory, year=year, title=title,
        summary=f"L'appel à projets {year} finance des actions pour les habitants des quartiers prioritaires.",
        geography="qpv-2015", quartiers=[], operational_priorities=[], transversal=[], cofunders=[],
        documents=[], source=_SRC, deadline=deadline, period_text=period,
    )


def make_catalogue(root: Path) -> Catalogue:
    territories = {"blois": _territory("blois", "Blois", "Enjeu"),
                   "amboise": _territory("amboise", "Amboise", "Priorité")}
    calls = {c.id: c for c in (
        _call("blois-2021", "blois", 2021, "Appel à projets contrat de ville 2021", period="octobre 2020"),
        _call("blois-2023", "blois", 2023, "Appel à projets contrat de ville 2023",
              deadline=dt.date(2022, 11, 18)),
        _call("amboise-2023", "amboise", 2023, "Appel à projets politique de la ville 2023",
              period="entre octobre et novembre 2022"),
    )}
    return Catalogue(
        sources={"test": SourceDocument(id="test", title="Tests", kind="reference")},
        territories=territories, calls=calls, geographies={}, glossary=[],
        budget_plan=BudgetPlan(categories=[], source=_SRC), parameters={}, root=root,
    )


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    return make_catalogue(tmp_path)


# ----------------------------------------------------------------------------------------- dossiers
def make_dossier(title: str, association: str, call: str = "blois-2023", *, exported: str = "") -> Dossier:
    territory, year = call.rsplit("-", 1)
    dossier = new_dossier(CallRef(territory=territory, call=call, year=int(year)))
    dossier.action.title = title
    dossier.association.identity.name = association
    dossier.meta.exported = exported
    return dossier


EXAMPLE_DOSSIERS = (
    ("Atelier couture et français", "Fil d'Ariane", "blois-2023", ""),
    ("Éveil musical au Pôle Mirabeau", "Musiques des Quartiers Nord", "blois-2021", "2021-03-02T10:00:00+01:00"),
    ("Accès aux droits numériques", "Point Écoute Amboise", "amboise-2023", ""),
)


@pytest.fixture
def settings(private_home: Path) -> Settings:
    return Settings()


@pytest.fixture
def library(settings: Settings) -> Library:
    lib = Library(settings.library_dir)
    lib.ensure()
    return lib


@pytest.fixture
def filled_library(library: Library) -> Library:
    """The library with three dossiers (one exported) and one damaged file."""
    for title, association, call, exported in EXAMPLE_DOSSIERS:
        save_dossier(make_dossier(title, association, call, exported=exported),
                     library.folder / f"{title}.cdv.json")
    (library.folder / "Abîmé.cdv.json").write_text("{ ceci n'est pas du JSON", encoding="utf-8")
    return library


@pytest.fixture
def make_window(qtbot, settings: Settings, catalogue: Catalogue):
    """A factory: the library window on the test library, shown, with its states computed."""
    from gui.library_window import LibraryWindow

    def factory(**kwargs) -> LibraryWindow:
        window = LibraryWindow(settings, catalogue_provider=lambda: catalogue, **kwargs)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.states_ready, timeout=10_000):
            window.show()
        qtbot.waitExposed(window)
        return window

    return factory


@pytest.fixture
def no_wizard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Open dossiers in the read-only summary, whatever the state of gui.wizard."""
    import sys

    monkeypatch.setitem(sys.modules, "gui.wizard.window", None)


@pytest.fixture
def on_modal(qtbot):
    """`on_modal(handler)`: once the code under test shows a modal dialog (and blocks in its exec()),
    call `handler(dialog)` to drive it like a user. The dialog is closed if the handler fails, so a
    failing test never hangs on a modal.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    handled: list[object] = []

    def arm(handler, *, attempts: int = 500) -> None:
        def poll(left: int = attempts) -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None or dialog in handled:
                if left > 0:
                    QTimer.singleShot(10, lambda: poll(left - 1))
                return
            handled.append(dialog)
            try:
                handler(dialog)
            finally:
                if dialog.isVisible() and isinstance(dialog, QDialog):
                    dialog.reject()

        QTimer.singleShot(0, poll)

    return arm


@pytest.fixture(autouse=True)
def no_real_file_chooser(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that would open the application's file chooser for real (gui.widgets.file_chooser) fails at
    once instead of waiting for ever for a user: patch `open_file` where the page uses it."""
    from PySide6.QtWidgets import QFileDialog

    def refuse(self, *args):
        raise AssertionError("un vrai sélecteur de fichiers s'ouvrirait : remplacez open_file dans le test")

    monkeypatch.setattr(QFileDialog, "exec", refuse)
