"""The QPV perimeters (GeoJSON) and the point-in-perimeter test, with shapely.

A location is indicative: the official check is the State's « SIG Ville » service. The polygons are
loaded once per file and prepared (shapely's spatial index), so a test costs microseconds.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

# shapely (and numpy under it, 0.3 s) is imported when a dossier gives a location to test, not before:
# `main.py check` of a dossier without one never loads it (tests/rules/test_rules_cli_imports.py), nor
# does the application's start-up.


class PerimeterFileError(ValueError):
    """The perimeters file cannot be read."""


@dataclass(frozen=True)
class Perimeter:
    code: str  # code_qp of the feature (e.g. "QN04101M")
    name: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class Perimeters:
    path: Path
    items: tuple[Perimeter, ...]

    def containing(self, longitude: float, latitude: float) -> list[Perimeter]:
        """The perimeters that contain the point (boundary included); [] for an invalid point."""
        if not (math.isfinite(longitude) and math.isfinite(latitude)):
            return []
        from shapely.geometry import Point

        point = Point(longitude, latitude)
        return [p for p in self.items if p.geometry.covers(point)]


def valid_coordinates(longitude: float, latitude: float) -> bool:
    return (
        math.isfinite(longitude)
        and math.isfinite(latitude)
        and -180.0 <= longitude <= 180.0
        and -90.0 <= latitude <= 90.0
    )


@functools.lru_cache(maxsize=8)
def load_perimeters(path: Path) -> Perimeters:
    import shapely
    from shapely.geometry import shape

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        items = []
        for feature in data["features"]:
            props = feature.get("properties") or {}
            geometry = shape(feature["geometry"])
            shapely.prepare(geometry)
            items.append(Perimeter(str(props.get("code_qp", "")), str(props.get("lib_qp", "")), geometry))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PerimeterFileError(f"{path}: périmètres illisibles ({exc})") from None
    return Perimeters(Path(path), tuple(items))
