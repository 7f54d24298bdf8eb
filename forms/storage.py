"""Reading and writing dossier files, safely.

A dossier is a JSON document with the extension `.cdv.json` that the user can see, copy and send.
- Writes are atomic: a temporary file in the same folder, flushed and fsynced, then renamed over the
  target; the folder is fsynced too. A crash leaves either the old file or the new one, never half.
- A file that cannot be read (damaged JSON, wrong shape, newer format) raises `DossierFileError` with a
  French message; the file is left exactly as it was, and `save_dossier` refuses to overwrite a file that
  exists and cannot be read, unless told to (`overwrite_unreadable=True`, after the user agreed).
- Older schema versions are migrated in memory by `MIGRATIONS`; newer ones are refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from forms.codec import DataError, from_data, to_data
from forms.model import SCHEMA_VERSION, Dossier

EXTENSION = ".cdv.json"
FORMAT_ID = "dossier-contrat-de-ville"
MAX_FILE_BYTES = 50 * 1024 * 1024  # a dossier is text; anything larger is not one of ours


class DossierFileError(Exception):
    """A dossier file cannot be read or written. `str(exc)` is a message for the user, in French."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(message)


# Each migration takes the plain data of version N and returns the data of version N + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def dossier_to_json(dossier: Dossier) -> str:
    data = {"format": FORMAT_ID, **to_data(dossier)}
    data["schema_version"] = SCHEMA_VERSION
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


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
        raise DossierFileError(
            path,
            f"« {name} » est endommagé ou incomplet ({exc}). Le fichier n'a pas été modifié.",
        ) from None


def load_dossier(path: Path | str) -> Dossier:
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
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # bad UTF-8, bad JSON, or an integer of thousands of digits
        raise DossierFileError(
            path,
            f"« {path.name} » est endommagé : son contenu n'est pas lisible. "
            "Le fichier n'a pas été modifié ; si vous en avez une copie, ouvrez la copie.",
        ) from None
    return dossier_from_data(data, path)


def is_readable_dossier(path: Path) -> bool:
    try:
        load_dossier(path)
    except DossierFileError:
        return False
    return True


def atomic_write_text(path: Path | str, text: str) -> None:
    """Write `text` (UTF-8, "\n" line ends) to `path` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write `data` to `path` atomically: a temporary file in the same folder, flushed and fsynced,
    then renamed over the target, and the folder fsynced."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
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


def save_dossier(dossier: Dossier, path: Path | str, *, overwrite_unreadable: bool = False) -> None:
    """Save atomically. Refuses to replace an existing file that is not a readable dossier."""
    path = Path(path)
    if path.exists() and not overwrite_unreadable and not is_readable_dossier(path):
        raise DossierFileError(
            path,
            f"« {path.name} » existe déjà et n'est pas un dossier lisible : il n'a pas été remplacé. "
            "Enregistrez sous un autre nom.",
        )
    dossier.meta.modified = now_iso()
    if not dossier.meta.created:
        dossier.meta.created = dossier.meta.modified
    try:
        atomic_write_text(path, dossier_to_json(dossier))
    except PermissionError:
        raise DossierFileError(path, f"Vous n'avez pas le droit d'écrire dans « {path.parent} ».") from None
    except OSError as exc:
        raise DossierFileError(
            path, f"Impossible d'enregistrer « {path.name} » : {exc.strerror}. Le dossier reste ouvert."
        ) from None
