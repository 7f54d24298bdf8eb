"""A private X server for the tests that run the real application (tests/conftest.py: `x_display`)."""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def private_xvfb(folder: Path, screen: str = "1280x900x24") -> Iterator[str]:
    """Xvfb on a display it picks itself (never a fixed :99), ended afterwards; yields ":<number>"."""
    read_end, write_end = os.pipe()
    log = folder / "xvfb.log"
    with log.open("wb") as err:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
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
