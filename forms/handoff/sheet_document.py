"""The printable « fiche de saisie »: the portal sheet on paper (PDF) or in Word (DOCX), in the portal's
order, with a box to tick beside each value, for people who prefer paper beside the screen.

It is laid out by the export's renderers (forms.export), from the same kind of blocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from forms.export.api import export_file_stem, render_formats
from forms.export.blocks import Banner, Block, Bullets, Column, ExportDocument, Heading, LongText, Para, Row, Table
from forms.export.files import check_out_dir, write_files
from forms.french import french_date, plural
from forms.handoff.portal_sheet import PortalSheet, PortalValue, build_portal_sheet
from forms.handoff.ticks import tick_state
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.steps import step_title

SHEET_TITLE = "Fiche de saisie sur le portail Dauphin"
BOXES = {"a_saisir": "☐", "saisi": "☑", "modifie": "☐"}
_COLUMNS = (Column("Saisi", 0.08, "center"), Column("Ce que le portail demande", 0.36),
            Column("À saisir", 0.46), Column("Signes", 0.1, "right"))


def _chars(value: PortalValue) -> str:
    return plural(value.chars, "caractère", "caractères")


def _box(dossier: Dossier, value: PortalValue) -> str:
    state = tick_state(dossier, value)
    return BOXES[state] + (" modifié depuis" if state == "modifie" else "")


def sheet_document(dossier: Dossier, catalogue: Catalogue, sheet: PortalSheet | None = None,
                   today: dt.date | None = None) -> ExportDocument:
    sheet = sheet or build_portal_sheet(dossier, catalogue)
    call = catalogue.calls.get(dossier.call.call)
    identity = dossier.association.identity
    doc = ExportDocument(
        title=SHEET_TITLE,
        subtitle=tuple(x for x in (call.title if call else dossier.call.call, identity.name, dossier.title,
                                   f"Préparée le {french_date(today or dt.date.today())}") if x.strip()),
        author=identity.name, subject=SHEET_TITLE, header_left=identity.name, header_right=dossier.title,
        footer=SHEET_TITLE,
    )
    doc.add(Banner("Les valeurs sont dans l'ordre des étapes du portail. Cochez chaque case quand la valeur est "
                   "saisie. Le portail ferme la session après 30 minutes sans activité : enregistrez "
                   "(« Enregistrer ») avant de taper un long texte, ou collez-le depuis l'application."))
    missing = sheet.to_prepare()
    if missing:
        doc.add(Heading(f"À préparer avant la saisie ({len(missing)})", 2))
        doc.add(Para("Le portail demande ces valeurs et le dossier ne les a pas encore :"))
        doc.add(Bullets(tuple(f"{v.label} — à remplir à l'étape « {step_title(v.step)} »" for v in missing)))
    for section in sheet.sections:
        doc.add(Heading(section.title, 1))
        doc.add(Para(section.hint, "note"))
        doc.add(*_section_blocks(dossier, section.values))
    return doc


def _section_blocks(dossier: Dossier, values: Sequence[PortalValue]) -> list[Block]:
    blocks: list[Block] = []
    rows: list[Row] = []
    group = None

    def flush() -> None:
        if rows:
            blocks.append(Table(_COLUMNS, tuple(rows), keep_rows_whole=True))
            rows.clear()

    for value in values:
        if value.missing:
            continue
        if value.group != group:
            flush()
            group = value.group
            if group:
                blocks.append(Heading(group, 3))
        if (value.long and "\n" in value.text) or value.chars > 200:
            flush()
            blocks.append(LongText(f"{_box(dossier, value)} {value.label} ({_chars(value)})", value.text))
        else:
            rows.append(Row((_box(dossier, value), value.label, value.text, str(value.chars))))
    flush()
    return blocks


def render_sheet(dossier: Dossier, catalogue: Catalogue, fmt: str) -> bytes:
    return render_formats(sheet_document(dossier, catalogue), (fmt,))[fmt]


def write_sheet(dossier: Dossier, catalogue: Catalogue, out_dir: Path,
                formats: Sequence[str] = ("pdf", "docx")) -> list[Path]:
    """Write the fiche in `formats` into `out_dir` under a free name (an older fiche is never replaced)."""
    out_dir = Path(out_dir)
    check_out_dir(out_dir, "la fiche")
    contents = render_formats(sheet_document(dossier, catalogue), formats)
    return write_files(contents, out_dir, f"Fiche de saisie - {export_file_stem(dossier)}", what="la fiche")
