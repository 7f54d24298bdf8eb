"""The memo of a call (training mode): what a newcomer needs on two printed pages at most.

The contract's enjeux, this year's priorities, the transversal priorities with what funders look for,
the calendar, the documents, and the ten most useful acronyms of the glossary. Everything comes from
the programme data; a date the data does not give is printed « à vérifier », never guessed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from forms.codec import from_data
from forms.export.fonts import BOLD, ITALIC, REGULAR, register_fonts
from forms.french import french_date
from forms.programmes import RESOURCES_DIR, Call, Catalogue, GlossaryEntry
from forms.storage import atomic_write_bytes
from forms.yamlload import load_yaml

MEMO_FILE = RESOURCES_DIR / "formation" / "memo.yaml"
USEFUL_ACRONYMS = 10
REQUIREMENTS = {
    "toujours": "à joindre",
    "renouvellement": "pour un renouvellement",
    "delegation": "si le signataire n'est pas le représentant légal",
    "facultatif": "facultatif",
}
BLUE = colors.HexColor("#1F3A68")
GREY = colors.HexColor("#5A5F69")


@dataclass
class MemoFile:
    sigles: list[str]


@dataclass
class MemoSection:
    title: str
    lines: list[str]  # plain text, one paragraph each


def useful_acronyms(call: Call, catalogue: Catalogue) -> list[GlossaryEntry]:
    """The ten most useful acronyms the glossary explains for this call (order of resources/formation/memo.yaml)."""
    ranked: MemoFile = from_data(MemoFile, load_yaml(MEMO_FILE))
    entries = {e.acronym: e for e in catalogue.glossary}
    chosen: list[GlossaryEntry] = []
    for acronym in ranked.sigles:
        entry = entries.get(acronym)
        if entry is not None and entry not in chosen:
            chosen.append(entry)
    return chosen[:USEFUL_ACRONYMS]


def _date(day) -> str:
    return french_date(day) if day else "à vérifier auprès du financeur"


def memo_sections(call: Call, catalogue: Catalogue) -> list[MemoSection]:
    """The memo's content, in reading order (the PDF and the tests read this)."""
    territory = catalogue.territory_of(call)
    label = territory.enjeu_label_plural.lower()
    sections = [
        MemoSection(
            f"Les {label} du contrat de ville",
            [f"{e.number}. {e.title}" for e in territory.enjeux],
        )
    ]
    groups: dict[str, list[str]] = {}
    for priority in call.operational_priorities:
        groups.setdefault(priority.group, []).append(priority.text)
    prio_lines = []
    for group, texts in groups.items():
        prio_lines.append(f"<b>{escape(group)}</b> : " + " ; ".join(escape(t) for t in texts))
    sections.append(MemoSection(
        f"Les priorités de l'appel {call.year}",
        prio_lines or [f"L'appel ne met pas en avant de priorité particulière : tous les {label} comptent."],
    ))
    sections.append(MemoSection(
        "Les priorités transversales : ce que les financeurs regardent",
        [f"<b>{escape(t.title)}</b>{' (à traiter par tous)' if t.required else ''} — "
         f"{escape(t.prompt or t.text)}" for t in call.transversal]
        or ["L'appel ne fixe pas de priorité transversale."],
    ))
    calendar = [
        f"Appel ouvert le : {_date(call.opens)}",
        f"Date limite de dépôt : {_date(call.deadline)}",
    ]
    if call.action_start and call.action_end:
        calendar.append(f"L'action se déroule entre le {french_date(call.action_start)} et le "
                        f"{french_date(call.action_end)}")
    if call.period_text:
        calendar.append(f"Période de l'appel : {call.period_text}")
    calendar.append("Avant un renouvellement : le compte-rendu financier (CERFA 15059) de l'action de l'an dernier.")
    sections.append(MemoSection("Le calendrier", [escape(c) for c in calendar]))
    sections.append(MemoSection(
        "Les pièces à joindre",
        [f"{escape(d.label)} — {REQUIREMENTS.get(d.requirement, d.requirement)}" for d in call.documents],
    ))
    sections.append(MemoSection(
        "Dix sigles utiles",
        [f"<b>{escape(e.acronym)}</b> : {escape(e.meaning)}" for e in useful_acronyms(call, catalogue)],
    ))
    return sections


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=8.5, leading=10.6, spaceAfter=1.5)
    return {
        "title": ParagraphStyle("title", body, fontName=BOLD, fontSize=15, leading=19, textColor=BLUE),
        "sub": ParagraphStyle("sub", body, fontName=ITALIC, textColor=GREY, spaceAfter=4),
        "h": ParagraphStyle("h", body, fontName=BOLD, fontSize=10.5, leading=13, textColor=BLUE,
                            spaceBefore=5, spaceAfter=2),
        "item": ParagraphStyle("item", body, leftIndent=8, bulletIndent=0),
        "foot": ParagraphStyle("foot", body, fontName=ITALIC, fontSize=7.5, textColor=GREY, spaceBefore=6),
    }


def render_memo_pdf(call: Call, catalogue: Catalogue) -> bytes:
    """The memo as PDF bytes (A4, DejaVu Sans embedded)."""
    styles = _styles()
    territory = catalogue.territory_of(call)
    story = [
        Paragraph(escape(f"Mémo — {call.title}"), styles["title"]),
        Paragraph(escape(f"{territory.contract_title} ({territory.contract_period}). "
                         "Un aide-mémoire pour préparer un dossier ; l'appel publié fait foi."), styles["sub"]),
    ]
    for section in memo_sections(call, catalogue):
        head = Paragraph(escape(section.title), styles["h"])
        items = [Paragraph(line, styles["item"], bulletText="•") for line in section.lines]
        story.append(KeepTogether([head, *items[:2]]))
        story.extend(items[2:])
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(escape(f"Source : {catalogue.describe_source(call.source)}. "
                                  "Mémo produit hors ligne par l'application Dossier contrat de ville."),
                           styles["foot"]))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=13 * mm,
                            bottomMargin=12 * mm, title=f"Mémo — {call.title}", author="Dossier contrat de ville",
                            lang="fr-FR")
    doc.build(story)
    return buffer.getvalue()


def write_memo(call: Call, catalogue: Catalogue, path: Path) -> Path:
    """Write the memo to `path` atomically and return it."""
    atomic_write_bytes(path, render_memo_pdf(call, catalogue))
    return path
