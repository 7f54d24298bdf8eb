"""The home window: the dossiers of the library, with search, and what can be done with them.

Social-centre staff keep several residents' dossiers here. Every action is a QAction with a button,
a menu entry and a shortcut; the file operations themselves are in `gui.library_actions`. Opening a
dossier creates the dossier window (`gui.wizard.window.DossierWindow`) or, when it is not available,
a read-only summary.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from forms.library import Library, dossier_file_stem
from forms.settings import Settings
from forms.storage import EXTENSION
from gui.dossier_opening import Opening, prepare_opening
from gui.dossier_states import CatalogueProvider, OnceProvider, StateSignals, StateTask, load_catalogue
from gui.errors import show_error
from gui.library_actions import LibraryFileActions
from gui.library_followup import LibraryFollowUpActions
from gui.library_model import (
    COL_MODIFIED,
    COL_STATE,
    COL_TITLE,
    DamagedRole,
    LibraryFilter,
    LibraryModel,
    PathRole,
)
from gui.widgets.flow_layout import FlowLayout
from gui.widgets.labels import buddy_label, hint_label
from gui.widgets.screen_fit import clamp_to_screen

if TYPE_CHECKING:
    from forms.model import Dossier
    from forms.programmes import Catalogue

log = logging.getLogger(__name__)

APP_TITLE = "Dossiers contrat de ville"
STATUS_TIMEOUT_MS = 20_000
MAX_COLUMN_CHARS = 26  # widest a column other than the title gets, in average characters
EMPTY_LIBRARY = ("Vous n'avez pas encore de dossier. Choisissez « Nouveau dossier » pour commencer, "
                 "ou « Importer » pour ajouter un dossier que l'on vous a envoyé.")
NO_MATCH = "Aucun dossier ne correspond à votre recherche."


def default_catalogue() -> Catalogue:
    """The shipped programme data (imported here: reading YAML is not needed to show the window)."""
    from forms.programmes import default_catalogue as load

    return load()


class LibraryWindow(LibraryFileActions, LibraryFollowUpActions, QMainWindow):
    states_ready = Signal()  # the states of the current list are computed (tests wait for it)
    dossier_opened = Signal(Path)

    def __init__(self, settings: Settings, *, library: Library | None = None,
                 catalogue_provider: CatalogueProvider | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.library = library or Library(settings.library_dir)
        self._catalogue_provider = OnceProvider(catalogue_provider or default_catalogue)
        self._catalogue: Catalogue | None = None
        self._catalogue_error = ""
        self._open: dict[Path, QWidget] = {}  # dossier windows by file
        self._undo: list[tuple[Path, str]] = []  # (place in the bin, name shown) of deleted dossiers
        self._signature: tuple = ()
        self._generation = 0
        self._pending_paths: list[Path] | None = None  # files whose state is to compute
        self._painted = False
        self._closing = False
        # Created before the signals object so that, children being deleted in order, the pool waits
        # for its task before the object the task reports to goes away.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = StateSignals(self)
        self._signals.catalogue_loaded.connect(self._on_catalogue_loaded)
        self._signals.states_computed.connect(self._on_states_computed)

        self.setWindowTitle(APP_TITLE)
        self.setObjectName("libraryWindow")
        self.model = LibraryModel(self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build_actions()
        self._build_ui()
        self._build_menus()
        self._restore_geometry()
        self.install_followup_actions()  # renew, follow-up, « Ce qui est dû » (gui.library_followup)
        self.refresh()
        # Enter opens the selected dossier straight away; with no dossier, Enter creates one.
        (self.table if self.proxy.rowCount() else self.buttons["actionNew"]).setFocus()

    # ================================================================================ construction
    def _action(self, name: str, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        K = QKeySequence.StandardKey
        self.act_new = a("actionNew", "&Nouveau dossier…", self.new_dossier, K.New,
                         "Créer un dossier pour un appel à projets")
        self.act_open = a("actionOpen", "&Ouvrir", self.open_selected, K.Open, "Ouvrir le dossier choisi")
        self.act_duplicate = a("actionDuplicate", "D&upliquer", self.duplicate_selected, "Ctrl+D",
                               "Faire une copie du dossier choisi")
        self.act_rename = a("actionRename", "&Renommer…", self.rename_selected, "F2",
                            "Changer le nom du fichier du dossier choisi")
        self.act_delete = a("actionDelete", "&Supprimer", self.delete_selected, K.Delete,
                            "Mettre le dossier choisi à la corbeille (il peut être restauré)")
        self.act_import = a("actionImport", "&Importer un dossier…", self.import_dossier, "Ctrl+I",
                            "Ajouter un fichier de dossier reçu (.cdv.json) à vos dossiers")
        # "Exporter" is kept for the DOCX and PDF made by the dossier window: here the file itself is copied
        self.act_export = a("actionExport", "Enregistrer une co&pie du dossier…", self.export_selected,
                            "Ctrl+Shift+S", "Enregistrer une copie du fichier du dossier ailleurs (clé USB…)")
        self.act_undo = a("actionUndo", "&Annuler la suppression", self.undo_delete, K.Undo,
                          "Remettre le dernier dossier supprimé")
        self.act_bin = a("actionBin", "&Corbeille…", self.show_bin, None, "Voir et restaurer les dossiers supprimés")
        self.act_folder = a("actionFolder", "Ouvrir le &dossier de rangement", self.open_library_folder, None,
                            "Voir les fichiers de vos dossiers dans le gestionnaire de fichiers")
        self.act_library_dir = a("actionLibraryDir", "C&hanger le dossier de rangement…", self.choose_library_folder,
                                 None, "Ranger vos dossiers dans un autre dossier du disque")
        self.act_find = a("actionFind", "&Rechercher", self.focus_search, K.Find, "Aller au champ de recherche")
        self.act_refresh = a("actionRefresh", "Ac&tualiser la liste", self.refresh, K.Refresh)
        self.act_quit = a("actionQuit", "&Quitter", self.close, K.Quit)
        self.act_about = a("actionAbout", "À &propos", self.show_about)

    def _build_ui(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)

        heading = QLabel("Vos dossiers de demande de subvention", central)
        heading.setObjectName("heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)  # relative: it grows with the user's font size
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(hint_label(
            "Choisissez un dossier puis « Ouvrir » (ou double-cliquez dessus, ou appuyez sur Entrée).", central))

        self.catalogue_banner = hint_label("", central)
        self.catalogue_banner.setObjectName("catalogueBanner")
        self.catalogue_banner.hide()
        layout.addWidget(self.catalogue_banner)

        search_row = QHBoxLayout()
        self.search = QLineEdit(central)
        self.search.setObjectName("searchEdit")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Titre, association, appel, état…")
        search_row.addWidget(buddy_label(
            "R&echercher :", self.search, parent=central,
            description="Tapez quelques lettres : la liste ne garde que les dossiers qui les contiennent, "
                        "accents et majuscules ignorés."))
        search_row.addWidget(self.search, 1)
        layout.addLayout(search_row)

        button_row = FlowLayout()  # wraps at large font sizes instead of widening the window
        self.buttons: dict[str, QPushButton] = {}
        for action, text in ((self.act_new, "&Nouveau dossier…"), (self.act_open, "&Ouvrir"),
                             (self.act_duplicate, "D&upliquer"), (self.act_rename, "&Renommer…"),
                             (self.act_delete, "&Supprimer"), (self.act_import, "&Importer…"),
                             (self.act_export, "Enregistrer une co&pie…"), (self.act_bin, "&Corbeille…")):
            button_row.addWidget(self._button(action, text, central))
        layout.addLayout(button_row)

        self.table = QTableView(central)
        self.table.setObjectName("dossierTable")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Liste des dossiers")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_MODIFIED, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        heading.setBuddy(self.table)  # the table's visible label
        self.table.viewport().installEventFilter(self)
        layout.addWidget(self.table, 1)

        self.empty_label = hint_label(EMPTY_LIBRARY, central)
        self.empty_label.setObjectName("emptyLabel")
        layout.addWidget(self.empty_label)
        self.setCentralWidget(central)

        self.search.textChanged.connect(self._on_search)
        self.proxy.rowsInserted.connect(lambda *_: self._update_empty())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_empty())
        self.proxy.modelReset.connect(self._update_empty)
        self.proxy.layoutChanged.connect(self._update_empty)

        self.undo_button = QPushButton("Annuler", self)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setToolTip("Remettre le dossier supprimé (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().messageChanged.connect(self._on_status_changed)

    def _button(self, action: QAction, text: str, parent: QWidget) -> QPushButton:
        """A push button that triggers `action` and follows its enabled state (keyboard-focusable)."""
        button = QPushButton(text, parent)
        button.setObjectName(action.objectName().replace("action", "button"))
        button.setToolTip(action.toolTip() + (f" ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                                              if not action.shortcut().isEmpty() else ""))
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        self.buttons[action.objectName()] = button
        return button

    def _build_menus(self) -> None:
        bar = self.menuBar()
        files = bar.addMenu("&Fichier")
        files.addAction(self.act_new)
        files.addAction(self.act_open)
        self.recent_menu = files.addMenu("Ouvrir &récent")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        files.addSeparator()
        files.addAction(self.act_import)
        files.addAction(self.act_export)
        files.addAction(self.act_folder)
        files.addAction(self.act_library_dir)
        files.addSeparator()
        files.addAction(self.act_quit)
        edit = bar.addMenu("É&dition")
        for action in (self.act_undo, None, self.act_duplicate, self.act_rename, self.act_delete, self.act_bin,
                       None, self.act_find, self.act_refresh):
            if action is None:
                edit.addSeparator()
            else:
                edit.addAction(action)
        help_menu = bar.addMenu("&Aide")
        help_menu.addAction(self.act_about)
        from gui.training.library_menu import install_training_menu

        self.training = install_training_menu(self, bar, help_menu)

    def start_tour(self):
        """The guided tour of this window (first start; Aide › Visite guidée)."""
        return self.training.start_tour()

    def first_start_tour(self):
        """The tour at the first start only: once done or skipped (`tour_seen`), it never comes back alone."""
        return None if self.settings.get("tour_seen") else self.start_tour()

    # ================================================================================ the list
    def refresh(self, select: Path | None = None) -> None:
        """Re-read the library folder (keeps the selection), then recompute the states in the background."""
        select = select or self.selected_path()
        entries = self.library.entries()
        self._signature = self._folder_signature()
        self.model.set_entries(entries, self.model.states())
        self._generation += 1
        self._pending_paths = [e.path for e in entries if not e.error]
        if self._painted:
            self._start_state_task()
        selected = select is not None and self.select_path(select)
        if not selected and self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_empty()
        self._update_actions()
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the width: state and date in full, the other columns as wide as their content up to a
        limit, the title the rest but never less than a quarter (cut texts show in full in tooltips)."""
        header = self.table.horizontalHeader()
        available = self.table.viewport().width()
        char = self.table.fontMetrics().averageCharWidth()
        for column in (COL_STATE, COL_MODIFIED):
            self.table.resizeColumnToContents(column)
        fixed = self.table.columnWidth(COL_STATE) + self.table.columnWidth(COL_MODIFIED)
        flexible = [c for c in range(self.model.columnCount()) if c not in (COL_TITLE, COL_STATE, COL_MODIFIED)]
        share = max((available - fixed - available // 4) // len(flexible), char * 8)
        limit = min(char * MAX_COLUMN_CHARS, share)
        for column in flexible:
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), limit))
        header.setMinimumSectionSize(char * 6)

    def _start_state_task(self) -> None:
        if self._pending_paths is None:
            return
        paths, self._pending_paths = self._pending_paths, None
        self._pool.start(StateTask(self._generation, paths, self._catalogue_provider, self._signals))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The first paint of the list starts the state computation: the window shows first, then the
        catalogue and the rules load (in a thread, but a Python thread competes for the interpreter)."""
        if not self._painted and event.type() == QEvent.Type.Paint and watched is self.table.viewport():
            self._painted = True
            self.table.viewport().removeEventFilter(self)
            QTimer.singleShot(0, self._start_state_task)
        return super().eventFilter(watched, event)

    def _folder_signature(self) -> tuple:
        try:
            with os.scandir(self.library.folder) as it:
                return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size)
                                    for e in it if e.name.endswith(EXTENSION)))
        except OSError:
            return ()

    def _on_catalogue_loaded(self, generation: int, catalogue: Catalogue | None, error: str) -> None:
        if self._catalogue is None and catalogue is not None:
            self._set_catalogue(catalogue)
        elif catalogue is None and self._catalogue is None and error:
            self._catalogue_error = error
            self.catalogue_banner.setText(error)
            self.catalogue_banner.show()

    def _set_catalogue(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self._catalogue_error = ""
        self.catalogue_banner.hide()
        from forms.user_programmes import default_report_if_loaded

        report = default_report_if_loaded()  # call files of the user's data folder left aside
        if report is not None and report.message():
            self.catalogue_banner.setText(report.message())
            self.catalogue_banner.show()
        self.model.set_catalogue_names(
            {t.id: t.name for t in catalogue.territories.values()},
            {c.id: c.territory for c in catalogue.calls.values()},
        )

    def _on_states_computed(self, generation: int, states: dict[str, tuple[str, str]]) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way
        self.model.set_states(states)
        self._fit_columns()
        self.states_ready.emit()

    def catalogue(self) -> Catalogue | None:
        """The programme catalogue (loaded now if the background load has not finished)."""
        if self._catalogue is None:
            catalogue, error = load_catalogue(self._catalogue_provider)
            if catalogue is not None:
                self._set_catalogue(catalogue)
            else:
                self._catalogue_error = error
        return self._catalogue

    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return Path(rows[0].data(PathRole))

    def _selected_is_damaged(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        return bool(rows and rows[0].data(DamagedRole))

    def select_path(self, path: Path) -> bool:
        row = self.model.row_of(Path(path))
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _on_search(self, text: str) -> None:
        self.proxy.set_query(text)
        if not self.selected_path() and self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_empty()
        self._update_actions()

    def _update_empty(self) -> None:
        if self.model.rowCount() == 0:
            self.empty_label.setText(EMPTY_LIBRARY)
            self.empty_label.show()
        elif self.proxy.rowCount() == 0:
            self.empty_label.setText(NO_MATCH)
            self.empty_label.show()
        else:
            self.empty_label.hide()

    def _update_actions(self) -> None:
        path = self.selected_path()
        damaged = self._selected_is_damaged()
        for action in (self.act_open, self.act_duplicate, self.act_rename):
            action.setEnabled(path is not None and not damaged)
        self.act_delete.setEnabled(path is not None)
        self.act_export.setEnabled(path is not None)
        self.act_undo.setEnabled(bool(self._undo))
        if self._undo:
            self.act_undo.setText(f"&Annuler la suppression de « {self._undo[-1][1]} »")
        else:
            self.act_undo.setText("&Annuler la suppression")

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def _on_status_changed(self, message: str) -> None:
        if not message:
            self.undo_button.hide()

    # ================================================================================ opening
    def _on_activated(self, index: QModelIndex) -> None:
        if index.data(DamagedRole):
            show_error(self, "Fichier endommagé",
                       f"{self.model.row_at(self.proxy.mapToSource(index).row()).entry.error}\n\n"
                       "Vous pouvez le supprimer, ou en enregistrer une copie pour la faire examiner.")
            return
        self.open_dossier(Path(index.data(PathRole)))

    def open_selected(self) -> None:
        path = self.selected_path()
        if path is not None:
            self.open_dossier(path)

    def open_dossier(self, path: Path | str, *, read_only: bool = False) -> QWidget | None:
        """Open `path` in a dossier window (or bring its window to the front); None if it cannot be read.
        One writer per dossier: when it is open elsewhere, the user chooses (gui.dossier_opening)."""
        path = Path(path)
        window = self._open.get(path) or self._open_under_another_name(path)
        if window is not None:
            window.show()
            window.raise_()
            window.activateWindow()
            return window
        opening = prepare_opening(self, path, read_only=read_only)
        if opening is None:
            return None
        if opening.path != path:  # the user chose to work on a copy
            self.refresh(select=opening.path)
            path = opening.path
        window = self._create_dossier_window(path, opening.opened.dossier, opening)
        self._open[path] = window
        window.closed.connect(self._on_dossier_closed)
        if hasattr(window, "reopen_read_only"):
            window.reopen_read_only.connect(lambda p: self.open_dossier(p, read_only=True))
            window.ctx.path_changed.connect(lambda new, w=window: self._on_dossier_moved(w, new))
        self.settings.add_recent(path)
        self.settings.set("last_dossier", str(path))
        self._save_settings()
        window.show()
        self.dossier_opened.emit(path)
        return window

    def _open_under_another_name(self, path: Path) -> QWidget | None:
        """The window of `path` when it was opened under another spelling (a link, a relative path from
        the file manager): the same file is never opened twice by one instance."""
        for open_path, window in self._open.items():
            with contextlib.suppress(OSError):
                if os.path.samefile(open_path, path):
                    return window
        return None

    def _on_dossier_moved(self, window: QWidget, new: Path) -> None:
        """A window now edits a copy (« garder les deux »): it is known by its new file."""
        for old in [p for p, w in self._open.items() if w is window]:
            del self._open[old]
        self._open[new] = window
        self.settings.add_recent(new)
        self.refresh(select=new)

    def _create_dossier_window(self, path: Path, dossier: Dossier, opening: Opening | None = None) -> QWidget:
        catalogue = self.catalogue()
        try:
            from gui.wizard.window import DossierWindow
        except ModuleNotFoundError as exc:
            if exc.name not in ("gui.wizard", "gui.wizard.window"):
                raise
            DossierWindow = None
        if DossierWindow is not None and catalogue is not None:
            if opening is None:
                return DossierWindow(path, dossier, catalogue, self.settings)
            return DossierWindow(path, dossier, catalogue, self.settings, stamp=opening.opened.stamp,
                                 lock=opening.lock, read_only=opening.read_only)
        if opening is not None:
            opening.release()  # the summary only reads the dossier
        from gui.summary_dialog import DossierSummary

        reason = self._catalogue_error if catalogue is None else ""
        return DossierSummary(path, dossier, catalogue, self, reason=reason)

    def _on_dossier_closed(self, path: Path) -> None:
        path = Path(path)
        self._open.pop(path, None)
        if self._closing:
            return
        self.refresh(select=path)
        # Decided a moment later: when the whole application is closing, the library window is hidden
        # by then (or the event loop has ended) and the dossier stays the one to reopen next time.
        QTimer.singleShot(0, lambda: self._forget_last_dossier(path))

    def _forget_last_dossier(self, path: Path) -> None:
        if self._closing or not self.isVisible() or QApplication.closingDown():
            return
        if self.settings.get("last_dossier") == str(path):
            still_open = list(self._open)
            self.settings.set("last_dossier", str(still_open[-1]) if still_open else "")
            self._save_settings()

    def open_windows(self) -> dict[Path, QWidget]:
        return dict(self._open)

    # ================================================================================ actions
    def new_dossier(self) -> Path | None:
        catalogue = self.catalogue()
        if catalogue is None:
            show_error(self, "Création impossible", self._catalogue_error)
            return None
        from gui.new_dossier_dialog import NewDossierDialog

        dialog = NewDossierDialog(self.library, catalogue, base=None, parent=self)
        return self.open_created(dialog, lambda path: f"Dossier créé : « {dossier_file_stem(path)} ».")

    def open_created(self, dialog: QDialog, status: Callable[[Path], str] | None = None) -> Path | None:
        """Run a dialog that creates a dossier in the library (new, renewed, exercise: its `created_path`);
        once created, the dossier is selected in the list, `status(path)` shown, and it is opened. The
        path, or None when the dialog was cancelled."""
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created_path is None:
                return None
            path: Path = dialog.created_path
            message = status(path) if status is not None else ""
        finally:
            dialog.deleteLater()
        self.refresh(select=path)
        if message:
            self._status(message)
        self.open_dossier(path)
        return path

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def show_about(self) -> None:
        QMessageBox.about(
            self, "À propos",
            "Dossiers contrat de ville\n\nPréparer, sans connexion, une demande de subvention à l'appel à "
            "projets d'un contrat de ville (Blois, Amboise), puis l'exporter en DOCX et PDF.\n\n"
            f"Vos dossiers sont rangés dans : {self.library.folder}",
        )

    # ================================================================================ settings
    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError:
            log.exception("Réglages non enregistrés")

    def _restore_geometry(self) -> None:
        data = self.settings.get("window_geometry")
        if data and self.restoreGeometry(QByteArray.fromBase64(data.encode("ascii"))):
            clamp_to_screen(self)  # saved on a larger screen, or at another text size
            return
        screen = QApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.resize(int(area.width() * 0.75), int(area.height() * 0.75))

    def save_geometry(self) -> None:
        self.settings.set("window_geometry", bytes(self.saveGeometry().toBase64().data()).decode("ascii"))

    def wait_for_tasks(self) -> None:
        """Wait for the background state computation (before the application exits)."""
        self._pool.waitForDone()

    # ================================================================================ events
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:
        """Coming back to the window: show files added or changed meanwhile (file manager, e-mail…)."""
        super().changeEvent(event)
        if (event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
                and self._folder_signature() != self._signature):
            self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the library closes the dossier windows; the last one is reopened next time."""
        open_paths = list(self._open)
        self._closing = True
        for path in open_paths:
            window = self._open.get(path)
            if window is not None:
                window.close()
        if any(w.isVisible() for w in self._open.values()):
            self._closing = False  # a dossier window refused to close (it says why)
            event.ignore()
            return
        if open_paths:
            self.settings.set("last_dossier", str(open_paths[-1]))
        self.save_geometry()
        self._save_settings()
        self._pool.waitForDone()
        super().closeEvent(event)
