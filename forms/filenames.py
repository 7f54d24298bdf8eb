"""Safe file names built from what users typed (dossier titles, association names)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_STEM = 80
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}


def safe_stem(text: str, fallback: str = "dossier") -> str:
    """A file name stem: no path separators, no `..`, no control characters, at most 80 characters.

    Accents are kept (every current system handles them) but characters that file systems or shells
    treat specially are replaced by a dash.
    """
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = re.sub(r'[\\/:*?"<>|]+', "-", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\.{2,}", ".", text).strip(" .-")
    if len(text) > MAX_STEM:
        text = text[:MAX_STEM].rstrip(" .-")
    if not text or text.split(".", 1)[0].rstrip().lower() in _RESERVED:
        return fallback
    return text


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem+suffix`, or `stem (2)+suffix`, `stem (3)+suffix`… for the first that does not exist."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate
