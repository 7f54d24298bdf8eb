"""The memo of a call: two pages at most, read back from the PDF."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from pypdf import PdfReader

from forms.export.memo import USEFUL_ACRONYMS, memo_sections, render_memo_pdf, useful_acronyms
from forms.programmes import default_catalogue

ROOT = Path(__file__).resolve().parents[2]
CALLS = sorted(default_catalogue().calls)


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("call_id", CALLS)
def test_the_memo_fits_two_pages_and_says_what_a_newcomer_needs(call_id: str) -> None:
    catalogue = default_catalogue()
    call = catalogue.calls[call_id]
    territory = catalogue.territory_of(call)
    pages, text = _text(render_memo_pdf(call, catalogue))
    assert 1 <= pages <= 2
    assert f"Mémo — {call.title}" in text
    for enjeu in territory.enjeux:
        assert _words(enjeu.title) in text, enjeu.id
    for priority in call.transversal:
        assert _words(priority.title) in text, priority.id
    for doc in call.documents:
        assert _words(doc.label) in text, doc.id
    assert "Date limite de dépôt : " in text
    if call.deadline is None:
        assert "Date limite de dépôt : à vérifier auprès du financeur" in text
    acronyms = useful_acronyms(call, catalogue)
    assert len(acronyms) == USEFUL_ACRONYMS
    for entry in acronyms:
        assert f"{entry.acronym} : {_words(entry.meaning)}" in text


def test_the_memo_lists_the_priorities_of_the_year() -> None:
    catalogue = default_catalogue()
    call = catalogue.calls["blois-2023"]
    sections = {s.title: s.lines for s in memo_sections(call, catalogue)}
    assert list(sections) == [
        "Les enjeux du contrat de ville", "Les priorités de l'appel 2023",
        "Les priorités transversales : ce que les financeurs regardent", "Le calendrier",
        "Les pièces à joindre", "Dix sigles utiles",
    ]
    listed = " ".join(sections["Les priorités de l'appel 2023"])
    for priority in call.operational_priorities:
        assert escape(priority.text) in listed, priority.id


def test_memo_command(tmp_path: Path) -> None:
    out = tmp_path / "memo.pdf"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "memo", "--appel", "amboise-2022", "--out",
                             str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    pages, text = _text(out.read_bytes())
    assert pages <= 2 and "Mémo — " in text
    unknown = subprocess.run([sys.executable, str(ROOT / "main.py"), "memo", "--appel", "paris-2030", "--out",
                              str(tmp_path / "x.pdf")], capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 2
    assert "L'appel « paris-2030 » n'est pas connu." in unknown.stderr
    assert not (tmp_path / "x.pdf").exists()
