"""Every quote taken from a seed matches the seed's text (whitespace, typographic apostrophes and the
markdown bold of the seeds aside; « […] » and « ... » mark cuts). The seeds live beside the project
(../shared/seeds, see ../shared/seeds/README.md when developing): the test is skipped without them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_forms_programmes_data import _all_items

from forms.programmes import Source


def _seeds_dir() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "seeds"
        if candidate.is_dir():
            return candidate
    return None


def _norm(text: str) -> str:
    text = text.replace("**", "").replace("’", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def _pieces(quote: str) -> list[str]:
    return [p.strip(" .…") for p in re.split(r"\[…\]|\.\.\.", _norm(quote)) if p.strip(" .…")]


def test_seed_quotes_match_the_seeds(catalogue) -> None:
    seeds = _seeds_dir()
    if seeds is None:
        pytest.skip("les textes sources (shared/seeds) ne sont pas à côté du projet")
    texts = {d.id: _norm((seeds / d.file).read_text(encoding="utf-8"))
             for d in catalogue.sources.values() if d.kind == "seed" and (seeds / d.file).is_file()}
    quotes: list[tuple[str, str, str]] = [
        (where, obj.doc, obj.quote) for where, obj in _all_items(catalogue)
        if isinstance(obj, Source) and obj.quote and obj.doc in texts
    ]
    quotes += [(f"appel {c.id} {tp.id}.multi_year_quote", tp.source.doc, tp.multi_year_quote)
               for c in catalogue.calls.values() for tp in c.transversal if tp.multi_year_quote]
    assert len(quotes) > 80
    wrong = [f"{where}: « {quote} »" for where, doc, quote in quotes
             if not all(piece in texts[doc] for piece in _pieces(quote))]
    assert wrong == []
