"""The programmes as data: territories, their contract, their yearly calls, the QPV geography, the
glossary and the dated parameters, all read from `resources/` strictly.

Layout of `resources/` (see ARCHITECTURE.md):
- `sources.yaml`: every document an item can cite (seed files, laws, reference notes), by id;
- `programmes/<territoire>/territoire.yaml`: the contract (enjeux or piliers/priorités, their axes,
  objectives, indicators, the contract's transversal priorities, co-funders' commitments);
- `programmes/<territoire>/appel-<année>.yaml`: one call for projects (operational and transversal
  priorities of the year, co-funders, quartiers in scope, documents to attach, call dates);
- `geographie/*.yaml`: dated lists of quartiers (2015 and 2024 geographies) and their perimeters;
- `glossaire/*.yaml`: acronyms and their meaning;
- `parametres/*.yaml`: dated parameters of national scope (thresholds of law);
- `budget/plan-comptable.yaml`: the budget lines of the CERFA.

Every item carries a `source` (document id + section, optionally the quoted sentence). A new year's
call is a new `appel-<année>.yaml`: no code changes.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from forms.codec import DataError, from_data
from forms.french import listing

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
T = TypeVar("T")

TransversalTheme = Literal[
    "egalite",  # égalité femmes-hommes
    "laicite",  # valeurs de la République, laïcité, citoyenneté
    "numerique",  # numérique, illectronisme
    "transition",  # transition écologique, développement durable
    "innovation",  # actions, partenariats innovants
    "coconstruction",  # co-construction entre acteurs, avec les habitants
    "publics",  # publics éloignés des institutions, jeunes
    "jeunesse",
    "discriminations",
    "acces_droits",  # accès aux droits et aux services
    "autre",
]
CofunderKind = Literal[
    "etat", "commune", "intercommunalite", "departement", "region",
    "bailleur", "caf", "ars", "europe", "autre",
]
QuartierStatus = Literal["qpv", "veille"]
DocumentRequirement = Literal["toujours", "renouvellement", "delegation", "facultatif"]
DataStatus = Literal["connu", "a_confirmer", "non_connu"]
"""How sure the programme data is of a list of a call: known from the call's text, to be confirmed (taken
from another text: the contract, an earlier call), or not known at all (the list stays empty)."""
CallPart = Literal["quartiers", "operational_priorities", "transversal", "cofunders", "documents", "dates"]
CALL_PART_LABELS: dict[CallPart, str] = {
    "quartiers": "les quartiers concernés",
    "operational_priorities": "les priorités opérationnelles de l'année",
    "transversal": "les priorités transversales",
    "cofunders": "les financeurs",
    "documents": "les pièces à joindre",
    "dates": "le calendrier (dates de dépôt et des actions)",
}
Gender = Literal["masculin", "feminin"]
BudgetSide = Literal["charges", "produits", "contributions_emplois", "contributions_ressources"]


class ProgrammeDataError(ValueError):
    """The programme data in resources/ is invalid. The message names the file and the place."""


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------
@dataclass
class SourceDocument:
    id: str
    title: str
    kind: Literal["seed", "texte-legal", "reference", "jeu-de-donnees", "page-web", "norme"]
    file: str = ""  # seed or reference file name, or a saved copy of a web page, when there is one
    date: str = ""  # as the document gives it ("juillet 2015", "2019-11")
    href: str = ""
    licence: str = ""


@dataclass
class Source:
    doc: str  # a SourceDocument id
    section: str  # where in that document
    quote: str = ""  # the sentence the item comes from, when it is short enough to show


@dataclass
class Block:
    """A list of short texts taken from one place of a source (e.g. an enjeu's strategic axes)."""

    items: list[str]
    source: Source
    title: str = ""


# --------------------------------------------------------------------------------------------
# Dated parameters (OpenFisca style)
# --------------------------------------------------------------------------------------------
@dataclass
class ParameterValue:
    value: int | float | str | bool | None  # None retires the parameter from that date
    reference: Source
    default: bool = False  # True: no figure in the texts, a default the programme data may change


@dataclass
class Parameter:
    description: str
    values: dict[dt.date, ParameterValue]
    unit: str = ""

    def at(self, date: dt.date) -> ParameterValue | None:
        """The value in force on `date`, or None before the first value."""
        current = None
        for start in sorted(self.values):
            if start <= date:
                current = self.values[start]
        return current


# --------------------------------------------------------------------------------------------
# Territory and contract
# --------------------------------------------------------------------------------------------
@dataclass
class Commune:
    name: str
    insee: str


@dataclass
class Pilier:
    id: str
    title: str
    enjeux: list[str]  # ids of the enjeux / priorités under this pilier
    source: Source


@dataclass
class Enjeu:
    """A Blois enjeu (E1…E5) or an Amboise priorité (P1…P8)."""

    id: str
    number: int
    title: str
    source: Source
    summary: str = ""
    pilier: str = ""
    pacte_dijon: Block | None = None
    axes: Block | None = None  # strategic axes / orientations
    objectives: Block | None = None  # objectifs spécifiques
    indicators: Block | None = None
    actions: Block | None = None  # actions identified by the contract
    transversal: Block | None = None  # the contract's transversal priorities for this enjeu
    engagements: list[Block] = field(default_factory=list)  # partners' commitments


@dataclass
class Cofunder:
    id: str
    name: str
    kind: CofunderKind
    source: Source
    note: str = ""  # e.g. "abattement de TFPB", "engagement d'au moins 63 000 €"
    to_confirm: bool = False  # named by another text than the call's (contract, earlier call)


@dataclass
class TransversalPriority:
    id: str
    theme: TransversalTheme
    title: str  # short, for lists ("Égalité femmes-hommes")
    text: str  # the call's own words
    source: Source
    prompt: str = ""  # one sentence: what funders look for in the applicant's answer
    required: bool = True  # every applicant must address it or say why it does not apply
    details: list[str] = field(default_factory=list)  # sub-items of the call text
    to_confirm: bool = False  # not (yet) in the call's own text: shown "à confirmer", never as a fact
    # The call's own words when it asks more of associations under a multi-year agreement (Blois:
    # "tout particulièrement"); empty: the agreement changes nothing for this priority.
    multi_year_quote: str = ""


@dataclass
class Territory:
    id: str
    name: str
    communes: list[Commune]
    contract_title: str
    contract_period: str
    summary: str
    enjeu_label: str  # "Enjeu" (Blois) or "Priorité" (Amboise)
    enjeu_label_plural: str
    enjeux: list[Enjeu]
    source: Source
    piliers: list[Pilier] = field(default_factory=list)
    transversal: list[TransversalPriority] = field(default_factory=list)
    cofunders: list[Cofunder] = field(default_factory=list)
    governance: Block | None = None
    parameters: dict[str, Parameter] = field(default_factory=dict)
    # French grammar as data (never guessed from the letters of a word):
    name_de: str = ""  # the name after "de": "de Blois", "d'Amboise", "du Grand Reims"
    enjeux_source: Source | None = None  # the sentence that names the contract's enjeux (else `source`)
    enjeu_gender: Gender = "masculin"  # of enjeu_label: "un enjeu", "une priorité", "un axe"

    @property
    def of_name(self) -> str:
        """« de Blois », « d'Amboise », « du Grand Reims »: the data's, else « de » + the name."""
        return self.name_de.strip() or f"de {self.name}"

    def enjeu(self, enjeu_id: str) -> Enjeu | None:
        return next((e for e in self.enjeux if e.id == enjeu_id), None)


# --------------------------------------------------------------------------------------------
# Geography
# --------------------------------------------------------------------------------------------
@dataclass
class Quartier:
    id: str
    name: str
    commune: str
    insee: str
    status: QuartierStatus
    source: Source
    code: str = ""  # official code ("QN04101M"); empty when it is not known for sure
    population: int | None = None
    sectors: list[str] = field(default_factory=list)
    perimeter: str = ""  # code_qp of the feature in the geography's perimeters file


@dataclass
class Geography:
    id: str
    title: str
    valid_from: dt.date
    source: Source
    quartiers: list[Quartier]
    valid_to: dt.date | None = None
    perimeters_file: str = ""  # GeoJSON beside the YAML file
    attribution: str = ""

    def quartier(self, quartier_id: str) -> Quartier | None:
        return next((q for q in self.quartiers if q.id == quartier_id), None)


# --------------------------------------------------------------------------------------------
# The call for projects
# --------------------------------------------------------------------------------------------
@dataclass
class QuartierScope:
    quartier: str  # id in the call's geography
    eligible: bool = True
    note: str = ""  # how the call treats it (e.g. "quartier de veille active")
    to_confirm: bool = False


@dataclass
class OperationalPriority:
    id: str
    enjeux: list[str]
    group: str  # the call's heading ("Mieux vivre son quartier (enjeu 5)")
    text: str
    source: Source
    to_confirm: bool = False


@dataclass
class DocumentSpec:
    id: str
    label: str
    requirement: DocumentRequirement
    source: Source
    help: str = ""
    association_level: bool = False  # belongs to the association, reusable across dossiers
    # A piece that may not apply to every association (a new one has no approved accounts yet):
    # "sans objet" is accepted with a reason. Other pieces are never "sans objet".
    may_not_apply: bool = False
    to_confirm: bool = False


@dataclass
class Call:
    id: str
    territory: str
    year: int
    title: str
    summary: str
    geography: str
    quartiers: list[QuartierScope]
    operational_priorities: list[OperationalPriority]
    transversal: list[TransversalPriority]
    cofunders: list[Cofunder]
    documents: list[DocumentSpec]
    source: Source
    period_text: str = ""  # "entre octobre et novembre 2022"
    opens: dt.date | None = None
    deadline: dt.date | None = None
    action_start: dt.date | None = None  # actions take place between these dates
    action_end: dt.date | None = None
    figures: str = ""  # e.g. "En 2023, 66 projets financés pour 1,2 million d'euros"
    submission: Block | None = None  # where and how the dossier is sent (portal, other funders), sourced
    parameters: dict[str, Parameter] = field(default_factory=dict)
    # The sentence that grounds each kind of verdict, when the call has one ("quartiers", "periode",
    # "droit_commun", "priorites"); a rule without it cites its own source (resources/rules/regles.yaml).
    grounds: dict[str, Source] = field(default_factory=dict)
    # Lists the call's text does not give (yet): "a_confirmer" (taken from another text) or "non_connu".
    data_status: dict[CallPart, DataStatus] = field(default_factory=dict)
    # When no call text exists: what this call is rebuilt from, said plainly to the user.
    reconstructed_from: str = ""

    def status_of(self, part: CallPart) -> DataStatus:
        return self.data_status.get(part, "connu")

    def data_notice(self) -> str:
        """What the user must know about this call's data, in French; empty when it is all known."""
        text = self.reconstructed_from.strip()
        parts = self.incomplete_parts()
        to_confirm = [label for label, status in parts if status == "a_confirmer"]
        unknown = [label for label, status in parts if status == "non_connu"]
        if parts:
            text += (" " if text else "") + "Données de l'appel incomplètes."
        if unknown:  # worded so that no agreement is needed with the lists' gender and number
            text += f" Ce que l'application ne connaît pas : {listing(unknown)}."
        if to_confirm:
            text += f" À confirmer : {listing(to_confirm)}."
        return text

    def incomplete_parts(self) -> list[tuple[str, DataStatus]]:
        """(French label, status) of each list that is not known for sure, in CALL_PART_LABELS order."""
        return [(label, self.status_of(part)) for part, label in CALL_PART_LABELS.items()
                if self.status_of(part) != "connu"]

    @property
    def reference_date(self) -> dt.date:
        """The date at which dated parameters and the geography are read."""
        return self.action_start or dt.date(self.year, 1, 1)

    def cofunder(self, cofunder_id: str) -> Cofunder | None:
        return next((c for c in self.cofunders if c.id == cofunder_id), None)


# --------------------------------------------------------------------------------------------
# Glossary and budget plan
# --------------------------------------------------------------------------------------------
@dataclass
class GlossaryEntry:
    acronym: str
    meaning: str
    source: Source
    explanation: str = ""  # a plain-French sentence for newcomers, when the meaning is not enough
    territory: str = ""  # "" for a national entry; else the territory whose own meaning it is (set from the file)


@dataclass
class Glossary:
    """One file of resources/glossaire/: national entries (no `territory`) or one territory's own (QPV
    named with its quartiers, its Caf, its bailleurs), which replace a national entry of the same acronym."""

    entries: list[GlossaryEntry]
    territory: str = ""


@dataclass
class BudgetLineSpec:
    code: str
    label: str


@dataclass
class BudgetCategory:
    code: str  # "60", "CI", "74", "86"
    label: str
    side: BudgetSide
    lines: list[BudgetLineSpec] = field(default_factory=list)
    subsidies: bool = False  # the 74 line: one entry per funder instead of fixed lines
    help: str = ""
    action_only: bool = False  # a line of an action's budget only, not of the association's (forms.budget)


@dataclass
class BudgetPlan:
    categories: list[BudgetCategory]
    source: Source
    # Words that mark a line 74 funder as private money (foundation, company, bank): the application's
    # own list, used by the subsidiarity advice.
    private_funder_words: list[str] = field(default_factory=list)

    @functools.cached_property
    def line_codes(self) -> dict[str, BudgetCategory]:
        return {line.code: cat for cat in self.categories for line in cat.lines}


@dataclass
class ParameterFile:
    parameters: dict[str, Parameter]


@dataclass
class SourcesFile:
    documents: list[SourceDocument]


# --------------------------------------------------------------------------------------------
# The catalogue: everything, cross-checked
# --------------------------------------------------------------------------------------------
@dataclass(eq=False)  # compared and hashed by identity: caches key on the loaded catalogue
class Catalogue:
    sources: dict[str, SourceDocument]
    territories: dict[str, Territory]
    calls: dict[str, Call]
    geographies: dict[str, Geography]
    glossary: list[GlossaryEntry]
    budget_plan: BudgetPlan
    parameters: dict[str, Parameter]  # national ones
    root: Path

    def call(self, call_id: str) -> Call:
        try:
            return self.calls[call_id]
        except KeyError:
            raise KeyError(f"appel à projets inconnu : {call_id}") from None

    def calls_of(self, territory_id: str) -> list[Call]:
        return sorted((c for c in self.calls.values() if c.territory == territory_id), key=lambda c: c.year)

    def territory_of(self, call: Call) -> Territory:
        return self.territories[call.territory]

    def glossary_for(self, territory_id: str | None) -> list[GlossaryEntry]:
        """The national entries and the territory's own, the territory's meaning first for the same acronym."""
        chosen = {e.acronym: e for e in self.glossary if not e.territory}
        chosen.update({e.acronym: e for e in self.glossary if territory_id and e.territory == territory_id})
        return list(chosen.values())

    def geography_of(self, call: Call) -> Geography:
        return self.geographies[call.geography]

    def parameter(self, name: str, call: Call) -> ParameterValue | None:
        """The value of a parameter for a call: the call's own, else its territory's, else national."""
        date = call.reference_date
        for scope in (call.parameters, self.territories[call.territory].parameters, self.parameters):
            value = scope[name].at(date) if name in scope else None
            if value is not None:  # not yet in force in this scope: the wider scope applies
                return value
        return None

    def perimeters_path(self, geography: Geography) -> Path | None:
        if not geography.perimeters_file:
            return None
        return self.root / "geographie" / geography.perimeters_file

    def describe_source(self, source: Source) -> str:
        """A one-line French reference a user can follow: "Titre du document, section"."""
        doc = self.sources.get(source.doc)
        title = doc.title if doc else source.doc
        return f"{title}, {source.section}" if source.section else title


def _load(cls: type[T], path: Path) -> T:
    """One YAML file as `cls`, every error turned into a ProgrammeDataError naming the file."""
    from forms.yamlload import YamlError, load_yaml  # here: a start from the cache reads no YAML

    try:
        return from_data(cls, load_yaml(path))
    except DataError as exc:
        raise ProgrammeDataError(f"{path}: {exc}") from None
    except YamlError as exc:
        raise ProgrammeDataError(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:  # missing or unreadable file
        raise ProgrammeDataError(f"{path}: fichier illisible ({exc})") from None


def load_data_file(cls: type[T], path: Path) -> T:
    """One YAML file of resources/ as `cls`, strictly, for the other readers of the data (the suggester's
    lexicons, rules.suggest.lexicon); errors are ProgrammeDataError naming the file."""
    return _load(cls, path)


def load_catalogue(root: Path | None = None) -> Catalogue:
    """Load and cross-check every programme file under `root` (default: the shipped resources)."""
    root = Path(root) if root else RESOURCES_DIR
    sources_file = _load(SourcesFile, root / "sources.yaml")
    sources = _unique({d.id: d for d in sources_file.documents}, sources_file.documents, "sources.yaml")

    territories: dict[str, Territory] = {}
    calls: dict[str, Call] = {}
    for tdir in sorted(p for p in (root / "programmes").iterdir() if p.is_dir()):
        territory = _load(Territory, tdir / "territoire.yaml")
        if territory.id in territories:
            raise ProgrammeDataError(f"{tdir}: territoire « {territory.id} » en double")
        territories[territory.id] = territory
        for cpath in sorted(tdir.glob("appel-*.yaml")):
            call = _load(Call, cpath)
            if call.id in calls:
                raise ProgrammeDataError(f"{cpath}: appel « {call.id} » en double")
            calls[call.id] = call

    geographies: dict[str, Geography] = {}
    for gpath in sorted((root / "geographie").glob("*.yaml")):
        geo = _load(Geography, gpath)
        if geo.id in geographies:
            raise ProgrammeDataError(f"{gpath}: géographie « {geo.id} » en double")
        geographies[geo.id] = geo

    glossary: list[GlossaryEntry] = []
    for gpath in sorted((root / "glossaire").glob("*.yaml")):
        gfile = _load(Glossary, gpath)
        for entry in gfile.entries:
            entry.territory = entry.territory or gfile.territory
        glossary.extend(gfile.entries)

    parameters: dict[str, Parameter] = {}
    for ppath in sorted((root / "parametres").glob("*.yaml")):
        for name, param in _load(ParameterFile, ppath).parameters.items():
            if name in parameters:
                raise ProgrammeDataError(f"{ppath}: paramètre « {name} » défini deux fois")
            parameters[name] = param

    plan = _load(BudgetPlan, root / "budget" / "plan-comptable.yaml")
    catalogue = Catalogue(sources, territories, calls, geographies, glossary, plan, parameters, root)
    _cross_check(catalogue)
    return catalogue


def _unique(mapping: dict, items: list, where: str) -> dict:
    if len(mapping) != len(items):
        raise ProgrammeDataError(f"{where}: identifiants en double")
    return mapping


def _cross_check(cat: Catalogue) -> None:
    problems: list[str] = []

    def src(source: Source | None, where: str) -> None:
        if source is None:
            problems.append(f"{where}: source absente")
        elif source.doc not in cat.sources:
            problems.append(f"{where}: source « {source.doc} » inconnue de sources.yaml")
        elif not source.section.strip():
            problems.append(f"{where}: section de la source vide")

    def ids(items, where: str) -> set[str]:
        seen: set[str] = set()
        for item in items:
            if not item.id.strip():
                problems.append(f"{where}: identifiant vide")
            if item.id in seen:
                problems.append(f"{where}: identifiant « {item.id} » en double")
            seen.add(item.id)
        return seen

    def params(parameters: dict[str, Parameter], where: str) -> None:
        for name, p in parameters.items():
            for date, v in p.values.items():
                src(v.reference, f"{where}.parameters.{name}.{date}")

    for doc in cat.sources.values():
        if doc.kind == "page-web" and not doc.href.strip():
            problems.append(f"sources.yaml {doc.id}: page web sans adresse (href)")

    for t in cat.territories.values():
        where = f"programmes/{t.id}"
        src(t.source, where)
        if t.enjeux_source is not None:
            src(t.enjeux_source, f"{where} enjeux_source")
        if t.name_de and not t.name_de.startswith(("de ", "d'", "d’", "du ", "des ", "de la ", "de l'")):
            problems.append(f"{where}: name_de « {t.name_de} » doit commencer par de, d', du ou des")
        enjeu_ids = ids(t.enjeux, f"{where} enjeux")
        ids(t.piliers, f"{where} piliers")
        ids(t.transversal, f"{where} priorités transversales")
        ids(t.cofunders, f"{where} cofinanceurs")
        for e in t.enjeux:
            src(e.source, f"{where} {e.id}")
            for name in ("pacte_dijon", "axes", "objectives", "indicators", "actions", "transversal"):
                block = getattr(e, name)
                if block is not None:
                    src(block.source, f"{where} {e.id}.{name}")
                    if not block.items or any(not i.strip() for i in block.items):
                        problems.append(f"{where} {e.id}.{name}: liste vide ou texte vide")
            for i, block in enumerate(e.engagements):
                src(block.source, f"{where} {e.id}.engagements[{i}]")
            if e.pilier and e.pilier not in {p.id for p in t.piliers}:
                problems.append(f"{where} {e.id}: pilier « {e.pilier} » inconnu")
        for p in t.piliers:
            src(p.source, f"{where} pilier {p.id}")
            for eid in p.enjeux:
                if eid not in enjeu_ids:
                    problems.append(f"{where} pilier {p.id}: enjeu « {eid} » inconnu")
        for item in [*t.transversal, *t.cofunders]:
            src(item.source, f"{where} {item.id}")
        if t.governance:
            src(t.governance.source, f"{where} gouvernance")
        params(t.parameters, where)

    for c in cat.calls.values():
        where = f"appel {c.id}"
        src(c.source, where)
        if c.territory not in cat.territories:
            problems.append(f"{where}: territoire « {c.territory} » inconnu")
            continue
        territory = cat.territories[c.territory]
        enjeu_ids = {e.id for e in territory.enjeux}
        geo = cat.geographies.get(c.geography)
        if geo is None:
            problems.append(f"{where}: géographie « {c.geography} » inconnue")
        else:
            for scope in c.quartiers:
                if geo.quartier(scope.quartier) is None:
                    problems.append(f"{where}: quartier « {scope.quartier} » absent de {geo.id}")
            date = c.reference_date
            if date < geo.valid_from or (geo.valid_to is not None and date > geo.valid_to):
                until = f" au {geo.valid_to}" if geo.valid_to else ""
                problems.append(
                    f"{where}: la géographie « {geo.id} » (valable du {geo.valid_from}{until}) n'est pas en "
                    f"vigueur à la date de l'appel ({date})"
                )
        for part, status in c.data_status.items():
            if status == "non_connu" and part != "dates" and getattr(c, part):
                problems.append(f"{where}: {part} est « non_connu » mais la liste n'est pas vide")
        for topic, ground in c.grounds.items():
            src(ground, f"{where} grounds.{topic}")
        ids(c.operational_priorities, f"{where} priorités opérationnelles")
        ids(c.transversal, f"{where} priorités transversales")
        ids(c.cofunders, f"{where} cofinanceurs")
        ids(c.documents, f"{where} pièces")
        for op in c.operational_priorities:
            src(op.source, f"{where} {op.id}")
            if not op.enjeux:
                problems.append(f"{where} {op.id}: aucun enjeu")
            for eid in op.enjeux:
                if eid not in enjeu_ids:
                    problems.append(f"{where} {op.id}: enjeu « {eid} » inconnu")
        for item in [*c.transversal, *c.cofunders, *c.documents]:
            src(item.source, f"{where} {item.id}")
        if c.submission is not None:
            src(c.submission.source, f"{where} envoi du dossier")
        if c.opens and c.deadline and c.opens > c.deadline:
            problems.append(f"{where}: ouverture après la date limite")
        if c.action_start and c.action_end and c.action_start > c.action_end:
            problems.append(f"{where}: début des actions après leur fin")
        params(c.parameters, where)

    for g in cat.geographies.values():
        where = f"géographie {g.id}"
        src(g.source, where)
        ids(g.quartiers, f"{where} quartiers")
        for q in g.quartiers:
            src(q.source, f"{where} {q.id}")
        if g.perimeters_file and not (cat.root / "geographie" / g.perimeters_file).is_file():
            problems.append(f"{where}: fichier de périmètres « {g.perimeters_file} » absent")

    seen_acronyms: set[tuple[str, str]] = set()
    for entry in cat.glossary:
        src(entry.source, f"glossaire {entry.acronym}")
        if (entry.territory, entry.acronym) in seen_acronyms:
            problems.append(f"glossaire: sigle « {entry.acronym} » en double")
        seen_acronyms.add((entry.territory, entry.acronym))
        if entry.territory and entry.territory not in cat.territories:
            problems.append(f"glossaire {entry.acronym}: territoire « {entry.territory} » inconnu")

    src(cat.budget_plan.source, "budget/plan-comptable.yaml")
    codes: set[str] = set()
    for category in cat.budget_plan.categories:
        for line in category.lines:
            if line.code in codes:
                problems.append(f"plan comptable: ligne « {line.code} » en double")
            codes.add(line.code)
    params(cat.parameters, "parametres")

    if problems:
        raise ProgrammeDataError("Données de programme invalides :\n- " + "\n- ".join(problems))


def default_catalogue() -> Catalogue:
    """The shipped programme data, with the calls of the user's data folder (forms/user_programmes.py),
    loaded once per process."""
    from forms.user_programmes import default_catalogue_and_report

    return default_catalogue_and_report()[0]
