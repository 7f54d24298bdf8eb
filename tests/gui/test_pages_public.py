"""Step 6, "Public et quartiers": the numbers by gender (and the live line when they disagree with the
total), the age bands table, the gender balance hint, the quartiers of the call, and the optional point
tested against the 2024 QPV perimeters (always said to be indicative)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractSpinBox
from wizard_helpers import click, example_ctx, scroll_into_view, show, unnamed_inputs

from forms.model import AgeBand
from forms.programmes import default_catalogue
from gui.wizard.pages.public import PublicPage, check_point, gender_gap_text

pytestmark = pytest.mark.gui

INSIDE_BLOIS_NORD = (1.3110, 47.5940)  # within the Blois Nord perimeter of qpv2024_blois_amboise.geojson
CHATEAU_DE_BLOIS = (1.3310, 47.5857)  # the town centre, outside every QPV


def retype(qtbot, spin: QAbstractSpinBox, value: float | int) -> None:
    """Select what the box holds and type a new number, as a user does (decimal mark of the locale)."""
    scroll_into_view(spin)
    spin.setFocus()
    spin.selectAll()
    text = str(value).replace(".", QLocale().decimalPoint())
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)


@pytest.fixture
def culture(tmp_path, monkeypatch, qtbot):
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2021-culture")
    page = PublicPage(ctx)
    show(qtbot, page)
    return ctx, page


def test_gender_totals_mismatch_is_said_live(culture, qtbot) -> None:
    ctx, page = culture
    public = ctx.dossier.action.public
    assert (public.total, public.women, public.men, public.other) == (120, 66, 52, 2)
    assert page.gap_label.isHidden()
    retype(qtbot, page.fields["actions[0].public.other"].widget, 0)
    assert public.other == 0
    assert page.gap_label.isVisible()
    assert page.gap_label.text() == "⚠ Total indiqué : 120 ; femmes + hommes + autre : 118 — écart de 2"
    retype(qtbot, page.fields["actions[0].public.total"].widget, 118)
    assert public.total == 118
    assert page.gap_label.isHidden()
    assert gender_gap_text(10, 0, 0, 0) == ""  # nothing split yet: the rules ask for it, not this line


def test_age_bands_table_writes_the_non_empty_rows(culture, qtbot) -> None:
    ctx, page = culture
    grid = page.age_grid
    assert grid.spins[("6-11", "women")].value() == 14
    retype(qtbot, grid.spins[("0-5", "women")], 3)
    retype(qtbot, grid.spins[("0-5", "other")], 1)
    for gender in ("women", "men", "other"):
        retype(qtbot, grid.spins[("65+", gender)], 0)
    bands = ctx.dossier.action.public.age_bands
    assert bands[0] == AgeBand(band="0-5", women=3, men=0, other=1)
    assert [b.band for b in bands] == ["0-5", "6-11", "12-17", "18-25", "26-64"]  # 65+ is empty now
    assert grid.row_totals["0-5"].text() == "4"
    assert grid.col_totals["women"].text() == str(3 + 14 + 16 + 8 + 22)
    assert grid.col_totals["all"].text() == str(sum(b.women + b.men + b.other for b in bands))
    # the bands no longer add up to the split by gender: the page says so
    assert page.age_gap_label.isVisible()
    assert "Les tranches d'âge comptent 63 femmes" in page.age_gap_label.text()


def test_gender_balance_hint_and_explanation(tmp_path, monkeypatch, qtbot) -> None:
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    ctx.dossier.action.public.gender_balance_explanation = ""
    page = PublicPage(ctx)
    show(qtbot, page)
    assert page.balance_hint.isHidden() and page.explanation_block.isHidden()  # 34 women, 26 men
    retype(qtbot, page.fields["actions[0].public.men"].widget, 4)  # 34 / 38 = 89 % women
    assert page.balance_hint.isVisible()
    assert page.balance_hint.text().startswith("Le public prévu compte 89 % de femmes, au-delà de 80 %")
    assert page.explanation_block.isVisible()
    text = page.fields["actions[0].public.gender_balance_explanation"].widget
    scroll_into_view(text)
    text.setFocus()
    qtbot.keyClicks(text, "Une action pour des meres seules.")
    assert ctx.dossier.action.public.gender_balance_explanation == "Une action pour des meres seules."


def test_quartiers_checkboxes(culture, qtbot) -> None:
    ctx, page = culture
    assert list(page.quartier_checks) == [s.quartier for s in ctx.call.quartiers]
    assert ctx.dossier.action.quartiers == ["blois-quartiers-nord", "blois-quiniere"]
    assert page.quartier_checks["blois-quiniere"].isChecked()
    assert "quartier de veille" in page.quartier_checks["blois-quiniere"].label.text()
    click(qtbot, page.quartier_checks["blois-cornillettes"].box)
    assert ctx.dossier.action.quartiers == ["blois-quartiers-nord", "blois-quiniere", "blois-cornillettes"]
    click(qtbot, page.quartier_checks["blois-quartiers-nord"].label)  # the text toggles it too
    assert ctx.dossier.action.quartiers == ["blois-quiniere", "blois-cornillettes"]
    click(qtbot, page.quartier_checks["blois-quartiers-nord"].box)
    assert ctx.dossier.action.quartiers == ["blois-quartiers-nord", "blois-quiniere", "blois-cornillettes"]


def test_quartiers_follow_the_call(tmp_path, monkeypatch, qtbot) -> None:
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2021-culture")
    ctx.dossier.action.quartiers.append("amboise-la-verrerie")  # from another territory: shown to remove
    page = PublicPage(ctx)
    show(qtbot, page)
    assert set(page.other_checks) == {"amboise-la-verrerie"}
    click(qtbot, page.other_checks["amboise-la-verrerie"].box)
    assert "amboise-la-verrerie" not in ctx.dossier.action.quartiers
    ctx.set_call("blois-2023")
    page.rebuild_for_call()
    assert list(page.quartier_checks) == [s.quartier for s in ctx.call.quartiers]
    assert page.focus_path("actions[0].quartiers")


def test_point_inside_blois_nord(culture, qtbot) -> None:
    ctx, page = culture
    retype(qtbot, page.lon.widget, INSIDE_BLOIS_NORD[0])
    retype(qtbot, page.lat.widget, INSIDE_BLOIS_NORD[1])
    location = ctx.dossier.action.location
    assert (location.longitude, location.latitude) == INSIDE_BLOIS_NORD
    click(qtbot, page.check_button)
    text = page.point_result.text()
    assert page.point_result.isVisible()
    assert "est dans le périmètre du quartier prioritaire « Blois Nord »" in text
    assert "indicative" in text and "« SIG Ville »" in text
    # the 2021 call refers to the 2015 geography: the page says these are the 2024 perimeters
    assert "les seuls fournis" in text


def test_point_outside_every_qpv(culture, qtbot) -> None:
    _ctx, page = culture
    retype(qtbot, page.lon.widget, CHATEAU_DE_BLOIS[0])
    retype(qtbot, page.lat.widget, CHATEAU_DE_BLOIS[1])
    click(qtbot, page.check_button)
    text = page.point_result.text()
    assert "n'est dans aucun périmètre de quartier prioritaire" in text
    assert "indicative" in text and "« SIG Ville »" in text
    # moving the point hides the old result
    retype(qtbot, page.lat.widget, 47.5858)
    assert page.point_result.isHidden()


def test_remove_the_point(culture, qtbot) -> None:
    ctx, page = culture
    assert ctx.dossier.action.location is not None
    click(qtbot, page.remove_button)
    assert ctx.dossier.action.location is None
    assert page.lon.widget.value() == 0 and page.lat.widget.value() == 0
    assert page.fields["actions[0].location.label"].widget.text() == ""
    assert page.point_state.isVisible() and not page.remove_button.isEnabled()
    click(qtbot, page.check_button)
    assert page.point_result.text().startswith("Indiquez d'abord la longitude")
    assert "SIG Ville" in page.point_result.text()


def test_check_point_uses_the_call_geography(tmp_path) -> None:
    catalogue = default_catalogue()
    amboise = catalogue.calls["amboise-2022"]
    result = check_point(catalogue, amboise, 1.0156, 47.3997)  # La Verrerie
    assert result.ok and result.inside == ["La Verrerie"]
    assert check_point(catalogue, amboise, 200.0, 47.0).ok is None


def test_every_input_has_an_accessible_name(culture) -> None:
    _ctx, page = culture
    page.explanation_block.setVisible(True)
    assert unnamed_inputs(page) == []
    assert page.age_grid.spins[("0-5", "men")].accessibleName() == "Hommes, 0 à 5 ans"
