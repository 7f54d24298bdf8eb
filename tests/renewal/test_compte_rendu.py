"""The compte-rendu financier (CERFA 15059*02) of each example with made-up actual figures: gaps in € and
%, line 74 per funder, the rules, the lifecycle and its due date, the export read back."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import docx
import pypdf
import pytest
from renewal_fixtures import EXAMPLES_DIR, RENEWALS

from forms.compte_rendu import gap_percent, report_table, start_report
from forms.compte_rendu.export import export_report
from forms.compte_rendu.model import percent_text
from forms.lifecycle import add_months, exercise_end, life_status, report_due_date, set_state
from forms.storage import load_dossier
from rules import check_dossier
from rules import compte_rendu as cr_rules


def _readback_docx(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _readback_pdf(path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture(params=sorted(RENEWALS))
def reported(request):
    """An example whose action took place: granted, report started with made-up actual figures."""
    d = load_dossier(EXAMPLES_DIR / f"{request.param}.cdv.json")
    action = d.actions[0]
    set_state(d, "depose", dt.date(d.call.year - 1, 11, 30))
    set_state(d, "accorde", dt.date(d.call.year, 2, 15))
    d.lifecycle.granted_cents = dict(action.requested_cents)
    start_report(action)
    r = action.report
    r.budget.lines["641"] = action.budget.lines.get("641", 0) + 150000  # +1 500 € of salaries
    r.budget.lines["RP"] = action.budget.lines.get("RP", 0) + 150000  # paid by own resources
    r.done = "Texte du bilan : 12 ateliers tenus sur 14 prévus."
    r.public.total = action.public.total - 2
    r.indicators[0].result = "Atteint à 90 %"
    return request.param, d


def test_start_report_prefills_from_the_forecast(example_name="blois-2023-insertion"):
    d = load_dossier(EXAMPLES_DIR / f"{example_name}.cdv.json")
    action = d.actions[0]
    start_report(action)
    assert action.report.started
    assert action.report.budget.lines == action.budget.lines
    assert [s.amount_cents for s in action.report.budget.subsidies] == [s.amount_cents for s in action.budget.subsidies]
    assert action.report.public == action.public
    assert [(i.label, i.target) for i in action.report.indicators] == [(i.label, i.target) for i in action.indicators]
    assert set(action.report.quartier_counts) == set(action.quartiers)
    action.report.done = "déjà écrit"
    start_report(action)  # a second start never overwrites what was entered
    assert action.report.done == "déjà écrit"


def test_gaps_in_euros_and_percent(reported, catalogue):
    _, d = reported
    action = d.actions[0]
    table = report_table(d, action, catalogue)
    line = next(x for x in table.lines() if x.key == "641")
    assert line.gap == 150000
    assert line.gap_percent == gap_percent(action.budget.lines["641"], action.budget.lines["641"] + 150000)
    assert table.actual.charges == table.planned.charges + 150000
    assert table.actual.balanced
    assert not table.from_forecast
    # line 74 per funder: asked (forecast), granted (decision), received (réalisé)
    etat = next(f for f in table.funding if f.funder == "etat")
    assert etat.asked == action.requested_cents["etat"] == etat.granted == etat.received


def test_gap_percent_exact_values():
    assert gap_percent(200000, 230000) == Decimal("15.0")
    assert gap_percent(300000, 255000) == Decimal("-15.0")
    assert gap_percent(3, 4) == Decimal("33.3")
    assert gap_percent(0, 5000) is None
    assert percent_text(Decimal("15.0")) == "+15\u00a0%"
    assert percent_text(Decimal("-9.4")) == "-9,4\u00a0%"
    assert percent_text(None) == "—"


def test_rules_of_the_report(reported, catalogue):
    _, d = reported
    verdicts = [v for v in check_dossier(d, catalogue) if v.rule.startswith("compte_rendu.")]
    ecarts = [v for v in verdicts if v.rule == "compte_rendu.ecarts"]
    assert {v.fields[0] for v in ecarts} >= {"actions[0].report.gap_explanations.RP"}
    assert not any(v.rule == "compte_rendu.equilibre" for v in verdicts)
    d.actions[0].report.gap_explanations = {line: "Expliqué." for line in ("641", "RP")}
    verdicts = [v for v in check_dossier(d, catalogue) if v.rule == "compte_rendu.ecarts"]
    assert verdicts == []


def test_report_due_six_months_after_the_exercise(reported, catalogue, monkeypatch):
    _, d = reported
    end = exercise_end(d)
    assert end == dt.date(d.call.year, 12, 31)
    due = report_due_date(d, catalogue)
    assert due == dt.date(d.call.year + 1, 6, 30)
    # shown ahead of time: 90 days before (application default), not 91
    status = life_status(d, catalogue, today=due - dt.timedelta(days=91))
    assert status.state == "accorde" and not status.soon
    status = life_status(d, catalogue, today=due - dt.timedelta(days=90))
    assert status.state == "compte_rendu_du" and status.soon and "dans 90 jours" in status.text
    status = life_status(d, catalogue, today=due + dt.timedelta(days=1))
    assert status.overdue and "en retard" in status.text
    monkeypatch.setattr(cr_rules, "today", lambda: due + dt.timedelta(days=1))
    late = [v for v in check_dossier(d, catalogue) if v.rule == "compte_rendu.echeance"]
    assert [v.level for v in late] == ["a_corriger"]
    monkeypatch.setattr(cr_rules, "today", lambda: due - dt.timedelta(days=10))
    soon = [v for v in check_dossier(d, catalogue) if v.rule == "compte_rendu.echeance"]
    assert [v.level for v in soon] == ["conseil"] and "dans 10 jours" in soon[0].message
    set_state(d, "compte_rendu_fait", due)
    assert life_status(d, catalogue, today=due).text == f"Compte-rendu fait le {due.day} juin {due.year}"
    assert not [v for v in check_dossier(d, catalogue) if v.rule == "compte_rendu.echeance"]


def test_add_months_at_the_end_of_a_month():
    assert add_months(dt.date(2023, 12, 31), 6) == dt.date(2024, 6, 30)
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2022, 8, 31), 6) == dt.date(2023, 2, 28)


def test_export_read_back(reported, catalogue, tmp_path):
    _, d = reported
    verdicts = check_dossier(d, catalogue)
    paths = export_report(d, catalogue, tmp_path, verdicts=verdicts)
    assert [p.suffix for p in paths] == [".docx", ".pdf"]
    assert paths[0].stem == paths[1].stem and "Compte-rendu" in paths[0].stem
    text = _readback_docx(paths[0])
    pdf = _readback_pdf(paths[1])
    action = d.actions[0]
    for expected in ("Compte-rendu financier de subvention", "CERFA n° 15059*02", "1. Bilan qualitatif de l'action",
                     "2. Tableau de données chiffrées", "3. Annexe explicative", action.title[:40],
                     "Texte du bilan : 12 ateliers tenus sur 14 prévus.", "Atteint à 90 %"):
        assert expected in text, expected
        assert " ".join(expected.split()) in pdf, expected
    # the form's order
    assert text.index("1. Bilan qualitatif") < text.index("2. Tableau de données") < text.index("3. Annexe")
    assert pdf.index("1. Bilan qualitatif") < pdf.index("2. Tableau de données") < pdf.index("3. Annexe")
    # the 641 line: prévu, réalisé, écart in € and %
    planned = action.budget.lines["641"]
    row = next(line for line in text.split("\n") if line.startswith("641 |"))
    from forms.budget import format_euros

    assert format_euros(planned) in row and format_euros(planned + 150000) in row
    assert "+1\u202f500,00\u00a0€" in row
    assert percent_text(gap_percent(planned, planned + 150000)) in row
    assert "Points à vérifier avant l'envoi" in text  # the RP gap is not explained yet
    # a second export never replaces the first
    again = export_report(d, catalogue, tmp_path)
    assert again[0].name.endswith(" (2).docx")


def test_export_from_the_forecast_says_so(catalogue, tmp_path):
    d = load_dossier(EXAMPLES_DIR / "amboise-acces-droits.cdv.json")
    paths = export_report(d, catalogue, tmp_path, formats=("docx",))
    text = _readback_docx(paths[0])
    assert "Les chiffres réalisés ne sont pas encore saisis" in text
