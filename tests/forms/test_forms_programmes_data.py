"""A walk over EVERY entry of the real programme data (resources/), and the dated parameters.

If one of these fails on the shipped data, the data is wrong (or the promise changed): the message says
where.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter
from dataclasses import MISSING, fields, is_dataclass

import pytest

from forms.programmes import (
    Block,
    Call,
    Catalogue,
    Parameter,
    ParameterValue,
    Source,
    Territory,
)

QN_CODE = re.compile(r"QN\d{3}\d{2}[A-Z]")


def _walk(obj, where: str):
    """Every dataclass instance of the tree with its place, e.g. ("programmes/blois.enjeux[0].axes", Block)."""
    if is_dataclass(obj) and not isinstance(obj, type):
        yield where, obj
        for f in fields(obj):
            yield from _walk(getattr(obj, f.name), f"{where}.{f.name}")
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            yield from _walk(item, f"{where}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from _walk(item, f"{where}.{key}")


def _all_items(cat: Catalogue):
    for t in cat.territories.values():
        yield from _walk(t, f"territoire {t.id}")
    for c in cat.calls.values():
        yield from _walk(c, f"appel {c.id}")
    for g in cat.geographies.values():
        yield from _walk(g, f"géographie {g.id}")
    for e in cat.glossary:
        yield from _walk(e, f"glossaire {e.acronym}")
    yield from _walk(cat.budget_plan, "plan comptable")
    for name, p in cat.parameters.items():
        yield from _walk(p, f"paramètre {name}")


def _duplicates(values) -> list:
    return [v for v, n in Counter(values).items() if n > 1]


# ------------------------------------------------------------------------------------ the catalogue
def test_catalogue_is_consistent(catalogue):
    """Every territory has enjeux and at least one call; nothing here assumes a given territory."""
    assert catalogue.territories and catalogue.calls
    for territory in catalogue.territories.values():
        assert territory.enjeux, territory.id
        assert catalogue.calls_of(territory.id), territory.id
        assert territory.name_de.strip(), f"{territory.id}: name_de (« de Blois », « d'Amboise ») manquant"
    for call in catalogue.calls.values():
        assert call.geography in catalogue.geographies, call.id


def test_shipped_programmes_are_there(catalogue):
    """The shipped data itself (a smoke test on what the README promises, not a rule of the schema)."""
    assert {"blois", "amboise"} <= set(catalogue.territories)
    assert {"blois-2021", "blois-2023", "amboise-2022"} <= set(catalogue.calls)


def test_ids_are_unique_per_list(catalogue):
    problems = []
    for where, obj in _all_items(catalogue):
        for f in fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, list) and value and all(hasattr(v, "id") for v in value):
                ids = [v.id for v in value]
                problems += [f"{where}.{f.name}: {d}" for d in _duplicates(ids)]
                problems += [f"{where}.{f.name}: identifiant vide" for i in ids if not i.strip()]
    assert not problems
    for mapping in (catalogue.territories, catalogue.calls, catalogue.geographies, catalogue.sources):
        assert all(key == item.id for key, item in mapping.items())


def test_every_text_is_non_empty(catalogue):
    """Titles and texts: every required str field (no default) is filled, and no list holds an empty text."""
    problems = []
    for where, obj in _all_items(catalogue):
        for f in fields(obj):
            value = getattr(obj, f.name)
            required = f.default is MISSING and f.default_factory is MISSING
            named_text = required or f.name in {"title", "text", "name", "label", "meaning"}
            if isinstance(value, str) and named_text and not value.strip():
                problems.append(f"{where}.{f.name}")
            if isinstance(value, list):
                problems += [
                    f"{where}.{f.name}[{i}]" for i, v in enumerate(value) if isinstance(v, str) and not v.strip()
                ]
    assert not problems


def test_every_source_references_a_document_with_a_section(catalogue):
    problems = []
    count = 0
    for where, obj in _all_items(catalogue):
        if isinstance(obj, Source):
            count += 1
            if obj.doc not in catalogue.sources:
                problems.append(f"{where}: document « {obj.doc} » absent de sources.yaml")
            if not obj.section.strip():
                problems.append(f"{where}: section vide")
    assert count > 100
    assert not problems


def test_every_source_document_is_described(catalogue):
    """A seed, a reference note or a data set has its local file; a web page has its address (a saved
    copy is optional); a legal text or a standard is named by its title."""
    for doc in catalogue.sources.values():
        assert doc.title.strip(), doc.id
        if doc.kind in ("seed", "reference", "jeu-de-donnees"):
            assert doc.file.strip(), doc.id
        if doc.kind == "page-web":
            assert doc.href.startswith("https://"), doc.id
        if doc.kind == "jeu-de-donnees":
            assert doc.licence.strip(), doc.id


def test_every_sourced_item_has_a_source(catalogue):
    """Enjeux, piliers, priorities, co-funders, documents, quartiers, glossary entries: each says where from."""
    for where, obj in _all_items(catalogue):
        if any(f.name == "source" for f in fields(obj)):
            assert isinstance(obj.source, Source), where


def test_every_block_has_items(catalogue):
    blocks = [(where, obj) for where, obj in _all_items(catalogue) if isinstance(obj, Block)]
    assert len(blocks) > 20
    for where, block in blocks:
        assert block.items, where
        assert all(item.strip() for item in block.items), where


def test_enjeux_numbers_and_piliers(catalogue):
    for t in catalogue.territories.values():
        numbers = [e.number for e in t.enjeux]
        assert numbers == list(range(1, len(numbers) + 1)), t.id
        for e in t.enjeux:
            assert e.id.endswith(str(e.number)), (t.id, e.id)
            assert t.enjeu(e.id) is e
        pilier_ids = {p.id for p in t.piliers}
        for e in t.enjeux:
            assert not e.pilier or e.pilier in pilier_ids, (t.id, e.id)
        for p in t.piliers:
            assert p.enjeux and all(t.enjeu(eid) for eid in p.enjeux), (t.id, p.id)
        if t.piliers:  # every priorité belongs to exactly one pilier
            assert sorted(eid for p in t.piliers for eid in p.enjeux) == sorted(e.id for e in t.enjeux)


# ------------------------------------------------------------------------------------ the calls
def test_every_call_belongs_to_a_known_territory(catalogue):
    for call in catalogue.calls.values():
        assert call.territory in catalogue.territories, call.id
        assert catalogue.call(call.id) is call
        assert call in catalogue.calls_of(call.territory)
    with pytest.raises(KeyError, match="appel à projets inconnu"):
        catalogue.call("paris-2030")


def test_call_quartiers_exist_in_its_geography_and_territory(catalogue):
    for call in catalogue.calls.values():
        geo = catalogue.geography_of(call)
        insee = {c.insee for c in catalogue.territory_of(call).communes}
        assert call.quartiers or call.status_of("quartiers") == "non_connu", call.id
        assert not _duplicates(s.quartier for s in call.quartiers), call.id
        for scope in call.quartiers:
            quartier = geo.quartier(scope.quartier)
            assert quartier is not None, (call.id, scope.quartier)
            assert quartier.insee in insee, (call.id, scope.quartier)


def test_call_geography_is_in_force_at_the_call_date(catalogue):
    for call in catalogue.calls.values():
        geo = catalogue.geography_of(call)
        date = call.reference_date
        assert geo.valid_from <= date, call.id
        assert geo.valid_to is None or date <= geo.valid_to, call.id


def test_operational_priorities_reference_enjeux_of_the_territory(catalogue):
    for call in catalogue.calls.values():
        territory = catalogue.territory_of(call)
        for op in call.operational_priorities:
            assert op.enjeux, (call.id, op.id)
            for eid in op.enjeux:
                assert territory.enjeu(eid) is not None, (call.id, op.id, eid)
            assert op.group.strip() and op.text.strip(), (call.id, op.id)


def test_lists_are_known_or_said_not_to_be(catalogue):
    """An empty list is either a fact of the call or marked « non_connu »; a list « non_connu » is empty."""
    for call in catalogue.calls.values():
        for part in ("operational_priorities", "transversal", "cofunders", "documents", "quartiers"):
            items = getattr(call, part)
            if call.status_of(part) == "non_connu":
                assert not items, (call.id, part)


def test_transversal_priorities_cofunders_and_documents_are_named(catalogue):
    for call in catalogue.calls.values():
        for tp in call.transversal:
            assert tp.id.strip() and tp.title.strip() and tp.text.strip(), (call.id, tp.id)
            # an item the call's text does not give cannot be an obligation of that call
            assert not (tp.to_confirm and tp.required), (call.id, tp.id)
        for cf in call.cofunders:
            assert cf.id.strip() and cf.name.strip(), (call.id, cf.id)
            assert call.cofunder(cf.id) is cf
        assert call.cofunder("inconnu") is None
        for doc in call.documents:
            assert doc.id.strip() and doc.label.strip(), (call.id, doc.id)
    for territory in catalogue.territories.values():
        for cf in territory.cofunders:
            assert cf.id.strip() and cf.name.strip(), (territory.id, cf.id)


def test_a_call_rebuilt_from_the_contract_says_so(catalogue):
    """Amboise: no call text exists; the call is rebuilt from the PERR and says it, and obliges nothing."""
    call = catalogue.call("amboise-2022")
    assert "PERR" in call.reconstructed_from
    assert not any(tp.required for tp in call.transversal)
    kinds = {cf.kind for cf in call.cofunders}
    assert {"bailleur", "departement"} <= kinds  # « unicité des contrats (Etat, bailleurs, CD, VA) »


def test_blois_calls_differ_as_the_seeds_say(catalogue):
    c2021, c2023 = catalogue.call("blois-2021"), catalogue.call("blois-2023")
    assert {tp.id for tp in c2021.transversal} != {tp.id for tp in c2023.transversal}
    kinds_2023 = {cf.kind for cf in c2023.cofunders}
    assert {"etat", "commune", "bailleur", "caf", "departement"} <= kinds_2023
    assert sum(cf.kind == "bailleur" for cf in c2023.cofunders) == 3
    for call in (c2021, c2023):
        assert {s.quartier for s in call.quartiers} == {"blois-quartiers-nord", "blois-quiniere", "blois-cornillettes"}


def test_call_dates_are_valid(catalogue):
    for call in catalogue.calls.values():
        if call.opens and call.deadline:
            assert call.opens <= call.deadline, call.id
        if call.deadline and call.action_end:
            assert call.deadline <= call.action_end, call.id
        if call.action_start and call.action_end:
            assert call.action_start <= call.action_end, call.id
        for date in (call.action_start, call.action_end):
            if date is not None:
                assert date.year == call.year, call.id
        assert 2015 <= call.year <= 2100
        assert call.reference_date.year == call.year


# ------------------------------------------------------------------------------------ geography
def test_geography_validity_ranges_do_not_overlap_per_territory(catalogue):
    """A territory may have one geography (only 2024) or several; their ranges follow one another."""
    for territory in catalogue.territories.values():
        insee = {c.insee for c in territory.communes}
        geos = sorted(
            (g for g in catalogue.geographies.values() if any(q.insee in insee for q in g.quartiers)),
            key=lambda g: g.valid_from,
        )
        assert geos, territory.id
        for g in geos:
            assert g.valid_to is None or g.valid_from <= g.valid_to, g.id
        for before, after in itertools.pairwise(geos):
            assert before.valid_to is not None, (territory.id, before.id)
            assert before.valid_to < after.valid_from, (territory.id, before.id, after.id)
        assert geos[-1].valid_to is None  # the geography in force today has no end


def test_quartiers_are_complete(catalogue):
    for geo in catalogue.geographies.values():
        assert geo.quartiers, geo.id
        for q in geo.quartiers:
            assert q.name.strip() and q.commune.strip(), (geo.id, q.id)
            assert re.fullmatch(r"\d{5}", q.insee), (geo.id, q.id)
            assert q.population is None or q.population > 0, (geo.id, q.id)


def test_2024_codes_and_perimeters(catalogue):
    """Where a geography ships perimeters, each named perimeter exists for the right commune; a quartier
    without a perimeter is allowed (its perimeter is simply not shipped)."""
    for geo in catalogue.geographies.values():
        path = catalogue.perimeters_path(geo)
        if path is None:
            assert all(not q.perimeter for q in geo.quartiers), geo.id
            continue
        assert path.is_file() and geo.attribution.strip(), geo.id  # the data set's attribution is kept
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        codes = {f["properties"]["code_qp"]: f["properties"] for f in features}
        assert len(codes) == len(features)
        for q in geo.quartiers:
            if q.code.startswith("QN"):
                assert QN_CODE.fullmatch(q.code), (q.id, q.code)
                assert q.code[2:5] == "0" + q.insee[:2], (q.id, q.code)  # QN + département on 3 digits
            if q.perimeter:
                assert q.perimeter in codes, (q.id, q.perimeter)
                assert codes[q.perimeter]["insee_com"] == q.insee, q.id
        assert {q.perimeter for q in geo.quartiers if q.perimeter} == set(codes)  # no perimeter without its quartier


def test_geography_without_perimeters(catalogue):
    geo = catalogue.geographies["qpv-2015"]
    assert catalogue.perimeters_path(geo) is None
    assert all(not q.code or QN_CODE.fullmatch(q.code) is None for q in geo.quartiers)  # 2015 codes are QP…


# ------------------------------------------------------------------------------------ glossary, plan
def test_glossary_acronyms_are_unique_with_meanings(catalogue):
    acronyms = [e.acronym for e in catalogue.glossary]
    assert len(acronyms) > 30
    # unique within a scope (national, or one territory's own file, which may replace a national entry)
    assert not _duplicates([(e.territory, e.acronym) for e in catalogue.glossary])
    for entry in catalogue.glossary:
        assert entry.acronym.strip() == entry.acronym and entry.acronym, entry
        assert entry.meaning.strip(), entry.acronym
    assert {"QPV", "PERR"} <= set(acronyms)


def test_budget_plan_codes_are_unique(catalogue):
    plan = catalogue.budget_plan
    categories = [c.code for c in plan.categories]
    assert not _duplicates(categories)
    lines = [line.code for c in plan.categories for line in c.lines]
    assert not _duplicates(lines)
    assert [c.code for c in plan.categories if c.subsidies] == ["74"]
    for category in plan.categories:
        assert category.subsidies or category.lines, category.code
    assert plan.line_codes["604"].code == "60"
    sides = {c.side for c in plan.categories}
    assert sides == {"charges", "produits", "contributions_emplois", "contributions_ressources"}


def test_examples_reference_the_catalogue(catalogue, examples):
    from forms.storage import load_dossier

    for path in examples:
        d = load_dossier(path)
        call = catalogue.call(d.call.call)
        assert call.territory == d.call.territory and call.year == d.call.year, path.name
        territory, geo = catalogue.territory_of(call), catalogue.geography_of(call)
        for a in d.actions:
            assert all(territory.enjeu(e) for e in a.enjeux), path.name
            assert set(a.operational_priorities) <= {op.id for op in call.operational_priorities}, path.name
            assert set(a.transversal) <= {tp.id for tp in call.transversal}, path.name
            assert all(geo.quartier(q) for q in a.quartiers), path.name
            assert set(a.budget.lines) <= set(catalogue.budget_plan.line_codes), path.name
            assert all(s.funder == "autre" or call.cofunder(s.funder) for s in a.budget.subsidies), path.name
            assert all(call.cofunder(k) for k in a.requested_cents), path.name
        assert {doc.id for doc in d.documents} <= {doc.id for doc in call.documents}, path.name


# ------------------------------------------------------------------------------------ parameters
def test_every_dated_parameter_value_has_a_reference(catalogue):
    scopes = [("national", catalogue.parameters)]
    scopes += [(f"territoire {t.id}", t.parameters) for t in catalogue.territories.values()]
    scopes += [(f"appel {c.id}", c.parameters) for c in catalogue.calls.values()]
    count = 0
    for where, parameters in scopes:
        for name, param in parameters.items():
            assert param.description.strip(), (where, name)
            assert param.values, (where, name)
            for date, value in param.values.items():
                count += 1
                assert isinstance(date, dt.date) and not isinstance(date, dt.datetime)
                assert value.reference.doc in catalogue.sources, (where, name, date)
                assert value.reference.section.strip(), (where, name, date)
    assert count >= 5


def _param(*values) -> Parameter:
    src = Source(doc="d", section="s")
    return Parameter(description="p", values={date: ParameterValue(value, src) for date, value in values})


def test_parameter_at_before_at_and_after_dates():
    p = _param((dt.date(2020, 1, 1), 10), (dt.date(2022, 7, 1), 20))
    assert p.at(dt.date(2019, 12, 31)) is None
    assert p.at(dt.date(2020, 1, 1)).value == 10
    assert p.at(dt.date(2022, 6, 30)).value == 10
    assert p.at(dt.date(2022, 7, 1)).value == 20
    assert p.at(dt.date(2030, 1, 1)).value == 20


def test_parameter_values_need_not_be_sorted():
    p = _param((dt.date(2022, 7, 1), 20), (dt.date(2020, 1, 1), 10))
    assert p.at(dt.date(2021, 1, 1)).value == 10
    assert p.at(dt.date(2023, 1, 1)).value == 20


def test_a_none_value_retires_the_parameter():
    p = _param((dt.date(2020, 1, 1), 10), (dt.date(2024, 1, 1), None))
    assert p.at(dt.date(2023, 12, 31)).value == 10
    retired = p.at(dt.date(2024, 1, 1))
    assert retired is not None and retired.value is None


def test_real_national_parameters(catalogue):
    call = catalogue.call("blois-2023")
    assert catalogue.parameter("seuil_convention_cents", call).value == 2_300_000
    assert catalogue.parameter("cer_obligatoire", call).value is True
    assert catalogue.parameter("cer_obligatoire", catalogue.call("blois-2021")) is None  # from 2022 only
    assert catalogue.parameter("inexistant", call) is None
    qpv = catalogue.parameter("part_qpv_minimum_pourcent", call)
    assert qpv.value == 50 and qpv.default is True


def test_describe_source(catalogue):
    call = catalogue.call("blois-2023")
    text = catalogue.describe_source(call.source)
    assert text.startswith(catalogue.sources["blois-appel-2023"].title)
    assert text.endswith(call.source.section)
    assert catalogue.describe_source(Source(doc="inconnu", section="")) == "inconnu"


def test_territory_and_call_types(catalogue):
    assert all(isinstance(t, Territory) for t in catalogue.territories.values())
    assert all(isinstance(c, Call) for c in catalogue.calls.values())
