"""Égalité femmes-hommes: the public broken down by gender, the equality text the call asks for, and
an explanation when the public is strongly unbalanced."""

from __future__ import annotations

from collections.abc import Iterator

from forms.french import plural
from forms.model import Public
from rules.context import Check, answer_path
from rules.registry import rule
from rules.texts import MIN_CHARS, MIN_CHARS_DETAILED, is_substantive
from rules.verdicts import Verdict


def _people(n: int) -> str:
    return plural(n, "personne", "personnes")


def _split(w: int, m: int, o: int) -> str:
    text = f"{plural(w, 'femme', 'femmes')} et {plural(m, 'homme', 'hommes')}"
    return text + (f", {o} sans précision" if o else "")


@rule("egalite.repartition")
def repartition(c: Check) -> Iterator[Verdict]:
    """Beneficiaries broken down by gender, consistent with the total (and with the age bands)."""
    for path, prefix, action in c.actions():
        p: Public = action.public
        field = f"{path}.public"
        if min(p.women, p.men, p.other) < 0:
            yield c.verdict(
                "a_corriger",
                f"{prefix}Le nombre de femmes, d'hommes ou de personnes sans précision est négatif : "
                "corrigez la répartition du public.",
                f"{field}.women",
            )
            continue
        split = p.women + p.men + p.other
        if split == 0:
            if p.total > 0:
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}Indiquez combien de femmes et combien d'hommes vous attendez (sur un total de "
                    f"{_people(p.total)}) : les financeurs demandent le public par sexe.",
                    f"{field}.women",
                )
            continue
        if split != p.total and p.total > 0:  # no total at all: completude.action asks for it
            yield c.verdict(
                "a_corriger",
                f"{prefix}La répartition par sexe ({_split(p.women, p.men, p.other)}) fait "
                f"{_people(split)}, mais le total indiqué est de {_people(p.total)}. Corrigez l'un ou "
                "l'autre pour qu'ils concordent.",
                f"{field}.women",
                f"{field}.total",
            )
        bands = [b for b in p.age_bands if b.women or b.men or b.other]
        if bands:
            bw = sum(b.women for b in p.age_bands)
            bm = sum(b.men for b in p.age_bands)
            bo = sum(b.other for b in p.age_bands)
            if (bw, bm, bo) != (p.women, p.men, p.other):
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}Les tranches d'âge totalisent {_split(bw, bm, bo)}, alors que la répartition "
                    f"du public indique {_split(p.women, p.men, p.other)}. Corrigez les tranches d'âge ou "
                    "la répartition.",
                    f"{field}.age_bands",
                )


@rule("egalite.texte")
def texte(c: Check) -> Iterator[Verdict]:
    """How the action acts on equality, for a call that makes it a transversal priority.

    A call may ask more of associations under a multi-year agreement (Blois: "tout particulièrement");
    that is data of the call (`multi_year_quote`), quoted as it stands: for them "not applicable" is not
    accepted and a fuller text is expected. A call that says nothing of it changes nothing.
    """
    agreement = c.dossier.request.multi_year_agreement
    for tp in c.index.transversal:
        if tp.theme != "egalite":
            continue
        strict = agreement and bool(tp.multi_year_quote.strip())
        minimum = MIN_CHARS_DETAILED if strict else MIN_CHARS
        quote = tp.multi_year_quote.strip() if strict else (tp.source.quote or tp.text)
        asks = f"l'appel demande : « {tp.multi_year_quote.strip()} »" if strict else ""
        for path, prefix, action in c.actions():
            answer = action.transversal.get(tp.id)
            status = answer.status if answer else ""
            text = answer.text if answer else ""
            if status == "traitee":
                if not is_substantive(text, minimum):
                    extra = (
                        f" Votre association a une convention pluriannuelle et {asks} : une réponse détaillée "
                        "(deux ou trois phrases) est attendue."
                        if strict
                        else ""
                    )
                    yield c.verdict(
                        "a_corriger",
                        f"{prefix}Expliquez concrètement comment l'action fait progresser l'égalité entre les "
                        "femmes et les hommes (mixité des groupes, horaires compatibles avec la garde "
                        f"d'enfants, lutte contre les stéréotypes…).{extra}",
                        answer_path(path, tp.id, "text"),
                        source=tp.source,
                        quote=quote,
                    )
            elif status == "non_applicable":
                if strict:
                    yield c.verdict(
                        "a_corriger",
                        f"{prefix}Votre association a une convention pluriannuelle et {asks}. Répondez "
                        "« L'action y répond » et expliquez comment.",
                        answer_path(path, tp.id, "status"),
                        source=tp.source,
                        quote=quote,
                    )
                elif not tp.required:
                    continue
                elif not is_substantive(text):
                    yield c.verdict(
                        "a_corriger",
                        f"{prefix}L'appel demande à chaque candidat de prendre en compte l'égalité "
                        "femmes-hommes. Si vous pensez qu'elle ne s'applique pas, expliquez pourquoi en une "
                        "ou deux phrases ; sinon, dites comment l'action y contribue.",
                        answer_path(path, tp.id, "text"),
                        source=tp.source,
                        quote=quote,
                    )
                else:
                    yield c.verdict(
                        "conseil",
                        f"{prefix}Vous indiquez que l'égalité femmes-hommes ne s'applique pas à l'action. "
                        "L'appel la demande à chaque candidat : toute action qui accueille du public peut "
                        "dire comment elle veille à la mixité et à l'égalité d'accès.",
                        answer_path(path, tp.id, "status"),
                        source=tp.source,
                        quote=quote,
                    )
            elif strict or tp.required:
                why = (f"votre association a une convention pluriannuelle et {asks}" if strict
                       else "l'appel le demande à chaque candidat")
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}Dites comment l'action agit pour l'égalité entre les femmes et les hommes : {why}.",
                    answer_path(path, tp.id, "status"),
                    source=tp.source,
                    quote=quote,
                )


@rule("egalite.desequilibre")
def desequilibre(c: Check) -> Iterator[Verdict]:
    """A strongly unbalanced public (one gender above the threshold) needs an explanation."""
    value = c.index.param("desequilibre_genre_pourcent")
    if value is None or not isinstance(value.value, int | float) or isinstance(value.value, bool):
        return
    threshold = float(value.value)
    for path, prefix, action in c.actions():
        p = action.public
        known = p.women + p.men
        if p.women < 0 or p.men < 0 or known <= 0:
            continue
        top = max(p.women, p.men)
        share = 100.0 * top / known
        if share <= threshold or is_substantive(p.gender_balance_explanation):
            continue
        who = "de femmes" if p.women >= p.men else "d'hommes"
        yield c.verdict(
            "a_corriger",
            f"{prefix}Le public prévu compte {share:.0f} % {who} (au-delà de {threshold:g} %). Expliquez "
            "pourquoi (par exemple une action destinée aux mères isolées) ou comment vous favoriserez la "
            f"mixité.{c.param_note(value)}",
            f"{path}.public.gender_balance_explanation",
            source=value.reference,
        )
