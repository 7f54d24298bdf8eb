"""Programme fit: the enjeux (Blois) or priorités (Amboise) of the contract, and the call's operational
priorities of the year."""

from __future__ import annotations

from collections.abc import Iterator

from forms.programmes import Territory
from rules.context import Check
from rules.registry import rule
from rules.verdicts import Verdict

MAX_LISTED = 5  # enjeux named with their title in a message; beyond, their ids only


def _feminine(territory: Territory) -> bool:
    """The gender of the contract's word for its enjeux, as the data says ("Enjeu", "Priorité", "Axe")."""
    return territory.enjeu_gender == "feminin"


def _article(territory: Territory) -> str:
    """"un enjeu", "une priorité", "un axe"."""
    word = (territory.enjeu_label or "enjeu").strip().lower()
    return ("une " if _feminine(territory) else "un ") + word


@rule("programme.enjeux")
def enjeux(c: Check) -> Iterator[Verdict]:
    """At least one enjeu chosen, and only enjeux of the territory's contract."""
    territory = c.index.territory
    if len(territory.enjeux) <= MAX_LISTED:
        known = ", ".join(f"{e.id} « {e.title} »" for e in territory.enjeux)
    else:  # Amboise: eight long titles; the step lists them
        known = ", ".join(e.id for e in territory.enjeux) + " (leurs intitulés sont à l'étape « Enjeux et priorités »)"
    which = "à laquelle" if _feminine(territory) else "auquel"
    for path, prefix, action in c.actions():
        field = f"{path}.enjeux"
        valid = [e for e in action.enjeux if e in c.index.enjeux]
        unknown = [e for e in dict.fromkeys(action.enjeux) if e not in c.index.enjeux]
        if not valid:
            what = (
                f"Aucun des choix ({', '.join(unknown)}) n'est {_article(territory)} du contrat de ville "
                f"{territory.of_name}. "
                if unknown
                else ""
            )
            yield c.verdict(
                "bloquant",
                f"{prefix}{what}Choisissez au moins {_article(territory)} du contrat de ville {which} l'action "
                f"répond : {known}.",
                field,
                source=territory.enjeux_source or territory.source,
            )
            continue
        for enjeu_id in unknown:
            yield c.verdict(
                "a_corriger",
                f"{prefix}« {enjeu_id} » n'est pas {_article(territory)} du contrat de ville {territory.of_name} : "
                "retirez-le.",
                field,
                source=territory.enjeux_source or territory.source,
            )


@rule("programme.priorites")
def priorites(c: Check) -> Iterator[Verdict]:
    """Operational priorities belong to the call's year and to one of the chosen enjeux."""
    territory = c.index.territory
    for path, prefix, action in c.actions():
        field = f"{path}.operational_priorities"
        chosen_enjeux = set(action.enjeux)
        for op_id in dict.fromkeys(action.operational_priorities):
            op = c.index.priorities.get(op_id)
            if op is None:
                other = next(
                    (
                        (other_call, other_op)
                        for other_call in c.ctx.catalogue.calls_of(territory.id)
                        if other_call.id != c.call.id
                        for other_op in other_call.operational_priorities
                        if other_op.id == op_id
                    ),
                    None,
                )
                # a priority of another year is named by its text, as that year's step showed it
                where = (
                    f"« {other[1].text} » est une priorité de l'appel {other[0].year}, pas de l'appel {c.call.year}"
                    if other
                    else f"« {op_id} » n'est pas une priorité opérationnelle de l'appel {c.call.year}"
                )
                if c.call.operational_priorities:
                    then = "retirez-la et choisissez parmi les priorités de l'année"
                elif c.call.status_of("operational_priorities") == "non_connu":
                    then = "retirez-la : les priorités de l'année ne sont pas connues de l'application"
                else:
                    then = "retirez-la : l'appel ne met en avant aucune priorité opérationnelle"
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}{where} : {then}.",
                    field,
                    source=c.call.operational_priorities[0].source if c.call.operational_priorities else None,
                )
                continue
            if chosen_enjeux.intersection(op.enjeux):
                continue
            enjeux_text = " ou ".join(
                f"{e} « {territory.enjeu(e).title} »" if territory.enjeu(e) else e for e in op.enjeux
            )
            label = (territory.enjeu_label or "enjeu").lower()
            fem = _feminine(territory)
            yield c.verdict(
                "a_corriger",
                f"{prefix}La priorité de l'année « {op.text} » relève de {enjeux_text}, que vous n'avez pas "
                f"{'choisie' if fem else 'choisi'} : ajoutez {'cette' if fem else 'cet'} {label} à l'action, "
                "ou retirez la priorité.",
                field,
                f"{path}.enjeux",
                source=op.source,
            )


@rule("programme.priorite_annee")
def priorite_annee(c: Check) -> Iterator[Verdict]:
    """An action under an enjeu for which the call highlights priorities, without choosing one."""
    for path, prefix, action in c.actions():
        if action.operational_priorities:
            continue
        chosen = set(action.enjeux) & c.index.enjeux
        matching = [op for op in c.call.operational_priorities if chosen.intersection(op.enjeux)]
        if not matching:
            continue
        groups = list(dict.fromkeys(op.group for op in matching if op.group.strip()))
        territory = c.index.territory
        plural = (territory.enjeu_label_plural or "enjeux").lower()
        chosen_word = "choisies" if _feminine(territory) else "choisis"
        yield c.verdict(
            "conseil",
            f"{prefix}L'appel {c.call.year} met en avant des priorités opérationnelles pour les {plural} que "
            f"vous avez {chosen_word}" + (f" ({' ; '.join(groups)})" if groups else "")
            + " : si l'action répond à l'une d'elles, cochez-la, le comité de sélection y sera attentif.",
            f"{path}.operational_priorities",
            source=matching[0].source,
        )
