"""Export of a dossier to an editable DOCX and a PDF, with the same content in the order of the CERFA.

    render_docx(dossier, catalogue, verdicts=()) -> bytes
    render_pdf(dossier, catalogue, verdicts=()) -> bytes
    export_dossier(dossier, catalogue, verdicts, out_dir, formats=("docx", "pdf"), force=False) -> paths

`content.build_document` turns the dossier and the programme data into one list of blocks (blocks.py);
`docx_render` and `pdf_render` only lay those blocks out. `verdicts` are the checks still open (any
objects with the attributes of `VerdictLike`: rules.check_dossier returns such objects); they fill the
last page, an annex that is not part of the request. `None` means the checks were not run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from forms.export.api import (
        FORMATS,
        ExportCancelled,
        ExportError,
        export_dossier,
        export_file_stem,
        render_docx,
        render_pdf,
    )
    from forms.export.verdicts import VerdictLike

__all__ = [
    "FORMATS",
    "ExportCancelled",
    "ExportError",
    "VerdictLike",
    "export_dossier",
    "export_file_stem",
    "render_docx",
    "render_pdf",
]


def __getattr__(name: str) -> Any:
    """The names above, imported on first use: python-docx and reportlab take half a second to import, and
    `main.py check` (which registers the `export` command beside it) must not pay for them (issue 9)."""
    if name == "VerdictLike":
        from forms.export import verdicts

        return verdicts.VerdictLike
    if name in __all__:
        from forms.export import api

        return getattr(api, name)
    raise AttributeError(f"module 'forms.export' has no attribute {name!r}")
