"""The dossier library: a folder of `.cdv.json` files, with a recoverable bin.

Social-centre staff keep several residents' dossiers here; everything is plain files the user can
also see in their file manager. Deleting moves a file to the `Corbeille` sub-folder (recoverable).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from forms import paths
from forms.dossier_lock import holder, lock_path_for
from forms.filenames import safe_stem, unique_path
from forms.lifecycle import life_status
from forms.model import Association, CallRef, Dossier
from forms.private_files import make_private_dir
from forms.storage import (
    EXTENSION,
    DossierFileError,
    atomic_write_bytes,
    atomic_write_text,
    load_dossier,
    now_iso,
    remove_stale_temp_files,
    save_dossier,
)

BIN_NAME = "Corbeille"
_BIN_INDEX = ".origines.json"  # bin file name -> original path, to restore to the same place


@dataclass(frozen=True)
class LibraryEntry:
    path: Path
    title: str
    association: str
    call: str
    year: int
    modified: str  # ISO timestamp from the file, or the file's mtime
    exported: bool
    error: str = ""  # set when the file cannot be read: the entry is shown, never overwritten
    followup: str = ""  # the dossier's life after the request (forms.lifecycle), empty for a draft
    followup_due: bool = False  # its compte-rendu is due soon or late

    @property
    def file_name(self) -> str:
        return self.path.name


def dossier_file_stem(path: Path) -> str:
    name = path.name
    return name[: -len(EXTENSION)] if name.endswith(EXTENSION) else path.stem


class Library:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @property
    def bin(self) -> Path:
        return self.folder / BIN_NAME

    def ensure(self) -> None:
        """Create the folder, private to its owner (0700: on a shared computer, the names of the dossiers
        say who applied). The default folder is made private even when it exists; a folder the user chose and
        that already exists (a shared drive) keeps its permissions."""
        if not self.folder.is_dir() or self.folder == paths.default_library_dir():
            make_private_dir(self.folder)

    # ---------------------------------------------------------------------------- listing
    def files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob(f"*{EXTENSION}") if p.is_file())

    def entries(self) -> list[LibraryEntry]:
        out = [self.entry(p) for p in self.files()]
        return sorted(out, key=lambda e: e.modified, reverse=True)

    @staticmethod
    def entry(path: Path) -> LibraryEntry:
        try:
            d = load_dossier(path)
        except DossierFileError as exc:
            try:
                mtime = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat(timespec="seconds")
            except OSError:  # gone since the folder was listed (deleted from the file manager)
                mtime = ""
            return LibraryEntry(path, dossier_file_stem(path), "", "", 0, mtime, False, error=exc.message)
        return LibraryEntry(
            path=path,
            title=d.title,
            association=d.association.identity.name,
            call=d.call.call,
            year=d.call.year,
            modified=d.meta.modified or d.meta.created,
            exported=bool(d.meta.exported),
            **_followup(d),
        )

    # ---------------------------------------------------------------------------- changes
    def path_for(self, title: str) -> Path:
        self.ensure()
        return unique_path(self.folder, safe_stem(title, "Nouveau dossier"), EXTENSION)

    def create(self, dossier: Dossier, title_hint: str = "") -> Path:
        path = self.path_for(title_hint or dossier.title)
        save_dossier(dossier, path)
        return path

    def duplicate(self, path: Path) -> Path:
        """A copy of a dossier, for instance last year's as the start of this year's."""
        dossier = load_dossier(path)
        # a copy is a new request: nothing of it has been entered on the portal yet
        dossier.meta = replace(dossier.meta, created=now_iso(), exported="", portal_ticks={})
        target = unique_path(self.folder, f"{dossier_file_stem(path)} - copie", EXTENSION)
        save_dossier(dossier, target)
        return target

    def rename(self, path: Path, new_name: str) -> Path:
        stem = safe_stem(new_name.removesuffix(EXTENSION), "")
        if not stem:
            raise DossierFileError(path, "Indiquez un nom qui contienne au moins une lettre ou un chiffre.")
        target = self.folder / f"{stem}{EXTENSION}"
        if target == path:
            return path
        if target.exists():
            raise DossierFileError(target, f"Un dossier s'appelle déjà « {stem} ». Choisissez un autre nom.")
        path.rename(target)
        return target

    def delete(self, path: Path) -> Path:
        """Move to the bin; returns the file's place in the bin (for undo)."""
        make_private_dir(self.bin)
        target = unique_path(self.bin, dossier_file_stem(path), EXTENSION)
        shutil.move(str(path), target)
        remove_stale_temp_files(path, older_than=0)  # copies of the dossier left by an interrupted save
        if holder(path) is None:  # a lock left by a crash names the dossier: it goes too
            with contextlib.suppress(OSError):
                lock_path_for(path).unlink()
        index = self._bin_index()
        index[target.name] = str(path)
        self._write_bin_index(index)
        return target

    def restore(self, bin_path: Path) -> Path:
        index = self._bin_index()
        original = Path(index.pop(bin_path.name, str(self.folder / bin_path.name)))
        target = original if not original.exists() else unique_path(
            original.parent, dossier_file_stem(original), EXTENSION
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(bin_path), target)
        self._write_bin_index(index)
        return target

    def binned(self) -> list[Path]:
        if not self.bin.is_dir():
            return []
        return sorted(p for p in self.bin.glob(f"*{EXTENSION}") if p.is_file())

    def import_file(self, source: Path) -> Path:
        """Copy a dossier file received from someone into the library (checked first)."""
        load_dossier(source)  # raises a French DossierFileError when it is not a readable dossier
        self.ensure()
        target = unique_path(self.folder, safe_stem(dossier_file_stem(source), "Dossier importé"), EXTENSION)
        atomic_write_bytes(target, source.read_bytes())  # a new file: its owner's only (0600), whatever the source's
        return target

    @staticmethod
    def export_copy(path: Path, target: Path, *, check: bool = True) -> Path:
        """Save a copy of a dossier file elsewhere (to send it, or on a USB key).

        `check=False` copies a file that cannot be read as it is (to send a damaged file for repair).
        """
        if check:
            load_dossier(path)
        if not target.name.endswith(EXTENSION):
            target = target.with_name(target.name + EXTENSION)
        atomic_write_bytes(target, path.read_bytes())
        return target

    def _bin_index(self) -> dict[str, str]:
        try:
            data = json.loads((self.bin / _BIN_INDEX).read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _write_bin_index(self, index: dict[str, str]) -> None:
        atomic_write_text(self.bin / _BIN_INDEX, json.dumps(index, ensure_ascii=False, indent=2), private=True)


def conflict_copy_path(path: Path, when: dt.datetime | None = None) -> Path:
    """A free name beside `path` for a second version of it: « Titre (copie du 30-11-2026 à 17h05) »."""
    when = when or dt.datetime.now()
    stem = safe_stem(f"{dossier_file_stem(path)} (copie du {when:%d-%m-%Y} à {when:%Hh%M})", "Copie")
    return unique_path(path.parent, stem, EXTENSION)


def copy_beside(path: Path) -> Path:
    """Copy a dossier file, as it is on disk, to a new file beside it (to work on while it is open
    elsewhere); returns the copy's path."""
    load_dossier(path)  # a French DossierFileError when it cannot be read
    target = conflict_copy_path(path)
    atomic_write_bytes(target, path.read_bytes())
    return target


def _followup(dossier: Dossier) -> dict[str, object]:
    """The follow-up column of the library: « Déposé le… », « Compte-rendu dû le… » (forms.lifecycle)."""
    if dossier.lifecycle.state == "brouillon":
        return {}
    status = life_status(dossier)
    return {"followup": status.text, "followup_due": status.soon or status.overdue}


def new_dossier(call: CallRef, association: Association | None = None) -> Dossier:
    """A new dossier for a call, the association part copied from a saved profile if any."""
    dossier = Dossier(call=call)
    if association is not None:
        dossier.association = copy.deepcopy(association)
        rep = dossier.association.identity.legal_representative
        dossier.attestation.signatory = copy.deepcopy(rep)
    dossier.meta.created = now_iso()
    return dossier
