"""The compte-rendu financier de subvention (CERFA 15059*02) of an action: its figures (model.py) and its
DOCX / PDF export in the form's order (export.py, imported on its own: the rules read the model only and
must not load the renderers)."""

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
    "gap_percent",
    "report_budget",
    "report_table",
    "start_report",
]
