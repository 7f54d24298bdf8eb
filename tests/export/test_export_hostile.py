"""Hostile text in every free-text field: both exports succeed and keep the text.

DOCX: the text read back with python-docx is exactly the typed text minus the control characters
(`clean_text`: C0/C1 controls except tab and line feed, lone surrogates, U+FFFE/U+FFFF; `\\r\\n` and `\\r`
become a line feed).

PDF: what a reader copies out of a PDF is not the typed text character for character — reportlab draws
no-break spaces as spaces and collapses runs of spaces, wraps lines (and cuts words longer than a column), drops
soft hyphens (pdf_render.pdf_clean), draws characters the font lacks as a box (their code is kept for copying,
fonts.CopyableTTFont, but runs are still cut there), and pdftotext may normalise (ligatures, compatibility
characters) or reorder (combining marks). So the PDF check compares a sample of characters that go through
unchanged — ASCII letters and digits, the markup characters `& < > " '` and « » ’ € — after NFKC normalisation
on both sides: every run of such characters of the typed text (cut where the font has no glyph; its last
character left out when a combining mark or a box may follow it) must be found, in order, in the text
extracted from the page bodies with all whitespace removed. The running header and footer are cropped away,
and every text is drawn in one piece in reading order (forms/export/pdf_render.py), so a run is never
interrupted.
"""

from __future__ import annotations

import functools
import string
import unicodedata

import pytest
from export_readback import (
    docx_document,
    docx_lines,
    docx_text,
    free_text_fields,
    get_value,
    pdf_body_text,
    pdf_pages,
    set_value,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.export import render_docx, render_pdf
from forms.export.pdf_render import pdf_clean
from forms.export.text import clean_text
from forms.model import Dossier
from forms.programmes import Catalogue

SAFE = frozenset(string.ascii_letters + string.digits + "&<>\"'«»’€")

MARKUP = ["&", "<", ">", "&amp;", "&lt;", "<b>", "</b>", "<para>", "</para>", "<br/>", "<font name=x>", '"',
          "'", "«\u00a0", "\u00a0»", "“", "”", "‘", "’", "\u00a0", "\u202f", "\t", "\n", "\r\n", "\r",
          "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff",
          "😀", "👩\u200d👩\u200d👧", "🇫🇷", "é", "e\u0301", "œ", "Œ", "É", "À", "…", "€", "ﬁ", "²", "\u00ad",
          "\u200b", "\u2028", "\u202e", "x", "mot ", "  ", "%", "\\", "/", "..", "{}", "$1"]


def hostile_texts() -> st.SearchStrategy[str]:
    """Short hostile texts: any Unicode (control characters included), markup, typography, emoji."""
    return st.one_of(
        st.text(max_size=30),
        st.lists(st.sampled_from(MARKUP), max_size=12).map("".join),
        st.lists(st.one_of(st.text(max_size=6), st.sampled_from(MARKUP)), max_size=5).map("".join),
    )


def long_words() -> st.SearchStrategy[str]:
    """A word far wider than any column, among hostile characters."""
    return st.builds(lambda a, word, b: a + word + b, hostile_texts(),
                     st.text(alphabet="abcdefghij", min_size=300, max_size=1500), hostile_texts())


@functools.cache
def drawable() -> frozenset[int]:
    """The characters the PDF font has a glyph for (the others are drawn as a box and not extracted)."""
    from reportlab.pdfbase import pdfmetrics

    from forms.export.fonts import REGULAR, register_fonts

    register_fonts()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph)


def typed_runs(text: str) -> list[str]:
    """The runs of safe characters of a typed text, as the PDF must show them (see the module docstring).

    Characters the font cannot draw break a run (they become a box); the last character of a run that is
    followed by anything but a safe character or a space is left out, as a following combining mark or
    box may change how it is extracted."""
    text = "".join(ch if ord(ch) in drawable() else "\x00" for ch in pdf_clean(text))
    runs: list[str] = []
    current = ""
    for ch in unicodedata.normalize("NFKC", text) + " ":
        if ch in SAFE:
            current += ch
            continue
        if current and not ch.isspace():
            current = current[:-1]
        if current:
            runs.append(current)
        current = ""
    return runs


def extracted(text: str) -> str:
    """Text copied out of the PDF, normalised the same way, without any whitespace (lines wrap anywhere)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def kept_in_pdf(value: str, pdf: str) -> bool:
    """Whether every safe run of `value` is in the extracted PDF text `pdf`, in order."""
    cursor = 0
    for run in typed_runs(value):
        found = pdf.find(run, cursor)
        if found < 0:
            return False
        cursor = found + len(run)
    return True


def fill(dossier: Dossier, texts: list[str]) -> list[str]:
    """Put texts[i] into the i-th free-text field; return the values placed."""
    fields = list(free_text_fields(dossier))
    placed = []
    for (_, owner, key), text in zip(fields, texts, strict=False):
        set_value(owner, key, text)
        placed.append(text)
    return placed


def check_exports(dossier: Dossier, catalogue: Catalogue) -> None:
    docx_bytes = render_docx(dossier, catalogue, ())
    pdf_bytes = render_pdf(dossier, catalogue, ())
    docx = docx_text(docx_bytes)
    pdf = extracted(pdf_body_text(pdf_bytes))
    for path, owner, key in free_text_fields(dossier):
        value = get_value(owner, key)
        if not value.strip():
            continue  # a blank value is shown as « Non renseigné »
        assert clean_text(value) in docx, f"DOCX lost {path}: {value!r}"
        assert kept_in_pdf(value, pdf), f"PDF lost {path}: {value!r} {typed_runs(value)}"


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_hostile_text_in_every_field_is_exported_and_kept(data: st.DataObject, dossier: Dossier,
                                                           catalogue: Catalogue) -> None:
    import copy

    subject = copy.deepcopy(dossier)
    count = len(list(free_text_fields(subject)))
    texts = data.draw(st.lists(hostile_texts(), min_size=count, max_size=count))
    for index in data.draw(st.lists(st.integers(0, count - 1), max_size=3, unique=True)):
        texts[index] = data.draw(long_words())
    fill(subject, texts)
    check_exports(subject, catalogue)


@pytest.mark.parametrize("text", [
    "Tom & Jerry <b>pas gras</b> &amp; « guillemets » “anglais” l’apostrophe\u00a0; 1\u202f000\u00a0€",
    "contrôle\x00\x01\x07\x1b\x7f\x85 fin\r\nligne 2\rligne 3\ttabulation",
    "émoji 😀 famille 👩\u200d👩\u200d👧 drapeau 🇫🇷 fin",
    "</para><para>injection</para><font name='Courier'>x</font><img src='/etc/passwd'/>",
])
def test_specific_hostile_texts_everywhere(text: str, dossier: Dossier, catalogue: Catalogue) -> None:
    fill(dossier, [text] * len(list(free_text_fields(dossier))))
    check_exports(dossier, catalogue)


def test_very_long_text_and_very_long_word(dossier: Dossier, catalogue: Catalogue) -> None:
    """A 50 000-character description runs over many pages; a 5 000-character word is cut at the column
    edge, in the body, in a label/value grid and in a table cell."""
    paragraph = "Les habitantes et habitants du quartier participent aux ateliers chaque semaine. "
    long_text = (paragraph * (50_000 // len(paragraph) + 1))[:50_000]
    word = "x" * 5_000
    dossier.action.description = long_text
    dossier.action.objectives = word
    dossier.association.identity.name = "Association " + word
    dossier.association.identity.object = word + " " + word
    dossier.action.indicators[0].label = word
    dossier.action.budget.subsidies[0].label = word
    docx_bytes = render_docx(dossier, catalogue, ())
    pdf_bytes = render_pdf(dossier, catalogue, ())
    docx = docx_text(docx_bytes)
    assert long_text in docx and word in docx
    body = "".join(pdf_body_text(pdf_bytes).split())
    assert "".join(long_text.split()) in body
    assert body.count(word) >= 6  # objectives, name (twice: subtitle, field), object (2), indicator, subsidy
    assert len(pdf_pages(pdf_bytes)) > 20


def test_docx_keeps_lines_as_paragraphs(dossier: Dossier, catalogue: Catalogue) -> None:
    dossier.action.description = "Premier paragraphe.\n\nDeuxième, après une ligne vide.\r\nTroisième."
    lines = docx_lines(docx_document(render_docx(dossier, catalogue, ())))
    start = lines.index("Premier paragraphe.")
    assert lines[start:start + 4] == ["Premier paragraphe.", "", "Deuxième, après une ligne vide.", "Troisième."]


def test_emoji_in_the_pdf(dossier: Dossier, catalogue: Catalogue) -> None:
    """DejaVu Sans has some emoji (😀 😊 ❤): they are drawn and copied out of the PDF as typed, even those
    beyond U+FFFF (fonts.py fixes reportlab's text map). The others (🎉 👍) are drawn as the font's box
    and still copied out as typed (fonts.CopyableTTFont); the rest of the text is kept."""
    dossier.action.description = "Fête de quartier 🎉 et goûter 😀 😊 ❤ 👍 fin"
    text = "\n".join(pdf_pages(render_pdf(dossier, catalogue, ())))
    assert "Fête de quartier" in text
    assert "et goûter 😀 😊 ❤" in text
    assert "fin" in text
    assert "Fête de quartier 🎉 et goûter 😀 😊 ❤ 👍 fin" in text  # no glyph, but the text is kept
