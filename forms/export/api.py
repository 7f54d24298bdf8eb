"""The export functions other layers call, and how the exported files are named and written.

File names come from the dossier (association, action title, call) through `forms.filenames.safe_stem`:
no path separators, no `..`, no control characters, at most 80 characters.

Existing files are never silently replaced. Without `force`, when `name.docx` or `name.pdf` already exists
the export picks the first free name of the form `name (2)`, `name (3)`… — the same for both formats, so
the DOCX and the PDF of one export always share a name; the previous export stays untouched and the
caller is told the paths actually written. With `force`, the files `name.docx` / `name.pdf` are replaced.
Writes are atomic (`forms.storage.atomic_write_bytes`): a crash leaves the old file or the new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from forms.export.blocks import ExportDocument
from forms.export.content import build_document
from forms.export.docx_render import render_document_docx
from forms.export.pdf_render import render_document_pdf
from forms.export.verdicts import VerdictLike
from forms.filenames import MAX_STEM, safe_stem
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.storage import atomic_write_bytes

FORMATS: tuple[str, ...] = ("docx", "pdf")
_PART_CHARS = (30, 30, 14)  # association, action title, call id: with the " - " separators, ≤ 80


class ExportError(Exception):
    """The export could not be written. `str(exc)` is a French message for the user."""


class ExportCancelled(Exception):
    """Raised by a progress callback to stop an export: nothing is written."""


Progress = Callable[[float], None]  # called with 0…1 as the export goes; may raise ExportCancelled


def render_docx(dossier: Dossier, catalogue: Catalogue, verdicts: Sequence[VerdictLike] | None = ()) -> bytes:
    """The dossier as an editable DOCX (bytes)."""
    return render_document_docx(build_document(dossier, catalogue, verdicts))


def render_pdf(dossier: Dossier, catalogue: Catalogue, verdicts: Sequence[VerdictLike] | None = ()) -> bytes:
    """The dossier as a PDF (bytes), with the same content as the DOCX."""
    return render_document_pdf(build_document(dossier, catalogue, verdicts))


def render_formats(document: ExportDocument, formats: Sequence[str],
                   progress: Progress | None = None) -> dict[str, bytes]:
    """Each format's bytes; the PDF first, so the DOCX can store the request's page count for the
    readers that do not compute it (see docx_render). `progress` hears 0.05…0.95 (the PDF is most of
    the work)."""
    contents: dict[str, bytes] = {}
    info: dict[str, int] = {}
    share = {"pdf": 0.75 if "docx" in formats else 0.9, "docx": 0.9 if "pdf" not in formats else 0.15}
    done = 0.05

    def part(fmt: str) -> Progress | None:
        if progress is None:
            return None
        start = done
        return lambda fraction: progress(start + share[fmt] * fraction)

    if "pdf" in formats:
        contents["pdf"] = render_document_pdf(document, info, part("pdf"))
        done += share["pdf"]
    if "docx" in formats:
        contents["docx"] = render_document_docx(document, info.get("pages"), part("docx"))
    return contents


# Words a cut title must not end on (« …accompagnement renforcé des »): it would read as a mistake.
_DANGLING = frozenset((
    "à", "a", "au", "aux", "avec", "d'", "de", "des", "du", "en", "et", "l'", "la", "le", "les", "ou", "par",
    "pour", "sur", "un", "une", "dans", "chez", "vers", "entre", "sans", "sous", "contre", "selon",
))


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters of a sanitized text; when it is longer, cut after a whole word (never
    after « de », « des », « et »…) and marked by « … »."""
    text = safe_stem(text, "")
    if len(text) <= limit:
        return text.rstrip(" .,;:-")
    words = text[: limit - 1].split(" ")
    if len(words) > 1 and not text[limit - 1:limit].isspace():
        words = words[:-1]  # the last word was cut in the middle
    while len(words) > 1 and (words[-1].casefold() in _DANGLING or words[-1].casefold().endswith("'")):
        words = words[:-1]
    return " ".join(words).rstrip(" .,;:-–—") + "…"


def export_file_stem(dossier: Dossier) -> str:
    """« Association - Titre de l'action - blois-2023 », sanitized for every file system.

    The association is named by its acronym when it has one, so the action's title keeps the room
    the association does not use (80 characters in all).
    """
    identity = dossier.association.identity
    titled = any(a.title.strip() for a in dossier.actions)
    association = _cut(identity.acronym.strip() or identity.name, _PART_CHARS[0])
    call = _cut(dossier.call.call, _PART_CHARS[2])
    room = MAX_STEM - len(association) - len(call) - 2 * len(" - ")
    title = _cut(dossier.title, max(room, _PART_CHARS[1])) if titled else ""
    return safe_stem(" - ".join(p for p in (association, title, call) if p), fallback="dossier-contrat-de-ville")


def _free_stem(out_dir: Path, stem: str, formats: Iterable[str]) -> str:
    """`stem`, or `stem (2)`, `stem (3)`… — the first for which no file of any format exists."""
    candidate, n = stem, 2
    while any((out_dir / f"{candidate}.{fmt}").exists() for fmt in formats):
        candidate = f"{stem} ({n})"
        n += 1
    return candidate


def export_dossier(
    dossier: Dossier,
    catalogue: Catalogue,
    verdicts: Sequence[VerdictLike] | None,
    out_dir: Path,
    *,
    formats: Sequence[str] = FORMATS,
    force: bool = False,
    stem: str | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the dossier in each of `formats` into `out_dir`; return the paths written (in `formats`
    order). `stem` overrides the name built from the dossier (it is sanitized all the same).
    `progress(fraction)` is told how far the export is; raising ExportCancelled from it stops the
    export before anything is written."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"« {out_dir} » est un fichier, pas un dossier : impossible d'y écrire l'export.")
    base = safe_stem(stem, fallback="dossier-contrat-de-ville") if stem is not None else export_file_stem(dossier)
    if progress is not None:
        progress(0.0)
    contents = render_export(dossier, catalogue, verdicts, formats, progress)  # render everything before writing
    if progress is not None:
        progress(0.97)  # the last moment to cancel: nothing written yet
    return write_export(contents, out_dir, base, force=force)


def render_export(
    dossier: Dossier,
    catalogue: Catalogue,
    verdicts: Sequence[VerdictLike] | None,
    formats: Sequence[str] = FORMATS,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """The exported files' contents, by format (in `formats` order), not yet written."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"formats d'export inconnus : {', '.join(unknown) or '(aucun)'}")
    formats = list(dict.fromkeys(formats))
    document = build_document(dossier, catalogue, verdicts)
    contents = render_formats(document, formats, progress)
    return {fmt: contents[fmt] for fmt in formats}


def write_export(contents: dict[str, bytes], out_dir: Path, base: str, *, force: bool = False) -> list[Path]:
    """Write rendered contents as `out_dir/base.<format>` (or the first free `base (n)` without `force`);
    returns the paths written. A batch export renders in parallel and writes here, one dossier at a time,
    so two dossiers of the same name never race for one file name."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"« {out_dir} » est un fichier, pas un dossier : impossible d'y écrire l'export.")
    name = base if force else _free_stem(out_dir, base, contents)
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
