"""What changed between two calls for projects, and which item of the older call corresponds to which of
the newer one (for « Renouveler pour un autre appel » and the « Ce qui a changé dans l'appel » panel).

Correspondences are data, next to the calls:
- `programmes/<territoire>/correspondances/<ancien>--<nouveau>.yaml`: operational (and, when their ids
  change, transversal) priorities of call A -> call B, with a source and a note;
- `geographie/correspondances/<ancienne>--<nouvelle>.yaml`: what became of each quartier when the
  geography changed (2015 -> 2024).
Where the data says nothing, a priority is matched by identical text (then it is « repris ») or by
near-identical text (similarity at least `NEAR_TEXT_RATIO`, then it is « à revoir » with both texts);
otherwise it has no counterpart (« à choisir »). Every match says how it was made (`basis`): nothing is
decided silently.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from forms.french import fold
from forms.programmes import (
    Call,
    Catalogue,
    Cofunder,
    OperationalPriority,
    ProgrammeDataError,
    Source,
    TransversalPriority,
    _load,  # the strict reader of programme files: one place turns their errors into French
)

NEAR_TEXT_RATIO = 0.9
"""Two priority texts at least this similar (difflib ratio on folded text) are « near-identical »: a
value of the application (no text gives one), chosen so that a reworded priority (a few words added or
changed) matches and two different priorities of one call never do (the shipped calls are tested)."""

MatchBasis = Literal["donnees", "identique", "proche", "aucune"]
BASIS_LABELS: dict[str, str] = {
    "donnees": "correspondance indiquée par les données du programme",
    "identique": "texte identique",
    "proche": "texte presque identique",
    "aucune": "aucune correspondance",
}


# --------------------------------------------------------------------------------------------
# The correspondence files
# --------------------------------------------------------------------------------------------
@dataclass
class Link:
    old: str  # id in the older call (or geography)
    new: list[str]  # ids in the newer one; [] when the item has no counterpart
    note: str = ""
    source: Source | None = None  # a more precise source than the file's


@dataclass
class CallCorrespondence:
    from_call: str
    to_call: str
    source: Source
    operational: list[Link] = field(default_factory=list)
    transversal: list[Link] = field(default_factory=list)


@dataclass
class GeographyCorrespondence:
    from_geography: str
    to_geography: str
    source: Source
    quartiers: list[Link] = field(default_factory=list)


def call_correspondence_files(catalogue: Catalogue) -> list[Path]:
    return sorted((catalogue.root / "programmes").glob("*/correspondances/*.yaml"))


def geography_correspondence_files(catalogue: Catalogue) -> list[Path]:
    return sorted((catalogue.root / "geographie" / "correspondances").glob("*.yaml"))


def _src_problems(catalogue: Catalogue, source: Source | None, where: str) -> list[str]:
    if source is None:
        return []
    if source.doc not in catalogue.sources:
        return [f"{where}: source « {source.doc} » inconnue de sources.yaml"]
    if not source.section.strip():
        return [f"{where}: section de la source vide"]
    return []


def _check_links(links: list[Link], old_ids: set[str], new_ids: set[str], where: str,
                 catalogue: Catalogue) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for link in links:
        if link.old in seen:
            problems.append(f"{where}: « {link.old} » indiqué deux fois")
        seen.add(link.old)
        if link.old not in old_ids:
            problems.append(f"{where}: « {link.old} » inconnu de l'ancien appel ou de l'ancienne géographie")
        problems += [f"{where}: « {n} » inconnu du nouvel appel ou de la nouvelle géographie"
                     for n in link.new if n not in new_ids]
        problems += _src_problems(catalogue, link.source, f"{where} {link.old}")
    return problems


_CACHE_ATTRIBUTE = "_call_diff_correspondences"
_MATCHES_ATTRIBUTE = "_call_diff_matches"
Correspondences = tuple[dict[tuple[str, str], CallCorrespondence], dict[tuple[str, str], GeographyCorrespondence]]


def _correspondences(catalogue: Catalogue) -> Correspondences:
    """The correspondence files of `catalogue`, read and checked once (kept on the catalogue object, like
    the rules' indexes: a reloaded catalogue reads them again, none is kept alive by a global cache)."""
    cached = catalogue.__dict__.get(_CACHE_ATTRIBUTE)
    if cached is None:
        cached = _read_correspondences(catalogue)
        object.__setattr__(catalogue, _CACHE_ATTRIBUTE, cached)
    return cached


def _read_correspondences(catalogue: Catalogue) -> Correspondences:
    calls: dict[tuple[str, str], CallCorrespondence] = {}
    geos: dict[tuple[str, str], GeographyCorrespondence] = {}
    problems: list[str] = []
    for path in call_correspondence_files(catalogue):
        corr: CallCorrespondence = _load(CallCorrespondence, path)
        where = f"{path.parent.parent.name}/correspondances/{path.name}"
        old, new = catalogue.calls.get(corr.from_call), catalogue.calls.get(corr.to_call)
        if old is None or new is None:
            problems.append(f"{where}: appel « {corr.from_call if old is None else corr.to_call} » inconnu")
            continue
        problems += _src_problems(catalogue, corr.source, where)
        problems += _check_links(corr.operational, {p.id for p in old.operational_priorities},
                                 {p.id for p in new.operational_priorities}, where, catalogue)
        problems += _check_links(corr.transversal, {t.id for t in old.transversal},
                                 {t.id for t in new.transversal}, where, catalogue)
        if (corr.from_call, corr.to_call) in calls:
            problems.append(f"{where}: correspondance en double")
        calls[(corr.from_call, corr.to_call)] = corr
    for path in geography_correspondence_files(catalogue):
        geo: GeographyCorrespondence = _load(GeographyCorrespondence, path)
        where = f"geographie/correspondances/{path.name}"
        old_geo = catalogue.geographies.get(geo.from_geography)
        new_geo = catalogue.geographies.get(geo.to_geography)
        if old_geo is None or new_geo is None:
            problems.append(f"{where}: géographie inconnue")
            continue
        problems += _src_problems(catalogue, geo.source, where)
        problems += _check_links(geo.quartiers, {q.id for q in old_geo.quartiers},
                                 {q.id for q in new_geo.quartiers}, where, catalogue)
        geos[(geo.from_geography, geo.to_geography)] = geo
    if problems:
        raise ProgrammeDataError("Correspondances invalides :\n- " + "\n- ".join(problems))
    return calls, geos


def call_correspondence(catalogue: Catalogue, old: Call, new: Call) -> CallCorrespondence | None:
    return _correspondences(catalogue)[0].get((old.id, new.id))


def geography_correspondence(catalogue: Catalogue, old: str, new: str) -> GeographyCorrespondence | None:
    return _correspondences(catalogue)[1].get((old, new))


def check_correspondences(catalogue: Catalogue) -> int:
    """Load and cross-check every correspondence file; the number of files. Raises ProgrammeDataError."""
    calls, geos = _correspondences(catalogue)
    return len(calls) + len(geos)


# --------------------------------------------------------------------------------------------
# Matching items
# --------------------------------------------------------------------------------------------
def text_ratio(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1, ignoring case, accents, punctuation and spacing."""
    return _ratio(_words(a), _words(b))


def _ratio(fa: str, fb: str, at_least: float = 0.0) -> float:
    """difflib's ratio; 0 as soon as its cheap upper bound is under `at_least` (most pairs of a call)."""
    if fa == fb:
        return 1.0
    matcher = difflib.SequenceMatcher(None, fa, fb, autojunk=False)
    if matcher.real_quick_ratio() < at_least or matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


def _words(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


@dataclass(frozen=True)
class Match:
    old: str
    new: tuple[str, ...]
    basis: MatchBasis
    note: str = ""
    ratio: float = 0.0

    @property
    def review(self) -> bool:
        """True when the user must look at it again (anything but an identical text)."""
        return self.basis != "identique"


def _match_items(old_items: list, new_items: list, links: list[Link]) -> dict[str, Match]:
    by_data = {link.old: link for link in links}
    new_by_id = {item.id: item for item in new_items}
    matches: dict[str, Match] = {}
    for item in old_items:
        link = by_data.get(item.id)
        if link is not None:
            targets = tuple(link.new)
            identical = len(targets) == 1 and _words(new_by_id[targets[0]].text) == _words(item.text)
            matches[item.id] = Match(item.id, targets, "identique" if identical else "donnees", link.note)
            continue
        best, best_ratio = None, 0.0
        same_id = new_by_id.get(item.id)
        candidates = ([same_id] if same_id is not None else []) + [n for n in new_items if n is not same_id]
        words = _words(item.text)
        for candidate in candidates:
            ratio = _ratio(words, _words(candidate.text), max(best_ratio, NEAR_TEXT_RATIO))
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
        if best is not None and best_ratio == 1.0:
            matches[item.id] = Match(item.id, (best.id,), "identique", ratio=1.0)
        elif best is not None and best_ratio >= NEAR_TEXT_RATIO:
            matches[item.id] = Match(item.id, (best.id,), "proche", ratio=best_ratio)
        else:
            matches[item.id] = Match(item.id, (), "aucune", ratio=best_ratio)
    return matches


def match_priorities(catalogue: Catalogue, old: Call, new: Call) -> dict[str, Match]:
    """Each operational priority of `old` -> its counterpart(s) in `new` (computed once per pair of calls
    of a catalogue: treat the result as read-only)."""
    return _cached_matches(catalogue, old.id, new.id, "operational")


def match_transversal(catalogue: Catalogue, old: Call, new: Call) -> dict[str, Match]:
    """Each transversal priority of `old` -> its counterpart in `new`: by the data, else by the same id
    (same text: identique; another text: the question changed, « à revoir »), else by text."""
    return _cached_matches(catalogue, old.id, new.id, "transversal")


def _cached_matches(catalogue: Catalogue, old_id: str, new_id: str, kind: str) -> dict[str, Match]:
    cache: dict[tuple[str, str, str], dict[str, Match]] | None = catalogue.__dict__.get(_MATCHES_ATTRIBUTE)
    if cache is None:
        cache = {}
        object.__setattr__(catalogue, _MATCHES_ATTRIBUTE, cache)
    key = (old_id, new_id, kind)
    if key not in cache:
        old, new = catalogue.call(old_id), catalogue.call(new_id)
        cache[key] = (_operational(catalogue, old, new) if kind == "operational"
                      else _transversal(catalogue, old, new))
    return cache[key]


def _operational(catalogue: Catalogue, old: Call, new: Call) -> dict[str, Match]:
    corr = call_correspondence(catalogue, old, new)
    return _match_items(old.operational_priorities, new.operational_priorities, corr.operational if corr else [])


def _transversal(catalogue: Catalogue, old: Call, new: Call) -> dict[str, Match]:
    corr = call_correspondence(catalogue, old, new)
    links = list(corr.transversal) if corr else []
    linked = {link.old for link in links}
    new_ids = {t.id for t in new.transversal}
    for t in old.transversal:  # a transversal priority keeps its id from one call to the next
        if t.id not in linked and t.id in new_ids:
            links.append(Link(t.id, [t.id]))
    return _match_items(old.transversal, new.transversal, links)


@dataclass(frozen=True)
class QuartierChange:
    old: str  # quartier id in the old geography
    old_name: str
    new: tuple[str, ...]
    new_names: tuple[str, ...]
    note: str
    known: bool  # False: no correspondence in the data (the user chooses)


def map_quartiers(catalogue: Catalogue, old: Call, new: Call, quartier_ids: list[str]) -> list[QuartierChange]:
    """What becomes of each quartier id of `old`'s geography in `new`'s."""
    old_geo, new_geo = catalogue.geographies.get(old.geography), catalogue.geographies.get(new.geography)
    corr = geography_correspondence(catalogue, old.geography, new.geography)
    links = {link.old: link for link in corr.quartiers} if corr else {}
    out: list[QuartierChange] = []
    for qid in quartier_ids:
        q_old = old_geo.quartier(qid) if old_geo else None
        name = q_old.name if q_old else qid
        if old.geography == new.geography:
            out.append(QuartierChange(qid, name, (qid,), (name,), "", True))
            continue
        link = links.get(qid)
        if link is None:
            out.append(QuartierChange(qid, name, (), (), "", False))
            continue
        names = tuple((new_geo.quartier(n).name if new_geo and new_geo.quartier(n) else n) for n in link.new)
        out.append(QuartierChange(qid, name, tuple(link.new), names, link.note, True))
    return out


# --------------------------------------------------------------------------------------------
# The whole difference, for the panel and the command line
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reworded:
    old_id: str
    old_text: str
    new_id: str
    new_text: str
    basis: MatchBasis
    note: str = ""


@dataclass
class CallDiff:
    old: Call
    new: Call
    priorities_added: list[OperationalPriority] = field(default_factory=list)
    priorities_removed: list[OperationalPriority] = field(default_factory=list)
    priorities_reworded: list[Reworded] = field(default_factory=list)
    priorities_unchanged: int = 0
    transversal_added: list[TransversalPriority] = field(default_factory=list)
    transversal_removed: list[TransversalPriority] = field(default_factory=list)
    transversal_reworded: list[Reworded] = field(default_factory=list)
    geography_changed: bool = False
    old_geography: str = ""
    new_geography: str = ""
    quartiers: list[QuartierChange] = field(default_factory=list)
    cofunders_added: list[Cofunder] = field(default_factory=list)
    cofunders_gone: list[Cofunder] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.priorities_added or self.priorities_removed or self.priorities_reworded
                    or self.transversal_added or self.transversal_removed or self.transversal_reworded
                    or self.geography_changed or self.cofunders_added or self.cofunders_gone)

    def lines(self) -> list[str]:
        """The difference in plain French, one line per item (command line, tests, tooltips)."""
        out: list[str] = []
        for p in self.priorities_added:
            out.append(f"Priorité ajoutée : {p.text}")
        for p in self.priorities_removed:
            out.append(f"Priorité retirée : {p.text}")
        for r in self.priorities_reworded:
            out.append(f"Priorité reformulée ({BASIS_LABELS[r.basis]}) : « {r.old_text} » devient « {r.new_text} »")
        for t in self.transversal_added:
            out.append(f"Priorité transversale ajoutée : {t.title}")
        for t in self.transversal_removed:
            out.append(f"Priorité transversale retirée : {t.title}")
        for r in self.transversal_reworded:
            out.append(f"Priorité transversale reformulée : « {r.old_text} » devient « {r.new_text} »")
        if self.geography_changed:
            out.append(f"Géographie prioritaire : {self.old_geography} → {self.new_geography}")
            for q in self.quartiers:
                if not q.known:
                    out.append(f"  {q.old_name} : pas de correspondance connue, choisissez les quartiers")
                elif q.new:
                    out.append(f"  {q.old_name} → {', '.join(q.new_names)}" + (f" ({q.note})" if q.note else ""))
                else:
                    out.append(f"  {q.old_name} : plus de quartier prioritaire" + (f" ({q.note})" if q.note else ""))
        for c in self.cofunders_added:
            out.append(f"Nouveau cofinanceur : {c.name}")
        for c in self.cofunders_gone:
            out.append(f"Cofinanceur qui ne figure plus dans l'appel : {c.name}")
        return out


def _reworded(old_items: list, new_items: list, matches: dict[str, Match]) -> tuple[list, list, list, int]:
    new_by_id = {n.id: n for n in new_items}
    reached: set[str] = set()
    removed, reworded, unchanged = [], [], 0
    for item in old_items:
        match = matches[item.id]
        reached.update(match.new)
        if not match.new:
            removed.append(item)
        elif match.basis == "identique":
            unchanged += 1
        else:
            for nid in match.new:
                reworded.append(Reworded(item.id, item.text, nid, new_by_id[nid].text, match.basis, match.note))
    added = [n for n in new_items if n.id not in reached]
    return added, removed, reworded, unchanged


def diff_calls(catalogue: Catalogue, old: Call, new: Call) -> CallDiff:
    diff = CallDiff(old, new)
    (diff.priorities_added, diff.priorities_removed, diff.priorities_reworded,
     diff.priorities_unchanged) = _reworded(old.operational_priorities, new.operational_priorities,
                                            match_priorities(catalogue, old, new))
    diff.transversal_added, diff.transversal_removed, diff.transversal_reworded, _ = _reworded(
        old.transversal, new.transversal, match_transversal(catalogue, old, new))
    if old.geography != new.geography:
        diff.geography_changed = True
        geos = catalogue.geographies
        diff.old_geography = geos[old.geography].title if old.geography in geos else old.geography
        diff.new_geography = geos[new.geography].title if new.geography in geos else new.geography
        old_geo = geos.get(old.geography)
        in_scope = [s.quartier for s in old.quartiers] or ([q.id for q in old_geo.quartiers] if old_geo else [])
        diff.quartiers = map_quartiers(catalogue, old, new, in_scope)
    old_funders, new_funders = {c.id for c in old.cofunders}, {c.id for c in new.cofunders}
    diff.cofunders_added = [c for c in new.cofunders if c.id not in old_funders]
    diff.cofunders_gone = [c for c in old.cofunders if c.id not in new_funders]
    return diff
