"""Every value the State's portal (Dauphin) asks for, in the portal's order, as the plain text to paste.

The portal goes through five steps (../shared/reference/portal-dauphin.md): 1. Préambule, 2. Critères
d'éligibilité, 3. Votre tiers (the association), 4. Saisie de la demande (the CERFA 12156 project content
and the action's budget with a line per funder), 5. Récapitulatif, then the attestation. Inside step 4 the
values follow the CERFA's project order (fiche 6). The exact labels of the portal's screens could not be
confirmed offline: the labels here are the CERFA's.

A value's `text` is exactly what « Copier » puts on the clipboard: amounts in the French format with
ordinary spaces (a no-break space pasted into a web form is often refused), dates dd/mm/yyyy, a list one
item per line, long texts with the user's paragraphs. A value the portal asks and the dossier lacks has an
empty text: the view lists it as « à préparer » with the wizard step where to enter it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from forms.budget import compute_totals
from forms.choices import AGE_BANDS, AID_FORMS, FREQUENCIES, OBJECTS, PERIODS
from forms.fieldlabels import field_label
from forms.handoff.asked import amounts_asked, funder_name
from forms.handoff.documents import file_name, pieces
from forms.handoff.plain_text import amount_text, choice, date_text, number_text, yes_no
from forms.model import Action, Address, Budget, Dossier, Person
from forms.programmes import Catalogue
from forms.steps import step_for_field

PORTAL_STEPS: tuple[tuple[str, str, str], ...] = (
    ("preambule", "1. Préambule", "La demande que vous déposez."),
    ("eligibilite", "2. Critères d'éligibilité", "Qui demande, et à quel titre."),
    ("tiers", "3. Votre tiers (l'association)", "L'identification de l'association, ses représentants, "
     "son compte bancaire et ses moyens."),
    ("demande", "4. Saisie de la demande", "Le projet, dans l'ordre du formulaire CERFA, puis son budget "
     "et le montant demandé à chaque financeur."),
    ("recapitulatif", "5. Récapitulatif et attestation", "Le total demandé, l'attestation et les pièces "
     "à joindre."),
)


@dataclass(frozen=True)
class PortalValue:
    key: str  # stable name of the value (its field path, or the path and a suffix): ticks are kept by it
    label: str
    text: str  # exactly what is copied; empty when the dossier does not have it yet
    path: str = ""  # the model field it comes from (where to fill it in)
    group: str = ""  # a sub-heading inside the portal's step
    long: bool = False  # a free text that may run over several lines
    computed: bool = False  # computed by the application (a total): the portal computes it too

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def missing(self) -> bool:
        return not self.text.strip()

    @property
    def step(self) -> str:
        """The wizard step where the value is entered."""
        return step_for_field(self.path) if self.path else "verification"


@dataclass
class PortalSection:
    id: str
    title: str
    hint: str
    values: list[PortalValue] = field(default_factory=list)


@dataclass
class PortalSheet:
    sections: list[PortalSection]

    def all_values(self) -> list[PortalValue]:
        return [v for s in self.sections for v in s.values]

    def present(self) -> list[PortalValue]:
        """The values the dossier has: the ones to copy and tick."""
        return [v for v in self.all_values() if not v.missing]

    def to_prepare(self) -> list[PortalValue]:
        """The values the portal asks and the dossier does not have."""
        return [v for v in self.all_values() if v.missing]


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------
class _Sheet:
    def __init__(self, dossier: Dossier, catalogue: Catalogue) -> None:
        self.dossier = dossier
        self.catalogue = catalogue
        self.call = catalogue.calls.get(dossier.call.call)
        self.sections = [PortalSection(sid, title, hint) for sid, title, hint in PORTAL_STEPS]
        self.current = self.sections[0]
        self.group = ""

    def section(self, section_id: str, group: str = "") -> None:
        self.current = next(s for s in self.sections if s.id == section_id)
        self.group = group

    def add(self, label: str, text: str, path: str = "", *, optional: bool = False, key: str = "",
            long: bool = False, computed: bool = False) -> None:
        """One value; an empty `optional` value is left out (the portal does not require it)."""
        if optional and not text.strip():
            return
        self.current.values.append(PortalValue(key or path or label, label, text, path, self.group, long, computed))

    def label(self, path: str) -> str:
        return field_label(path, self.dossier, self.catalogue)

    def text(self, path: str, value: str, *, optional: bool = False, long: bool = False, label: str = "") -> None:
        self.add(label or self.label(path), value, path, optional=optional, long=long)

    def person(self, base: str, person: Person, *, contact: bool = True) -> None:
        self.text(f"{base}.civility", person.civility, optional=True)
        self.text(f"{base}.last_name", person.last_name)
        self.text(f"{base}.first_name", person.first_name)
        self.text(f"{base}.role", person.role)
        self.text(f"{base}.phone", person.phone, optional=not contact)
        self.text(f"{base}.email", person.email, optional=not contact)

    def address(self, base: str, address: Address, *, optional: bool = False) -> None:
        self.text(f"{base}.street", address.street, optional=optional)
        self.text(f"{base}.complement", address.complement, optional=True)
        self.text(f"{base}.postal_code", address.postal_code, optional=optional)
        self.text(f"{base}.city", address.city, optional=optional)

    def budget(self, base: str, budget: Budget) -> None:
        plan = self.catalogue.budget_plan
        if budget.year:
            self.add(self.label(f"{base}.year"), str(budget.year), f"{base}.year")
        for category in plan.categories:
            if category.subsidies:
                for i, sub in enumerate(budget.subsidies):
                    name = sub.label.strip() or funder_name(self.catalogue, self.dossier, sub.funder)
                    status = "demandée" if sub.requested else "acquise"
                    self.add(f"74 Subvention — {name} ({status})", amount_text(sub.amount_cents),
                             f"{base}.subsidies[{i}]")
                continue
            for line in category.lines:
                cents = budget.lines.get(line.code, 0)
                if cents:
                    code = f"{line.code} " if line.code.isdigit() else ""
                    self.add(f"{code}{line.label}", amount_text(cents), f"{base}.lines.{line.code}")
        known = plan.line_codes
        for code, cents in budget.lines.items():  # lines the plan does not know: shown, never dropped
            if code not in known and cents:
                self.add(f"Ligne {code}", amount_text(cents), f"{base}.lines.{code}")
        totals = compute_totals(budget, plan)
        self.add("Total des charges", amount_text(totals.charges), key=f"{base}.total_charges", computed=True)
        self.add("Total des produits", amount_text(totals.produits), key=f"{base}.total_produits", computed=True)
        if totals.emplois_nature or totals.ressources_nature:
            self.add("Total des contributions volontaires en nature (86 = 87)",
                     amount_text(totals.emplois_nature), key=f"{base}.total_nature", computed=True)


def build_portal_sheet(dossier: Dossier, catalogue: Catalogue) -> PortalSheet:
    """The values of the portal's five steps, in its order (see the module docstring)."""
    s = _Sheet(dossier, catalogue)
    _preambule(s)
    _eligibility(s)
    _tiers(s)
    s.section("demande", "Budget prévisionnel de l'association (fiche 5)")
    s.budget("association.budget", dossier.association.budget)
    for index, action in enumerate(dossier.actions):
        _action(s, index, action)
    _summary_and_attestation(s)
    return PortalSheet(s.sections)


def _preambule(s: _Sheet) -> None:
    d = s.dossier
    s.section("preambule")
    s.add("Appel à projets", s.call.title if s.call else d.call.call, "call.call")
    year = d.call.year or (s.call.year if s.call else 0)
    s.add("Année", str(year) if year else "", "call.year")
    s.text("request.period", choice(PERIODS, d.request.period))
    s.text("request.object", choice(OBJECTS, d.request.object))
    s.text("request.aid_form", choice(AID_FORMS, d.request.aid_form))
    s.text("request.multi_year_agreement", yes_no(d.request.multi_year_agreement))


def _eligibility(s: _Sheet) -> None:
    ident = s.dossier.association.identity
    territory = s.catalogue.territories.get(s.call.territory if s.call else s.dossier.call.territory)
    s.section("eligibilite")
    s.add("Dispositif", f"Politique de la ville — {territory.contract_title}" if territory else "",
          "call.territory")
    s.text("association.identity.siret", ident.siret)
    s.text("association.identity.rna", ident.rna, optional=bool(ident.prefecture_receipt.strip()))
    s.text("association.identity.prefecture_receipt", ident.prefecture_receipt, optional=True)


def _tiers(s: _Sheet) -> None:
    assoc = s.dossier.association
    ident = assoc.identity
    s.section("tiers", "Identification")
    s.text("association.identity.name", ident.name)
    s.text("association.identity.acronym", ident.acronym, optional=True)
    s.text("association.identity.website", ident.website, optional=True)
    s.text("association.identity.ape_code", ident.ape_code, optional=True)
    s.text("association.identity.object", ident.object, long=True)
    s.section("tiers", "Adresse du siège")
    s.address("association.identity.address", ident.address)
    s.section("tiers", "Adresse de correspondance")
    s.text("association.identity.correspondence_same", yes_no(ident.correspondence_same))
    # when it is the same as the head office's, an address typed anyway is shown (as in the export)
    s.address("association.identity.correspondence_address", ident.correspondence_address,
              optional=ident.correspondence_same)
    s.section("tiers", "Représentant légal")
    s.person("association.identity.legal_representative", ident.legal_representative)
    s.section("tiers", "Personne chargée du dossier")
    s.person("association.identity.contact", ident.contact)
    s.section("tiers", "Coordonnées bancaires")
    bank = assoc.bank
    s.text("association.bank.holder", bank.holder)
    s.text("association.bank.bank_name", bank.bank_name)
    s.text("association.bank.iban", bank.iban)
    s.text("association.bank.bic", bank.bic)
    adm = assoc.administration
    s.section("tiers", "Relations avec l'administration (fiche 2)")
    for i, agrement in enumerate(adm.agrements):
        base = f"association.administration.agrements[{i}]"
        s.add(f"Agrément {i + 1} : type", agrement.type, f"{base}.type")
        s.add(f"Agrément {i + 1} : attribué par", agrement.granted_by, f"{base}.granted_by")
        s.add(f"Agrément {i + 1} : date", date_text(agrement.date), f"{base}.date", optional=True)
        s.add(f"Agrément {i + 1} : numéro", agrement.number, f"{base}.number", optional=True)
    s.text("association.administration.rup", yes_no(adm.rup))
    if adm.rup:
        s.text("association.administration.rup_date", date_text(adm.rup_date))
    s.text("association.administration.has_auditor", yes_no(adm.has_auditor))
    s.text("association.administration.subject_to_commercial_taxes", yes_no(adm.subject_to_commercial_taxes))
    s.text("association.administration.public_aid_3y_cents", amount_text(adm.public_aid_3y_cents))
    s.text("association.administration.de_minimis_cents", amount_text(adm.de_minimis_cents))
    s.section("tiers", "Réseaux, unions et fédérations (fiche 3)")
    networks = [n.strip() for n in assoc.networks if n.strip()]
    s.text("association.networks", "\n".join(networks), optional=True, long=len(networks) > 1)
    s.section("tiers", "Les personnes de l'association (fiche 4)")
    people = assoc.people
    for name in ("members", "volunteers", "civic_service_volunteers", "employees", "etpt", "subsidised_jobs"):
        s.text(f"association.people.{name}", number_text(getattr(people, name)))


def _action(s: _Sheet, index: int, action: Action) -> None:
    base = f"actions[{index}]"
    prefix = f"Action {index + 1} — " if len(s.dossier.actions) > 1 else ""
    s.section("demande", f"{prefix}Présentation de l'action (fiche 6)")
    s.text(f"{base}.title", action.title)
    s.text(f"{base}.frequency", choice(FREQUENCIES, action.frequency))
    s.text(f"{base}.previous_year_reference", action.previous_year_reference,
           optional=action.frequency != "renouvellement", long=True)
    s.text(f"{base}.objectives", action.objectives, long=True)
    s.text(f"{base}.description", action.description, long=True)
    _public(s, base, prefix, action)
    s.section("demande", f"{prefix}Territoire de réalisation")
    names = [_quartier(s, q) for q in action.quartiers]
    s.text(f"{base}.quartiers", "\n".join(names), long=len(names) > 1)
    s.text(f"{base}.places", action.places, long=True)
    if action.location is not None:
        point = action.location
        lat, lon = (number_text(Decimal(str(round(x, 5)))) for x in (point.latitude, point.longitude))
        where = f"latitude {lat}, longitude {lon}"
        s.add(s.label(f"{base}.location"), f"{point.label}\n{where}" if point.label.strip() else where,
              f"{base}.location", optional=True)
    s.section("demande", f"{prefix}Dates et durée")
    s.text(f"{base}.start_date", date_text(action.start_date))
    s.text(f"{base}.end_date", date_text(action.end_date))
    s.text(f"{base}.duration_text", action.duration_text, optional=True)
    s.section("demande", f"{prefix}Moyens mis en œuvre")
    s.text(f"{base}.human_means", action.human_means, long=True)
    s.text(f"{base}.volunteers_involved", number_text(action.volunteers_involved))
    s.text(f"{base}.staff_etpt", number_text(action.staff_etpt))
    s.text(f"{base}.material_means", action.material_means, long=True)
    s.text(f"{base}.partners", action.partners, long=True)
    s.section("demande", f"{prefix}Résultats attendus et évaluation")
    s.text(f"{base}.expected_results", action.expected_results, long=True)
    for i, ind in enumerate(action.indicators):
        ib = f"{base}.indicators[{i}]"
        s.add(f"Indicateur {i + 1}", ind.label, f"{ib}.label")
        s.add(f"Indicateur {i + 1} : valeur visée", ind.target, f"{ib}.target")
        s.add(f"Indicateur {i + 1} : mode de mesure", ind.method, f"{ib}.method", optional=True)
    _programme(s, base, prefix, action)
    s.section("demande", f"{prefix}Budget prévisionnel de l'action")
    s.budget(f"{base}.budget", action.budget)
    s.section("demande", f"{prefix}Montant demandé à chaque financeur")
    for asked in amounts_asked(s.dossier, s.catalogue, [index]):
        s.add(f"Montant demandé à {asked.name}", amount_text(asked.cents), asked.paths[0])
    if not any(action.requested_cents.values()):
        s.add(s.label(f"{base}.requested_cents"), "", f"{base}.requested_cents")


def _public(s: _Sheet, base: str, prefix: str, action: Action) -> None:
    pub = action.public
    s.section("demande", f"{prefix}Public bénéficiaire")
    pb = f"{base}.public"
    s.text(f"{pb}.description", pub.description, long=True)
    for name in ("total", "women", "men", "other", "qpv_share_percent"):
        s.text(f"{pb}.{name}", number_text(getattr(pub, name)),
               label=f"{s.label(f'{pb}.{name}')} (en %)" if name == "qpv_share_percent" else "")
    bands = dict(AGE_BANDS)
    for i, band in enumerate(pub.age_bands):
        title = bands.get(band.band, band.band)
        for name, word in (("women", "femmes"), ("men", "hommes"), ("other", "autres ou non précisé")):
            s.add(f"{title} : {word}", number_text(getattr(band, name)), f"{pb}.age_bands[{i}].{name}")
    s.text(f"{pb}.gender_balance_explanation", pub.gender_balance_explanation, optional=True, long=True)


def _quartier(s: _Sheet, quartier_id: str) -> str:
    geography = s.catalogue.geographies.get(s.call.geography) if s.call else None
    quartier = geography.quartier(quartier_id) if geography else None
    if quartier is None:
        return quartier_id
    code = f" ({quartier.code})" if quartier.code else ""
    return f"{quartier.name}{code} — {quartier.commune}"


def _programme(s: _Sheet, base: str, prefix: str, action: Action) -> None:
    territory = s.catalogue.territories.get(s.call.territory) if s.call else None
    s.section("demande", f"{prefix}Politique de la ville")
    enjeux = []
    for enjeu_id in action.enjeux:
        enjeu = territory.enjeu(enjeu_id) if territory else None
        enjeux.append(f"{territory.enjeu_label} {enjeu.number} — {enjeu.title}" if enjeu and territory else enjeu_id)
    s.text(f"{base}.enjeux", "\n".join(enjeux), long=len(enjeux) > 1)
    known = {p.id: p.text for p in s.call.operational_priorities} if s.call else {}
    priorities = [known.get(p, p) for p in action.operational_priorities]
    s.text(f"{base}.operational_priorities", "\n".join(priorities), optional=not known, long=len(priorities) > 1)
    asked = [tp.id for tp in s.call.transversal] if s.call else []
    titles = {tp.id: tp.title for tp in s.call.transversal} if s.call else {}
    for key in [*asked, *(k for k in action.transversal if k not in asked)]:
        answer = action.transversal.get(key)
        title = titles.get(key, key)
        label = f"Priorité transversale : {title}"
        if answer is not None and answer.status == "non_applicable":
            label += " (ne s'applique pas à l'action, parce que…)"
        s.add(label, answer.text if answer else "", f"{base}.transversal.{key}", long=True)


def _summary_and_attestation(s: _Sheet) -> None:
    d = s.dossier
    att = d.attestation
    s.section("recapitulatif", "Récapitulatif")
    asked = amounts_asked(d, s.catalogue)
    year = d.call.year or (s.call.year if s.call else 0)
    s.add(f"Montant total de subvention demandé{f' au titre de {year}' if year else ''}",
          amount_text(sum(a.cents for a in asked)) if asked else "", key="total_asked",
          path="actions[0].requested_cents", computed=True)
    s.section("recapitulatif", "Attestation")
    s.person("attestation.signatory", att.signatory, contact=False)
    s.text("attestation.signatory_is_legal_representative", yes_no(att.signatory_is_legal_representative))
    for name in ("cer_subscribed", "obligations_up_to_date", "charter_2014_respected", "information_exact"):
        s.text(f"attestation.{name}", yes_no(getattr(att, name)))
    s.text("attestation.place", att.place)
    s.text("attestation.date", date_text(att.date))
    s.section("recapitulatif", "Pièces à joindre sur le portail")
    for piece in pieces(d, s.catalogue):
        doc = piece.document
        path = f"documents[{piece.index}]" if piece.index >= 0 else "documents"
        if doc.state == "joint" or doc.path.strip():
            s.add(piece.label, file_name(doc.path), path, key=f"documents.{piece.id}")
            s.add(f"{piece.label} : remarque", doc.note, f"{path}.note", key=f"documents.{piece.id}.note",
                  optional=True, long=True)
        elif doc.state == "sans_objet":
            s.add(f"{piece.label} (sans objet)", doc.note, path, key=f"documents.{piece.id}", optional=True,
                  long=True)
        elif piece.required:
            s.add(piece.label, "", path, key=f"documents.{piece.id}")
        elif doc.note.strip():
            s.add(f"{piece.label} (à fournir)", doc.note, path, key=f"documents.{piece.id}", long=True)
