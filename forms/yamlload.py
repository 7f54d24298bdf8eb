"""YAML reading for the programme data: safe, and strict about duplicate keys.

PyYAML silently keeps the last of two equal keys; in programme data that hides a copy-paste mistake
(two enjeux "E3"), so a duplicate key is an error naming the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class YamlError(ValueError):
    pass


# The C parser (libyaml) when PyYAML has it: loading the programme data is ~10x faster, which the
# application's cold start and the test suite feel. Same safe constructors either way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise YamlError(f"ligne {key_node.start_mark.line + 1} : clé non valable") from None
        if key in mapping:
            raise YamlError(f"ligne {key_node.start_mark.line + 1} : clé en double « {key} »")
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml_text(text: str, name: str = "<texte>") -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)   # a SafeLoader subclass
    except YamlError as exc:
        raise YamlError(f"{name}, {exc}") from None
    except yaml.YAMLError as exc:
        raise YamlError(f"{name} : YAML invalide ({exc})") from None


def load_yaml(path: Path) -> Any:
    return load_yaml_text(path.read_text(encoding="utf-8"), str(path))
