"""check_dossier: every registered rule on one dossier, verdicts sorted by level then wizard step."""

from __future__ import annotations

from forms.model import Dossier
from forms.programmes import Catalogue, default_catalogue
from rules.context import Check, Context, call_index
from rules.registry import load_rule_infos, registered_rules
from rules.verdicts import Verdict, sort_key

UNKNOWN_CALL_RULE = "appel.inconnu"


def check_dossier(dossier: Dossier, catalogue: Catalogue | None = None) -> list[Verdict]:
    """All the verdicts on `dossier`, most serious first, then in the order of the wizard's steps.

    A dossier whose call is unknown gets a single bloquant verdict: without the call, nothing else
    (quartiers, priorities, parameters in force) can be judged.
    """
    catalogue = catalogue or default_catalogue()
    rules = registered_rules()
    call = catalogue.calls.get(dossier.call.call)
    if call is None or call.territory not in catalogue.territories or call.geography not in catalogue.geographies:
        return [_unknown_call(dossier, catalogue)]
    ctx = Context(dossier, call_index(catalogue, call))
    verdicts: list[Verdict] = []
    for rule in rules:
        if rule.id == UNKNOWN_CALL_RULE:
            continue
        verdicts.extend(rule.func(Check(ctx, rule.info)))
    verdicts.sort(key=sort_key)
    return verdicts


def _unknown_call(dossier: Dossier, catalogue: Catalogue) -> Verdict:
    info = load_rule_infos()[UNKNOWN_CALL_RULE]
    call_id = dossier.call.call.strip()
    known = ", ".join(sorted(catalogue.calls)) or "aucun"
    if not call_id:
        message = (
            "Le dossier n'indique pas l'appel à projets auquel il répond. Choisissez le territoire et "
            f"l'année de l'appel (appels connus : {known})."
        )
    else:
        message = (
            f"L'appel à projets « {call_id} » n'est pas connu de cette version de l'application. "
            f"Choisissez l'un des appels connus ({known}), ou mettez l'application à jour si l'appel "
            "est plus récent."
        )
    source = info.source_text or catalogue.describe_source(info.source)
    return Verdict(UNKNOWN_CALL_RULE, "bloquant", message, source, info.source.quote, ("call.call",), "appel")
