"""A cache of data read from YAML files, so that a command does not read, convert and cross-check the
programme data on every start (issue 9: `main.py check` and `programmes` start in at most twice a bare
`python -c "import yaml"`; reading the catalogue alone costs about as much as that).

    value = cached("catalogue", files, build, code=[forms.programmes.__file__], kind=Catalogue)

The value `build()` returns is kept, pickled, in the user's cache folder (forms.paths.cache_dir();
`DOSSIER_CDV_HOME` puts it in the private folder) under a key made of:
- the path, size, modification time and checksum (CRC-32) of every file in `files` (a missing file
  counts too): editing, adding or removing a data file gives another key, so the strict loading and
  cross-checking run again whenever the data changed;
- the size and modification time of the source files in `code` (the classes the value is made of, the
  code that reads it) or, in an installed bundle without source files, of the program itself; and the
  Python version. A new version of the application never reads the cache of an older one.

The cache is only an accelerator: a missing, damaged, foreign (not owned by the user, or writable by
others) or stale file is ignored and rebuilt, and a cache that cannot be written is left aside; none of
this is ever an error for the user. The file is written atomically (a temporary file then a rename),
readable by its owner only, in a folder only its owner can list. Loading a pickle can run code: a file is
read only when it belongs to the user and no one else can write it (whoever can write it could as well
change the user's own programs), and it only ever holds the programme data, never a dossier.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from forms import paths

T = TypeVar("T")

FORMAT = b"dossier-cdv cache 1\n"  # the first line of every cache file; change it when the layout changes
SUFFIX = ".cache"


def _log(message: str, *args: object) -> None:
    import logging  # here: a start from the cache has nothing to say and does not load logging (3 ms)

    logging.getLogger(__name__).info(message, *args)


def cache_path(name: str) -> Path:
    return paths.cache_dir() / f"{name}{SUFFIX}"


def fingerprint(files: Iterable[Path], code: Iterable[str] = (), extra: str = "") -> bytes:
    """The key of the data read from `files` by `code`; `extra`: anything else the value depends on (a
    folder's place). The key is the description itself, not a digest of it: two keys are equal only when
    every path, size, time and checksum is. (CRC-32 rather than SHA-256: `hashlib` loads OpenSSL, 3 ms of a
    start; with the size and the time beside it, a checksum is enough to see that a file was edited.)"""
    parts = [FORMAT, sys.version.encode(), extra.encode("utf-8", "surrogateescape")]
    for source in code:
        parts.append(_stamp(Path(source) if os.path.isfile(source) else Path(sys.executable)))
    for path in sorted(files):
        try:
            data = path.read_bytes()
        except OSError:
            parts.append(str(path).encode("utf-8", "surrogateescape") + b"\0absent")
            continue
        parts.append(_stamp(path) + b"%08x" % zlib.crc32(data))
    return b"\0\0".join(parts)


def _stamp(path: Path) -> bytes:
    try:
        st = path.stat()
    except OSError:
        return str(path).encode("utf-8", "surrogateescape") + b"\0?"
    return f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode("utf-8", "surrogateescape")


def cached(name: str, files: Iterable[Path], build: Callable[[], T], *, code: Iterable[str] = (),
           extra: str = "", kind: type | tuple[type, ...] = object) -> T:
    """`build()`, or the value it returned last time when `files` and `code` have not changed since.

    `kind` is the type the value must have (a cache file that holds something else is ignored). What
    `build()` raises is raised as it is, and nothing is kept.
    """
    key = fingerprint(files, code, extra)
    path = cache_path(name)
    value = _read(path, key, kind)
    if value is not None:
        return value
    value = build()
    _write(path, key, value)
    return value


def _read(path: Path, key: bytes, kind: type | tuple[type, ...]):
    """The value kept in `path` under `key`, or None (missing, stale, damaged or foreign file)."""
    try:
        with open(path, "rb") as stream:
            if os.name == "posix":
                st = os.fstat(stream.fileno())
                if st.st_uid != os.getuid() or st.st_mode & 0o022:
                    _log("Cache ignoré (fichier d'un autre compte ou modifiable par d'autres) : %s", path)
                    return None
            if stream.readline() != FORMAT:
                return None
            size = int.from_bytes(stream.read(4), "big")
            if size != len(key) or stream.read(size) != key:
                return None
            value = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged file, whatever the damage: rebuilt
        _log("Cache illisible, reconstruit : %s (%s)", path, type(exc).__name__)
        return None
    return value if isinstance(value, kind) else None


def _write(path: Path, key: bytes, value: object) -> None:
    """Keep `value` in `path`, atomically and privately; a cache that cannot be written is left aside."""
    import tempfile

    from forms.private_files import make_private_dir

    tmp: str | None = None
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        make_private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # mode 0600
        with os.fdopen(fd, "wb") as stream:
            stream.write(FORMAT + len(key).to_bytes(4, "big") + key + data)
        os.replace(tmp, path)
        tmp = None
    except Exception as exc:  # a read-only or full disk, a value that cannot be pickled: no cache, no error
        _log("Cache non écrit : %s (%s)", path, exc)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
