"""Right-to-left text (Arabic, Hebrew) in the PDF: shaped, and in visual order line by line.

reportlab draws characters in the order it is given and, without its optional `rlbidi` (not published
as a wheel), neither reorders right-to-left runs nor joins Arabic letters: « مرحبا » came out reversed
and unjoined. Two maintained libraries do what hand-written code would do worse:
- arabic-reshaper replaces Arabic letters by their joined presentation forms (initial, medial, final,
  lam-alef ligatures), which DejaVu Sans has — still in logical order, so the line breaking measures
  the real glyphs;
- python-bidi (the Unicode bidirectional algorithm, UAX #9) reorders each line *after* reportlab has
  broken the paragraph into lines, so a right-to-left sentence that wraps reads from its first line down,
  as it should; doing it before the line breaking would put its end on the first line.
A paragraph whose first strong character is right-to-left is aligned right. The DOCX needs none of it:
Word and LibreOffice apply the algorithm themselves.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from arabic_reshaper import ArabicReshaper
from bidi import get_display
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

# Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_reshaper = ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def shape(text: str) -> str:
    """Arabic letters joined (presentation forms), logical order kept; other text unchanged."""
    return _reshaper.reshape(text) if _ARABIC.search(text) else text


def rtl_first(text: str) -> bool:
    """Whether the paragraph's first strong character is right-to-left (its base direction)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def visual_line(text: str, rtl: bool) -> str:
    """One line in the order it is drawn, left to right."""
    return str(get_display(text, base_dir="R" if rtl else "L"))


class BidiParagraph(Paragraph):
    """A paragraph holding right-to-left text: lines broken in logical order, drawn in visual order."""

    def __init__(self, text: str, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        self._rtl = rtl_first(text)
        if self._rtl and style.alignment != TA_RIGHT:
            style = ParagraphStyle(f"{style.name}-rtl", style, alignment=TA_RIGHT)
        super().__init__(shape(text), style, *args, **kwargs)

    def drawPara(self, debug: int = 0) -> None:  # reportlab's name
        bl = getattr(self, "blPara", None)
        if bl is None or getattr(bl, "kind", 1) != 0:
            super().drawPara(debug)  # several fonts in one paragraph: left as reportlab draws it
            return
        logical = bl.lines
        bl.lines = [(extra, visual_line(" ".join(words), self._rtl).split(" ")) for extra, words in logical]
        try:
            super().drawPara(debug)
        finally:
            bl.lines = logical


def paragraph(text: str, style: ParagraphStyle, **kwargs: Any) -> Paragraph:
    """A reportlab paragraph for `text` (markup), a BidiParagraph when it holds right-to-left text."""
    if has_rtl(text):
        return BidiParagraph(text, style, **kwargs)
    return Paragraph(text, style, **kwargs)


def visual_string(text: str) -> str:
    """A one-line text (running header, plain table cell) shaped and in visual order."""
    return visual_line(shape(text), rtl_first(text)) if has_rtl(text) else text
