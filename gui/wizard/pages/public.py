"""Step 6: who the action is for (numbers by gender and age band, share living in a QPV) and in which
quartiers, with an optional location tested against the QPV perimeters (indicative only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms.choices import AGE_BANDS
from forms.model import AgeBand
from forms.programmes import Call, Catalogue
from forms.steps import STEPS
from gui.widgets.typed_inputs import NumberEdit
from gui.wizard.context import WizardContext
from gui.wizard.fields import BoundField, add_section_title, help_label, typing_error_label
from gui.wizard.page import StepPage
from gui.wizard.pages.enjeux import CheckRow

PUBLIC = "actions[0].public"
QUARTIERS_PATH = "actions[0].quartiers"
LOCATION_PATH = "actions[0].location"
AGE_BANDS_PATH = f"{PUBLIC}.age_bands"
GENDERS = (("women", "Femmes"), ("men", "Hommes"), ("other", "Autre ou non précisé"))
INDICATIVE = (
    "Cette localisation est indicative : elle ne vaut pas certificat. Seul le site de cartes de l'État "
    "« SIG Ville » (sig.ville.gouv.fr) fait foi pour dire si une adresse est dans un quartier prioritaire."
)
WARN_COLOUR = "#8a4b00"


def _coord(x: float) -> str:
    return f"{x:.6f}".replace(".", ",")


def gender_gap_text(total: int, women: int, men: int, other: int) -> str:
    """The live line under the numbers; empty when they agree (or nothing is entered yet)."""
    split = women + men + other
    if split == 0 or split == total:  # nothing split yet: the rules will ask for it
        return ""
    return f"Total indiqué : {total} ; femmes + hommes + autre : {split} — écart de {abs(total - split)}"


def dominant_share(women: int, men: int) -> tuple[float, str]:
    """The share of the larger gender among women and men (as the rules compute it), and which one."""
    known = women + men
    if known <= 0:
        return 0.0, ""
    return 100.0 * max(women, men) / known, ("femmes" if women >= men else "hommes")


# --------------------------------------------------------------------------------------------
# The location test (indicative)
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PointCheck:
    inside: list[str]  # names of the quartiers whose perimeter contains the point
    message: str  # in plain French, always with the "indicative" warning
    ok: bool | None  # True inside, False outside, None: not tested (invalid point, no perimeters)


def check_point(catalogue: Catalogue, call: Call | None, longitude: float, latitude: float) -> PointCheck:
    """Test a point against the shipped QPV perimeters, with the rules' own perimeter choice."""
    from rules.context import call_index
    from rules.geo import PerimeterFileError, valid_coordinates

    where = f"Le point (longitude {_coord(longitude)}, latitude {_coord(latitude)})"
    if not valid_coordinates(longitude, latitude) or (longitude == 0 and latitude == 0):
        return PointCheck([], "Indiquez d'abord la longitude (entre -180 et 180) et la latitude (entre -90 "
                              "et 90) du lieu. " + INDICATIVE, None)
    if call is None:
        return PointCheck([], "Choisissez d'abord l'appel à projets, à l'étape 1. " + INDICATIVE, None)
    index = call_index(catalogue, call)
    try:
        perimeters = index.perimeters()
    except PerimeterFileError:
        perimeters = None
    geo = index.perimeters_geography
    if perimeters is None or geo is None:
        return PointCheck([], "Les périmètres des quartiers prioritaires ne sont pas fournis avec "
                              "l'application : le point ne peut pas être vérifié. " + INDICATIVE, None)
    names = [p.name for p in perimeters.containing(longitude, latitude)]
    other = (
        f" Ce sont les périmètres de la géographie « {geo.title} », les seuls fournis ; l'appel {call.year} "
        f"se réfère à « {index.geography.title} »."
        if geo.id != index.geography.id
        else ""
    )
    if names:
        quoted = " et ".join(f"« {n} »" for n in names)
        text = f"{where} est dans le périmètre du quartier prioritaire {quoted}."
    else:
        text = f"{where} n'est dans aucun périmètre de quartier prioritaire."
    return PointCheck(names, f"{text}{other} {INDICATIVE}", bool(names))


# --------------------------------------------------------------------------------------------
# Fields
# --------------------------------------------------------------------------------------------
class CoordField(BoundField):
    """A longitude or latitude, 6 decimals (about 10 cm)."""

    def __init__(self, ctx: WizardContext, path: str, label: str, limit: float) -> None:
        edit = NumberEdit(decimals=6, minimum=-limit, maximum=limit, group=False)
        super().__init__(ctx, path, edit, label)
        self._typing_errors_shown()
        edit.value_changed.connect(lambda v: self._write(round(float(v or 0), 6)))
        edit.error_changed.connect(self.show_typing_error)

    def _show(self, value: Any) -> None:
        self.widget.set_value(float(value or 0.0))


class AgeBandsGrid(QWidget):
    """Age bands × women / men / other, with row and column totals; writes only the non-empty rows."""

    def __init__(self, page: PublicPage) -> None:
        super().__init__()
        self.page = page
        self.ctx = page.ctx
        self.setAccessibleName("Tableau des tranches d'âge")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        bold = QFont(self.font())
        bold.setBold(True)
        headers = ["Tranche d'âge", *(text for _, text in GENDERS), "Total"]
        for col, text in enumerate(headers):
            lab = QLabel(text)
            lab.setFont(bold)
            lab.setWordWrap(True)
            grid.addWidget(lab, 0, col)
        self.spins: dict[tuple[str, str], NumberEdit] = {}
        self.row_totals: dict[str, QLabel] = {}
        for row, (band, band_label) in enumerate(AGE_BANDS, start=1):
            name = QLabel(band_label)
            grid.addWidget(name, row, 0)
            for col, (gender, gender_label) in enumerate(GENDERS, start=1):
                spin = NumberEdit(maximum=999_999)
                spin.setAccessibleName(f"{gender_label}, {band_label}")
                spin.value_changed.connect(self._changed)
                spin.error_changed.connect(self._show_error)
                grid.addWidget(spin, row, col)
                self.spins[(band, gender)] = spin
                if col == 1:
                    name.setBuddy(spin)
            total = QLabel("0")
            total.setAccessibleName(f"Total, {band_label}")
            total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(total, row, len(GENDERS) + 1)
            self.row_totals[band] = total
        last = len(AGE_BANDS) + 1
        total_name = QLabel("Total")
        total_name.setFont(bold)
        grid.addWidget(total_name, last, 0)
        self.col_totals: dict[str, QLabel] = {}
        for col, (gender, gender_label) in enumerate([*GENDERS, ("all", "Tous")], start=1):
            lab = QLabel("0")
            lab.setFont(bold)
            lab.setAccessibleName(f"Total, {gender_label}")
            lab.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(lab, last, col)
            self.col_totals[gender] = lab
        grid.setColumnStretch(len(GENDERS) + 2, 1)
        self.error_label = typing_error_label("Tableau des tranches d'âge")
        grid.addWidget(self.error_label, last + 1, 0, 1, len(GENDERS) + 3)
        self._loading = False

    def _show_error(self, _message: str = "") -> None:
        """The first error of the table's cells, with the cell it is in."""
        wrong = [spin for spin in self.spins.values() if spin.error]
        self.error_label.setText(f"À corriger ({wrong[0].accessibleName()}) : {wrong[0].error}" if wrong else "")
        self.error_label.setVisible(bool(wrong))

    @staticmethod
    def count(spin: NumberEdit) -> int:
        return int(spin.value() or 0)

    def first_spin(self) -> NumberEdit:
        return self.spins[(AGE_BANDS[0][0], GENDERS[0][0])]

    def load(self) -> None:
        bands = {b.band: b for b in self.ctx.dossier.action.public.age_bands}
        self._loading = True
        try:
            for (band, gender), spin in self.spins.items():
                spin.set_value(getattr(bands[band], gender) if band in bands else 0)
        finally:
            self._loading = False
        self._show_totals()

    def bands(self) -> list[AgeBand]:
        rows = []
        for band, _ in AGE_BANDS:
            values = {g: self.count(self.spins[(band, g)]) for g, _ in GENDERS}
            if any(values.values()):
                rows.append(AgeBand(band=band, **values))
        return rows

    def _changed(self) -> None:
        self._show_totals()
        if self._loading:
            return
        known = {b for b, _ in AGE_BANDS}
        unknown = [b for b in self.ctx.dossier.action.public.age_bands if b.band not in known]
        self.ctx.set_value(AGE_BANDS_PATH, self.bands() + unknown)

    def _show_totals(self) -> None:
        sums = {g: 0 for g, _ in GENDERS}
        for band, _ in AGE_BANDS:
            row = 0
            for g, _ in GENDERS:
                v = self.count(self.spins[(band, g)])
                row += v
                sums[g] += v
            self.row_totals[band].setText(str(row))
        for g, value in sums.items():
            self.col_totals[g].setText(str(value))
        self.col_totals["all"].setText(str(sum(sums.values())))
        self.page.update_checks()

    def sums(self) -> dict[str, int]:
        return {g: sum(self.count(self.spins[(b, g)]) for b, _ in AGE_BANDS) for g, _ in GENDERS}


# --------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------
class PublicPage(StepPage):
    step = STEPS[5]

    def build(self) -> None:
        f = self.form
        self.age_grid: AgeBandsGrid | None = None
        f.section("Le public de l'action")
        f.text(f"{PUBLIC}.description", "Qui sont les bénéficiaires ?",
               help="Décrivez en quelques phrases les personnes que l'action veut toucher : âge, situation, "
                    "quartier.", lines=4)
        f.integer(f"{PUBLIC}.total", "Nombre de bénéficiaires prévus",
                  help="Le nombre total de personnes que l'action doit toucher sur toute sa durée.")
        f.section("Femmes et hommes",
                  "Les financeurs demandent le public par sexe : c'est une priorité de l'État (égalité "
                  "femmes-hommes). Une estimation suffit.")
        for gender, label in GENDERS:
            f.integer(f"{PUBLIC}.{gender}", f"Dont {label.lower()}")
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        self.gap_label.setAccessibleName("Écart entre le total et la répartition par sexe")
        self.gap_label.setStyleSheet(f"color: {WARN_COLOUR};")
        self.gap_label.setVisible(False)
        self.body.addWidget(self.gap_label)

        f.section("Par tranche d'âge",
                  "Répartissez les mêmes personnes par âge. Laissez à 0 les tranches qui ne vous concernent pas.")
        self.age_grid = AgeBandsGrid(self)
        self.body.addWidget(self.age_grid)
        self.register_widget(AGE_BANDS_PATH, self.age_grid.first_spin())
        self.age_gap_label = QLabel()
        self.age_gap_label.setWordWrap(True)
        self.age_gap_label.setAccessibleName("Écart entre les tranches d'âge et la répartition par sexe")
        self.age_gap_label.setStyleSheet(f"color: {WARN_COLOUR};")
        self.age_gap_label.setVisible(False)
        self.body.addWidget(self.age_gap_label)

        self.balance_hint = QLabel()
        self.balance_hint.setWordWrap(True)
        self.balance_hint.setAccessibleName("Déséquilibre entre femmes et hommes")
        self.body.addWidget(self.balance_hint)
        explanation = f.text(
            f"{PUBLIC}.gender_balance_explanation", "Pourquoi le public est-il surtout féminin ou masculin ?",
            help="Par exemple : une action pour des mères seules. Dites aussi comment vous favoriserez la "
                 "mixité quand c'est possible.", lines=3)
        self.explanation_block = explanation.widget.parentWidget()

        f.section("Les habitants des quartiers prioritaires")
        f.integer(f"{PUBLIC}.qpv_share_percent",
                  "Part des bénéficiaires qui habitent un quartier prioritaire (QPV)",
                  help="QPV : quartier prioritaire de la politique de la ville. Une estimation en pourcentage "
                       "suffit, par exemple 80 %.",
                  maximum=100, suffix=" %", blank="non renseignée")

        self.quartiers_box = QWidget()
        self.body.addWidget(self.quartiers_box)
        self._build_quartiers()

        self._build_location()
        self.ctx.changed.connect(self._model_changed)
        self.load()

    # ---------------------------------------------------------------- quartiers
    def rebuild_for_call(self) -> None:
        self._build_quartiers()
        self.point_result.clear()

    def _build_quartiers(self) -> None:
        self.forget_fields(QUARTIERS_PATH)
        old = self.quartiers_box
        self.quartiers_box = QWidget()
        self.body.replaceWidget(old, self.quartiers_box)
        old.hide()
        old.deleteLater()
        layout = QVBoxLayout(self.quartiers_box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.quartier_checks: dict[str, CheckRow] = {}
        add_section_title(layout, "Les quartiers où vivent les bénéficiaires")
        call = self.ctx.call
        if call is None:
            layout.addWidget(help_label("Choisissez d'abord l'appel à projets, à l'étape 1.", self.ctx))
            return
        geo = self.ctx.catalogue.geography_of(call)
        layout.addWidget(help_label(
            f"Cochez le ou les quartiers dont les habitants bénéficient de l'action. La liste est celle de "
            f"l'appel {call.year} : {geo.title}.", self.ctx))
        for scope in call.quartiers:
            q = geo.quartier(scope.quartier)
            name = q.name if q else scope.quartier
            details = []
            if q is not None:
                details.append("quartier prioritaire (QPV)" if q.status == "qpv" else "quartier de veille")
                if q.population:
                    details.append(f"{q.population:,} habitants".replace(",", "\u202f"))
            text = name + (f" — {', '.join(details)}" if details else "")
            row = CheckRow(text, accessible_name=f"Quartier {name}")
            row.toggled.connect(lambda on, qid=scope.quartier: self._quartier_toggled(qid, on))
            layout.addWidget(row)
            notes = []
            if scope.note.strip():
                note = scope.note.strip()
                notes.append(f"Selon l'appel : {note[0].lower()}{note[1:]}." if not note.endswith(".") else note)
            if not scope.eligible:
                notes.append(f"Ce quartier n'est pas retenu par l'appel {call.year}.")
            if q is not None and q.sectors:
                notes.append(f"Secteurs : {', '.join(q.sectors)}.")
            if notes:
                hint = help_label(" ".join(notes), self.ctx)
                hint.setContentsMargins(26, 0, 0, 0)
                layout.addWidget(hint)
                row.box.setAccessibleDescription(" ".join(notes))
            self.quartier_checks[scope.quartier] = row
        self.other_quartiers = QVBoxLayout()
        layout.addLayout(self.other_quartiers)
        self.other_checks: dict[str, CheckRow] = {}
        first = next(iter(self.quartier_checks.values()), None)
        if first is not None:
            self.register_widget(QUARTIERS_PATH, first.box)
        self._show_quartiers()

    def _show_quartiers(self) -> None:
        chosen = list(self.ctx.dossier.action.quartiers)
        for qid, row in self.quartier_checks.items():
            row.set_checked_quietly(qid in chosen)
        if not hasattr(self, "other_checks"):
            return
        for row in self.other_checks.values():
            self.other_quartiers.removeWidget(row)
            row.deleteLater()
        self.other_checks = {}
        call = self.ctx.call
        for qid in [q for q in chosen if q not in self.quartier_checks]:
            name = qid
            for geo in self.ctx.catalogue.geographies.values():
                q = geo.quartier(qid)
                if q is not None:
                    name = f"{q.name} ({geo.title})"
                    break
            year = f" {call.year}" if call else ""
            row = CheckRow(f"{name} — n'est pas dans la liste de l'appel{year} : décochez-le",
                           accessible_name=f"Quartier {name}, hors de la liste de l'appel")
            row.set_checked_quietly(True)
            row.toggled.connect(lambda on, qid=qid: self._quartier_toggled(qid, on))
            self.other_quartiers.addWidget(row)
            self.other_checks[qid] = row

    def _quartier_toggled(self, qid: str, on: bool) -> None:
        current = list(self.ctx.dossier.action.quartiers)
        if on and qid not in current:
            order = list(self.quartier_checks)
            current.append(qid)
            current.sort(key=lambda q: order.index(q) if q in order else len(order))
        elif not on:
            current = [q for q in current if q != qid]
        self.ctx.set_value(QUARTIERS_PATH, current)
        self._show_quartiers()

    # ---------------------------------------------------------------- location
    def _build_location(self) -> None:
        f = self.form
        f.section(
            "Localisation du lieu de l'action (facultatif)",
            "Vous pouvez indiquer le point où se déroule l'action, pour vérifier qu'il est dans un quartier "
            "prioritaire. Ses coordonnées se trouvent sur une carte en ligne (par exemple Géoportail ou "
            "OpenStreetMap : un clic droit sur le lieu affiche sa longitude et sa latitude). " + INDICATIVE,
        )
        f.line(f"{LOCATION_PATH}.label", "Ce qu'est ce lieu",
               help="Par exemple : local de l'association, 3 rue des Écoles.")
        self.lon = f.add(CoordField(self.ctx, f"{LOCATION_PATH}.longitude", "Longitude", 180.0),
                         help="En degrés décimaux, par exemple 1,311000 à Blois.")
        self.lat = f.add(CoordField(self.ctx, f"{LOCATION_PATH}.latitude", "Latitude", 90.0),
                         help="En degrés décimaux, par exemple 47,594000 à Blois.")
        self.register_widget(LOCATION_PATH, self.lon.widget)
        buttons = QHBoxLayout()
        self.check_button = QPushButton("&Vérifier ce point")
        self.check_button.setAccessibleName("Vérifier si le point est dans un quartier prioritaire")
        self.remove_button = QPushButton("&Retirer le point")
        self.remove_button.setAccessibleName("Retirer le point (la localisation est facultative)")
        self.check_button.clicked.connect(self.check_location)
        self.remove_button.clicked.connect(self.remove_location)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.point_result = QLabel()
        self.point_result.setWordWrap(True)
        self.point_result.setFrameShape(QFrame.Shape.StyledPanel)
        self.point_result.setAccessibleName("Résultat de la vérification du point")
        self.point_result.setVisible(False)
        self.body.addWidget(self.point_result)
        self.point_state = QLabel()
        self.point_state.setWordWrap(True)
        self.point_state.setAccessibleName("État de la localisation")
        self.body.addWidget(self.point_state)

    def check_location(self) -> PointCheck:
        point = self.ctx.dossier.action.location
        lon, lat = (point.longitude, point.latitude) if point else (0.0, 0.0)
        result = check_point(self.ctx.catalogue, self.ctx.call, lon, lat)
        prefix = {True: "✔ ", False: "⚠ ", None: ""}[result.ok]
        self.point_result.setText(prefix + result.message)
        self.point_result.setVisible(True)
        return result

    def remove_location(self) -> None:
        self.ctx.set_value(LOCATION_PATH, None)
        for field in (self.lon, self.lat, self.fields[f"{LOCATION_PATH}.label"]):
            field.load()
        self.point_result.setVisible(False)
        self._show_point_state()

    def _show_point_state(self) -> None:
        point = self.ctx.dossier.action.location
        has_point = point is not None
        self.remove_button.setEnabled(has_point)
        self.point_state.setText("" if has_point else "Aucun point indiqué (c'est facultatif).")
        self.point_state.setVisible(not has_point)

    # ---------------------------------------------------------------- live checks
    def _model_changed(self, path: str) -> None:
        if path.startswith(PUBLIC):
            self.update_checks()
        elif path.startswith(LOCATION_PATH):
            self.point_result.setVisible(False)  # the point moved: its last check no longer holds
            self._show_point_state()

    def update_checks(self) -> None:
        """The live lines: gender split vs total, age bands vs gender split, gender balance."""
        if self.age_grid is None or not hasattr(self, "explanation_block"):
            return
        p = self.ctx.dossier.action.public
        gap = gender_gap_text(p.total, p.women, p.men, p.other)
        self.gap_label.setText(f"⚠ {gap}" if gap else "")
        self.gap_label.setVisible(bool(gap))

        sums = self.age_grid.sums()
        if any(sums.values()) and (sums["women"], sums["men"], sums["other"]) != (p.women, p.men, p.other):
            self.age_gap_label.setText(
                f"⚠ Les tranches d'âge comptent {sums['women']} femmes, {sums['men']} hommes et "
                f"{sums['other']} autres ; la répartition ci-dessus indique {p.women} femmes, {p.men} hommes "
                f"et {p.other} autres."
            )
            self.age_gap_label.setVisible(True)
        else:
            self.age_gap_label.setVisible(False)

        threshold = self._threshold()
        share, who = dominant_share(p.women, p.men)
        unbalanced = threshold is not None and share > threshold
        if unbalanced:
            self.balance_hint.setText(
                f"Le public prévu compte {share:.0f} % de {who}, au-delà de {threshold:g} % (seuil par défaut de "
                "l'application : aucun texte ne fixe de chiffre) : expliquez pourquoi."
            )
        else:
            self.balance_hint.setText("")
        self.balance_hint.setVisible(unbalanced)
        self.explanation_block.setVisible(unbalanced or bool(p.gender_balance_explanation.strip()))

    def _threshold(self) -> float | None:
        call = self.ctx.call
        if call is None:
            return None
        value = self.ctx.catalogue.parameter("desequilibre_genre_pourcent", call)
        if value is None or isinstance(value.value, bool) or not isinstance(value.value, int | float):
            return None
        return float(value.value)

    # ---------------------------------------------------------------- showing
    def load(self) -> None:
        super().load()
        if self.age_grid is not None:
            self.age_grid.load()
        if hasattr(self, "quartier_checks"):
            self._show_quartiers()
        if hasattr(self, "point_state"):
            self._show_point_state()
        self.update_checks()


__all__ = ["PublicPage", "check_point", "dominant_share", "gender_gap_text"]
