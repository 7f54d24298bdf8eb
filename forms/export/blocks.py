"""The document both exports lay out: a flat list of blocks built once from the dossier (content.py).

The renderers (docx_render.py, pdf_render.py) only decide how a block looks, never what it says or in
which order, so the DOCX and the PDF carry the same content in the same order. Texts in blocks are
plain text (never markup); the renderers clean and escape them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "right", "center"]
RowKind = Literal["line", "category", "group", "total", "grand_total"]  # group: a funder group of line 74
ParaStyle = Literal["body", "note", "empty", "lead", "detail"]  # detail: a note under a list item


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1: a part of the document; 2: a fiche or sub-part; 3: a group inside it
    page_break_before: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph; a text with line breaks becomes one paragraph per line."""

    text: str
    style: ParaStyle = "body"
    keep_with_next: bool = False  # an introduction (the call's text before the answer): never left alone


@dataclass(frozen=True)
class Field:
    label: str
    value: str  # may hold line breaks; an empty value shows "Non renseigné"


@dataclass(frozen=True)
class Fields:
    """Label / value pairs, laid out as a two-column grid."""

    rows: tuple[Field, ...]


@dataclass(frozen=True)
class LongText:
    """A free text under its own label (description, objectives…): it may run over several pages."""

    label: str
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # share of the text width, the columns of a table add up to 1
    align: Align = "left"
    file_names: bool = False  # file names: broken after - _ . rather than in the middle of a word


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    kind: RowKind = "line"


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    keep_rows_whole: bool = False  # budget tables: a row never breaks across two pages
    caption: str = ""  # a short title above the table


@dataclass(frozen=True)
class Banner:
    """A framed notice, e.g. the warning that the annex is not part of the request."""

    text: str


@dataclass(frozen=True)
class Signature:
    """A framed empty space for a handwritten signature, with its label; `lines` (« Fait à … le … », the
    signatory's name and role) are printed above it and kept on the same page."""

    label: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Checkbox:
    """A declaration with its box: ☒ ticked, ☐ not ticked. `indent`: a choice under a declaration."""

    text: str
    checked: bool
    indent: bool = False


@dataclass(frozen=True)
class StartAnnex:
    """What follows is not part of the request: a new page, numbered on its own (the request ends on its
    own last page number), with its own footer."""

    footer: str


Block = Heading | Para | Fields | LongText | Bullets | Table | Banner | Signature | Checkbox | StartAnnex


@dataclass
class ExportDocument:
    title: str  # the document title (first page, DOCX/PDF properties)
    subtitle: tuple[str, ...]  # lines under the title
    author: str  # the association
    subject: str  # the call answered
    header_left: str  # running header: the association…
    header_right: str  # …and the action
    footer: str = ""  # left of "Page x sur y"
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
