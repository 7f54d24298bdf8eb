"""Fixtures of the export tests: the three shipped examples, the real catalogue, verdict doubles, and the
exports of each example rendered once per session (rendering is the slow part)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import export_readback as readback
import pytest
from export_readback import EXAMPLE_NAMES, EXAMPLES_DIR, FakeVerdict

from forms.export import render_docx, render_pdf
from forms.model import Dossier
from forms.programmes import Catalogue, load_catalogue
from forms.storage import load_dossier


@dataclass
class Rendered:
    """An example and its exports, with their read-backs computed once."""

    name: str
    dossier: Dossier
    docx: bytes
    pdf: bytes

    @functools.cached_property
    def docx_text(self) -> str:
        return readback.docx_text(self.docx)

    @functools.cached_property
    def docx_tables(self) -> list[list[list[str]]]:
        return readback.docx_tables(self.docx)

    @functools.cached_property
    def pdf_text(self) -> str:
        """Whitespace-normalised text of the whole PDF (pypdf), headers and footers included."""
        return readback.norm(readback.pdf_text(self.pdf))

    @functools.cached_property
    def pdf_pages(self) -> list[str]:
        return [readback.norm(p) for p in readback.pdf_pages(self.pdf)]

    @functools.cached_property
    def pdf_body(self) -> str:
        """Text of the PDF's page bodies (pdftotext), as extracted."""
        return readback.pdf_body_text(self.pdf)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


def load_example(name: str) -> Dossier:
    path = EXAMPLES_DIR / f"{name}.cdv.json"
    assert path.is_file(), f"example dossier {path} is missing"
    return load_dossier(path)


@pytest.fixture(scope="session")
def rendered_examples(catalogue: Catalogue) -> dict[str, Rendered]:
    out = {}
    for name in EXAMPLE_NAMES:
        dossier = load_example(name)
        out[name] = Rendered(name, dossier, render_docx(dossier, catalogue, ()), render_pdf(dossier, catalogue, ()))
    return out


@pytest.fixture(params=EXAMPLE_NAMES)
def rendered(request: pytest.FixtureRequest, rendered_examples: dict[str, Rendered]) -> Rendered:
    """Each example with its DOCX and PDF (rendered once per session, read-only)."""
    return rendered_examples[request.param]


@pytest.fixture
def dossier() -> Dossier:
    """A fresh copy of the reference example, free to modify."""
    return load_example("blois-2023-insertion")


@pytest.fixture
def some_verdicts() -> list[FakeVerdict]:
    return [
        FakeVerdict("conseil.transversales", "conseil", "Précisez la part des jeunes de moins de 26 ans.",
                    "Appel à projets 2023, priorités transversales", ("actions[0].public.description",)),
        FakeVerdict("budget.equilibre", "bloquant", "Le total des charges n'égale pas celui des produits.",
                    "CERFA n° 12156*06, budget de l'action", ("actions[0].budget.lines.604",)),
        FakeVerdict("format.siret", "a_corriger", "Le numéro SIRET doit compter 14 chiffres.",
                    "Décret n° 2016-1971", ("association.identity.siret",)),
    ]
