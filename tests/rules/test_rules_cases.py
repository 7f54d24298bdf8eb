"""The rule cases of tests/rules/cases/*.yaml, run by one parametrized test, and the checks that every
rule is covered (a passing and a failing case) and that every verdict cites a source."""

from __future__ import annotations

import pytest
from rules_cases import Case, assert_well_formed, build_dossier, check_path, load_cases, split_absent
from rules_fixtures import BASE_DOSSIERS, CASES_DIR

from forms.programmes import RESOURCES_DIR, Catalogue, default_catalogue
from rules import check_dossier, registered_rules

CASES = load_cases(CASES_DIR)
EXAMPLES_DIR = RESOURCES_DIR / "examples"


def plain_spaces(text: str) -> str:
    """Messages use French typography (narrow no-break spaces in amounts); cases are typed with spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture
def catalogue_for(fixture_catalogue: Catalogue):
    def get(name: str) -> Catalogue:
        if name == "fixture":
            return fixture_catalogue
        assert name == "livre", f"catalogue inconnu : {name}"
        return default_catalogue()

    return get


@pytest.mark.parametrize("case", CASES, ids=[f"{c.file}: {c.name}" for c in CASES])
def test_case(case: Case, catalogue_for) -> None:
    catalogue = catalogue_for(case.catalogue)
    dossier = build_dossier(case, BASE_DOSSIERS, EXAMPLES_DIR, catalogue)
    verdicts = check_dossier(dossier, catalogue)
    assert_well_formed(verdicts)
    shown = "\n".join(f"  {v.level} {v.rule} {v.fields}: {v.message}" for v in verdicts) or "  (aucun)"
    for rule_id, level in case.expect.present.items():
        assert any(v.rule == rule_id and v.level == level for v in verdicts), (
            f"attendu {rule_id} ({level}), obtenu :\n{shown}"
        )
    for item in case.expect.absent:
        rule_id, level = split_absent(item)
        assert not any(v.rule == rule_id and (level is None or v.level == level) for v in verdicts), (
            f"inattendu {item}, obtenu :\n{shown}"
        )
    for rule_id, first_field in case.expect.fields.items():
        assert any(v.rule == rule_id and v.fields[0] == first_field for v in verdicts), (
            f"attendu {rule_id} sur {first_field}, obtenu :\n{shown}"
        )
    for rule_id, text in case.expect.message.items():
        assert any(v.rule == rule_id and text in plain_spaces(v.message) for v in verdicts), (
            f"attendu {rule_id} avec « {text} », obtenu :\n{shown}"
        )
    for rule_id, text in case.expect.exact.items():
        assert any(v.rule == rule_id and plain_spaces(v.message) == text for v in verdicts), (
            f"attendu {rule_id} avec exactement « {text} », obtenu :\n{shown}"
        )
    if case.expect.only is not None:
        wanted = sorted(set(case.expect.only))
        got = sorted({f"{v.rule}:{v.level}" for v in verdicts})
        assert got == wanted, f"attendu exactement {wanted}, obtenu :\n{shown}"


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    present = {rule for case in CASES for rule in case.expect.present}
    present |= {split_absent(o)[0] for case in CASES for o in case.expect.only or []}
    absent = {split_absent(item)[0] for case in CASES for item in case.expect.absent}
    absent |= {r.id for r in registered_rules() for case in CASES
               if case.expect.only is not None and r.id not in {split_absent(o)[0] for o in case.expect.only}}
    rule_ids = [r.id for r in registered_rules()]
    assert [r for r in rule_ids if r not in present] == [], "règles sans cas où elles se déclenchent"
    assert [r for r in rule_ids if r not in absent] == [], "règles sans cas où elles ne se déclenchent pas"


def test_cases_name_only_registered_rules() -> None:
    rule_ids = {r.id for r in registered_rules()}
    for case in CASES:
        named = [*case.expect.present, *(split_absent(a)[0] for a in case.expect.absent),
                 *case.expect.fields, *case.expect.message, *case.expect.exact,
                 *(split_absent(o)[0] for o in case.expect.only or [])]
        assert set(named) <= rule_ids, f"{case.file}: {case.name}: {set(named) - rule_ids}"
        for path in case.input:
            if "[id=" not in path:
                check_path(path)


def test_case_names_are_unique() -> None:
    names = [(c.file, c.name) for c in CASES]
    assert len(names) == len(set(names))


def test_quotes_speak_of_their_subject(catalogue_for) -> None:
    """A verdict's quote contains a word of its rule's subject (resources/rules/regles.yaml
    `subject_words`): a quartier verdict never quotes the call's funding paragraph again."""
    from forms.french import fold

    infos = {r.id: r.info for r in registered_rules()}
    checked = 0
    for case in CASES:
        catalogue = catalogue_for(case.catalogue)
        for v in check_dossier(build_dossier(case, BASE_DOSSIERS, EXAMPLES_DIR, catalogue), catalogue):
            words = infos[v.rule].subject_words
            if not v.quote or not words:
                continue
            checked += 1
            assert any(fold(w) in fold(v.quote) for w in words), f"{case.name}: {v.rule} cite « {v.quote} »"
    assert checked >= 10
