"""Safe file names built from what users typed (dossier titles, association names)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_STEM = 80
MAX_STEM_BYTES = 150
"""File systems count bytes (ext4: 255 per name), not characters: 80 emoji are 320 bytes. 150 leaves room
for « (99) », the extension and the temporary and lock files' additions (forms.storage, forms.dossier_lock)."""
# Windows' reserved device names, whatever the extension: COM0-9 and LPT0-9 also with the superscript
# digits ¹ ² ³ (Windows reads them as digits), and the console's CONIN$ / CONOUT$.
_RESERVED = (
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{p}{i}" for p in ("com", "lpt") for i in (*"0123456789", "¹", "²", "³")}
)


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
    if len(text) > MAX_STEM or len(text.encode("utf-8")) > MAX_STEM_BYTES:
        text = cut_to_bytes(text[:MAX_STEM], MAX_STEM_BYTES).rstrip(" .-")
    if not text or text.split(".", 1)[0].rstrip().lower() in _RESERVED:
        return fallback
    return text


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of `text` whose UTF-8 form fits in `limit` bytes, never cutting a character, nor
    leaving a joiner, a variation selector or an accent without the character it goes with."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    cut = data[:limit].decode("utf-8", errors="ignore")
    while cut and (unicodedata.category(cut[-1]) in ("Mn", "Me", "Cf") or "\ufe00" <= cut[-1] <= "\ufe0f"):
        cut = cut[:-1]
    if cut and len(cut) < len(text) and unicodedata.category(text[len(cut)]) in ("Mn", "Me", "Cf"):
        cut = cut[:-1]  # the next character changes the last one kept (an accent, a skin tone joiner)
    return cut


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/stem+suffix`, or `stem (2)+suffix`, `stem (3)+suffix`… for the first that does not exist."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate
