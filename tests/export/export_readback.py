"""Reading the exports back the way a person sees them: python-docx for the DOCX, pypdf (and pdftotext for
page regions) for the PDF; plus the list of every value of a dossier that must appear in them."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any, Literal, get_origin, get_type_hints

import docx
import pypdf
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from forms.model import Dossier
from forms.programmes import RESOURCES_DIR

EXAMPLES_DIR = RESOURCES_DIR / "examples"
EXAMPLE_NAMES = ("blois-2023-insertion", "blois-2021-culture", "amboise-acces-droits")


@dataclasses.dataclass(frozen=True)
class FakeVerdict:
    """Has the attributes of rules.Verdict the exports read (forms.export.VerdictLike)."""

    rule: str
    level: str
    message: str
    source: str = ""
    fields: tuple[str, ...] = ()

# str fields of the model that are ids, choices or bookkeeping, not text the applicant typed for the
# funder: the exports show their meaning (a label, a name from the programme data), not the raw value.
NOT_FREE_TEXT = {
    "call.territory", "call.call",
    "actions[].quartiers[]", "actions[].enjeux[]", "actions[].operational_priorities[]",
    "actions[].budget.subsidies[].funder", "association.budget.subsidies[].funder",
    "actions[].public.age_bands[].band",
    "documents[].id", "documents[].path",  # the path is shown as its file name only
}
NOT_FREE_TEXT_PREFIXES = ("meta.",)  # bookkeeping of the application, not part of the request
# after the request (issue 13): the compte-rendu has its own export (forms.compte_rendu), the renewal marks are
# the wizard's
NOT_FREE_TEXT_PREFIXES += ("renewal.", "actions[].report.")


def norm(text: str) -> str:
    """Whitespace runs (line ends, no-break spaces, tabs) as one space: PDF lines wrap anywhere."""
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------
# Walking the dossier's free text
# --------------------------------------------------------------------------------------------
def free_text_fields(obj: Any, path: str = "") -> Iterator[tuple[str, Any, str]]:
    """(generic path, owner, attribute-or-index) of every free-text str in `obj`, recursively.

    The generic path has `[]` for list indexes and dict keys (e.g. `actions[].transversal[].text`), so it
    can be compared with NOT_FREE_TEXT; `owner[key] = …` or `setattr(owner, key, …)` replaces the value.
    """
    if not dataclasses.is_dataclass(obj):
        return
    hints = get_type_hints(type(obj))
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        sub = f"{path}.{f.name}" if path else f.name
        tp = hints[f.name]
        if isinstance(value, str):
            if get_origin(tp) is not Literal and _is_free(sub):
                yield sub, obj, f.name
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    if _is_free(f"{sub}[]"):
                        yield f"{sub}[]", value, i  # type: ignore[misc]
                else:
                    yield from free_text_fields(item, f"{sub}[]")
        elif isinstance(value, dict):
            for item in value.values():
                yield from free_text_fields(item, f"{sub}[]")
        else:
            yield from free_text_fields(value, sub)


def _is_free(path: str) -> bool:
    return path not in NOT_FREE_TEXT and not path.startswith(NOT_FREE_TEXT_PREFIXES)


def get_value(owner: Any, key: Any) -> str:
    return owner[key] if isinstance(key, int) else getattr(owner, key)


def set_value(owner: Any, key: Any, value: str) -> None:
    if isinstance(key, int):
        owner[key] = value
    else:
        setattr(owner, key, value)


def free_texts(dossier: Dossier) -> list[tuple[str, str]]:
    """(path, text) of every non-blank free text of the dossier."""
    out = []
    for path, owner, key in free_text_fields(dossier):
        value = get_value(owner, key)
        if value.strip():
            out.append((path, value))
    return out


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------
def docx_document(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def docx_blocks(document: Any) -> Iterator[DocxParagraph | DocxTable]:
    yield from document.iter_inner_content()


def docx_lines(document: Any) -> list[str]:
    """Every paragraph of the body in order, table cells included (row by row, cell by cell)."""
    lines: list[str] = []
    for block in docx_blocks(document):
        if isinstance(block, DocxParagraph):
            lines.append(block.text)
        else:
            for row in block.rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
    return lines


def docx_text(data: bytes) -> str:
    return "\n".join(docx_lines(docx_document(data)))


def docx_tables(data: bytes) -> list[list[list[str]]]:
    """Each table as rows of cell texts."""
    document = docx_document(data)
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------
def pdf_pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text() or "" for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))


def pdf_body_text(data: bytes) -> str:
    """The text of the body of every page, without the running header and footer (pdftotext crops
    the page; content-stream order, so a paragraph running over two pages stays contiguous)."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed"
    # A4 is 595 x 842 pt; the header is above 62 pt from the top, the footer below 58 pt from the bottom
    out = subprocess.run(
        [pdftotext, "-raw", "-enc", "UTF-8", "-x", "0", "-y", "62", "-W", "595", "-H", "722", "-", "-"],
        input=data, capture_output=True, check=True, timeout=60,
    )
    return out.stdout.decode("utf-8")
