"""The export functions other layers call, and the name of the exported files.

File names come from the dossier (association, action title, call) through `forms.filenames.safe_stem`:
no path separators, no `..`, no control characters, at most 80 characters. They are written as every
exported document is (`forms.export.files`): an existing export is never silently replaced (`name (2)`…),
each write is atomic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from forms.export.blocks import ExportDocument
from forms.export.content import build_document
from forms.export.docx_render import render_document_docx
from forms.export.files import ExportError as ExportError  # the callers' name for a write that failed
from forms.export.files import check_out_dir, name_part, write_files
from forms.export.pdf_render import render_document_pdf
from forms.export.verdicts import VerdictLike
from forms.filenames import MAX_STEM, safe_stem
from forms.model import Dossier
from forms.programmes import Catalogue

FORMATS: tuple[str, ...] = ("docx", "pdf")
_PART_CHARS = (30, 30, 14)  # association, action title, call id: with the " - " separators, ≤ 80


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
    return {fmt: contents[fmt] for fmt in dict.fromkeys(formats)}  # in the order asked


def export_file_stem(dossier: Dossier) -> str:
    """« Association - Titre de l'action - blois-2023 », sanitized for every file system.

    The association is named by its acronym when it has one, so the action's title keeps the room
    the association does not use (80 characters in all).
    """
    identity = dossier.association.identity
    titled = any(a.title.strip() for a in dossier.actions)
    association = name_part(identity.acronym.strip() or identity.name, _PART_CHARS[0])
    call = name_part(dossier.call.call, _PART_CHARS[2])
    room = MAX_STEM - len(association) - len(call) - 2 * len(" - ")
    title = name_part(dossier.title, max(room, _PART_CHARS[1])) if titled else ""
    return safe_stem(" - ".join(p for p in (association, title, call) if p), fallback="dossier-contrat-de-ville")


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
    check_out_dir(out_dir)
    base = safe_stem(stem, fallback="dossier-contrat-de-ville") if stem is not None else export_file_stem(dossier)
    if progress is not None:
        progress(0.0)
    contents = render_export(dossier, catalogue, verdicts, formats, progress)  # render everything before writing
    if progress is not None:
        progress(0.97)  # the last moment to cancel: nothing written yet
    return write_files(contents, out_dir, base, force=force)


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
