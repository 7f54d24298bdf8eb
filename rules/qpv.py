"""Quartiers prioritaires: the action's quartiers, the quartiers de veille, the share of beneficiaries
living in a QPV, and the optional location tested against the perimeters."""

from __future__ import annotations

import math
from collections.abc import Iterator

from rules.context import Check
from rules.geo import PerimeterFileError, valid_coordinates
from rules.registry import rule
from rules.verdicts import Verdict


def _scope_names(c: Check, eligible_only: bool = True) -> str:
    names = []
    for scope in c.call.quartiers:
        if eligible_only and not scope.eligible:
            continue
        q = c.index.quartiers.get(scope.quartier)
        names.append(f"« {q.name if q else scope.quartier} »")
    return ", ".join(names) or "aucun"


def _quartier_name(c: Check, quartier_id: str) -> str:
    q = c.index.quartiers.get(quartier_id)
    if q:
        return q.name
    for geo in c.index.other_geographies.get(quartier_id, []):
        other = geo.quartier(quartier_id)
        if other:
            return other.name
    return quartier_id


@rule("qpv.quartiers")
def quartiers(c: Check) -> Iterator[Verdict]:
    """Each action names at least one quartier, and only quartiers of the call's list for its date."""
    geo = c.index.geography
    for path, prefix, action in c.actions():
        field = f"{path}.quartiers"
        if not action.quartiers:
            yield c.verdict(
                "bloquant",
                f"{prefix}Indiquez le ou les quartiers prioritaires dont les habitants bénéficient de "
                f"l'action. L'appel {c.call.year} finance des actions pour les habitants de : "
                f"{_scope_names(c)}.",
                field,
                source=c.call.grounds.get("quartiers"),
            )
            continue
        for quartier_id in dict.fromkeys(action.quartiers):
            if quartier_id in c.index.scopes:
                continue
            if quartier_id in c.index.quartiers:
                text = (
                    f"Le quartier « {_quartier_name(c, quartier_id)} » ne fait pas partie des quartiers de "
                    f"l'appel {c.call.year}."
                )
            elif quartier_id in c.index.other_geographies:
                others = ", ".join(g.title for g in c.index.other_geographies[quartier_id])
                text = (
                    f"Le quartier « {_quartier_name(c, quartier_id)} » appartient à une autre géographie "
                    f"prioritaire ({others}) que celle de l'appel {c.call.year} ({geo.title})."
                )
            else:
                text = f"Le quartier « {quartier_id} » n'est pas connu de l'application."
            yield c.verdict(
                "bloquant",
                f"{prefix}{text} Retirez-le et choisissez parmi les quartiers de l'appel : "
                f"{_scope_names(c)}.",
                field,
                source=c.call.grounds.get("quartiers"),
            )


@rule("qpv.veille")
def veille(c: Check) -> Iterator[Verdict]:
    """Quartiers the call lists but does not fund (e.g. quartiers de veille in some years)."""
    for path, prefix, action in c.actions():
        chosen = [q for q in dict.fromkeys(action.quartiers) if q in c.index.scopes]
        refused = [q for q in chosen if not c.index.scopes[q].eligible]
        if not refused:
            continue
        has_eligible = any(c.index.scopes[q].eligible for q in chosen)
        for quartier_id in refused:
            scope = c.index.scopes[quartier_id]
            q = c.index.quartiers.get(quartier_id)
            kind = "quartier de veille" if q and q.status == "veille" else "quartier"
            note = f" ({scope.note})" if scope.note.strip() else ""
            if has_eligible:
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}Le {kind} « {_quartier_name(c, quartier_id)} » n'est pas retenu par l'appel "
                    f"{c.call.year}{note}. Retirez-le de la liste des quartiers : l'action ne peut être "
                    "financée que pour les habitants des autres quartiers choisis.",
                    f"{path}.quartiers",
                    source=c.call.grounds.get("quartiers"),
                )
            else:
                yield c.verdict(
                    "bloquant",
                    f"{prefix}Le {kind} « {_quartier_name(c, quartier_id)} » n'est pas retenu par l'appel "
                    f"{c.call.year}{note}, et l'action ne concerne aucun autre quartier. Choisissez parmi : "
                    f"{_scope_names(c)}.",
                    f"{path}.quartiers",
                    source=c.call.grounds.get("quartiers"),
                )


@rule("qpv.part")
def part(c: Check) -> Iterator[Verdict]:
    """The share of beneficiaries living in a QPV against the programme's threshold (local practice)."""
    value = c.index.param("part_qpv_minimum_pourcent")
    if value is None or not isinstance(value.value, int | float) or isinstance(value.value, bool):
        return
    threshold = value.value
    for path, prefix, action in c.actions():
        share = action.public.qpv_share_percent
        field = f"{path}.public.qpv_share_percent"
        if share is None:
            yield c.verdict(
                "a_corriger",
                f"{prefix}Indiquez la part des bénéficiaires qui habitent un quartier prioritaire, en "
                f"pourcentage : les financeurs attendent au moins {threshold:g} %.{c.param_note(value)}",
                field,
                source=value.reference,
            )
        elif share < 0 or share > 100:
            yield c.verdict(
                "a_corriger",
                f"{prefix}La part des bénéficiaires habitant un quartier prioritaire doit être un pourcentage "
                f"entre 0 et 100 (vous avez saisi {share}).",
                field,
                source=value.reference,
            )
        elif share == 0:
            yield c.verdict(
                "a_corriger",
                f"{prefix}Vous indiquez qu'aucun bénéficiaire (0 %) n'habite un quartier prioritaire, pour "
                f"{threshold:g} % attendus : les crédits de la politique de la ville financent des actions pour "
                "les habitants des quartiers. Vérifiez ce chiffre, ou expliquez dans la description à qui "
                f"l'action profite.{c.param_note(value)}",
                field,
                source=value.reference,
            )
        elif share < threshold:
            yield c.verdict(
                "a_corriger",
                f"{prefix}Seulement {share} % des bénéficiaires habiteraient un quartier prioritaire, pour "
                f"{threshold:g} % attendus. Vérifiez ce chiffre, ou expliquez dans la description comment "
                f"l'action touche d'abord les habitants des quartiers.{c.param_note(value)}",
                field,
                source=value.reference,
            )


def _has_territory_perimeters(c: Check, geo) -> bool:
    """Whether the perimeters file holds at least one quartier of the call's territory."""
    insee = {commune.insee for commune in c.index.territory.communes}
    return any(q.perimeter and q.insee in insee for q in geo.quartiers)


def _coord(x: float) -> str:
    return f"{x:.5f}".replace(".", ",") if math.isfinite(x) else "non définie"


@rule("qpv.localisation")
def localisation(c: Check) -> Iterator[Verdict]:
    """A location, when given, inside one of the shipped QPV perimeters (indicative only)."""
    for path, prefix, action in c.actions():
        point = action.location
        if point is None or (point.longitude == 0 and point.latitude == 0):
            continue  # no point (0, 0 is what an untouched pair of coordinate boxes holds)
        field = f"{path}.location"
        if not valid_coordinates(point.longitude, point.latitude):
            yield c.verdict(
                "conseil",
                f"{prefix}Les coordonnées du lieu (longitude {_coord(point.longitude)}, latitude "
                f"{_coord(point.latitude)}) ne sont pas valables : la longitude va de -180 à 180 et la "
                "latitude de -90 à 90. Corrigez le point ou effacez-le (il est facultatif).",
                field,
            )
            continue
        try:
            perimeters = c.index.perimeters()
        except PerimeterFileError:
            return  # a broken shipped file: the data tests report it, the dossier is not at fault
        label = f" ({point.label.strip()})" if point.label.strip() else ""
        geo = c.index.perimeters_geography
        if perimeters is None or geo is None or not _has_territory_perimeters(c, geo):
            yield c.verdict(
                "conseil",
                f"{prefix}Le lieu indiqué{label} n'a pas pu être situé : les périmètres des quartiers "
                f"prioritaires {c.index.territory.of_name} ne sont pas fournis avec l'application. Vérifiez-le "
                "sur le service « SIG Ville » de l'État, qui seul fait foi.",
                field,
            )
            continue
        if perimeters.containing(point.longitude, point.latitude):
            continue
        other_geo = (
            f" Ce sont les périmètres de la géographie « {geo.title} », les seuls fournis : l'appel "
            f"{c.call.year} se réfère à « {c.index.geography.title} »."
            if geo.id != c.index.geography.id
            else ""
        )
        yield c.verdict(
            "conseil",
            f"{prefix}Le lieu indiqué{label}, longitude {_coord(point.longitude)}, latitude "
            f"{_coord(point.latitude)}, est en dehors de tous les périmètres des quartiers prioritaires. "
            "Vérifiez le point ; si l'action se déroule hors du quartier, expliquez dans la description "
            "comment elle bénéficie à ses habitants. Cette localisation est indicative : seul le service "
            "« SIG Ville » de l'État fait foi." + other_geo,
            field,
        )
