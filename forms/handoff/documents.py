"""The pieces of a dossier as the hand-off sees them: the call's checklist with the dossier's answers,
which of them this dossier must send, and where each chosen file is on the disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from forms.model import Document, Dossier
from forms.programmes import Catalogue, DocumentSpec


@dataclass(frozen=True)
class Piece:
    index: int  # in dossier.documents; -1 when the dossier has no entry for the call's item yet
    id: str
    label: str
    document: Document
    required: bool  # this dossier must send it (or say why it does not apply)

    @property
    def path_field(self) -> str:
        return f"documents[{self.index}].path" if self.index >= 0 else "documents"

    @property
    def state_field(self) -> str:
        return f"documents[{self.index}].state" if self.index >= 0 else "documents"


def _required(spec: DocumentSpec, dossier: Dossier) -> bool:
    if spec.requirement == "toujours":
        return True
    if spec.requirement == "renouvellement":
        return any(a.frequency == "renouvellement" for a in dossier.actions)
    if spec.requirement == "delegation":
        return not dossier.attestation.signatory_is_legal_representative
    return False


def pieces(dossier: Dossier, catalogue: Catalogue) -> list[Piece]:
    """The call's documents in the call's order (with the dossier's answer, or a blank one), then the
    dossier's own entries the call does not list."""
    call = catalogue.calls.get(dossier.call.call)
    specs = call.documents if call else []
    index = {doc.id: i for i, doc in enumerate(dossier.documents)}
    out = []
    for spec in specs:
        i = index.get(spec.id, -1)
        doc = dossier.documents[i] if i >= 0 else Document(id=spec.id)
        out.append(Piece(i, spec.id, spec.label, doc, _required(spec, dossier)))
    known = {spec.id for spec in specs}
    out += [Piece(i, doc.id, doc.id, doc, False) for i, doc in enumerate(dossier.documents) if doc.id not in known]
    return out


def resolve(path: str, dossier_file: Path | None) -> Path:
    """A chosen file on the disk: `~` expanded, a relative path read from the dossier file's folder."""
    candidate = Path(path.strip()).expanduser()
    if not candidate.is_absolute() and dossier_file is not None:
        candidate = Path(dossier_file).resolve().parent / candidate
    return candidate


def file_name(path: str) -> str:
    """The file's name without its folders (Windows or Unix separators)."""
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
