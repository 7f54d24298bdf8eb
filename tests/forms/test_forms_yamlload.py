"""Strict YAML reading (forms.yamlload): duplicate keys and invalid YAML are errors naming the place."""

from __future__ import annotations

import datetime as dt

import pytest

from forms.yamlload import YamlError, load_yaml, load_yaml_text


def test_plain_yaml_is_read_safely():
    data = load_yaml_text("a: 1\nb: [x, y]\nc: 2023-01-02\nd: {e: true}\n")
    assert data == {"a": 1, "b": ["x", "y"], "c": dt.date(2023, 1, 2), "d": {"e": True}}


def test_anchors_and_aliases_are_allowed():
    data = load_yaml_text("a: &s {doc: x, section: y}\nb: *s\n")
    assert data["a"] == data["b"] == {"doc": "x", "section": "y"}


def test_duplicate_top_level_key_names_the_line():
    with pytest.raises(YamlError, match=r"ligne 3 : clé en double « id »"):
        load_yaml_text("id: a\ntitle: b\nid: c\n", "appel.yaml")


def test_duplicate_nested_key_names_the_file_and_line():
    text = "enjeux:\n  - id: E1\n    title: x\n  - id: E2\n    title: y\n    title: z\n"
    with pytest.raises(YamlError) as info:
        load_yaml_text(text, "territoire.yaml")
    assert str(info.value) == "territoire.yaml, ligne 6 : clé en double « title »"


def test_duplicate_key_in_a_flow_mapping_and_date_keys():
    with pytest.raises(YamlError, match="ligne 1 : clé en double « a »"):
        load_yaml_text("x: {a: 1, a: 2}\n")
    with pytest.raises(YamlError, match="ligne 3 : clé en double « 2015-01-01 »"):
        load_yaml_text("values:\n  2015-01-01: 1\n  2015-01-01: 2\n")


def test_same_key_in_different_mappings_is_fine():
    assert load_yaml_text("- {id: a}\n- {id: b}\n") == [{"id": "a"}, {"id": "b"}]


@pytest.mark.parametrize("text", ["a: [1, 2\n", "a: b: c\n", "a:\n\t- x\n", "- a\nb: 1\n", "a: *nulle\n"])
def test_invalid_yaml_is_a_yaml_error(text):
    with pytest.raises(YamlError, match=r"fichier\.yaml : YAML invalide"):
        load_yaml_text(text, "fichier.yaml")


def test_unsafe_tags_are_refused():
    with pytest.raises(YamlError, match="YAML invalide"):
        load_yaml_text("a: !!python/object/apply:os.system ['true']\n")


def test_unhashable_key_is_an_error():
    with pytest.raises(YamlError, match="ligne 1 : clé non valable"):
        load_yaml_text("? [a, b]\n: 1\n")


def test_load_yaml_names_the_file(tmp_path):
    path = tmp_path / "appel-2023.yaml"
    path.write_text("id: a\nid: b\n", encoding="utf-8")
    with pytest.raises(YamlError) as info:
        load_yaml(path)
    assert str(path) in str(info.value)
    assert "ligne 2" in str(info.value)
