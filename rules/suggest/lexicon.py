"""The suggester's lexicons: the everyday words of an association for each enjeu of a territory, and for
each transversal theme what funders look for. Data, not code:

- `resources/programmes/<territoire>/lexique*.yaml`: per enjeu (Blois E1…E5, Amboise P1…P8), groups of
  terms, each group tied to the programme text it spells out (`about`) and to its source;
- `resources/lexique/*.yaml`: per transversal theme (égalité, laïcité, numérique…), the aspects funders look
  for, each with its terms; a territory's lexicon may add aspects for its own themes.

A territory without a lexicon file still gets suggestions from its programme texts alone. Files are read
strictly (unknown keys, unknown enjeu ids, unknown sources, empty terms are errors naming the file).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from forms.programmes import Catalogue, ProgrammeDataError, Source, TransversalTheme, load_data_file
from rules.suggest.text import Lemmatise, term_keys


@dataclass
class TermGroup:
    """Words an applicant may use for what one programme text says."""

    about: str  # the programme text these words spell out, as the source words it (shown as "why")
    terms: list[str]
    source: Source
    default: bool = False  # True: the words are the application's choice (everyday vocabulary), not the source's


@dataclass
class Aspect:
    """One thing funders look for under a transversal theme ("la part de femmes et d'hommes du public")."""

    id: str
    looks_for: str  # completes "Le texte ne dit pas encore …" when no term of the aspect is found
    terms: list[str]
    source: Source
    default: bool = False


@dataclass
class LexiconFile:
    territory: str = ""  # empty in resources/lexique/ (national themes)
    enjeux: dict[str, list[TermGroup]] = field(default_factory=dict)
    transversal: dict[TransversalTheme, list[Aspect]] = field(default_factory=dict)


@dataclass
class Lexicon:
    """The lexicon of one territory: its enjeux' term groups and every theme's aspects."""

    enjeux: dict[str, list[TermGroup]]
    transversal: dict[str, list[Aspect]]
    files: list[Path]


def lexicon_paths(catalogue: Catalogue, territory_id: str) -> list[Path]:
    national = sorted((catalogue.root / "lexique").glob("*.yaml"))
    own = sorted((catalogue.root / "programmes" / territory_id).glob("lexique*.yaml"))
    return [*national, *own]


def load_lexicon(catalogue: Catalogue, territory_id: str, lemmatise: Lemmatise) -> Lexicon:
    """Read and check the lexicon files of a territory (and the national ones)."""
    territory = catalogue.territories[territory_id]
    enjeu_ids = {e.id for e in territory.enjeux}
    enjeux: dict[str, list[TermGroup]] = {}
    themes: dict[str, list[Aspect]] = {}
    problems: list[str] = []
    paths = lexicon_paths(catalogue, territory_id)
    for path in paths:
        data = load_data_file(LexiconFile, path)
        national = path.parent.name == "lexique"
        where = str(path.relative_to(catalogue.root))
        if national and (data.territory or data.enjeux):
            problems.append(f"{where}: un lexique national ne porte que des thèmes transversaux")
        if not national and data.territory != territory_id:
            problems.append(f"{where}: « territory » doit valoir « {territory_id} »")
        for enjeu_id, groups in data.enjeux.items():
            if enjeu_id not in enjeu_ids:
                problems.append(f"{where}: enjeu « {enjeu_id} » inconnu du territoire {territory_id}")
            for i, group in enumerate(groups):
                _check(catalogue, group.source, group.terms, lemmatise, f"{where} {enjeu_id}[{i}]", problems)
                if not group.about.strip():
                    problems.append(f"{where} {enjeu_id}[{i}]: « about » vide")
            enjeux.setdefault(enjeu_id, []).extend(groups)
        for theme, aspects in data.transversal.items():
            known = {a.id for a in themes.get(theme, [])}
            for aspect in aspects:
                place = f"{where} {theme}.{aspect.id}"
                _check(catalogue, aspect.source, aspect.terms, lemmatise, place, problems)
                if aspect.id in known:
                    problems.append(f"{place}: aspect en double")
                if not aspect.looks_for.strip():
                    problems.append(f"{place}: « looks_for » vide")
                known.add(aspect.id)
            themes.setdefault(theme, []).extend(aspects)
    if problems:
        raise ProgrammeDataError("Lexique invalide :\n- " + "\n- ".join(problems))
    return Lexicon(enjeux, themes, paths)


def _check(catalogue: Catalogue, source: Source, terms: list[str], lemmatise: Lemmatise, where: str,
           problems: list[str]) -> None:
    if source.doc not in catalogue.sources:
        problems.append(f"{where}: source « {source.doc} » inconnue de sources.yaml")
    if not source.section.strip():
        problems.append(f"{where}: section de la source vide")
    if not terms:
        problems.append(f"{where}: aucun terme")
    seen: set[tuple[str, ...]] = set()
    for term in terms:
        keys = term_keys(term, lemmatise)
        if not keys:
            problems.append(f"{where}: le terme « {term} » ne contient que des mots vides")
        elif keys in seen:
            problems.append(f"{where}: le terme « {term} » est en double")
        seen.add(keys)


@functools.cache
def cached_lexicon(catalogue: Catalogue, territory_id: str, lemmatise: Lemmatise) -> Lexicon:
    return load_lexicon(catalogue, territory_id, lemmatise)
