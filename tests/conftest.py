"""Settings for the whole suite."""

from __future__ import annotations

import os
import select
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI runs are reproducible: the same examples every time, no database carried between runs.
# Locally, hypothesis explores new examples on each run (and remembers the failing ones).
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A private X server: Xvfb picks a free display itself and writes its number once it accepts clients."""
    read_end, write_end = os.pipe()
    log = tmp_path / "xvfb.log"
    with log.open("wb") as err:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=err,
        )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 30)
        number = os.read(read_end, 32).decode("ascii").strip() if ready else ""
        if not number:
            pytest.fail(f"Xvfb n'a pas démarré : {log.read_text(errors='replace')}")
        yield f":{number}"
    finally:
        os.close(read_end)
        if server.poll() is None:
            server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
