"""The export functions other layers call, and the name of the exported files.

File names come from the dossier (association, action title, call) through `forms.filenames.safe_stem`:
no path separators, no `..`, no control characters, at most 80 characters. They are written as every
exported document is (`forms.export.files`): an existing export is never silently replaced (`name (2)`…),
each write is atomic.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def render_docx(dossier: Dossier, catalogue: Catalogue, verdicts: Sequence[VerdictLike] | None = ()) -> bytes:
    """The dossier as an editable DOCX (bytes)."""
    return render_document_docx(build_document(dossier, catalogue, verdicts))


def render_pdf(dossier: Dossier, catalogue: Catalogue, verdicts: Sequence[VerdictLike] | None = ()) -> bytes:
    """The dossier as a PDF (bytes), with the same content as the DOCX."""
    return render_document_pdf(build_document(dossier, catalogue, verdicts))


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
) -> list[Path]:
    """Write the dossier in each of `formats` into `out_dir`; return the paths written (in `formats`
    order). `stem` overrides the name built from the dossier (it is sanitized all the same)."""
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    base = safe_stem(stem, fallback="dossier-contrat-de-ville") if stem is not None else export_file_stem(dossier)
    contents = render_export(dossier, catalogue, verdicts, formats)  # render everything before writing
    return write_files(contents, out_dir, base, force=force)


def render_export(
    dossier: Dossier, catalogue: Catalogue, verdicts: Sequence[VerdictLike] | None, formats: Sequence[str] = FORMATS
) -> dict[str, bytes]:
    """The exported files' contents, by format (in `formats` order), not yet written."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"formats d'export inconnus : {', '.join(unknown) or '(aucun)'}")
    return render_formats(build_document(dossier, catalogue, verdicts), formats)


def render_formats(document: ExportDocument, formats: Sequence[str]) -> dict[str, bytes]:
    """A document laid out in each of `formats` ("docx", "pdf"), by format in that order: the request,
    the compte-rendu and the fiche de saisie share the renderers."""
    renderers = {"docx": render_document_docx, "pdf": render_document_pdf}
    return {fmt: renderers[fmt](document) for fmt in dict.fromkeys(formats)}
