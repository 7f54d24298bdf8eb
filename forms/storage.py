"""Reading and writing dossier files, safely.

A dossier is a JSON document with the extension `.cdv.json` that the user can see, copy and send.
- Writes are atomic: a temporary file in the same folder, flushed and fsynced, then renamed over the
  target; the folder is fsynced too. A crash leaves either the old file or the new one, never half.
- A file that cannot be read (damaged JSON, wrong shape, newer format) raises `DossierFileError` with a
  French message; the file is left exactly as it was, and `save_dossier` refuses to overwrite a file that
  exists and cannot be read, unless told to (`overwrite_unreadable=True`, after the user agreed).
- Older schema versions are migrated in memory by `MIGRATIONS`; newer ones are refused.
- A UTF-8 byte order mark (a file re-saved by Notepad) is read as if it were not there. Text that cannot be
  written back as UTF-8 (a lone surrogate such as "\\ud83d", which JSON escapes can hold) is repaired on
  load (U+FFFD) and `OpenedDossier.repaired` names the fields that changed, so the user can be told.
- `save_dossier(..., expected=stamp)` first checks that the file on disk is still the one this window last
  read or wrote (`forms.file_stamp`): if another window or program changed it, nothing is overwritten and
  `DossierChangedOnDisk` is raised; the caller lets the user choose.
- Temporary files of an interrupted save (full copies of a dossier) are removed when the dossier is saved
  (`remove_stale_temp_files`), and by the library when it is opened or deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forms.codec import DataError, from_data, to_data
from forms.file_stamp import FileStamp, file_stamp, stamp_of_bytes
from forms.model import SCHEMA_VERSION, Dossier
from forms.text_repair import data_error_message, repair_surrogates

EXTENSION = ".cdv.json"
FORMAT_ID = "dossier-contrat-de-ville"
MAX_FILE_BYTES = 50 * 1024 * 1024  # a dossier is text; anything larger is not one of ours


class DossierFileError(Exception):
    """A dossier file cannot be read or written. `str(exc)` is a message for the user, in French."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(message)


class DossierChangedOnDisk(DossierFileError):
    """The file on disk is no longer the one this window last read or wrote: it was not overwritten."""


@dataclass
class OpenedDossier:
    """A dossier read from its file, with what is needed to save it back safely."""

    dossier: Dossier
    stamp: FileStamp
    repaired: list[str] = field(default_factory=list)  # field paths whose text was repaired (U+FFFD)


# Each migration takes the plain data of version N and returns the data of version N + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


_SURROGATE = re.compile("[\ud800-\udfff]")


def dossier_to_json(dossier: Dossier) -> str:
    data = {"format": FORMAT_ID, **to_data(dossier)}
    data["schema_version"] = SCHEMA_VERSION
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    # a lone surrogate typed or pasted since the file was read cannot be written as UTF-8: never let it
    # make the dossier unsaveable (it is shown as U+FFFD, as on load)
    return _SURROGATE.sub("\ufffd", text)


def dossier_from_data(data: Any, path: Path | str = "") -> Dossier:
    """Build a dossier from the plain data of a file, migrating older versions."""
    name = Path(path).name if path else "ce dossier"
    if not isinstance(data, dict) or data.get("format") != FORMAT_ID:
        raise DossierFileError(path, f"« {name} » n'est pas un dossier de cette application.")
    data = dict(data)
    data.pop("format")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DossierFileError(path, f"« {name} » n'indique pas de version de format lisible.")
    if version > SCHEMA_VERSION:
        raise DossierFileError(
            path,
            f"« {name} » a été enregistré par une version plus récente de l'application "
            f"(format {version}, cette version lit jusqu'au format {SCHEMA_VERSION}). "
            "Mettez l'application à jour pour l'ouvrir ; le fichier n'a pas été modifié.",
        )
    while version < SCHEMA_VERSION:
        migrate = MIGRATIONS[version]
        try:
            data = migrate(data)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):  # a migration expects a sound file
            raise DossierFileError(
                path,
                f"« {name} » est endommagé : il n'a pas pu être converti au format de cette version de "
                "l'application. Le fichier n'a pas été modifié.",
            ) from None
        version += 1
        data["schema_version"] = version
    try:
        return from_data(Dossier, data)
    except DataError as exc:
        raise DossierFileError(path, data_error_message(name, exc)) from None


def load_dossier(path: Path | str) -> Dossier:
    """The dossier of a file (see `open_dossier_file` for its stamp and the repairs made)."""
    return open_dossier_file(path).dossier


def open_dossier_file(path: Path | str) -> OpenedDossier:
    """Read a dossier file: the dossier, the stamp of the file as read, and the fields repaired."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DossierFileError(path, f"« {path.name} » est trop gros pour être un dossier.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DossierFileError(path, f"Le fichier « {path} » n'existe pas.") from None
    except IsADirectoryError:
        raise DossierFileError(path, f"« {path} » est un dossier du disque, pas un fichier.") from None
    except PermissionError:
        raise DossierFileError(path, f"Vous n'avez pas le droit de lire « {path} ».") from None
    except OSError as exc:
        raise DossierFileError(path, f"Impossible de lire « {path} » : {exc.strerror}.") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # -sig: a byte order mark left by Notepad is not damage
    except (ValueError, RecursionError):  # bad UTF-8, bad JSON, or an integer of thousands of digits
        raise DossierFileError(
            path,
            f"« {path.name} » est endommagé : son contenu n'est pas lisible. "
            "Le fichier n'a pas été modifié ; si vous en avez une copie, ouvrez la copie.",
        ) from None
    data, repaired = repair_surrogates(data)
    return OpenedDossier(dossier_from_data(data, path), stamp_of_bytes(raw, path), repaired)


def is_readable_dossier(path: Path) -> bool:
    try:
        load_dossier(path)
    except DossierFileError:
        return False
    return True


def atomic_write_text(path: Path | str, text: str, *, private: bool = False) -> None:
    """Write `text` (UTF-8, "\n" line ends) to `path` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"), private=private)


def atomic_write_bytes(path: Path | str, data: bytes, *, private: bool = False) -> None:
    """Write `data` to `path` atomically: a temporary file in the same folder, flushed and fsynced,
    then renamed over the target, and the folder fsynced. A new file is its owner's only (0600); a
    replaced file keeps its permissions, unless `private` (the application's own files: settings,
    profiles), which makes it 0600 in any case."""
    path = Path(path)
    if not path.parent.is_dir():
        from forms.private_files import make_private_dir  # (imports logging: not at start-up)

        make_private_dir(path.parent)  # a folder the application creates is its owner's only
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not private:
            _keep_mode(tmp, path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _keep_mode(tmp: str, path: Path) -> None:
    """A replaced file keeps its permissions (mkstemp creates the temporary file readable by its owner only)."""
    with contextlib.suppress(OSError):
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


TEMP_PATTERN = "^\\.{name}\\.[A-Za-z0-9_]{{8}}\\.tmp$"  # what atomic_write_bytes' mkstemp names
STALE_TEMP_SECONDS = 30.0  # no save takes that long: an older temporary file is left by a crash


def temp_files_of(path: Path | str) -> list[Path]:
    """The temporary files of interrupted saves of `path` (each a full copy of the dossier)."""
    path = Path(path)
    pattern = re.compile(TEMP_PATTERN.format(name=re.escape(path.name)))
    try:
        return sorted(p for p in path.parent.iterdir() if pattern.match(p.name))
    except OSError:
        return []


def remove_stale_temp_files(path: Path | str, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove the temporary files of `path` older than `older_than` seconds; returns those removed.
    `older_than=0` when no save of this file can be running (its lock is held, or it was deleted)."""
    removed = []
    now = time.time()
    for tmp in temp_files_of(path):
        with contextlib.suppress(OSError):
            if older_than <= 0 or now - tmp.stat().st_mtime > older_than:
                tmp.unlink()
                removed.append(tmp)
    return removed


def check_unchanged(path: Path, expected: FileStamp) -> None:
    """Raise `DossierChangedOnDisk` when the file at `path` is not the one described by `expected`."""
    current = file_stamp(path)
    if current is None or current.same_content(expected):
        return  # gone (moved to the bin, renamed): writing it again loses nothing
    raise DossierChangedOnDisk(
        path,
        f"« {path.name} » a été modifié en dehors de cette fenêtre (une autre fenêtre, un autre ordinateur "
        "ou un autre programme) depuis que vous l'avez ouvert. Il n'a pas été remplacé : "
        "choisissez ce que vous voulez garder.",
    )


def save_dossier(
    dossier: Dossier,
    path: Path | str,
    *,
    overwrite_unreadable: bool = False,
    expected: FileStamp | None = None,
) -> FileStamp:
    """Save atomically and return the stamp of the file written. Refuses to replace an existing file that
    is not a readable dossier, and (with `expected`) a file changed since this window read or wrote it."""
    path = Path(path)
    if path.exists() and not overwrite_unreadable and not is_readable_dossier(path):
        raise DossierFileError(
            path,
            f"« {path.name} » existe déjà et n'est pas un dossier lisible : il n'a pas été remplacé. "
            "Enregistrez sous un autre nom.",
        )
    if expected is not None:
        check_unchanged(path, expected)
    dossier.meta.modified = now_iso()
    if not dossier.meta.created:
        dossier.meta.created = dossier.meta.modified
    data = dossier_to_json(dossier).encode("utf-8")
    remove_stale_temp_files(path)
    try:
        atomic_write_bytes(path, data)
    except PermissionError:
        raise DossierFileError(path, f"Vous n'avez pas le droit d'écrire dans « {path.parent} ».") from None
    except OSError as exc:
        raise DossierFileError(
            path, f"Impossible d'enregistrer « {path.name} » : {exc.strerror}. Le dossier reste ouvert."
        ) from None
    return stamp_of_bytes(data, path)
