"""« Renouveler pour un autre appel »: last year's dossier as the start of a dossier answering another
call, with every value marked by where it comes from.

- **repris**: copied and still valid (the association, the texts of the action, an identical priority);
- **à revoir**: copied but tied to the call or the year: dates moved to the new year, the budget year,
  the amounts, the public figures, the quartiers after a change of geography, a priority matched to a
  reworded one, the answer to a transversal priority whose text changed, the attestation;
- **à choisir**: an enjeu or a priority that does not exist in the new call (the old value is kept in the
  mark: nothing is lost);
- **nouveau**: asked by the new call only (a new transversal priority, a new co-funder, a new document).

Marks live in the dossier (`Dossier.renewal.marks`, by field path). A mark other than « repris » stays
pending until the user confirms the value or changes it (`resolve_marks`); a step with pending marks is
not « Terminé » (`review_states`).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from forms.budget import format_euros
from forms.call_diff import BASIS_LABELS, CallDiff, diff_calls, map_quartiers, match_priorities, match_transversal
from forms.french import french_date, listing
from forms.model import (
    ActionReport,
    Budget,
    CallRef,
    Document,
    Dossier,
    Lifecycle,
    Meta,
    Renewal,
    RenewalMark,
)
from forms.programmes import Call, Catalogue
from forms.steps import STEP_IDS, step_for_field
from forms.storage import now_iso

PENDING_KINDS = ("a_revoir", "a_choisir", "nouveau")
MARK_LABELS = {"repris": "Repris", "a_revoir": "À revoir", "a_choisir": "À choisir", "nouveau": "Nouveau"}
# What is never copied as « repris »: bookkeeping, and what belongs to last year's dossier only.
_NOT_COPIED = ("meta", "lifecycle", "renewal", "schema_version", "call")
COMPTE_RENDU_DOCUMENT = "compte-rendu-financier"


@dataclass
class RenewalResult:
    dossier: Dossier
    diff: CallDiff

    def pending(self) -> dict[str, RenewalMark]:
        return pending_marks(self.dossier)


class RenewalError(ValueError):
    """The renewal cannot be made (unknown call…). `str(exc)` is French."""


# --------------------------------------------------------------------------------------------
# Marks
# --------------------------------------------------------------------------------------------
def pending_marks(dossier: Dossier) -> dict[str, RenewalMark]:
    return {p: m for p, m in dossier.renewal.marks.items() if m.kind in PENDING_KINDS and not m.confirmed}


def _within(prefix: str, path: str) -> bool:
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def resolve_marks(dossier: Dossier, changed_path: str) -> list[str]:
    """The user changed `changed_path`: the pending marks on it, under it or around it are resolved.
    Returns the paths of the marks resolved."""
    done = []
    for path, mark in pending_marks(dossier).items():
        if _within(path, changed_path) or _within(changed_path, path):
            mark.confirmed = True
            done.append(path)
    return done


def confirm_mark(dossier: Dossier, path: str) -> bool:
    mark = dossier.renewal.marks.get(path)
    if mark is None or mark.kind not in PENDING_KINDS or mark.confirmed:
        return False
    mark.confirmed = True
    return True


def pending_steps(dossier: Dossier) -> dict[str, int]:
    """Step id -> number of pending marks (in the order of the steps)."""
    counts: dict[str, int] = {}
    for path in pending_marks(dossier):
        step = step_for_field(path)
        counts[step] = counts.get(step, 0) + 1
    return {s: counts[s] for s in STEP_IDS if s in counts}


def review_states(states: dict[str, str], dossier: Dossier) -> dict[str, str]:
    """Step states with the renewal marks: a step with values to review is not « Terminé »."""
    pending = pending_steps(dossier)
    return {s: ("en_cours" if state == "termine" and s in pending else state) for s, state in states.items()}


# --------------------------------------------------------------------------------------------
# Renewing
# --------------------------------------------------------------------------------------------
class _Marker:
    def __init__(self, marks: dict[str, RenewalMark]) -> None:
        self.marks = marks

    def __call__(self, path: str, kind: str, reason: str = "", previous: str = "") -> None:
        self.marks[path] = RenewalMark(kind=kind, reason=reason, previous=previous)  # type: ignore[arg-type]


def _shift(date: dt.date | None, years: int) -> dt.date | None:
    if date is None or years == 0:
        return date
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return french_date(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def renew(previous: Dossier, catalogue: Catalogue, call_id: str, *, previous_file: Path | str = "",
          today: dt.date | None = None) -> RenewalResult:
    """A new dossier answering `call_id`, from `previous` (left untouched)."""
    new_call = catalogue.calls.get(call_id)
    if new_call is None:
        known = ", ".join(sorted(catalogue.calls))
        raise RenewalError(f"Appel à projets inconnu : « {call_id} ». Appels connus : {known}.")
    old_call = catalogue.calls.get(previous.call.call)
    if old_call is None:
        raise RenewalError(f"Le dossier répond à un appel inconnu (« {previous.call.call} ») : choisissez d'abord "
                           "son appel, puis renouvelez-le.")
    today = today or dt.date.today()
    d = copy.deepcopy(previous)
    d.call = CallRef(territory=new_call.territory, call=new_call.id, year=new_call.year)
    d.meta = Meta(created=now_iso(), app_version=previous.meta.app_version)
    d.lifecycle = Lifecycle()
    d.renewal = Renewal(previous_file=str(previous_file), previous_call=old_call.id, previous_title=previous.title,
                        renewed_on=today)
    mark = _Marker(d.renewal.marks)
    years = new_call.year - old_call.year
    same_territory = old_call.territory == new_call.territory

    _mark_copied(d, mark)  # everything « repris » first; the specific marks below replace them
    for i, action in enumerate(d.actions):
        base = f"actions[{i}]"
        old_action = previous.actions[i]
        action.report = ActionReport()
        action.frequency = "renouvellement"
        action.previous_year_reference = (
            f"{old_action.title.strip() or 'Action'} — {old_call.title}" if not action.previous_year_reference.strip()
            or previous.actions[i].frequency == "renouvellement" else action.previous_year_reference)
        mark(f"{base}.frequency", "repris", "Renouvellement de l'action de l'année précédente.")
        _dates(action, old_action, base, years, mark)
        _public(action, base, mark)
        _budget(action.budget, f"{base}.budget", new_call, mark)
        _requested(action, base, old_call, new_call, catalogue, mark)
        _quartiers(action, base, old_call, new_call, catalogue, mark)
        _enjeux(action, base, old_call, new_call, catalogue, same_territory, mark)
        _transversal(action, base, old_call, new_call, catalogue, mark)
    if d.association.budget.year or any(d.association.budget.lines.values()):
        _budget(d.association.budget, "association.budget", new_call, mark)
    _attestation(d, previous, years, mark)
    _documents(d, new_call, old_call, mark)
    return RenewalResult(d, diff_calls(catalogue, old_call, new_call))


def _leaves(obj: object, prefix: str) -> Iterator[tuple[str, object]]:
    """(path, value) of the filled values the wizard edits one by one (texts, numbers, dates, lists)."""
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            path = f"{prefix}.{f.name}" if prefix else f.name
            if not prefix and f.name in _NOT_COPIED:
                continue
            yield from _leaves(getattr(obj, f.name), path)
    elif isinstance(obj, list) and obj and all(dataclasses.is_dataclass(x) for x in obj):
        for i, item in enumerate(obj):
            yield from _leaves(item, f"{prefix}[{i}]")
    elif isinstance(obj, dict):
        if obj:
            yield prefix, obj
    elif obj not in (None, "", 0, False, [], Decimal("0")):
        yield prefix, obj


def _mark_copied(d: Dossier, mark: _Marker) -> None:
    for path, _value in _leaves(d, ""):
        if ".report" in path:
            continue
        mark(path, "repris")


def _dates(action, old_action, base: str, years: int, mark: _Marker) -> None:
    for name in ("start_date", "end_date"):
        old = getattr(old_action, name)
        if old is None:
            mark(f"{base}.{name}", "a_revoir", "Date à indiquer pour la nouvelle année.")
            continue
        setattr(action, name, _shift(old, years))
        mark(f"{base}.{name}", "a_revoir",
             f"Date de l'an dernier décalée à la nouvelle année ({french_date(old)} → "
             f"{french_date(getattr(action, name))}) : vérifiez-la.", french_date(old))


def _public(action, base: str, mark: _Marker) -> None:
    pub = action.public
    for name in ("total", "women", "men", "other", "qpv_share_percent"):
        mark(f"{base}.public.{name}", "a_revoir", "Chiffre de l'an dernier : mettez-le à jour pour la nouvelle année.",
             _text(getattr(pub, name)))
    if pub.age_bands:
        mark(f"{base}.public.age_bands", "a_revoir", "Répartition de l'an dernier : mettez-la à jour.")


def _budget(budget: Budget, path: str, call: Call, mark: _Marker) -> None:
    old_year = budget.year
    budget.year = call.year  # the forecast of the new call's year
    if old_year != budget.year:
        mark(f"{path}.year", "a_revoir", f"Exercice {old_year or 'non indiqué'} → {budget.year} : vérifiez l'année.",
             str(old_year or ""))
    if any(budget.lines.values()):
        mark(f"{path}.lines", "a_revoir", "Montants de l'an dernier : mettez-les à jour pour la nouvelle année.")
    if budget.subsidies:
        gone = [s for s in budget.subsidies if s.funder not in {"", "autre"} and call.cofunder(s.funder) is None]
        for s in gone:  # a funder the new call does not name: kept, as « autre » with its name
            s.label = s.label or s.funder
            s.funder = "autre"
        reason = "Subventions de l'an dernier : mettez à jour les montants et leur état (demandée ou acquise)."
        if gone:
            reason += f" {listing([s.label for s in gone])} ne figure plus parmi les financeurs de l'appel."
        mark(f"{path}.subsidies", "a_revoir", reason)


def _requested(action, base: str, old_call: Call, new_call: Call, catalogue: Catalogue, mark: _Marker) -> None:
    for funder, cents in list(action.requested_cents.items()):
        path = f"{base}.requested_cents.{funder}"
        if new_call.cofunder(funder) is None:
            del action.requested_cents[funder]
            name = old_call.cofunder(funder).name if old_call.cofunder(funder) else funder
            mark(path, "a_choisir", f"{name} ne figure plus parmi les cofinanceurs de l'appel : choisissez à qui "
                 "demander ce montant.", format_euros(cents))
        else:
            mark(path, "a_revoir", "Montant demandé l'an dernier : indiquez celui de la nouvelle année.",
                 format_euros(cents))
    old_ids = {c.id for c in old_call.cofunders}
    for cofunder in new_call.cofunders:
        if cofunder.id not in old_ids:
            mark(f"{base}.requested_cents.{cofunder.id}", "nouveau",
                 f"Nouveau cofinanceur de l'appel : {cofunder.name}. Indiquez si vous lui demandez un montant.")


def _quartiers(action, base: str, old_call: Call, new_call: Call, catalogue: Catalogue, mark: _Marker) -> None:
    path = f"{base}.quartiers"
    previous = ", ".join(action.quartiers)
    changes = map_quartiers(catalogue, old_call, new_call, action.quartiers)
    scope = {s.quartier for s in new_call.quartiers}
    new_ids: list[str] = []
    notes: list[str] = []
    unknown = False
    for change in changes:
        if not change.known:
            unknown = True
            notes.append(f"{change.old_name} : aucune correspondance connue")
            continue
        for qid in change.new:
            if qid not in new_ids and (not scope or qid in scope):
                new_ids.append(qid)
        if old_call.geography != new_call.geography:
            target = ", ".join(change.new_names) if change.new else "plus de quartier prioritaire"
            notes.append(f"{change.old_name} → {target}")
        elif scope and change.old not in scope:
            notes.append(f"{change.old_name} n'est plus un quartier de l'appel")
    action.quartiers = new_ids
    if unknown or (action.quartiers == [] and changes):
        mark(path, "a_choisir", "Choisissez les quartiers dans la géographie de l'appel. " + " ; ".join(notes) + ".",
             previous)
    elif notes:
        mark(path, "a_revoir", "La géographie prioritaire a changé : " + " ; ".join(notes) + ". Vérifiez les "
             "quartiers proposés.", previous)


def _enjeux(action, base: str, old_call: Call, new_call: Call, catalogue: Catalogue, same_territory: bool,
            mark: _Marker) -> None:
    territory = catalogue.territories[new_call.territory]
    path = f"{base}.enjeux"
    kept = [e for e in action.enjeux if territory.enjeu(e) is not None] if same_territory else []
    dropped = [e for e in action.enjeux if e not in kept]
    if dropped:
        mark(path, "a_choisir", f"{listing(dropped)} : pas dans le contrat de ville de l'appel choisi ; "
             "choisissez parmi ses enjeux.", ", ".join(action.enjeux))
    action.enjeux = kept
    ppath = f"{base}.operational_priorities"
    if not action.operational_priorities:
        return
    matches = match_priorities(catalogue, old_call, new_call) if same_territory else {}
    old_texts = {p.id: p.text for p in old_call.operational_priorities}
    new_texts = {p.id: p.text for p in new_call.operational_priorities}
    chosen: list[str] = []
    reviews: list[str] = []
    lost: list[str] = []
    for pid in action.operational_priorities:
        match = matches.get(pid)
        if match is None or not match.new:
            lost.append(f"« {old_texts.get(pid, pid)} »")
            continue
        for nid in match.new:
            if nid not in chosen:
                chosen.append(nid)
        if match.review:
            reviews.append(f"« {old_texts.get(pid, pid)} » → « {listing([new_texts[n] for n in match.new])} » "
                           f"({BASIS_LABELS[match.basis]}{' : ' + match.note if match.note else ''})")
    previous = ", ".join(action.operational_priorities)
    action.operational_priorities = chosen
    if lost:
        mark(ppath, "a_choisir", f"Priorités de l'an dernier absentes de l'appel : {listing(lost)}. Choisissez "
             "les priorités de l'appel auxquelles l'action répond." + (
                 f" Reprises ailleurs : {'; '.join(reviews)}." if reviews else ""), previous)
    elif reviews:
        mark(ppath, "a_revoir", f"Priorités reformulées : {'; '.join(reviews)}.", previous)


def _transversal(action, base: str, old_call: Call, new_call: Call, catalogue: Catalogue, mark: _Marker) -> None:
    matches = match_transversal(catalogue, old_call, new_call) if old_call.territory == new_call.territory else {}
    old_by_id = {t.id: t for t in old_call.transversal}
    answers = dict(action.transversal)
    action.transversal = {}
    for tid, answer in answers.items():
        match = matches.get(tid)
        previous = answer.text
        if match is None or not match.new:
            title = old_by_id[tid].title if tid in old_by_id else tid
            mark(f"{base}.transversal.{tid}", "a_revoir", f"La priorité « {title} » n'est plus dans l'appel : "
                 "votre réponse de l'an dernier est gardée ici pour mémoire.", previous)
            continue
        nid = match.new[0]
        action.transversal[nid] = answer
        if match.basis == "identique":
            mark(f"{base}.transversal.{nid}", "repris")
        else:
            mark(f"{base}.transversal.{nid}", "a_revoir", "Le texte de cette priorité a changé dans l'appel : "
                 "relisez votre réponse.", previous)
    for t in new_call.transversal:
        if t.id not in action.transversal:
            mark(f"{base}.transversal.{t.id}", "nouveau", f"Priorité transversale nouvelle : « {t.title} ».")


def _attestation(d: Dossier, previous: Dossier, years: int, mark: _Marker) -> None:
    att = d.attestation
    old_date = att.date
    att.date = None
    mark("attestation.date", "a_revoir", "L'attestation se signe à nouveau pour chaque demande : indiquez la "
         "date de signature." + (f" (Dernière signature : {french_date(old_date)}.)" if old_date else ""),
         french_date(old_date))
    for name in ("cer_subscribed", "obligations_up_to_date", "charter_2014_respected", "information_exact"):
        if getattr(att, name):
            mark(f"attestation.{name}", "a_revoir",
                 "Déclaration de l'an dernier : confirmez-la pour la nouvelle demande.")


def _documents(d: Dossier, new_call: Call, old_call: Call, mark: _Marker) -> None:
    by_id = {doc.id: doc for doc in d.documents}
    documents: list[Document] = []
    old_ids = {s.id for s in old_call.documents}
    for i, spec in enumerate(new_call.documents):
        doc = by_id.pop(spec.id, None) or Document(id=spec.id)
        path = f"documents[{i}]"
        if spec.id == COMPTE_RENDU_DOCUMENT:
            last_file = doc.path
            doc.state, doc.path = "a_fournir", ""
            mark(f"{path}.state", "a_revoir", f"Joignez le compte-rendu financier (CERFA 15059) de l'action "
                 f"{old_call.year} : faites-le depuis le dossier de l'an dernier (« Suivi et compte-rendu »).",
                 last_file)
        elif spec.id not in old_ids:
            mark(f"{path}.state", "nouveau", f"Pièce demandée par le nouvel appel : « {spec.label} ».")
        elif not spec.association_level and doc.state != "a_fournir":
            mark(f"{path}.state", "a_revoir", "Pièce de l'an dernier : joignez sa version de la nouvelle année.",
                 doc.path)
        documents.append(doc)
    documents.extend(by_id.values())  # pieces the new call does not list: kept, never lost
    # the documents were re-ordered: « repris » marks on documents follow their new index
    for path in [p for p in d.renewal.marks if p.startswith("documents[") and d.renewal.marks[p].kind == "repris"]:
        del d.renewal.marks[path]
    for i, doc in enumerate(documents):
        for name in ("state", "path", "note"):
            if getattr(doc, name) not in ("", "a_fournir") and f"documents[{i}].{name}" not in d.renewal.marks:
                mark(f"documents[{i}].{name}", "repris")
    d.documents = documents


# --------------------------------------------------------------------------------------------
# Reading marks (command line, panel)
# --------------------------------------------------------------------------------------------
def marks_by_step(dossier: Dossier, *, pending_only: bool = True) -> dict[str, list[tuple[str, RenewalMark]]]:
    marks = pending_marks(dossier) if pending_only else dossier.renewal.marks
    out: dict[str, list[tuple[str, RenewalMark]]] = {}
    for path, m in marks.items():
        out.setdefault(step_for_field(path), []).append((path, m))
    return {s: out[s] for s in STEP_IDS if s in out}


def mark_counts(dossier: Dossier) -> dict[str, int]:
    counts = dict.fromkeys(MARK_LABELS, 0)
    for m in dossier.renewal.marks.values():
        counts[m.kind] += 1
    return counts
