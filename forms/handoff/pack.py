"""The sending pack for the funders outside the portal: one folder (and a ZIP of it) per dossier.

    check_pack(dossier, catalogue, dossier_file, max_bytes) -> list[PackProblem]
    build_pack(dossier, catalogue, dossier_file, out_dir, max_bytes=DEFAULT_MAX_BYTES) -> Pack

The folder holds the dossier's PDF and DOCX (without the annex of open checks, which is not part of the
request), the one-page summary, the signature page alone as a PDF (to print, sign and scan), each
attachment of the documents step under a clear numbered name (`01 - Statuts de l'association.pdf`…), and
a text file with a short e-mail per funder the volunteer can paste; the ZIP holds the same files.

Nothing is built while a required piece is neither attached nor justified, a chosen file is missing or
unreadable, or a file is over the size the user set (default 10 MB, a common mailbox limit): the caller
gets the list of what to fix, in French. Nothing is written outside the pack folder: the folder is new
(`name`, `name (2)`…, never an older pack), the files and the ZIP are written inside it.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from forms.export.api import ExportError, export_file_stem
from forms.export.blocks import ExportDocument, Heading, StartAnnex
from forms.export.content import build_document
from forms.export.content_programme import ANNEX_TITLE
from forms.export.content_summary import summary_document
from forms.export.context import Context
from forms.export.docx_render import render_document_docx
from forms.export.pdf_render import render_document_pdf
from forms.filenames import safe_stem
from forms.handoff.documents import Piece, pieces, resolve
from forms.handoff.limits import DEFAULT_MAX_BYTES, MB
from forms.handoff.mail import Mail, mail_text, mails
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.storage import atomic_write_bytes

MAIL_FILE = "Courriel à envoyer.txt"
SIGNATURE_FILE = "Page de signature - à imprimer et signer.pdf"
SUMMARY_FILE = "Résumé de la demande.pdf"
_PIECE_CHARS = 64  # the label part of an attachment's name


@dataclass(frozen=True)
class PackProblem:
    message: str  # French, says what to do
    field: str = ""  # the model field where to fix it (the documents step)


@dataclass
class Pack:
    folder: Path
    zip_path: Path
    files: list[Path] = field(default_factory=list)  # in the folder, in order (the ZIP not included)
    attachments_bytes: int = 0
    mail_head: str = ""  # how to send, the State on the portal
    mails: list[Mail] = field(default_factory=list)  # one e-mail per funder outside the portal


class PackError(ExportError):
    """The pack cannot be built: `problems` says what to fix (str(exc) is a French summary)."""

    def __init__(self, problems: Sequence[PackProblem]) -> None:
        self.problems = list(problems)
        super().__init__("Le paquet d'envoi n'a pas été préparé :\n" + "\n".join(f"- {p.message}" for p in problems))


def size_text(size: int) -> str:
    """« 12,4 Mo » (decimal megabytes, as mailboxes say), « 850 ko »."""
    if size >= MB:
        return f"{size / MB:.1f}".replace(".", ",") + "\u00a0Mo"
    return f"{max(1, round(size / 1000))}\u00a0ko"


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------
def _sent(piece: Piece) -> bool:
    """A piece whose file goes in the pack: attached, or given a file."""
    return piece.document.state == "joint" or (piece.document.state != "sans_objet" and
                                               bool(piece.document.path.strip()))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def check_pack(dossier: Dossier, catalogue: Catalogue, dossier_file: Path | None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> list[PackProblem]:
    """What stops the pack, in the order of the documents step (empty: the pack can be built)."""
    problems: list[PackProblem] = []
    for piece in pieces(dossier, catalogue):
        doc = piece.document
        name = f"la pièce « {piece.label} »"
        if doc.state == "sans_objet":
            if piece.required and not doc.note.strip():
                problems.append(PackProblem(
                    f"{_upper_first(name)} est indiquée sans objet : expliquez pourquoi dans sa remarque, "
                    "ou joignez-la.",
                    f"documents[{piece.index}].note" if piece.index >= 0 else "documents"))
            continue
        if not _sent(piece):
            if piece.required:
                problems.append(PackProblem(f"{_upper_first(name)} n'est pas jointe : choisissez son fichier, ou "
                                            "indiquez « Sans objet » avec la raison.", piece.state_field))
            continue
        if not doc.path.strip():
            problems.append(PackProblem(f"{_upper_first(name)} est indiquée jointe mais aucun fichier n'est choisi.",
                                        piece.path_field))
            continue
        path = resolve(doc.path, dossier_file)
        if not path.is_file():
            problems.append(PackProblem(f"Le fichier de {name} est introuvable : {path}. Choisissez-le à "
                                        "nouveau.", piece.path_field))
            continue
        try:
            size = path.stat().st_size
            with path.open("rb") as fh:
                fh.read(1)
        except OSError as exc:
            problems.append(PackProblem(f"Le fichier de {name} ne peut pas être lu ({exc.strerror or exc}) : "
                                        f"{path}.", piece.path_field))
            continue
        if size > max_bytes:
            problems.append(PackProblem(
                f"Le fichier de {name} pèse {size_text(size)}, plus que la limite de {size_text(max_bytes)} : "
                "réduisez-le (PDF compressé, scan en noir et blanc) ou relevez la limite.", piece.path_field))
    return problems


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------
def _without_annex(document: ExportDocument) -> ExportDocument:
    """The dossier as it is sent: the annex of the application's checks is not part of the request. It is
    cut from its StartAnnex mark (the new page numbered on its own), else from its heading."""
    cut = next((i for i, b in enumerate(document.blocks)
                if isinstance(b, StartAnnex) or (isinstance(b, Heading) and b.text == ANNEX_TITLE)),
               len(document.blocks))
    document.blocks[:] = document.blocks[:cut]
    return document


def signature_document(document: ExportDocument) -> ExportDocument:
    """The attestation part alone (to print and sign): from its heading (« 8. Attestation », « 7 Attestations »…)
    to the next part."""
    blocks = document.blocks
    start = next((i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1
                  and re.sub(r"^[\d.\s]+", "", b.text).startswith("Attestation")), None)
    page = ExportDocument(title="Attestation à signer", subtitle=(document.subject,), author=document.author,
                          subject=document.subject, header_left=document.header_left,
                          header_right=document.header_right, footer=document.footer)
    if start is None:
        return page
    end = next((i for i in range(start + 1, len(blocks)) if isinstance(blocks[i], Heading)
                and blocks[i].level == 1), len(blocks))
    page.add(*blocks[start + 1:end])  # the title says what the page is: its heading would repeat it
    return page


def piece_name(number: int, piece: Piece, path: Path) -> str:
    """« 01 - Statuts de l'association.pdf »: numbered in the call's order, the label cut at a word."""
    label = safe_stem(piece.label, piece.id or "Pièce")
    if len(label) > _PIECE_CHARS:  # a precision in parentheses goes first: « (numéro SIREN - SIRET) »
        label = re.sub(r"\s*\([^()]*\)", "", label) or label
    if len(label) > _PIECE_CHARS:
        label = label[:_PIECE_CHARS]
        if " " in label[_PIECE_CHARS // 2:]:
            label = label[: label.rindex(" ")]
        label = label.rstrip(" .,;:-")
    return f"{number:02d} - {label}{path.suffix.lower()}"


def _free_folder(out_dir: Path, stem: str) -> Path:
    candidate, n = out_dir / stem, 2
    while candidate.exists():
        candidate, n = out_dir / f"{stem} ({n})", n + 1
    return candidate


def build_pack(dossier: Dossier, catalogue: Catalogue, dossier_file: Path | None, out_dir: Path,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Pack:
    """Check, then write the pack into a new folder of `out_dir`. Raises PackError with the list of
    what to fix, or ExportError when the disk refuses."""
    problems = check_pack(dossier, catalogue, dossier_file, max_bytes)
    if problems:
        raise PackError(problems)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"« {out_dir} » est un fichier, pas un dossier : impossible d'y préparer l'envoi.")
    stem = export_file_stem(dossier)
    ctx = Context.of(dossier, catalogue)
    document = _without_annex(build_document(dossier, catalogue, ()))
    contents: list[tuple[str, bytes | Path]] = [
        (f"{stem}.pdf", render_document_pdf(document)),
        (f"{stem}.docx", render_document_docx(document)),
        (SUMMARY_FILE, render_document_pdf(summary_document(ctx))),
        (SIGNATURE_FILE, render_document_pdf(signature_document(document))),
    ]
    attachments: list[tuple[str, Path]] = []
    for piece in pieces(dossier, catalogue):
        if _sent(piece):
            path = resolve(piece.document.path, dossier_file)
            attachments.append((piece_name(len(attachments) + 1, piece, path), path))
    contents += attachments
    head, drafts = mails(ctx, [name for name, _ in attachments], [name for name, _ in contents[:4]])
    contents.append((MAIL_FILE, mail_text(head, drafts).encode("utf-8")))
    folder = _free_folder(out_dir, f"Envoi - {stem}")
    pack = Pack(folder, folder / f"Envoi - {stem}.zip", mail_head=head, mails=drafts)
    try:
        folder.mkdir(parents=True)
        for name, data in contents:
            payload = data.read_bytes() if isinstance(data, Path) else data
            atomic_write_bytes(folder / name, payload)
            pack.files.append(folder / name)
            if isinstance(data, Path):
                pack.attachments_bytes += len(payload)
        _write_zip(pack)
    except OSError as exc:
        raise ExportError(f"Le paquet d'envoi n'a pas pu être écrit dans « {folder} » : "
                          f"{exc.strerror or exc}.") from None
    return pack


def _write_zip(pack: Pack) -> None:
    """The ZIP of the folder's files, written beside them (a temporary name, then renamed)."""
    tmp = pack.zip_path.with_name(f".{pack.zip_path.name}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in pack.files:
                archive.write(path, f"{pack.folder.name}/{path.name}")
        os.replace(tmp, pack.zip_path)
    finally:
        if tmp.exists():
            tmp.unlink()
