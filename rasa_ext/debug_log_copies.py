"""Skip the deep copies Rasa 3.6 makes only to put them in debug log lines, unless debug is on.

The dialogue modules pass ``copy.deepcopy(...)`` of states, events and parse data as arguments
to ``structlogger.debug``: Python evaluates the argument, and so copies, even when debug logging
is off and structlog drops the line. Profiling under load (docs/PERFORMANCE.md) put those copies
at about 2% of a Rasa process's time. In these modules ``copy.deepcopy`` is used for nothing
else (``test_debug_log_copies`` checks it), so their ``copy`` is replaced by one whose
``deepcopy`` copies only when the module's logger would write a debug line
(``rasa_ext/rasa_changes.py`` installs it).
"""

from __future__ import annotations

import copy
import logging
from types import ModuleType
from typing import Any, TypeVar

import rasa.core.policies.memoization
import rasa.core.policies.rule_policy
import rasa.core.processor

T = TypeVar("T")

MODULES: tuple[ModuleType, ...] = (
    rasa.core.processor,
    rasa.core.policies.memoization,
    rasa.core.policies.rule_policy,
)


class CopyForDebugLog:
    """Stands in for the ``copy`` module where deep copies only feed debug log lines."""

    def __init__(self, logger_name: str) -> None:
        self._logger = logging.getLogger(logger_name)

    def deepcopy(self, value: T) -> T:
        """A deep copy when debug lines are written; otherwise ``value`` itself, which is only logged."""
        return copy.deepcopy(value) if self._logger.isEnabledFor(logging.DEBUG) else value

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)
