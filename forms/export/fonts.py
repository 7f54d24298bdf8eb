"""The font embedded in the PDF: DejaVu Sans, shipped in resources/fonts/ with its licence.

Characters the font lacks (most emoji) do not stop the export: they are drawn as the font's "missing
glyph" box, and each keeps its own code in the text-extraction map, so copying the text gives them back
(reportlab alone gives them all code 0, mapped to nothing: they vanished from the copied text —
`CopyableTTFont`). reportlab 4-5 writes the text-extraction map (ToUnicode) of such characters
outside the Basic Multilingual Plane with five hex digits, which readers misread (😀 came back as ὠ);
`_to_unicode_cmap` writes them as UTF-16 surrogate pairs, as the PDF specification asks, so copying the
text out of the PDF gives the emoji back. Characters of the BMP are written exactly as before.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts

FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FAMILY = "DejaVuSans"
REGULAR, BOLD, ITALIC = FAMILY, f"{FAMILY}-Bold", f"{FAMILY}-Oblique"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's `makeToUnicodeCMap`, with characters beyond U+FFFF written as surrogate pairs."""
    text: str = _original_cmap(fontname, subset)
    if all(code <= 0xFFFF for code in subset):
        return text
    for i, code in enumerate(subset):
        if code > 0xFFFF:
            units = chr(code).encode("utf-16-be")
            text = text.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{units.hex().upper()}>", 1)
    return text


_original_cmap = ttfonts.makeToUnicodeCMap
if not getattr(ttfonts.makeToUnicodeCMap, "_surrogate_pairs", False):
    _to_unicode_cmap._surrogate_pairs = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def _ignorable(code: int) -> bool:
    """Invisible characters (variation selectors, bidi marks, zero-width joiners): no box for them."""
    return (code < 0x20 or 0x7F <= code < 0xA0 or 0x200B <= code <= 0x200F or 0x202A <= code <= 0x202E
            or 0x2060 <= code <= 0x206F or 0xFE00 <= code <= 0xFE0F or 0xE0000 <= code <= 0xE01EF)


class CopyableTTFont(ttfonts.TTFont):
    """A TrueType font whose missing characters are drawn as the missing-glyph box under a code of their
    own, so that the PDF's text map gives the character back when the text is copied."""

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        if text.isascii():  # the font has every printable ASCII character
            return super().splitString(text, doc, encoding)  # type: ignore[no-any-return]
        to_glyph = self.face.charToGlyph
        missing = [code for code in {ord(ch) for ch in text} if code not in to_glyph and not _ignorable(code)]
        # Present for the time of the split only: reportlab then gives each its own code (the subset maps
        # a code the font lacks to the missing-glyph box); the font's table itself stays the font's.
        for code in missing:
            to_glyph[code] = 0
        try:
            return super().splitString(text, doc, encoding)  # type: ignore[no-any-return]
        finally:
            for code in missing:
                del to_glyph[code]


@functools.cache
def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, oblique) with reportlab once; return the family name."""
    for name, file in _FILES.items():
        pdfmetrics.registerFont(CopyableTTFont(name, str(FONTS_DIR / file)))
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD)
    return FAMILY
