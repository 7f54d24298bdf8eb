"""The compte-rendu financier de subvention (CERFA 15059*02) of an action: its figures (model.py) and its
DOCX / PDF export in the form's order (export.py), through the shared renderers of forms.export."""

from forms.compte_rendu.export import build_report_document, export_report, report_file_stem
from forms.compte_rendu.model import (
    FundingRow,
    ReportLine,
    ReportTable,
    gap_percent,
    report_budget,
    report_table,
    start_report,
)

__all__ = [
    "FundingRow",
    "ReportLine",
    "ReportTable",
    "build_report_document",
    "export_report",
    "gap_percent",
    "report_budget",
    "report_file_stem",
    "report_table",
    "start_report",
]
