"""Renewing each shipped example into a later call (fixture calls of 2025: priorities changed, the 2024
geography, a co-funder gone and one added): every value has the right mark, nothing is lost, the new
call's checks apply."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import pytest
from renewal_fixtures import EXAMPLES_DIR, RENEWALS

from forms.call_diff import NEAR_TEXT_RATIO, check_correspondences, diff_calls, text_ratio
from forms.model import Dossier
from forms.progress import step_states
from forms.renewal import (
    RenewalError,
    confirm_mark,
    marks_by_step,
    pending_marks,
    pending_steps,
    renew,
    resolve_marks,
    review_states,
)
from forms.storage import dossier_from_data, dossier_to_json, load_dossier
from rules import check_dossier

TODAY = dt.date(2024, 10, 1)


@pytest.fixture(params=sorted(RENEWALS), ids=sorted(RENEWALS))
def renewal(request, later_catalogue):
    previous = load_dossier(EXAMPLES_DIR / f"{request.param}.cdv.json")
    result = renew(previous, later_catalogue, RENEWALS[request.param], previous_file="ancien.cdv.json", today=TODAY)
    return request.param, previous, result


def _kind(dossier: Dossier, path: str) -> str:
    return dossier.renewal.marks[path].kind


def test_renewal_answers_the_new_call_and_links_the_previous_dossier(renewal):
    name, previous, result = renewal
    d = result.dossier
    assert d.call.call == RENEWALS[name] and d.call.year == 2025
    assert d.renewal.previous_call == previous.call.call
    assert d.renewal.previous_file == "ancien.cdv.json"
    assert d.renewal.previous_title == previous.title
    assert d.renewal.renewed_on == TODAY
    assert all(a.frequency == "renouvellement" for a in d.actions)
    assert previous.actions[0].title in d.actions[0].previous_year_reference
    assert d.lifecycle.state == "brouillon" and not d.actions[0].report.started
    # the previous dossier is untouched
    assert previous == load_dossier(EXAMPLES_DIR / f"{name}.cdv.json")


def test_dates_move_to_the_new_year_and_are_to_review(renewal):
    _, previous, result = renewal
    d, years = result.dossier, 2025 - previous.call.year
    a, old = d.actions[0], previous.actions[0]
    assert a.start_date == old.start_date.replace(year=old.start_date.year + years)
    assert a.end_date == old.end_date.replace(year=old.end_date.year + years)
    assert a.budget.year == 2025 and d.association.budget.year == 2025
    for path in ("actions[0].start_date", "actions[0].end_date", "actions[0].budget.year", "attestation.date"):
        assert _kind(d, path) == "a_revoir", path
    assert d.attestation.date is None
    assert d.renewal.marks["actions[0].start_date"].previous  # last year's date kept in the mark


def test_amounts_and_public_figures_are_kept_and_to_review(renewal):
    _, previous, result = renewal
    d = result.dossier
    a, old = d.actions[0], previous.actions[0]
    assert a.budget.lines == old.budget.lines
    assert [s.amount_cents for s in a.budget.subsidies] == [s.amount_cents for s in old.budget.subsidies]
    assert a.public.total == old.public.total and a.public.women == old.public.women
    for path in ("actions[0].budget.lines", "actions[0].budget.subsidies", "actions[0].public.total",
                 "actions[0].public.women", "actions[0].public.qpv_share_percent"):
        assert _kind(d, path) == "a_revoir", path


def test_texts_of_the_action_and_the_association_are_repris(renewal):
    _, previous, result = renewal
    d = result.dossier
    assert d.association == dataclasses.replace(previous.association, budget=d.association.budget)
    for path in ("actions[0].title", "actions[0].description", "actions[0].objectives",
                 "association.identity.name", "association.identity.siret", "association.bank.iban"):
        assert _kind(d, path) == "repris", path
        assert not d.renewal.marks[path].confirmed  # « repris » needs nothing
    assert "actions[0].title" not in pending_marks(d)


def test_geography_2015_to_2024_follows_the_correspondence(renewal):
    name, _, result = renewal
    d = result.dossier
    expected = {
        "blois-2021-culture": ["blois-nord", "blois-quiniere-nord-ouest"],
        "blois-2023-insertion": ["blois-nord"],
        "amboise-acces-droits": ["amboise-la-verrerie", "amboise-patte-doie"],
    }[name]
    assert d.actions[0].quartiers == expected
    mark = d.renewal.marks["actions[0].quartiers"]
    assert mark.kind == "a_revoir" and "géographie prioritaire a changé" in mark.reason


def test_priorities_gone_are_to_choose_and_kept_in_the_mark(later_catalogue):
    previous = load_dossier(EXAMPLES_DIR / "blois-2023-insertion.cdv.json")
    d = renew(previous, later_catalogue, "blois-2025").dossier
    # 2023-emploi-7 (modes de garde) is gone in 2025 (said by the data); -1 identical; -6 near-identical
    assert d.actions[0].operational_priorities == ["2025-emploi-1", "2025-emploi-6"]
    mark = d.renewal.marks["actions[0].operational_priorities"]
    assert mark.kind == "a_choisir"
    assert "modes de gardes" in mark.reason and "texte presque identique" in mark.reason
    assert mark.previous == "2023-emploi-1, 2023-emploi-6, 2023-emploi-7"
    assert d.actions[0].enjeux == previous.actions[0].enjeux
    assert _kind(d, "actions[0].enjeux") == "repris"


def test_transversal_answers_changed_new_and_gone(later_catalogue):
    previous = load_dossier(EXAMPLES_DIR / "blois-2023-insertion.cdv.json")
    d = renew(previous, later_catalogue, "blois-2025").dossier
    t = d.actions[0].transversal
    assert t["egalite"] == previous.actions[0].transversal["egalite"]
    assert _kind(d, "actions[0].transversal.egalite") == "a_revoir"  # the call's text changed
    assert _kind(d, "actions[0].transversal.laicite") == "repris"  # same text
    assert _kind(d, "actions[0].transversal.jeunesse") == "nouveau"
    assert "publics" not in t  # gone from the call; the answer is kept in its mark
    gone = d.renewal.marks["actions[0].transversal.publics"]
    assert gone.kind == "a_revoir" and gone.previous == previous.actions[0].transversal["publics"].text


def test_cofunders_added_and_gone(later_catalogue):
    previous = load_dossier(EXAMPLES_DIR / "amboise-acces-droits.cdv.json")
    d = renew(previous, later_catalogue, "amboise-2025").dossier
    assert _kind(d, "actions[0].requested_cents.caf-37") == "nouveau"
    assert _kind(d, "actions[0].requested_cents.etat") == "a_revoir"
    # the association budget's CCVA subsidy: the CCVA is not a co-funder of 2025, the line is kept as « autre »
    ccva = [s for s in d.association.budget.subsidies if "Val d'Amboise" in s.label]
    assert ccva and all(s.funder == "autre" for s in ccva)


def test_the_renewal_asks_for_last_years_compte_rendu(renewal):
    _, _, result = renewal
    d = result.dossier
    index = next(i for i, doc in enumerate(d.documents) if doc.id == "compte-rendu-financier")
    assert d.documents[index].state == "a_fournir"
    mark = d.renewal.marks[f"documents[{index}].state"]
    assert mark.kind == "a_revoir" and "CERFA 15059" in mark.reason


def test_nothing_is_lost(renewal):
    """Every filled value of last year is in the new dossier or in a mark."""
    _, previous, result = renewal
    d = result.dossier
    old_text = dossier_to_json(previous)
    new_text = dossier_to_json(d)
    for doc in previous.documents:
        if doc.path:
            assert doc.path in new_text
    for tid, answer in previous.actions[0].transversal.items():
        assert answer.text in new_text, tid
    for pid in previous.actions[0].operational_priorities:
        assert pid in new_text
    for qid in previous.actions[0].quartiers:
        assert qid in new_text
    assert old_text.count('"title"') <= new_text.count('"title"')


def test_the_new_calls_checks_apply(renewal, later_catalogue):
    name, _, result = renewal
    verdicts = check_dossier(result.dossier, later_catalogue)
    rules = {v.rule for v in verdicts}
    assert "appel.inconnu" not in rules
    assert "qpv.quartiers" not in rules  # the quartiers were mapped into the 2024 geography
    assert "completude.renouvellement" in rules  # last year's compte-rendu is asked for
    if name == "blois-2023-insertion":  # the new required transversal priority has no answer yet
        assert any(v.rule == "transversal.reponse" and "jeunesse" in "".join(v.fields) for v in verdicts)


def test_renewed_dossier_round_trips_through_the_file(renewal):
    _, _, result = renewal
    import json

    again = dossier_from_data(json.loads(dossier_to_json(result.dossier)))
    assert again == result.dossier


def test_a_step_with_values_to_review_is_not_finished(later_catalogue):
    previous = load_dossier(EXAMPLES_DIR / "blois-2023-insertion.cdv.json")
    d = renew(previous, later_catalogue, "blois-2025").dossier
    d.meta.visited_steps = ["action", "public"]
    states = step_states(d, [])
    assert states["action"] == "termine"
    assert review_states(states, d)["action"] == "en_cours"
    assert pending_steps(d)["action"] == 2
    # changing the date resolves its mark, confirming the other one finishes the step
    assert resolve_marks(d, "actions[0].start_date") == ["actions[0].start_date"]
    assert review_states(states, d)["action"] == "en_cours"
    assert confirm_mark(d, "actions[0].end_date")
    assert review_states(states, d)["action"] == "termine"
    assert not confirm_mark(d, "actions[0].end_date")  # already confirmed
    assert not confirm_mark(d, "actions[0].title")  # « repris »: nothing to confirm
    # editing one line of the budget resolves the mark on the budget lines
    assert resolve_marks(d, "actions[0].budget.lines.641") == ["actions[0].budget.lines"]
    assert "budget" in marks_by_step(d)


def test_renewing_into_an_unknown_call_says_so(later_catalogue):
    previous = load_dossier(EXAMPLES_DIR / "blois-2023-insertion.cdv.json")
    with pytest.raises(RenewalError, match="Appel à projets inconnu : « blois-2099 »"):
        renew(previous, later_catalogue, "blois-2099")
    broken = copy.deepcopy(previous)
    broken.call.call = "nulle-part"
    with pytest.raises(RenewalError, match="appel inconnu"):
        renew(broken, later_catalogue, "blois-2025")


def test_renewing_into_another_territory_asks_to_choose(later_catalogue):
    previous = load_dossier(EXAMPLES_DIR / "blois-2023-insertion.cdv.json")
    d = renew(previous, later_catalogue, "amboise-2025").dossier
    assert d.actions[0].enjeux == [] and d.actions[0].operational_priorities == []
    assert _kind(d, "actions[0].enjeux") == "a_choisir"
    assert _kind(d, "actions[0].operational_priorities") == "a_choisir"
    assert _kind(d, "actions[0].quartiers") == "a_choisir"  # no correspondence Blois -> Amboise


# ---------------------------------------------------------------------------------------- call differences
def test_diff_between_two_shipped_calls(catalogue):
    diff = diff_calls(catalogue, catalogue.call("blois-2021"), catalogue.call("blois-2023"))
    assert not diff.geography_changed
    assert {c.id for c in diff.cofunders_added} == {"caf", "departement-41"}
    assert diff.cofunders_gone == []
    assert {t.id for t in diff.transversal_added} == {"publics"}
    assert {r.old_id for r in diff.priorities_reworded} >= {"2021-emploi-1", "2021-emploi-2", "2021-quartier-5"}
    assert all(r.basis == "donnees" for r in diff.priorities_reworded)
    assert "2023-emploi-7" in {p.id for p in diff.priorities_added}
    assert diff.priorities_removed == []
    assert diff.priorities_unchanged == 6  # education 2 to 5, quartier 1 and emploi 6 (-> 5): identical texts


def test_diff_to_the_fixture_call(later_catalogue):
    diff = diff_calls(later_catalogue, later_catalogue.call("blois-2023"), later_catalogue.call("blois-2025"))
    assert diff.geography_changed
    assert [(q.old, q.new) for q in diff.quartiers] == [
        ("blois-quartiers-nord", ("blois-nord",)), ("blois-quiniere", ("blois-quiniere-nord-ouest",)),
        ("blois-cornillettes", ())]
    assert [c.id for c in diff.cofunders_gone] == ["icl-3f"]
    assert [c.id for c in diff.cofunders_added] == ["region-cvl"]
    assert [p.id for p in diff.priorities_removed] == ["2023-emploi-7"]
    assert [p.id for p in diff.priorities_added] == ["2025-quartier-6"]
    assert {(r.old_id, r.basis) for r in diff.priorities_reworded} == {("2023-emploi-2", "donnees"),
                                                                      ("2023-emploi-6", "proche")}
    lines = diff.lines()
    assert "Nouveau cofinanceur : Région Centre-Val de Loire" in lines
    assert any(line.startswith("  Les Cornillettes : plus de quartier prioritaire") or
               line.startswith("  Cornillettes : plus de quartier prioritaire") for line in lines)


def test_near_identical_threshold_never_confuses_two_priorities_of_one_call(catalogue, later_catalogue):
    """NEAR_TEXT_RATIO matches a reworded priority, never two different priorities of the same call."""
    for cat in (catalogue, later_catalogue):
        for call in cat.calls.values():
            texts = [p.text for p in call.operational_priorities]
            for i, a in enumerate(texts):
                for b in texts[i + 1:]:
                    assert text_ratio(a, b) < NEAR_TEXT_RATIO, (call.id, a, b)
    c = later_catalogue
    old = c.call("blois-2023").operational_priorities[5].text
    new = next(p.text for p in c.call("blois-2025").operational_priorities if p.id == "2025-emploi-6")
    assert NEAR_TEXT_RATIO <= text_ratio(old, new) < 1


def test_correspondence_files_are_valid_and_sourced(catalogue, later_catalogue):
    assert check_correspondences(catalogue) == 2
    assert check_correspondences(later_catalogue) == 3


def test_a_wrong_correspondence_file_is_refused_with_its_place(later_resources):
    from forms.programmes import ProgrammeDataError, load_catalogue

    root = later_resources
    bad = root / "programmes" / "blois" / "correspondances" / "blois-2021--blois-2023.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("new: [2023-emploi-3]", "new: [2023-emploi-99]"),
                   encoding="utf-8")
    with pytest.raises(ProgrammeDataError, match=r"« 2023-emploi-99 » inconnu du nouvel appel"):
        check_correspondences(load_catalogue(root))
    bad.write_text("from_call: blois-2021\nto_call: blois-2023\nsource: {doc: blois-appel-2023, section: x}\n"
                   "operational:\n  - old: 2021-emploi-1\n    nouveau: [2023-emploi-1]\n", encoding="utf-8")
    with pytest.raises(ProgrammeDataError, match=r"blois-2021--blois-2023\.yaml"):
        check_correspondences(load_catalogue(root))
