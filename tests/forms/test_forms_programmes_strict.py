"""The programme data is loaded strictly: every mistake in a copy of resources/ is a ProgrammeDataError
naming the file and place. And a new year's call is a new data file only."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from forms.programmes import ProgrammeDataError, load_catalogue
from forms.yamlload import load_yaml

CALL_2023 = "programmes/blois/appel-2023.yaml"
TERRITORY = "programmes/blois/territoire.yaml"


def test_the_copy_loads(resources_copy):
    cat = resources_copy().load()
    assert set(cat.calls) == {"blois-2021", "blois-2023", "amboise-2022"}
    assert cat.root != load_catalogue().root


# Mistakes found while reading one file: the first one stops the loading.
READING_MISTAKES = [
    # unknown key (top level, then nested)
    (CALL_2023, "year: 2023\n", "year: 2023\nanne: 2023\n", ["appel-2023.yaml", "clé inconnue : anne"]),
    (CALL_2023, "    enjeux: [E2, E3]\n", "    enjeux: [E2, E3]\n    priorite: haute\n",
     ["appel-2023.yaml", "operational_priorities[0]", "clé inconnue : priorite"]),
    # duplicate key
    (CALL_2023, "year: 2023\n", "year: 2023\nyear: 2024\n", ["appel-2023.yaml", "ligne 7", "clé en double « year »"]),
    # wrong types
    (CALL_2023, "year: 2023\n", "year: \"2023\"\n", ["appel-2023.yaml", "year", "entier attendu"]),
    (CALL_2023, "action_start: 2023-01-01\n", "action_start: 2023-01-01 08:00:00\n",
     ["appel-2023.yaml", "action_start", "date sans heure"]),
    ("parametres/national.yaml", "        value: 2300000\n", "        value: [2300000]\n",
     ["national.yaml", "seuil_convention_cents"]),
    # a value out of its list
    (CALL_2023, "    kind: caf\n", "    kind: banque\n", ["appel-2023.yaml", "cofunders[5].kind", "banque"]),
    # invalid YAML
    (CALL_2023, "year: 2023\n", "year: [2023\n", ["appel-2023.yaml", "YAML invalide"]),
    # missing source
    ("glossaire/amboise.yaml",
     '    source: {doc: amboise-perr-2019, section: "Pilier : Emploi et développement économique — Priorité 1 — '
     'Indicateurs"}\n', "",
     ["amboise.yaml", "entries[0]", "clé obligatoire absente : source"]),
    (CALL_2023, "    source: *src-emploi\n", "",
     ["appel-2023.yaml", "operational_priorities[1]", "clé obligatoire absente : source"]),
    (TERRITORY, '  section: "Méthodologie et enjeux"\n', "",
     ["territoire.yaml", "source", "clé obligatoire absente : section"]),
    # duplicate ids found while reading
    ("sources.yaml", "  - id: blois-appel-2021\n", "  - id: blois-appel-2023\n",
     ["sources.yaml", "identifiants en double"]),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), READING_MISTAKES)
def test_reading_mistakes_are_programme_data_errors(resources_copy, file, old, new, expected):
    res = resources_copy(only_blois="amboise" not in file)
    res.replace(file, old, new)
    with pytest.raises(ProgrammeDataError) as info:
        res.load()
    message = str(info.value)
    for part in expected:
        assert part in message, message


# Mistakes found by the cross-check of the whole catalogue: all of them are listed in one error.
CROSS_CHECK_MISTAKES = [
    # unknown source document, empty section
    (CALL_2023, "  doc: blois-appel-2023\n", "  doc: page-disparue\n",
     ["appel blois-2023", "source « page-disparue » inconnue de sources.yaml"]),
    ("geographie/qpv-2024.yaml",
     'section: "Géographie au 1er janvier 2024 (décret n° 2023-1314 du 28 décembre 2023)"', 'section: " "',
     ["géographie qpv-2024 blois-nord", "section de la source vide"]),
    # unknown enjeu in an operational priority
    (CALL_2023, "    enjeux: [E4]\n", "    enjeux: [E4, E9]\n",
     ["appel blois-2023 2023-education-1", "enjeu « E9 » inconnu"]),
    # unknown quartier
    (CALL_2023, "  - quartier: blois-quiniere\n", "  - quartier: blois-nulle-part\n",
     ["appel blois-2023", "quartier « blois-nulle-part » absent de qpv-2015"]),
    # duplicate ids
    (CALL_2023, "  - id: 2023-emploi-2\n", "  - id: 2023-emploi-1\n",
     ["appel blois-2023 priorités opérationnelles", "identifiant « 2023-emploi-1 » en double"]),
]
MORE_CROSS_CHECK_MISTAKES = [
    ("programmes/blois/appel-2021.yaml", "    enjeux: [E4]\n", "    enjeux: []\n",
     ["appel blois-2021 2021-education-1", "aucun enjeu"]),
    ("programmes/blois/appel-2021.yaml", "  - id: ville-blois\n", "  - id: etat\n",
     ["appel blois-2021 cofinanceurs", "« etat » en double"]),
    ("programmes/blois/appel-2021.yaml", "action_end: 2021-12-31\n",
     "action_end: 2020-12-31\nopens: 2021-03-01\ndeadline: 2021-02-01\n",
     ["appel blois-2021: début des actions", "appel blois-2021: ouverture après la date limite"]),
    ("programmes/amboise/appel-2022.yaml", "geography: qpv-2015\n", "geography: qpv-1996\n",
     ["appel amboise-2022", "géographie « qpv-1996 » inconnue"]),
    (TERRITORY, "  - id: E2\n", "  - id: E1\n", ["programmes/blois enjeux", "« E1 » en double"]),
    (TERRITORY, '        - "Axe 2 : Habitat et renouvellement urbain"\n', '        - ""\n',
     ["programmes/blois E1.pacte_dijon", "texte vide"]),
    ("programmes/amboise/territoire.yaml", "    enjeux: [P1, P2]\n", "    enjeux: [P1, P9]\n",
     ["programmes/amboise pilier pilier-emploi", "enjeu « P9 » inconnu"]),
    ("programmes/amboise/territoire.yaml", "    pilier: pilier-emploi\n", "    pilier: pilier-sport\n",
     ["programmes/amboise P1", "pilier « pilier-sport » inconnu"]),
    ("geographie/qpv-2024.yaml", "  - id: blois-quiniere-nord-ouest\n", "  - id: blois-nord\n",
     ["géographie qpv-2024 quartiers", "« blois-nord » en double"]),
    ("geographie/qpv-2024.yaml", "perimeters_file: qpv2024_blois_amboise.geojson",
     "perimeters_file: absent.geojson", ["géographie qpv-2024", "« absent.geojson » absent"]),
    ("glossaire/amboise.yaml", "  - acronym: CCVA\n", "  - acronym: QPV\n",
     ["glossaire", "sigle « QPV » en double"]),
    ("budget/plan-comptable.yaml", '{code: "601",', '{code: "604",', ["plan comptable", "« 604 » en double"]),
    ("parametres/national.yaml", "          doc: decret-2001-495\n", "          doc: decret-inconnu\n",
     ["parametres.parameters.seuil_convention_cents.2001-06-06", "« decret-inconnu » inconnue"]),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CROSS_CHECK_MISTAKES)
def test_cross_check_mistakes_are_programme_data_errors(resources_copy, file, old, new, expected):
    res = resources_copy(only_blois=True)
    res.replace(file, old, new)
    with pytest.raises(ProgrammeDataError) as info:
        res.load()
    message = str(info.value)
    assert message.startswith("Données de programme invalides")
    for part in expected:
        assert part in message, message


def test_the_cross_check_lists_every_mistake_at_once(resources_copy):
    res = resources_copy()
    for file, old, new, _ in MORE_CROSS_CHECK_MISTAKES:
        res.replace(file, old, new)
    with pytest.raises(ProgrammeDataError) as info:
        res.load()
    message = str(info.value)
    for *_, expected in MORE_CROSS_CHECK_MISTAKES:
        for part in expected:
            assert part in message, part
    assert message.count("\n- ") >= len(MORE_CROSS_CHECK_MISTAKES)


def test_an_unknown_territory(resources_copy):
    res = resources_copy(only_blois=True)
    res.replace(CALL_2023, "territory: blois\n", "territory: bloi\n")
    with pytest.raises(ProgrammeDataError, match="appel blois-2023: territoire « bloi » inconnu"):
        res.load()


def test_a_missing_file_is_a_programme_data_error(resources_copy):
    res = resources_copy(only_blois=True)
    res.path(TERRITORY).unlink()
    with pytest.raises(ProgrammeDataError, match=r"territoire\.yaml"):
        res.load()


def test_an_unreadable_file_is_a_programme_data_error(resources_copy):
    res = resources_copy(only_blois=True)
    res.path(CALL_2023).write_bytes(b"id: \xff\xfe\n")
    with pytest.raises(ProgrammeDataError, match=r"appel-2023\.yaml"):
        res.load()


def test_a_second_territory_with_the_same_id(resources_copy):
    res = resources_copy(only_blois=True)
    res.write("programmes/blois-bis/territoire.yaml", res.read(TERRITORY))
    with pytest.raises(ProgrammeDataError, match="territoire « blois » en double"):
        res.load()


def test_a_second_call_with_the_same_id(resources_copy):
    res = resources_copy(only_blois=True)
    res.write("programmes/blois/appel-2023-bis.yaml", res.read(CALL_2023))
    with pytest.raises(ProgrammeDataError, match="appel « blois-2023 » en double"):
        res.load()


def test_a_parameter_defined_twice(resources_copy):
    res = resources_copy(only_blois=True)
    res.write("parametres/autre.yaml", res.read("parametres/national.yaml"))
    with pytest.raises(ProgrammeDataError, match="défini deux fois"):
        res.load()


# ------------------------------------------------------------------------------------ parameters' scopes
_PARAM = """\
parameters:
  part_qpv_minimum_pourcent:
    description: "Part minimale ({scope})"
    unit: pourcent
    values:
      2015-01-01:
        value: {value}
        reference: {{doc: regles-et-formats, section: "{scope}"}}
"""


def test_parameter_precedence_call_over_territory_over_national(resources_copy):
    res = resources_copy()
    cat = res.load()
    assert cat.parameter("part_qpv_minimum_pourcent", cat.call("blois-2023")).value == 50  # national

    res.append(TERRITORY, _PARAM.format(scope="territoire", value=60))
    cat = res.load()
    assert cat.parameter("part_qpv_minimum_pourcent", cat.call("blois-2023")).value == 60
    assert cat.parameter("part_qpv_minimum_pourcent", cat.call("blois-2021")).value == 60
    assert cat.parameter("part_qpv_minimum_pourcent", cat.call("amboise-2022")).value == 50  # other territory

    res.append(CALL_2023, _PARAM.format(scope="appel", value=70))
    cat = res.load()
    assert cat.parameter("part_qpv_minimum_pourcent", cat.call("blois-2023")).value == 70
    assert cat.parameter("part_qpv_minimum_pourcent", cat.call("blois-2021")).value == 60
    assert cat.parameter("seuil_convention_cents", cat.call("blois-2023")).value == 2_300_000  # still national


def test_a_territory_parameter_without_reference_is_refused(resources_copy):
    res = resources_copy(only_blois=True)
    text = _PARAM.format(scope="territoire", value=60).replace(
        '        reference: {doc: regles-et-formats, section: "territoire"}\n', ""
    )
    res.append(TERRITORY, text)
    with pytest.raises(ProgrammeDataError, match="clé obligatoire absente : reference"):
        res.load()


# ------------------------------------------------------------------------------------ a new year
def test_a_new_years_call_needs_a_new_data_file_only(resources_copy):
    res = resources_copy(only_blois=True)
    data = load_yaml(res.path(CALL_2023))
    data.update(
        id="blois-2024",
        year=2024,
        title="Appel à projets 2024 du contrat de ville de Blois",
        geography="qpv-2024",
        quartiers=[{"quartier": "blois-nord"}, {"quartier": "blois-quiniere-nord-ouest"}],
        opens=dt.date(2023, 10, 2),
        deadline=dt.date(2023, 11, 17),
        action_start=dt.date(2024, 1, 1),
        action_end=dt.date(2024, 12, 31),
    )
    for op in data["operational_priorities"]:
        op["id"] = op["id"].replace("2023-", "2024-")
    res.write("programmes/blois/appel-2024.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    cat = res.load()
    assert [c.id for c in cat.calls_of("blois")] == ["blois-2021", "blois-2023", "blois-2024"]
    call = cat.call("blois-2024")
    assert call.year == 2024
    assert cat.geography_of(call).id == "qpv-2024"
    assert cat.geography_of(call).quartier("blois-nord").code == "QN04101M"
    assert cat.territory_of(call).id == "blois"
    assert cat.parameter("cer_obligatoire", call).value is True
    assert len(call.operational_priorities) == len(cat.call("blois-2023").operational_priorities)


def test_a_new_call_with_a_quartier_of_the_old_geography_is_refused(resources_copy):
    res = resources_copy(only_blois=True)
    data = load_yaml(res.path(CALL_2023))
    data.update(id="blois-2024", year=2024, geography="qpv-2024",
                action_start=dt.date(2024, 1, 1), action_end=dt.date(2024, 12, 31))
    res.write("programmes/blois/appel-2024.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    with pytest.raises(ProgrammeDataError, match="quartier « blois-quartiers-nord » absent de qpv-2024"):
        res.load()
