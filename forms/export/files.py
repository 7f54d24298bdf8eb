"""How every exported document is named and written: the request (forms.export.api), the compte-rendu
(forms.compte_rendu.export) and the fiche de saisie (forms.handoff.sheet_document).

Existing files are never silently replaced. Without `force`, when `name.docx` or `name.pdf` already exists
the first free name of the form `name (2)`, `name (3)`… is taken — the same for every format, so the DOCX
and the PDF of one export always share a name; the caller is told the paths actually written. With
`force`, the files `name.docx` / `name.pdf` are replaced. Writes are atomic
(`forms.storage.atomic_write_bytes`): a crash leaves the old file or the new one.

Light on purpose (no python-docx, no reportlab): the contents are rendered by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from forms.filenames import safe_stem
from forms.storage import atomic_write_bytes


class ExportError(Exception):
    """The export could not be written. `str(exc)` is a French message for the user."""


# Words a cut name must not end on (« …accompagnement renforcé des »): it would read as a mistake.
_DANGLING = frozenset((
    "à", "a", "au", "aux", "avec", "d'", "de", "des", "du", "en", "et", "l'", "la", "le", "les", "ou", "par",
    "pour", "sur", "un", "une", "dans", "chez", "vers", "entre", "sans", "sous", "contre", "selon",
))


def name_part(text: str, limit: int) -> str:
    """At most `limit` characters of a sanitized text: one part of a file name (the association, the
    action's title, the call). When it is longer, it is cut after a whole word (never after « de », « des »,
    « et »…) and marked by « … »."""
    text = safe_stem(text, "")
    if len(text) <= limit:
        return text.rstrip(" .,;:-")
    words = text[: limit - 1].split(" ")
    if len(words) > 1 and not text[limit - 1:limit].isspace():
        words = words[:-1]  # the last word was cut in the middle
    while len(words) > 1 and (words[-1].casefold() in _DANGLING or words[-1].casefold().endswith("'")):
        words = words[:-1]
    return " ".join(words).rstrip(" .,;:-–—") + "…"


def free_stem(out_dir: Path, stem: str, formats: Iterable[str]) -> str:
    """`stem`, or `stem (2)`, `stem (3)`… — the first for which no file of any format exists."""
    formats = tuple(formats)
    candidate, n = stem, 2
    while any((out_dir / f"{candidate}.{fmt}").exists() for fmt in formats):
        candidate = f"{stem} ({n})"
        n += 1
    return candidate


def check_out_dir(out_dir: Path, what: str = "l'export") -> None:
    """ExportError when `out_dir` is a file (checked before rendering, so no time is lost on it)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"« {out_dir} » est un fichier, pas un dossier : impossible d'y écrire {what}.")


def write_files(contents: dict[str, bytes], out_dir: Path, base: str, *, force: bool = False,
                what: str = "l'export") -> list[Path]:
    """Write rendered contents as `out_dir/base.<format>` (or the first free `base (n)` without `force`);
    returns the paths written, in the order of `contents`. `what` names the document in the message
    when `out_dir` is a file. A batch export renders in parallel and writes here, one dossier at a time,
    so two dossiers of the same name never race for one file name."""
    out_dir = Path(out_dir)
    check_out_dir(out_dir, what)
    name = base if force else free_stem(out_dir, base, contents)
    written: list[Path] = []
    for fmt, data in contents.items():
        path = out_dir / f"{name}.{fmt}"
        if force and path.is_dir():
            raise ExportError(f"« {path} » est un dossier du disque : il n'a pas été remplacé.")
        try:
            atomic_write_bytes(path, data)
        except PermissionError:
            raise ExportError(f"Vous n'avez pas le droit d'écrire dans « {out_dir} ».") from None
        except OSError as exc:
            raise ExportError(f"Impossible d'écrire « {path.name} » : {exc.strerror or exc}.") from None
        written.append(path)
    return written
