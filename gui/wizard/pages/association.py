"""Step 2: the association (CERFA 12156 fiches 1 to 5) and its bank details.

What is entered here is the same for every dossier of the association: the button at the bottom saves
it as the association's profile, which prefills the next dossiers ("don't ask twice").
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from forms.choices import CIVILITIES
from forms.model import Agrement
from forms.profiles import ProfileStore
from forms.steps import STEPS
from gui.wizard.budget_editor import BudgetEditor
from gui.wizard.fields import FormBuilder, help_label
from gui.wizard.list_editor import Column, ListEditor, button_row, say, section_button, status_label, subheading
from gui.wizard.page import StepPage

CIVILITY_CHOICES = tuple((c, c or "Non précisée") for c in CIVILITIES)  # also the signatory's (attestation)
IDENTITY = "association.identity"
ADMINISTRATION = "association.administration"
PEOPLE = "association.people"
BANK = "association.bank"


class AssociationPage(StepPage):
    step = STEPS[1]

    def build(self) -> None:
        self._build_identity()
        self._build_addresses()
        self._build_people_in_charge()
        self._build_administration()
        self._build_networks()
        self._build_members()
        self._build_budget()
        self._build_bank()
        self._build_profile()
        self._update_visibility()

    # ------------------------------------------------------------------ fiche 1: identity
    def _build_identity(self) -> None:
        f = self.form
        f.section("Identification de l'association",
                  "Ce que le formulaire officiel (CERFA n° 12156) demande en fiche 1. Ces informations figurent "
                  "sur vos statuts, sur l'avis de situation Insee et sur le récépissé de la préfecture.")
        f.line(f"{IDENTITY}.name", "Nom de l'association",
               help="Le nom exact, tel qu'il est écrit dans vos statuts.")
        f.line(f"{IDENTITY}.acronym", "Sigle (facultatif)",
               help="Les initiales sous lesquelles on connaît l'association, s'il y en a.")
        f.line(f"{IDENTITY}.website", "Site internet (facultatif)", placeholder="https://…")
        f.line(f"{IDENTITY}.siret", "Numéro SIRET",
               help="14 chiffres, sur l'avis de situation Insee. Sans numéro SIRET, une subvention ne peut "
               "pas être versée.", placeholder="14 chiffres", max_length=20)
        f.line(f"{IDENTITY}.rna", "Numéro RNA (Répertoire national des associations)",
               help="W suivi de 9 chiffres, sur le récépissé de la préfecture.", placeholder="W123456789",
               max_length=12)
        f.line(f"{IDENTITY}.prefecture_receipt", "Récépissé de la préfecture (seulement sans numéro RNA)",
               help="Si l'association n'a pas de numéro RNA (association très ancienne, ou d'Alsace-Moselle) : "
               "le numéro et la date du récépissé de déclaration en préfecture.")
        f.text(f"{IDENTITY}.object", "Objet de l'association",
               help="Recopiez l'objet écrit dans vos statuts (souvent l'article 2 ou 3).", lines=3)
        f.line(f"{IDENTITY}.ape_code", "Code APE (facultatif)",
               help="APE : activité principale exercée. 4 chiffres et une lettre, sur l'avis de situation "
               "Insee (par exemple 88.99B).", max_length=8)

    def _build_addresses(self) -> None:
        f = self.form
        f.section("Adresse", "L'adresse du siège social, celle qui est déclarée en préfecture.")
        self._address_fields(f, f"{IDENTITY}.address", "du siège")
        self.same_address = f.check(f"{IDENTITY}.correspondence_same",
                                    "L'adresse de correspondance est la même que celle du siège",
                                    help="Décochez si le courrier doit être envoyé ailleurs (chez la présidente, "
                                    "à une boîte postale…).")
        self.correspondence_box = QWidget()
        box = QVBoxLayout(self.correspondence_box)
        box.setContentsMargins(16, 0, 0, 0)
        box.addWidget(help_label("L'adresse où le financeur doit envoyer le courrier.", self.ctx))
        self._address_fields(FormBuilder(self.ctx, box, self._register),
                             f"{IDENTITY}.correspondence_address", "de correspondance")
        self.body.addWidget(self.correspondence_box)
        self.same_address.widget.toggled.connect(self._update_visibility)

    @staticmethod
    def _address_fields(f: FormBuilder, path: str, which: str) -> None:
        f.line(f"{path}.street", f"Numéro et rue (adresse {which})")
        f.line(f"{path}.complement", f"Complément d'adresse {which} (facultatif)",
               help="Bâtiment, étage, boîte postale…")
        f.line(f"{path}.postal_code", f"Code postal (adresse {which})", max_length=5)
        f.line(f"{path}.city", f"Commune (adresse {which})")

    def _build_people_in_charge(self) -> None:
        f = self.form
        f.section("Représentant légal",
                  "La personne qui représente l'association d'après vos statuts, le plus souvent la présidente "
                  "ou le président. C'est elle qui signe la demande, sauf délégation.")
        self._person_fields(f, f"{IDENTITY}.legal_representative", "du représentant légal")
        f.section("Personne chargée du dossier",
                  "La personne que le financeur contactera pour une question sur cette demande. Ce peut être "
                  "la même personne que le représentant légal.")
        self._person_fields(f, f"{IDENTITY}.contact", "de la personne chargée du dossier")

    def _person_fields(self, f: FormBuilder, path: str, whose: str) -> None:
        f.choice(f"{path}.civility", f"Civilité {whose}", CIVILITY_CHOICES)
        f.line(f"{path}.last_name", f"Nom {whose}")
        f.line(f"{path}.first_name", f"Prénom {whose}")
        f.line(f"{path}.role", f"Fonction {whose}", help="Par exemple : présidente, trésorier, coordinatrice.")
        f.line(f"{path}.phone", f"Téléphone {whose}", placeholder="02 54 00 00 00")
        f.line(f"{path}.email", f"Adresse e-mail {whose}", placeholder="nom@exemple.fr")

    # ------------------------------------------------------------------ fiche 2: administration
    def _build_administration(self) -> None:
        f = self.form
        f.section("Relations avec l'administration",
                  "Fiche 2 du formulaire. Si vous ne savez pas, demandez à votre trésorier ou regardez les "
                  "courriers officiels reçus par l'association.")
        self.body.addWidget(subheading("Agréments administratifs"))
        self.body.addWidget(help_label(
            "Un agrément est une reconnaissance officielle donnée par l'administration (par exemple "
            "« jeunesse et éducation populaire » ou « sport »). Ajoutez-en un par ligne ; laissez la liste vide "
            "si l'association n'en a pas. Un agrément délivré au titre de l'article 25-1 de la loi du 12 avril "
            "2000 : écrivez « 25-1 » dans son type.", self.ctx))
        self.agrements = ListEditor(
            self.ctx, f"{ADMINISTRATION}.agrements",
            (
                Column("type", "Type d'agrément", wide=True, placeholder="Jeunesse et éducation populaire"),
                Column("granted_by", "Attribué par", placeholder="Préfecture de Loir-et-Cher"),
                Column("date", "Date d'attribution", kind="date"),
                Column("number", "Numéro de l'agrément"),
            ),
            Agrement, noun="agrément", add_text="Ajouter un a&grément", page=self,
            empty_text="Aucun agrément pour l'instant.",
        )
        self.body.addWidget(self.agrements)
        self.register_widget(f"{ADMINISTRATION}.agrements", self.agrements.add_button)

        self.rup = f.check(f"{ADMINISTRATION}.rup", "L'association est reconnue d'utilité publique (RUP)",
                           help="Une reconnaissance accordée par décret en Conseil d'État ; rare pour une "
                           "association de quartier.")
        self.rup_date = f.date(f"{ADMINISTRATION}.rup_date", "Date du décret de reconnaissance d'utilité publique")
        self.rup.widget.toggled.connect(self._update_visibility)
        f.check(f"{ADMINISTRATION}.has_auditor", "L'association a un commissaire aux comptes",
                help="Obligatoire quand l'association reçoit plus de 153 000 € de subventions publiques par an.")
        f.check(f"{ADMINISTRATION}.subject_to_commercial_taxes", "L'association paie les impôts commerciaux",
                help="La TVA et l'impôt sur les sociétés. En général non, sauf si l'association a des activités "
                "commerciales importantes.")
        f.money(f"{ADMINISTRATION}.public_aid_3y_cents",
                "Total des aides publiques reçues sur les trois derniers exercices (en euros)",
                help="Additionnez toutes les subventions de l'État, des collectivités, de la caisse "
                "d'allocations familiales (Caf)… reçues pendant les trois dernières années comptables.")
        f.money(f"{ADMINISTRATION}.de_minimis_cents", "Aides « de minimis » reçues sur trois ans (en euros)",
                help="Une règle européenne plafonne sur trois ans les aides publiques aux activités "
                "économiques. La plupart des associations de quartier n'en reçoivent pas : laissez vide si "
                "vous n'êtes pas concernés.")

    # ------------------------------------------------------------------ fiche 3: networks
    def _build_networks(self) -> None:
        self.form.section("Réseaux, unions et fédérations",
                          "Fiche 3 : les réseaux auxquels l'association adhère (fédération, union, "
                          "réseau national ou régional). Laissez vide s'il n'y en a pas.")
        self.networks = ListEditor(
            self.ctx, "association.networks",
            (Column("", "Nom du réseau", placeholder="Fédération des centres sociaux de Loir-et-Cher"),),
            str, noun="réseau", plural="réseaux", add_text="Ajouter un &réseau", page=self,
            empty_text="Aucun réseau pour l'instant.",
        )
        self.body.addWidget(self.networks)
        self.register_widget("association.networks", self.networks.add_button)

    # ------------------------------------------------------------------ fiche 4: people
    def _build_members(self) -> None:
        f = self.form
        f.section("Les personnes de l'association",
                  "Fiche 4 : les chiffres de l'année en cours (ou du dernier exercice), pour toute l'association.")
        f.integer(f"{PEOPLE}.members", "Nombre d'adhérents", help="Les personnes à jour de leur cotisation.")
        f.integer(f"{PEOPLE}.volunteers", "Nombre de bénévoles",
                  help="Les personnes qui donnent régulièrement de leur temps, sans être payées.")
        f.integer(f"{PEOPLE}.civic_service_volunteers", "Nombre de volontaires en service civique",
                  help="Les jeunes en service civique accueillis par l'association.")
        f.integer(f"{PEOPLE}.employees", "Nombre de salariés",
                  help="Toutes les personnes salariées, quel que soit leur temps de travail.")
        f.decimal(f"{PEOPLE}.etpt", "Nombre de salariés en ETPT",
                  help="ETPT : équivalent temps plein travaillé. Une personne à temps plein toute l'année compte "
                  "1 ; à mi-temps toute l'année, 0,5 ; à temps plein pendant six mois, 0,5. Additionnez.")
        f.integer(f"{PEOPLE}.subsidised_jobs", "Dont emplois aidés",
                  help="Emplois aidés : les postes dont une partie du salaire est payée par l'État (par exemple "
                  "un parcours emploi compétences, un poste d'adulte-relais ou un poste aidé par le FONJEP, le Fonds "
                  "de coopération de la jeunesse et de l'éducation populaire).")

    # ------------------------------------------------------------------ fiche 5: budget
    def _build_budget(self) -> None:
        self.form.section("Budget prévisionnel de l'association",
                          "Fiche 5 : le budget de toute l'association pour l'année de l'action (pas seulement "
                          "celui de l'action). Les totaux se calculent tout seuls.")
        self.budget = BudgetEditor(self.ctx, "association.budget", with_cofunders=False)
        self.body.addWidget(self.budget)
        self.budget.register_in(self)

    # ------------------------------------------------------------------ bank
    def _build_bank(self) -> None:
        f = self.form
        f.section("Coordonnées bancaires",
                  "Le compte sur lequel la subvention sera versée : recopiez votre RIB (relevé d'identité "
                  "bancaire), qui sera aussi à joindre au dossier.")
        f.line(f"{BANK}.holder", "Titulaire du compte",
               help="Le nom de l'association, tel qu'il est écrit sur le RIB.")
        f.line(f"{BANK}.bank_name", "Banque (nom et agence)")
        f.line(f"{BANK}.iban", "IBAN",
               help="IBAN : le numéro international du compte, sur votre RIB. 27 caractères pour un compte en "
               "France, commençant par FR. Vous pouvez laisser les espaces.",
               placeholder="FR76 …", max_length=42)
        f.line(f"{BANK}.bic", "BIC",
               help="BIC : le code de la banque, 8 ou 11 lettres et chiffres, sur votre RIB.", max_length=11)

    # ------------------------------------------------------------------ profile
    def _build_profile(self) -> None:
        self.form.section("Réutiliser ces informations",
                          "Enregistrez ces informations comme profil de l'association : vos prochains dossiers "
                          "seront remplis d'avance avec elles. Le profil reste sur cet ordinateur.")
        self.profile_button = section_button("Enregistrer comme pro&fil de l'association")
        self.body.addLayout(button_row(self.profile_button))
        self.profile_status = status_label("Résultat de l'enregistrement du profil")
        self.body.addWidget(self.profile_status)
        self.profile_button.clicked.connect(self.save_profile)

    def save_profile(self) -> None:
        association = self.ctx.dossier.association
        name = association.identity.name.strip()
        if not name:
            say(self.profile_status, "Indiquez d'abord le nom de l'association, en haut de la page : le profil "
                "porte son nom.")
            return
        try:
            profile = ProfileStore().save(association)
        except OSError as exc:
            say(self.profile_status, f"Le profil n'a pas pu être enregistré : {exc.strerror or exc}. "
                "Vos informations restent dans ce dossier.")
            return
        text = (f"Profil de « {name} » enregistré. Vos prochains dossiers pour cette association seront "
                "remplis d'avance avec ces informations.")
        if profile.bank_in_keyring:
            text += " Les coordonnées bancaires sont rangées dans le coffre-fort de mots de passe de l'ordinateur."
        say(self.profile_status, text)

    # ------------------------------------------------------------------ showing
    def _update_visibility(self) -> None:
        identity = self.ctx.dossier.association.identity
        self.correspondence_box.setVisible(not identity.correspondence_same)
        administration = self.ctx.dossier.association.administration
        self.rup_date.widget.parentWidget().setVisible(administration.rup)

    def load(self) -> None:
        self.agrements.reload()
        self.networks.reload()
        super().load()
        self.budget.load()
        self._update_visibility()

    def focus_path(self, path: str) -> bool:
        if self.budget.focus_path(path):  # the exact cell of a budget line
            return True
        return super().focus_path(path)
