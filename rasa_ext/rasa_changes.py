"""The changes to Rasa's internals that have no extension point, installed by one explicit call.

Each change is written for Rasa 3.6.21 and checked against Rasa's own behaviour in
``tests/rasa_ext/``; the module named beside it says why it is there:

- ``RemoteAction.__init__``: custom actions call through pooled connections (action_connections);
- ``RemoteAction.run`` and the two ``DEFAULT_REQUEST_TIMEOUT``: action calls are bounded and
  answered by a fallback when they fail (action_fallback);
- ``RemoteAction._validate_action_result``: responses are validated without re-checking the
  schema (action_validation);
- ``Event.resolve_by_type``: event classes are found in a table (event_types);
- the ``copy`` of three dialogue modules: no deep copies for debug lines that are not written
  (debug_log_copies).

The project's entry points call :func:`install` before Rasa starts: ``python -m rasa_ext.serve``
(``make run``, the production profile), ``scripts/story_tests.py`` and ``python -m
rasa_ext.rasa_cli`` (``make shell``). A plain ``rasa run`` with this project's config gets the
same changes when it loads the model: ``config.yml``'s rule policy (``rasa_ext/policies.py``)
calls :func:`install` too. Importing this module or any other changes nothing.

Each change is named by its module (``action_connections``, ...). The bench's ablation
(``bench/ablation.py``) leaves named ones out through ``BACKCOACH_SKIP_RASA_CHANGES`` to measure
what each gives (docs/PERFORMANCE.md); nothing else sets it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import rasa.core.actions.action as rasa_action
import rasa.utils.endpoints as rasa_endpoints
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.version import __version__ as installed_rasa_version

import settings
from rasa_ext import action_connections, action_fallback, action_validation, debug_log_copies, event_types

logger = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"
# Set once on each changed class or module: the names changed there, with Rasa's own values.
MARK = "__backcoach_changes__"


@dataclass(frozen=True)
class Change:
    """``owner.name = value``, where ``owner`` is a Rasa class or module, for the reason given in
    the project's module ``why``."""

    owner: Any
    name: str
    value: Any
    why: ModuleType

    @property
    def group(self) -> str:
        """The name that switches this change off with the others of its module: ``event_types``."""
        return self.why.__name__.rsplit(".", 1)[-1]

    def label(self) -> str:
        """``Class.name``, or ``package.module.name`` for a module's name."""
        owner = self.owner.__name__ if isinstance(self.owner, ModuleType) else self.owner.__qualname__
        return f"{owner}.{self.name}"


def changes() -> list[Change]:
    """Every change, with the values of the current environment (the action timeout)."""
    timeout = settings.action_timeout_seconds()
    return [
        Change(RemoteAction, "__init__", action_connections.remote_action_init, action_connections),
        Change(RemoteAction, "run", action_fallback.run_with_fallback, action_fallback),
        Change(rasa_action, "DEFAULT_REQUEST_TIMEOUT", timeout, action_fallback),
        Change(rasa_endpoints, "DEFAULT_REQUEST_TIMEOUT", timeout, action_fallback),
        Change(
            RemoteAction,
            "_validate_action_result",
            action_validation.validate_action_result,
            action_validation,
        ),
        Change(Event, "resolve_by_type", staticmethod(event_types.resolve_by_type), event_types),
        *(
            Change(module, "copy", debug_log_copies.CopyForDebugLog(module.__name__), debug_log_copies)
            for module in debug_log_copies.MODULES
        ),
    ]


def groups() -> list[str]:
    """The names of the changes' modules, in order: what ``BACKCOACH_SKIP_RASA_CHANGES`` may name."""
    return list(dict.fromkeys(change.group for change in changes()))


def wanted_changes() -> list[Change]:
    """Every change but those of the groups the environment leaves out (for the bench's ablation)."""
    skipped = settings.skipped_rasa_changes()
    unknown = skipped - set(groups())
    if unknown:
        raise SystemExit(
            f"{settings.SKIP_RASA_CHANGES_VARIABLE} names {', '.join(sorted(unknown))}, which is not a "
            f"change to Rasa; the changes are {', '.join(groups())}."
        )
    return [change for change in changes() if change.group not in skipped]


def check_rasa_version(version: str = installed_rasa_version) -> None:
    """Refuse to run on a Rasa other than the one the changes were written for."""
    if version != RASA_VERSION:
        raise SystemExit(
            f"BackCoach changes internals of Rasa {RASA_VERSION} (rasa_ext/rasa_changes.py), but "
            f"Rasa {version} is installed. Install the locked requirements (make setup), or check "
            f"each change against Rasa {version} before raising RASA_VERSION."
        )


def install() -> None:
    """Make every wanted change not made yet, and log one line naming them all.

    The line is logged on every call: an entry point calls this before Rasa sets up its logging,
    so a server's log shows it from the call made when the model is loaded.
    """
    check_rasa_version()
    # Built here, not on the first custom-action call (about 35 ms), and so before
    # rasa_ext.serve forks its servers, which inherit it built.
    action_validation.response_validator()
    wanted = wanted_changes()
    for change in wanted:
        _make(change)
    left_out = sorted(settings.skipped_rasa_changes())
    logger.info(
        "Rasa %s runs with BackCoach's changes (rasa_ext/rasa_changes.py): %s%s",
        RASA_VERSION,
        ", ".join(change.label() for change in wanted),
        f"; left out for the ablation: {', '.join(left_out)}" if left_out else "",
    )


def uninstall() -> None:
    """Give every changed class and module back Rasa's own values (for tests)."""
    for change in changes():
        originals = vars(change.owner).get(MARK, {})
        if change.name in originals:
            setattr(change.owner, change.name, originals.pop(change.name))


def _make(change: Change) -> None:
    """Make ``change`` unless the owner's mark says it is made already."""
    originals = vars(change.owner).get(MARK)
    if originals is None:
        originals = {}
        setattr(change.owner, MARK, originals)
    if change.name not in originals:
        originals[change.name] = vars(change.owner)[change.name]
        setattr(change.owner, change.name, change.value)
