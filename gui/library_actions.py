"""What the library window does to dossier files: duplicate, rename, delete with undo, the bin,
import, save a copy elsewhere, the recent list, the dossiers folder. Every change goes through
`forms.library.Library`; a failure is told in French and leaves the files as they were.

A mixin of `LibraryWindow` (gui.library_window), kept apart so each file reads on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from forms.dossier_lock import holder
from forms.library import Library, dossier_file_stem
from forms.storage import EXTENSION, DossierFileError
from gui.errors import show_error
from gui.widgets.dialogs import ask_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QPushButton, QWidget

    from forms.settings import Settings

FILE_FILTER = f"Dossiers contrat de ville (*{EXTENSION});;Tous les fichiers (*)"


class LibraryFileActions:
    """File actions of the library window. The window provides what is declared here, and the methods
    `selected_path`, `refresh`, `_status`, `_update_actions`, `_selected_is_damaged`, `open_dossier`
    and `_save_settings`."""

    library: Library
    settings: Settings
    undo_button: QPushButton
    recent_menu: QMenu
    _open: dict[Path, QWidget]
    _undo: list[tuple[Path, str]]

    def duplicate_selected(self) -> Path | None:
        path = self.selected_path()
        if path is None or self._selected_is_damaged():
            return None
        try:
            copy_path = self.library.duplicate(path)
        except DossierFileError as exc:
            show_error(self, "Copie impossible", exc.message)
            return None
        self.refresh(select=copy_path)
        self._status(f"Copie créée : « {dossier_file_stem(copy_path)} ».")
        return copy_path

    def rename_selected(self) -> Path | None:
        path = self.selected_path()
        if path is None or self._selected_is_damaged() or self._refuse_if_open(path, "renommer"):
            return None
        name = ask_text(self, "Renommer le dossier", "&Nouveau nom du fichier :", dossier_file_stem(path),
                        hint="C'est le nom du fichier dans vos dossiers ; le titre de l'action ne change pas.",
                        ok_text="&Renommer")
        if name is None or name.strip() == dossier_file_stem(path):
            return None
        try:
            target = self.library.rename(path, name)
        except (DossierFileError, OSError) as exc:
            show_error(self, "Impossible de renommer", getattr(exc, "message", str(exc)))
            return None
        self._replace_recent(path, target)
        self.refresh(select=target)
        self._status(f"Dossier renommé : « {dossier_file_stem(target)} ».")
        return target

    def delete_selected(self) -> Path | None:
        path = self.selected_path()
        if path is None or self._refuse_if_open(path, "supprimer"):
            return None
        name = dossier_file_stem(path)
        try:
            bin_path = self.library.delete(path)
        except OSError as exc:
            show_error(self, "Suppression impossible", f"« {name} » n'a pas pu être mis à la corbeille : {exc}")
            return None
        self._undo.append((bin_path, name))
        self.refresh()
        self._status(f"« {name} » a été mis à la corbeille.")
        self.undo_button.show()
        self._update_actions()
        return bin_path

    def undo_delete(self) -> Path | None:
        while self._undo:
            bin_path, name = self._undo.pop()
            if bin_path.exists():  # may have been restored from the bin dialog meanwhile
                break
        else:
            self._update_actions()
            return None
        try:
            target = self.library.restore(bin_path)
        except OSError as exc:
            show_error(self, "Restauration impossible", f"« {name} » n'a pas pu être restauré : {exc}")
            return None
        self.undo_button.hide()
        self.refresh(select=target)
        self._status(f"« {dossier_file_stem(target)} » est de retour dans vos dossiers.")
        return target

    def show_bin(self) -> None:
        from gui.bin_dialog import BinDialog

        dialog = BinDialog(self.library, self)
        dialog.restored.connect(self._on_restored_from_bin)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def _on_restored_from_bin(self, target: Path) -> None:
        self._undo = [(p, n) for p, n in self._undo if p.exists()]
        self.refresh(select=target)
        self._status(f"« {dossier_file_stem(target)} » est de retour dans vos dossiers.")

    def import_dossier(self) -> Path | None:
        source, _ = QFileDialog.getOpenFileName(self, "Importer un dossier", self._start_folder(), FILE_FILTER)
        if not source:
            return None
        self._remember_folder(Path(source).parent)
        try:
            target = self.library.import_file(Path(source))
        except DossierFileError as exc:
            show_error(self, "Import impossible", f"{exc.message}\n\nRien n'a été ajouté à vos dossiers.")
            return None
        except OSError as exc:
            show_error(self, "Import impossible", f"Le fichier n'a pas pu être copié : {exc.strerror}.")
            return None
        self.refresh(select=target)
        self._status(f"« {dossier_file_stem(target)} » a été ajouté à vos dossiers.")
        return target

    def export_selected(self) -> Path | None:
        path = self.selected_path()
        if path is None:
            return None
        suggested = str(Path(self._start_folder()) / path.name)
        target, _ = QFileDialog.getSaveFileName(self, "Enregistrer une copie du dossier", suggested, FILE_FILTER)
        if not target:
            return None
        self._remember_folder(Path(target).parent)
        try:
            written = self.library.export_copy(path, Path(target), check=not self._selected_is_damaged())
        except DossierFileError as exc:
            show_error(self, "Copie impossible", exc.message)
            return None
        except OSError as exc:
            show_error(self, "Copie impossible", f"La copie n'a pas pu être enregistrée : {exc.strerror}.")
            return None
        self._status(f"Copie enregistrée : {written}")
        return written

    def open_library_folder(self) -> None:
        self.library.ensure()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.library.folder))):
            show_error(self, "Dossier de rangement",
                       f"Le gestionnaire de fichiers n'a pas pu être ouvert. Vos dossiers sont ici :\n"
                       f"{self.library.folder}")

    def choose_library_folder(self) -> Path | None:
        """Keep the dossiers in another folder (a shared drive, a USB key…). Files are not moved."""
        current = self.library.folder
        start = str(current if current.is_dir() else Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Choisir le dossier de rangement de vos dossiers", start)
        if not chosen or Path(chosen) == current:
            return None
        folder = Path(chosen)
        self.settings.set("library_dir", str(folder))
        self._save_settings()
        self.library = Library(folder)
        self.refresh()
        self._status(f"Vos dossiers sont maintenant rangés dans {folder}. Ceux de {current} n'ont pas été "
                     "déplacés : importez-les si besoin.")
        return folder

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for i, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{i % 10} {dossier_file_stem(path)}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_dossier(p))
        if not recent:
            self.recent_menu.addAction("Aucun dossier récent").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("&Effacer la liste", self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.set("recent_files", [])
        self._save_settings()

    def _replace_recent(self, old: Path, new: Path) -> None:
        recent = [str(new) if p == str(old) else p for p in self.settings.get("recent_files")]
        self.settings.set("recent_files", recent)
        if self.settings.get("last_dossier") == str(old):
            self.settings.set("last_dossier", str(new))
        self._save_settings()

    def _refuse_if_open(self, path: Path, verb: str) -> bool:
        if path in self._open:
            show_error(self, "Dossier ouvert",
                       f"« {dossier_file_stem(path)} » est ouvert dans une autre fenêtre. "
                       f"Fermez-la d'abord pour le {verb}.")
            return True
        owner = holder(path)  # open in another instance, maybe on another computer
        if owner is not None:
            who = owner.describe() if owner.pid else "dans une autre fenêtre"
            show_error(self, "Dossier ouvert",
                       f"« {dossier_file_stem(path)} » est ouvert {who}. Fermez-le d'abord pour le {verb}.")
            return True
        return False

    def _start_folder(self) -> str:
        folder = self.settings.get("last_folder")
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def _remember_folder(self, folder: Path) -> None:
        self.settings.set("last_folder", str(folder))
        self._save_settings()
