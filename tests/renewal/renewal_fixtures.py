"""Constants of the renewal tests (the catalogue with the fixture calls of 2025 is the root conftest's
`later_catalogue`)."""

from __future__ import annotations

from forms.programmes import RESOURCES_DIR

EXAMPLES_DIR = RESOURCES_DIR / "examples"
# each shipped example and the later call it is renewed into
RENEWALS = {
    "blois-2021-culture": "blois-2025",
    "blois-2023-insertion": "blois-2025",
    "amboise-acces-droits": "amboise-2025",
}
