"""The dossier: the single source of truth the wizard writes and the rules and exports read.

It follows the CERFA 12156*06 (see ../shared/reference/cerfa-12156.md): the request, the six contents
required by décret n° 2016-1971 (identity, relations with the administration, networks, people, the
association's budget, the actions with their budgets) and the attestation; plus what a contrat de ville
call asks on top of it (enjeux, operational and transversal priorities, quartiers, co-funders).

Amounts are integers in cents (`*_cents`), never floats. Dates are `datetime.date`. Free text is kept
exactly as typed; escaping is the exports' job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

SCHEMA_VERSION = 1
"""Version of the dossier file format written by this code (see forms.storage for migrations)."""

Frequency = Literal["premiere", "renouvellement"]
AidForm = Literal["numeraire", "nature"]
Period = Literal["annuelle", "pluriannuelle"]
TransversalStatus = Literal["", "traitee", "non_applicable"]
DocumentState = Literal["a_fournir", "joint", "sans_objet"]
SubsidyStatus = Literal["", "ce_dossier", "a_part", "acquise"]


# --------------------------------------------------------------------------------------------
# The call answered
# --------------------------------------------------------------------------------------------
@dataclass
class CallRef:
    """Which programme and call the dossier answers (ids of resources/programmes)."""

    territory: str = ""  # e.g. "blois"
    call: str = ""  # e.g. "blois-2023"
    year: int = 0  # the call's year (the year the action takes place)


# --------------------------------------------------------------------------------------------
# The association (CERFA fiches 1 to 5, reusable profile)
# --------------------------------------------------------------------------------------------
@dataclass
class Address:
    street: str = ""
    complement: str = ""
    postal_code: str = ""
    city: str = ""


@dataclass
class Person:
    civility: str = ""  # "Madame", "Monsieur" or empty
    last_name: str = ""
    first_name: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class Agrement:
    """An administrative approval (CERFA fiche 2)."""

    type: str = ""
    granted_by: str = ""
    date: dt.date | None = None
    number: str = ""


@dataclass
class Identity:
    """CERFA fiche 1: identification of the association."""

    name: str = ""
    acronym: str = ""
    website: str = ""
    siret: str = ""
    rna: str = ""  # "W" + 9 digits
    prefecture_receipt: str = ""  # when there is no RNA number
    object: str = ""  # the association's object (from its statutes)
    ape_code: str = ""
    address: Address = field(default_factory=Address)
    correspondence_same: bool = True
    correspondence_address: Address = field(default_factory=Address)
    legal_representative: Person = field(default_factory=Person)
    contact: Person = field(default_factory=Person)  # person in charge of the request


@dataclass
class Administration:
    """CERFA fiche 2: relations with the administration."""

    agrements: list[Agrement] = field(default_factory=list)
    rup: bool = False  # reconnue d'utilité publique
    rup_date: dt.date | None = None
    has_auditor: bool = False  # commissaire aux comptes
    subject_to_commercial_taxes: bool = False
    public_aid_3y_cents: int = 0  # total public aid over the last three financial years
    de_minimis_cents: int = 0  # public aid under the EU de minimis rules over three years


@dataclass
class People:
    """CERFA fiche 4: people taking part in or benefiting from the association's activity."""

    members: int = 0  # adhérents
    volunteers: int = 0  # bénévoles
    civic_service_volunteers: int = 0  # volontaires en service civique
    employees: int = 0
    etpt: Decimal = Decimal("0")  # équivalents temps plein travaillé
    subsidised_jobs: int = 0  # emplois aidés


@dataclass
class BankDetails:
    holder: str = ""
    bank_name: str = ""
    iban: str = ""
    bic: str = ""


@dataclass
class Subsidy:
    """A line 74 'Subventions d'exploitation': one funder and its amount.

    `funder` is a co-funder id of the call (e.g. "etat", "ville-blois") or "autre" with `label` saying
    who (e.g. "Fondation de France"). `requested` says whether it is asked for (vs already granted).
    `status` says, per funder, whether it is asked by this dossier, asked separately or already granted;
    empty (files written before it) keeps what `requested` and `funder` meant: see forms.funders.
    """

    funder: str = ""
    label: str = ""
    amount_cents: int = 0
    requested: bool = True
    status: SubsidyStatus = ""


@dataclass
class Budget:
    """A budget in the plan comptable associatif.

    `lines` maps a leaf code of resources/budget/plan-comptable.yaml (e.g. "604", "641", "864", "870")
    to its amount; the 74 line is `subsidies`, one entry per funder. Totals are always computed
    (forms.budget), never stored.
    """

    year: int = 0
    lines: dict[str, int] = field(default_factory=dict)
    subsidies: list[Subsidy] = field(default_factory=list)


@dataclass
class Association:
    identity: Identity = field(default_factory=Identity)
    administration: Administration = field(default_factory=Administration)
    networks: list[str] = field(default_factory=list)  # fiche 3: unions, federations, networks
    people: People = field(default_factory=People)
    budget: Budget = field(default_factory=Budget)  # fiche 5: the association's forecast budget
    bank: BankDetails = field(default_factory=BankDetails)


# --------------------------------------------------------------------------------------------
# The action (CERFA fiche 6) and what the contrat de ville adds to it
# --------------------------------------------------------------------------------------------
@dataclass
class AgeBand:
    """Beneficiaries of one age band, by gender."""

    band: str = ""  # an id of forms.choices.AGE_BANDS (e.g. "0-5", "26-64")
    women: int = 0
    men: int = 0
    other: int = 0


@dataclass
class Point:
    """A location (WGS84), optional: tested against the QPV perimeters; indicative only."""

    longitude: float = 0.0
    latitude: float = 0.0
    label: str = ""  # what the point is (e.g. "local de l'association, 3 rue …")


@dataclass
class Public:
    description: str = ""  # who the action is for
    total: int = 0  # number of beneficiaries expected
    women: int = 0
    men: int = 0
    other: int = 0  # other / not stated
    age_bands: list[AgeBand] = field(default_factory=list)
    qpv_share_percent: int | None = None  # share of beneficiaries living in a QPV, 0-100; None: not given
    gender_balance_explanation: str = ""  # why the public is unbalanced, when it is


@dataclass
class Indicator:
    label: str = ""
    target: str = ""  # the expected value, free text ("40 personnes", "60 %")
    method: str = ""  # how it will be measured


@dataclass
class TransversalAnswer:
    """The applicant's answer on one transversal priority of the call."""

    status: TransversalStatus = ""
    text: str = ""  # how the action addresses it, or why it does not apply


# --------------------------------------------------------------------------------------------
# The compte-rendu financier of an action (CERFA 15059*02), filled once the action took place
# --------------------------------------------------------------------------------------------
@dataclass
class IndicatorResult:
    """One indicator of the request (label and target copied when the report starts) and its result."""

    label: str = ""
    target: str = ""
    result: str = ""  # what was measured, free text ("38 personnes", "55 %")
    comment: str = ""


@dataclass
class ActionReport:
    """Sheet 1 (bilan qualitatif), sheet 2 (tableau des données chiffrées: `budget` is the réalisé, in the
    same plan comptable as the forecast) and sheet 3 (annexe explicative) of the CERFA 15059*02."""

    started: bool = False  # the report was begun (the réalisé then counts, even where it equals zero)
    done: str = ""  # what was done
    changes: str = ""  # what changed from what was planned, and why
    public: Public = field(default_factory=Public)  # the public actually reached
    quartier_counts: dict[str, int] = field(default_factory=dict)  # quartier id -> people reached
    indicators: list[IndicatorResult] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)  # the réalisé
    gap_explanations: dict[str, str] = field(default_factory=dict)  # budget line code (or 74:funder) -> why
    indirect_charges_rule: str = ""  # how indirect charges were allocated to the action
    in_kind_note: str = ""  # the contributions volontaires en nature
    other_remarks: str = ""


@dataclass
class Action:
    title: str = ""
    frequency: Frequency = "premiere"
    previous_year_reference: str = ""  # for a renewal: the previous action's title/year
    objectives: str = ""
    description: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    duration_text: str = ""  # e.g. "12 mois", in the applicant's words
    places: str = ""  # where the action takes place
    quartiers: list[str] = field(default_factory=list)  # quartier ids of the call's geography
    location: Point | None = None
    public: Public = field(default_factory=Public)
    partners: str = ""
    human_means: str = ""
    material_means: str = ""
    volunteers_involved: int = 0
    staff_etpt: Decimal = Decimal("0")
    expected_results: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    # programme choices
    enjeux: list[str] = field(default_factory=list)  # Blois "E1".."E5"; Amboise "P1".."P8"
    operational_priorities: list[str] = field(default_factory=list)  # ids of the call's priorities
    transversal: dict[str, TransversalAnswer] = field(default_factory=dict)  # by transversal id
    # budget
    budget: Budget = field(default_factory=Budget)
    requested_cents: dict[str, int] = field(default_factory=dict)  # amount asked of each co-funder id
    report: ActionReport = field(default_factory=ActionReport)  # compte-rendu financier (15059)


# --------------------------------------------------------------------------------------------
# The request, documents and attestation
# --------------------------------------------------------------------------------------------
@dataclass
class Request:
    """CERFA page 1."""

    aid_form: AidForm = "numeraire"
    object: Literal["projet", "fonctionnement"] = "projet"
    period: Period = "annuelle"
    multi_year_agreement: bool = False  # convention pluriannuelle d'objectifs in force


@dataclass
class Document:
    """One item of the documents checklist (ids from the call's document list)."""

    id: str = ""
    path: str = ""  # file chosen by the user, as typed/picked (may be empty)
    state: DocumentState = "a_fournir"
    note: str = ""


@dataclass
class Attestation:
    signatory: Person = field(default_factory=Person)
    signatory_is_legal_representative: bool = True
    cer_subscribed: bool = False  # contrat d'engagement républicain
    obligations_up_to_date: bool = False  # social and tax obligations
    charter_2014_respected: bool = False  # charte des engagements réciproques du 14 février 2014
    information_exact: bool = False
    place: str = ""
    date: dt.date | None = None


@dataclass
class ExerciseSpec:
    """A "find the mistakes" exercise (training mode): enough to rebuild the mistakes and score them.

    The dossier holds only the recipe, never the answers in clear: the example, the seed and the level
    rebuild the same mistakes (see rules/exercise.py).
    """

    example: str = ""  # id of the example dossier it was built from (resources/examples/<id>.cdv.json)
    seed: int = 0
    level: int = 1  # 1 facile, 2 moyen, 3 difficile
    count: int = 0  # number of mistakes asked
    mistakes: list[str] = field(default_factory=list)  # ids of resources/formation/erreurs.yaml, in order


@dataclass
class Meta:
    created: str = ""  # ISO timestamp
    modified: str = ""
    exported: str = ""  # last export, ISO timestamp; empty if never
    app_version: str = ""
    wizard_step: str = ""  # where the user was, to come back there
    visited_steps: list[str] = field(default_factory=list)  # steps the user has opened
    origin: str = ""  # "exemple:<id>" when made from a worked example ("Partir de cet exemple")
    exercise: ExerciseSpec | None = None  # set on an exercise dossier (training mode)
    # values entered on the State's portal (forms.handoff.ticks): value key -> fingerprint of the value
    # ticked, so that a value edited after its tick shows as « modifié depuis »
    portal_ticks: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# The dossier's life after the request, and where a renewal comes from
# --------------------------------------------------------------------------------------------
LifecycleState = Literal["brouillon", "depose", "accorde", "refuse", "compte_rendu_fait"]
RenewalMarkKind = Literal["repris", "a_revoir", "a_choisir", "nouveau"]


@dataclass
class Lifecycle:
    """brouillon -> déposé (date) -> accordé / refusé (amounts granted per funder) -> compte-rendu dû
    (computed from the end of the exercise, forms.lifecycle) -> compte-rendu fait."""

    state: LifecycleState = "brouillon"
    submitted_on: dt.date | None = None
    decided_on: dt.date | None = None
    granted_cents: dict[str, int] = field(default_factory=dict)  # co-funder id -> amount granted
    exercise_end: dt.date | None = None  # end of the financial year of the action (default: 31 December)
    report_due: dt.date | None = None  # set when a funder gives another date than six months after it
    report_done_on: dt.date | None = None


@dataclass
class RenewalMark:
    """Where one value of a renewed dossier comes from, and whether the user looked at it again."""

    kind: RenewalMarkKind = "repris"
    reason: str = ""  # plain French: why it is to review / to choose
    previous: str = ""  # last year's value, as text (nothing is lost even when the value was dropped)
    confirmed: bool = False  # confirmed or changed by the user


@dataclass
class Renewal:
    """Set on a dossier made by « Renouveler pour un autre appel »."""

    previous_file: str = ""  # the previous year's dossier file, as it was when renewed
    previous_call: str = ""
    previous_title: str = ""
    renewed_on: dt.date | None = None
    marks: dict[str, RenewalMark] = field(default_factory=dict)  # field path -> mark


@dataclass
class Dossier:
    schema_version: int = SCHEMA_VERSION
    call: CallRef = field(default_factory=CallRef)
    request: Request = field(default_factory=Request)
    association: Association = field(default_factory=Association)
    actions: list[Action] = field(default_factory=lambda: [Action()])
    documents: list[Document] = field(default_factory=list)
    attestation: Attestation = field(default_factory=Attestation)
    meta: Meta = field(default_factory=Meta)
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    renewal: Renewal = field(default_factory=Renewal)

    @property
    def action(self) -> Action:
        """The first action: most dossiers hold one."""
        if not self.actions:
            self.actions.append(Action())
        return self.actions[0]

    @property
    def title(self) -> str:
        """A short name for lists and file names."""
        titles = [a.title.strip() for a in self.actions if a.title.strip()]
        return " ; ".join(titles) or "Dossier sans titre"
