"""The project's changes to Rasa: made only by ``install``, once, on the Rasa they were written for;
importing the project changes nothing."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.version import __version__ as installed_rasa_version

import settings
from launchers.servers import ROOT
from rasa_ext import action_fallback, rasa_changes

# In a fresh interpreter: every attribute of every Rasa module and class loaded by a server, then
# every rasa_ext module imported, then what differs (by identity) or carries the mark.
IMPORT_EVERYTHING = """
import importlib, inspect, json, pkgutil, sys
for name in ("rasa.__main__", "rasa.core.run", "rasa.server", "rasa.core.agent",
             "rasa.engine.recipes.default_components", "rasa.core.policies.rule_policy"):
    importlib.import_module(name)

def owners():
    for module in [m for name, m in list(sys.modules.items()) if name.split(".")[0] == "rasa" and m]:
        yield module.__name__, module
        for cls_name, cls in list(vars(module).items()):
            if inspect.isclass(cls) and cls.__module__ == module.__name__:
                yield f"{module.__name__}.{cls_name}", cls

before = {name: dict(vars(owner)) for name, owner in owners()}
import rasa_ext
imported = [info.name for info in pkgutil.walk_packages(rasa_ext.__path__, "rasa_ext.")]
for name in imported:
    importlib.import_module(name)
changed = [
    f"{name}.{key}"
    for name, owner in owners() if name in before
    for key, value in vars(owner).items()
    if key == "__backcoach_changes__" or (key in before[name] and before[name][key] is not value)
]
print(json.dumps({"imported": imported, "changed": changed}))
"""


def test_importing_every_rasa_ext_module_changes_no_rasa_object() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    expected = {"rasa_ext.rasa_changes", "rasa_ext.policies", "rasa_ext.nlu.diet", "rasa_ext.serve"}
    assert expected <= set(report["imported"])
    assert report["changed"] == []


@pytest.fixture
def installed() -> Iterator[None]:
    rasa_changes.install()
    yield
    rasa_changes.uninstall()


def test_install_marks_each_changed_object_once_and_changes_it_once(installed: None) -> None:
    run = RemoteAction.run
    rasa_changes.install()
    assert RemoteAction.run is run is action_fallback.run_with_fallback
    for change in rasa_changes.changes():
        marked = vars(change.owner)[rasa_changes.MARK]
        assert change.name in marked
        assert getattr(change.owner, change.name) is not marked[change.name]


def test_install_logs_one_line_naming_every_change(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=rasa_changes.logger.name):
        rasa_changes.install()
    rasa_changes.uninstall()
    [line] = [record.getMessage() for record in caplog.records if record.name == rasa_changes.logger.name]
    for change in rasa_changes.changes():
        assert change.label() in line
    assert "RemoteAction.run" in line and "rasa.core.processor.copy" in line


def test_uninstall_gives_rasa_its_own_values_back() -> None:
    rasa_changes.uninstall()  # whatever an earlier test (loading the model, say) installed
    rasa_run = vars(RemoteAction)["run"]
    assert rasa_run.__module__ == "rasa.core.actions.action"
    rasa_changes.install()
    assert vars(RemoteAction)["run"] is not rasa_run
    rasa_changes.uninstall()
    assert vars(RemoteAction)["run"] is rasa_run


def test_another_rasa_version_is_refused_with_a_clear_message() -> None:
    assert installed_rasa_version == rasa_changes.RASA_VERSION
    rasa_changes.check_rasa_version(rasa_changes.RASA_VERSION)
    with pytest.raises(SystemExit, match=r"Rasa 3\.6\.21 .* but Rasa 3\.7\.0 is installed.*make setup"):
        rasa_changes.check_rasa_version("3.7.0")


def test_entry_points_install_the_changes_explicitly() -> None:
    for path in ("scripts/story_tests.py", "rasa_ext/rasa_cli.py", "rasa_ext/serve.py"):
        assert "rasa_changes.install()" in (ROOT / path).read_text(), path
    assert "-m rasa_ext.rasa_cli shell" in (ROOT / "scripts" / "shell.sh").read_text()
    assert "-m rasa_ext.serve" in (ROOT / "scripts" / "run.sh").read_text()


def test_plain_rasa_run_gets_the_changes_when_it_loads_the_model(trained_model: Path) -> None:
    """A fresh ``rasa run`` process, as far as loading the model (what it does before answering)."""
    script = (
        "import asyncio\n"
        "from rasa.core.agent import load_agent\n"
        "from rasa.core.actions.action import RemoteAction\n"
        "from rasa_ext.action_fallback import run_with_fallback\n"
        "assert RemoteAction.run is not run_with_fallback\n"
        f"agent = asyncio.run(load_agent(model_path={str(trained_model)!r}))\n"
        "assert agent.is_ready()\n"
        "assert RemoteAction.run is run_with_fallback\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_ablation_leaves_out_the_changes_it_names(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    rasa_changes.uninstall()
    monkeypatch.setenv(settings.SKIP_RASA_CHANGES_VARIABLE, "event_types, debug_log_copies")
    with caplog.at_level(logging.INFO, logger=rasa_changes.logger.name):
        rasa_changes.install()
    try:
        for change in rasa_changes.changes():
            made = change.name in vars(change.owner).get(rasa_changes.MARK, {})
            assert made is (change.group not in {"event_types", "debug_log_copies"}), change.label()
    finally:
        rasa_changes.uninstall()
    [line] = [record.getMessage() for record in caplog.records if record.name == rasa_changes.logger.name]
    assert line.endswith("left out for the ablation: debug_log_copies, event_types")
    assert "Event.resolve_by_type" not in line and "RemoteAction.run" in line


def test_the_ablation_refuses_a_name_that_is_no_change(monkeypatch: pytest.MonkeyPatch) -> None:
    assert rasa_changes.groups() == [
        "action_connections", "action_fallback", "action_validation", "event_types", "debug_log_copies"
    ]
    monkeypatch.setenv(settings.SKIP_RASA_CHANGES_VARIABLE, "event_type")
    with pytest.raises(SystemExit, match="names event_type, which is not a change to Rasa"):
        rasa_changes.install()
