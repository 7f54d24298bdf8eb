"""Step states (forms.progress) and the steps that own each field (forms.steps)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from forms.model import CallRef, Document, Dossier, TransversalAnswer
from forms.progress import STATE_LABELS, step_started, step_state, step_states
from forms.steps import STEP_IDS, STEPS, normalise_path, step_for_field
from forms.storage import load_dossier


@dataclass
class Verdict:
    step: str
    level: str


# ------------------------------------------------------------------------------------ progress
def test_empty_dossier_has_not_started_anything():
    states = step_states(Dossier(), [])
    assert list(states) == list(STEP_IDS)
    assert set(states.values()) == {"non_commence"}


def test_a_call_starts_the_first_step_only():
    dossier = Dossier(call=CallRef("blois", "blois-2023", 2023))
    states = step_states(dossier, [])
    assert states["appel"] == "termine"
    assert {s for step, s in states.items() if step != "appel"} == {"non_commence"}


def test_verdicts_do_not_start_a_step():
    """A rule complaining about an empty step must not make it look started."""
    states = step_states(Dossier(), [Verdict("association", "bloquant"), Verdict("budget", "a_corriger")])
    assert set(states.values()) == {"non_commence"}


def test_visiting_a_step_starts_it():
    dossier = Dossier()
    dossier.meta.visited_steps = ["budget", "verification"]
    states = step_states(dossier, [])
    assert states["budget"] == "termine"
    assert states["verification"] == "termine"
    assert states["association"] == "non_commence"


@pytest.mark.parametrize(
    ("field", "value", "step"),
    [
        ("title", "Atelier", "action"),
        ("enjeux", ["E1"], "enjeux"),
        ("quartiers", ["blois-quiniere"], "public"),
        ("requested_cents", {"etat": 1}, "budget"),
    ],
)
def test_entering_data_starts_its_step(field, value, step):
    dossier = Dossier()
    setattr(dossier.action, field, value)
    assert step_started(dossier, step)
    assert step_states(dossier, [])[step] == "termine"


def test_other_steps_start_with_their_data():
    dossier = Dossier()
    dossier.association.identity.name = "Asso"
    dossier.action.transversal["egalite"] = TransversalAnswer(text="Un début de réponse")
    dossier.action.public.total = 10
    dossier.documents = [Document(id="statuts", state="joint")]
    dossier.attestation.place = "Blois"
    for step in ("association", "transversales", "public", "documents", "attestation"):
        assert step_started(dossier, step), step
    assert not step_started(dossier, "verification")


def test_documents_still_to_provide_do_not_start_the_step():
    dossier = Dossier(documents=[Document(id="statuts")])
    assert not step_started(dossier, "documents")


def test_dossier_without_actions_does_not_crash():
    dossier = Dossier(actions=[])
    assert set(step_states(dossier, []).values()) == {"non_commence"}


def test_example_without_verdicts_is_complete(example):
    dossier = load_dossier(example)
    states = step_states(dossier, [])
    assert set(states.values()) == {"termine"}


def test_example_with_verdicts(example):
    dossier = load_dossier(example)
    verdicts = [
        Verdict("budget", "bloquant"),
        Verdict("budget", "a_corriger"),
        Verdict("public", "a_corriger"),
        Verdict("association", "info"),
    ]
    states = step_states(dossier, verdicts)
    assert states["budget"] == "bloquant"  # the worst level wins
    assert states["public"] == "en_cours"
    assert states["association"] == "termine"  # a mere piece of information does not hold a step back
    assert states["action"] == "termine"
    assert states["verification"] == "bloquant"  # the last step sums up every verdict
    assert step_state(dossier, "verification", [Verdict("public", "a_corriger")]) == "en_cours"


def test_step_states_accept_a_generator(example):
    dossier = load_dossier(example)
    states = step_states(dossier, (v for v in [Verdict("budget", "bloquant")]))
    assert states["budget"] == "bloquant"
    assert states["verification"] == "bloquant"  # the generator was not exhausted by the first step


def test_state_labels_are_french():
    assert STATE_LABELS == {
        "non_commence": "Non commencé",
        "en_cours": "En cours",
        "termine": "Terminé",
        "bloquant": "Problème bloquant",
    }


# ------------------------------------------------------------------------------------ steps
def test_every_step_has_a_title_and_a_hint():
    assert len(STEP_IDS) == len(set(STEP_IDS)) == len(STEPS)
    assert STEP_IDS[0] == "appel" and STEP_IDS[-1] == "verification"
    for step in STEPS:
        assert step.title.strip() and step.hint.strip(), step.id
        assert step.hint.endswith("."), step.id


@pytest.mark.parametrize(
    ("path", "step"),
    [
        ("call.call", "appel"),
        ("call", "appel"),
        ("request.aid_form", "appel"),
        ("association.identity.siret", "association"),
        ("association.bank.iban", "association"),
        ("actions[0].title", "action"),
        ("actions[3].start_date", "action"),
        ("actions[0].indicators[2].label", "action"),
        ("actions", "action"),
        ("actions[0]", "action"),
        ("actions[0].enjeux", "enjeux"),
        ("actions[0].operational_priorities[1]", "enjeux"),
        ("actions[0].transversal.egalite.text", "transversales"),
        ("actions[0].public.women", "public"),
        ("actions[2].public.age_bands[0].men", "public"),
        ("actions[0].quartiers", "public"),
        ("actions[0].location.latitude", "public"),
        ("actions[0].budget.lines.604", "budget"),
        ("actions[1].budget.subsidies[1].amount_cents", "budget"),
        ("actions[0].requested_cents.etat", "budget"),
        ("documents[3].state", "documents"),
        ("documents", "documents"),
        ("attestation.cer_subscribed", "attestation"),
        ("attestation.signatory.last_name", "attestation"),
        ("meta.wizard_step", "verification"),
        ("", "verification"),
        ("callback", "verification"),  # a prefix counts only up to a separator
        ("actionsx", "verification"),
        ("associations.x", "verification"),
    ],
)
def test_step_for_field(path, step):
    assert step_for_field(path) == step
    assert step in STEP_IDS


def test_normalise_path():
    assert normalise_path("actions[12].public.women") == "actions[*].public.women"
    assert normalise_path("documents[3].state") == "documents[3].state"
