"""The two locks: requirements.lock holds what the servers run and no development tool,
requirements-dev.lock the tools, at the versions of requirements.lock; every pin has a hash."""

from __future__ import annotations

import re
from pathlib import Path

from launchers.servers import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+) \\$")
DEV_TOOLS = {"playwright", "py-spy", "pytest", "ruff"}


def pins(lock: Path) -> dict[str, tuple[str, list[str]]]:
    """Each pinned package's normalised name, with its version and hashes."""
    pinned: dict[str, tuple[str, list[str]]] = {}
    name = ""
    for line in lock.read_text().splitlines():
        if match := PIN.match(line):
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            pinned[name] = (match.group(2), [])
        elif line.strip().startswith("--hash=sha256:"):
            pinned[name][1].append(line.strip())
    return pinned


def test_the_runtime_lock_holds_no_development_tool() -> None:
    runtime = pins(ROOT / "requirements.lock")
    assert "rasa" in runtime
    assert not DEV_TOOLS & runtime.keys()


def test_the_development_lock_agrees_with_the_runtime_lock() -> None:
    runtime, development = pins(ROOT / "requirements.lock"), pins(ROOT / "requirements-dev.lock")
    assert DEV_TOOLS <= development.keys()
    shared = runtime.keys() & development.keys()
    assert {name: runtime[name] for name in shared} == {name: development[name] for name in shared}


def test_every_pin_has_a_hash() -> None:
    for lock in ("requirements.lock", "requirements-dev.lock"):
        assert all(hashes for _, hashes in pins(ROOT / lock).values()), lock
