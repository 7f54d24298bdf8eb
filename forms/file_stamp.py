"""What a file on disk was when a window last read or wrote it: modification time, size and content hash.

Before each save, the window compares the file on disk with the stamp it keeps (forms.storage.save_dossier):
a different content means another window, computer or program wrote it meanwhile. The hash decides
(a network share may keep a coarse modification time, and a file copied back may keep its old one);
the size and the time are kept to say what changed and to skip hashing when the size already differs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileStamp:
    mtime_ns: int
    size: int
    sha256: str

    def same_content(self, other: FileStamp) -> bool:
        return self.size == other.size and self.sha256 == other.sha256


def stamp_of_bytes(data: bytes, path: Path | str) -> FileStamp:
    """The stamp of `path` whose content is `data` (just read or just written); its time from the disk."""
    try:
        mtime_ns = Path(path).stat().st_mtime_ns
    except OSError:
        mtime_ns = 0
    return FileStamp(mtime_ns, len(data), hashlib.sha256(data).hexdigest())


def file_stamp(path: Path | str) -> FileStamp | None:
    """The stamp of the file as it is now on disk; None when there is no such file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        return FileStamp(0, -1, "")
    return stamp_of_bytes(data, path)
