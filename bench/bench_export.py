"""Benchmark: export of the reference example (DOCX + PDF), beside LibreOffice converting the same DOCX.

    python bench/bench_export.py [--runs N] [--example NAME]

Target (issue 4, issue 10): the export (DOCX and PDF written to disk) takes ≤ 0.3 s and is at least 5 times faster
than `soffice --headless --convert-to pdf` on the same DOCX. The catalogue is loaded and one export made
first (fonts registered, modules imported), as in the running application; the figures are medians over
several runs, not a timed unit test. Issue 10: the export grows linearly with the text (the action's
description repeated 10 and 100 times: the cost of an extra character stays the same). LibreOffice gets
a private profile, created by a first conversion that is not counted (its start-up with a warm profile
is what a user waits for).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import EXAMPLES_DIR, median_time

from forms.export import export_dossier, render_docx, render_pdf
from forms.programmes import default_catalogue
from forms.storage import load_dossier

TARGET_S = 0.3
TARGET_RATIO = 5.0


def measure_export(example: str, runs: int, out_dir: Path) -> tuple[float, float, float, float, Path]:
    """(first export s, median export s, median DOCX render s, median PDF render s, a DOCX written)."""
    catalogue = default_catalogue()
    dossier = load_dossier(EXAMPLES_DIR / f"{example}.cdv.json")
    start = time.perf_counter()
    paths = export_dossier(dossier, catalogue, (), out_dir, force=True)
    first = time.perf_counter() - start
    export = median_time(lambda: export_dossier(dossier, catalogue, (), out_dir, force=True), runs)
    docx = median_time(lambda: render_docx(dossier, catalogue, ()), runs)
    pdf = median_time(lambda: render_pdf(dossier, catalogue, ()), runs)
    return first, export, docx, pdf, paths[0]


SCALES = (1, 10, 100)
LINEAR_SLACK = 1.5  # the cost per extra character at 100× may be at most 1.5 times the one at 10×


def measure_scaling(example: str, runs: int) -> list[tuple[int, int, float]]:
    """(scale, characters, median seconds of render DOCX + PDF) with the action's description repeated
    `scale` times (a 100× description is about 90 kB): the export must grow linearly with the text."""
    import copy

    from forms.export.api import render_formats
    from forms.export.content import build_document

    catalogue = default_catalogue()
    base = load_dossier(EXAMPLES_DIR / f"{example}.cdv.json")
    out = []
    for scale in SCALES:
        dossier = copy.deepcopy(base)
        dossier.action.description = "\n".join([base.action.description] * scale)
        seconds = median_time(lambda d=dossier: render_formats(build_document(d, catalogue, ()), ("pdf", "docx")),
                               max(1, runs // scale) if scale > 1 else runs)
        out.append((scale, len(dossier.action.description), seconds))
    return out


def measure_libreoffice(docx: Path, runs: int, work: Path) -> float | None:
    """Median seconds of `soffice --headless --convert-to pdf` on `docx`, or None without LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = (work / "profil-libreoffice").resolve().as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
               "--outdir", str(work / "libreoffice"), str(docx)]

    def convert() -> None:
        subprocess.run(command, check=True, capture_output=True, timeout=300)

    convert()  # creates the profile; not counted
    return median_time(convert, runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per measure (median), default 9")
    parser.add_argument("--example", default="blois-2023-insertion", help="example dossier (resources/examples)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        work = Path(tmp)
        first, export, docx, pdf, docx_path = measure_export(args.example, args.runs, work / "export")
        lo_runs = max(1, min(args.runs, 3))
        libreoffice = measure_libreoffice(docx_path, lo_runs, work)
    print(f"Export of « {args.example} » (DOCX + PDF written to disk), median of {args.runs} runs:")
    print(f"  export_dossier          {export * 1000:7.1f} ms   (first export in the process: {first * 1000:.0f} ms)")
    print(f"    render_docx           {docx * 1000:7.1f} ms")
    print(f"    render_pdf            {pdf * 1000:7.1f} ms")
    verdict = "OK" if export <= TARGET_S else "TOO SLOW"
    print(f"  target ≤ {TARGET_S * 1000:.0f} ms: {verdict}")
    if libreoffice is None:
        print("LibreOffice (soffice) is not installed: no comparison.")
        return 0 if export <= TARGET_S else 1
    scaling = measure_scaling(args.example, args.runs)
    print("Export with the action's description repeated (render DOCX + PDF, median):")
    for scale, chars, seconds in scaling:
        print(f"  ×{scale:<4} {chars:>7} characters {seconds * 1000:8.0f} ms")
    (_, c1, t1), (_, c10, t10), (_, c100, t100) = scaling
    per_char_10 = (t10 - t1) / max(c10 - c1, 1)
    per_char_100 = (t100 - t10) / max(c100 - c10, 1)
    linear = per_char_100 <= LINEAR_SLACK * max(per_char_10, 1e-9)
    print(f"  per 1 000 extra characters: {per_char_10 * 1e6:.1f} ms (×10), {per_char_100 * 1e6:.1f} ms (×100): "
          f"{'linear' if linear else 'NOT LINEAR'}")
    ratio = libreoffice / export
    print(f"LibreOffice converting the same DOCX to PDF, median of {lo_runs} runs (warm profile):")
    print(f"  soffice --convert-to pdf {libreoffice * 1000:6.0f} ms")
    print(f"  ratio: the export is {ratio:.1f}× faster (target ≥ {TARGET_RATIO:.0f}×: "
          f"{'OK' if ratio >= TARGET_RATIO else 'NOT MET'})")
    return 0 if export <= TARGET_S and ratio >= TARGET_RATIO and linear else 1


if __name__ == "__main__":
    sys.exit(main())
