"""Step 1: the call answered (territory, year) and the request itself (CERFA page 1)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from forms.choices import AID_FORMS, OBJECTS, PERIODS
from forms.french import french_date
from forms.steps import STEPS
from gui.wizard.fields import help_label, shrinkable_combo
from gui.wizard.page import StepPage


class CallPage(StepPage):
    step = STEPS[0]

    def build(self) -> None:
        cat = self.ctx.catalogue
        self.form.section("L'appel à projets auquel vous répondez")

        self.territory_combo = shrinkable_combo()
        self.territory_combo.setAccessibleName("Territoire")
        for territory in cat.territories.values():
            self.territory_combo.addItem(f"{territory.name} — {territory.contract_title}", territory.id)
        label = QLabel("&Territoire")
        label.setBuddy(self.territory_combo)
        self.body.addWidget(label)
        self.body.addWidget(help_label("La commune dont le contrat de ville finance l'action.", self.ctx))
        self.body.addWidget(self.territory_combo)

        self.call_combo = shrinkable_combo()
        self.call_combo.setAccessibleName("Appel à projets")
        label = QLabel("Appel à pro&jets (année)")
        label.setBuddy(self.call_combo)
        self.body.addWidget(label)
        self.body.addWidget(help_label("Chaque année a son appel, avec ses propres priorités.", self.ctx))
        self.body.addWidget(self.call_combo)
        self.register_widget("call", self.call_combo)

        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.RichText)
        self.about.setAccessibleName("Ce que l'appel attend")
        self.body.addWidget(self.about)

        self.form.section("Votre demande", "Ce que le formulaire officiel (CERFA n° 12156) demande en page 1.")
        self.form.choice("request.aid_form", "Forme de l'aide demandée", AID_FORMS,
                         help="En numéraire : une somme d'argent. En nature : un prêt de locaux, de matériel…")
        self.form.choice("request.object", "Objet de la demande", OBJECTS,
                         help="Pour un appel à projets du contrat de ville, c'est presque toujours un projet.")
        self.form.choice("request.period", "Durée de la demande", PERIODS,
                         help="Pluriannuelle seulement si vous avez une convention sur plusieurs années.")
        self.form.check("request.multi_year_agreement",
                        "L'association a une convention pluriannuelle d'objectifs avec un financeur",
                        help="Certains appels attendent davantage de ces associations (à Blois, sur l'égalité "
                        "femmes-hommes) : l'étape « Priorités transversales » le dit quand c'est le cas.")

        self._fill_from_model()
        self.territory_combo.currentIndexChanged.connect(self._territory_chosen)
        self.call_combo.currentIndexChanged.connect(self._call_chosen)

    def _fill_from_model(self) -> None:
        territory = self.ctx.territory
        self.territory_combo.blockSignals(True)
        index = self.territory_combo.findData(territory.id if territory else None)
        self.territory_combo.setCurrentIndex(max(index, 0))
        self.territory_combo.blockSignals(False)
        self._fill_calls(self.territory_combo.currentData())
        self._show_about()

    def _fill_calls(self, territory_id: str) -> None:
        self.call_combo.blockSignals(True)
        self.call_combo.clear()
        self.call_combo.addItem("— Choisissez l'appel —", "")
        for call in self.ctx.catalogue.calls_of(territory_id):
            self.call_combo.addItem(f"{call.year} — {call.title}", call.id)
        index = self.call_combo.findData(self.ctx.dossier.call.call)
        self.call_combo.setCurrentIndex(max(index, 0))
        self.call_combo.blockSignals(False)

    def _territory_chosen(self) -> None:
        territory_id = self.territory_combo.currentData()
        self._fill_calls(territory_id)
        calls = self.ctx.catalogue.calls_of(territory_id)
        if calls and self.ctx.dossier.call.call not in {c.id for c in calls}:
            self.call_combo.setCurrentIndex(self.call_combo.findData(calls[-1].id))

    def _call_chosen(self) -> None:
        call_id = self.call_combo.currentData()
        if call_id:
            self.ctx.set_call(call_id)
        self._show_about()

    def rebuild_for_call(self) -> None:
        self._fill_from_model()

    def load(self) -> None:
        super().load()
        self._fill_from_model()

    def _show_about(self) -> None:
        call = self.ctx.call
        if call is None:
            call_id = self.ctx.dossier.call.call.strip()
            if call_id:  # named, but not one this version ships: it is not missing, it is unknown
                self.about.setText(
                    f"<p><b>L'appel {html.escape(call_id)} n'est pas connu de cette version de "
                    "l'application.</b></p><p>Choisissez l'un des appels proposés ci-dessus, ou mettez "
                    "l'application à jour si cet appel est plus récent.</p>")
                return
            self.about.setText("<i>Choisissez l'appel à projets auquel vous répondez.</i>")
            return
        cat = self.ctx.catalogue
        geo = cat.geography_of(call)
        parts = [f"<p><b>{html.escape(call.title)}</b></p>"]
        notice = call.data_notice()
        if notice:  # said first and plainly: what the application does not know about this call
            parts.append(f"<p style='color:#8a4b00'><b>À confirmer :</b> {html.escape(notice)}</p>")
        parts.append(f"<p>{html.escape(call.summary)}</p>")
        when = []
        if call.period_text:  # a sentence of its own may end with a full stop: not before " ; "
            when.append(html.escape(call.period_text.strip().rstrip(".")))
        if call.deadline:
            when.append(f"date limite : <b>{french_date(call.deadline)}</b>")
        if call.action_start and call.action_end:
            when.append(f"actions menées du {french_date(call.action_start)} au {french_date(call.action_end)}")
        if when:
            # on a line of its own: the call's words about its calendar start with a capital letter
            calendar = " ; ".join(when)
            parts.append(f"<p>Calendrier :<br>{calendar[:1].upper()}{calendar[1:]}.</p>")
        confirm = " (à confirmer)"
        names = ", ".join(html.escape(q.name) + (confirm if s.to_confirm else "")
                          for s in call.quartiers if s.eligible and (q := geo.quartier(s.quartier)))
        if names:
            parts.append(f"<p>Quartiers concernés : {names}.</p>")
        elif call.status_of("quartiers") == "non_connu":
            parts.append("<p>Quartiers concernés : non connus de l'application.</p>")
        funders = ", ".join(html.escape(c.name) + (confirm if c.to_confirm else "") for c in call.cofunders)
        if funders:
            parts.append(f"<p>Cofinanceurs : {funders}.</p>")
        if call.figures:
            parts.append(f"<p><i>{html.escape(call.figures)}</i></p>")
        parts.append(f"<p><small>Source : {html.escape(cat.describe_source(call.source))}</small></p>")
        self.about.setText("".join(parts))
