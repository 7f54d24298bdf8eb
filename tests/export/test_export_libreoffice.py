"""The DOCX opens in LibreOffice: it converts it to PDF, computing the page fields of the footer."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from export_readback import norm, pdf_pages

from forms.budget import format_euros

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(docx: Path, out_dir: Path, profile: Path) -> Path:
    """`soffice --headless --convert-to pdf` with a private profile (never the user's), time-limited."""
    assert SOFFICE
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
        check=True, capture_output=True, timeout=180,
    )
    return out_dir / f"{docx.stem}.pdf"


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) n'est pas installé")
def test_docx_converts_in_libreoffice(rendered_examples, tmp_path: Path) -> None:
    reference = rendered_examples["blois-2023-insertion"]
    docx = tmp_path / "dossier.docx"
    docx.write_bytes(reference.docx)
    pdf = convert_with_libreoffice(docx, tmp_path, tmp_path / "profil-libreoffice")
    assert pdf.is_file()
    pages = [norm(p) for p in pdf_pages(pdf.read_bytes())]
    total = len(pages)
    assert total >= 5
    # PAGE computed by LibreOffice; the total is SECTIONPAGES (the annex, a section of its own, is not
    # counted), which LibreOffice 7.4 shows as stored by the application
    for number, text in enumerate(pages[:-1], 1):
        assert f"Page {number} sur" in text
    assert "Annexe, page 1 sur" in pages[-1]
    text = " ".join(pages)
    dossier = reference.dossier
    assert dossier.association.identity.name in text
    assert norm(dossier.action.title) in text
    assert norm(format_euros(sum(dossier.action.requested_cents.values()))) in text
    assert "7. Attestation" in text
    assert "Annexe — Vérifications de l'application" in text
