"""Match a conversation against the learned rules only as far back as the longest rule reaches.

Rasa 3.6's ``RulePolicy._get_possible_keys`` walks back through every state of the session for
every rule, although a rule shorter than the walk so far always stays applicable: past its own
length there is nothing left to check. Profiling under load (docs/PERFORMANCE.md) showed that walk
at about 7% of a Rasa process's time, growing with the length of the conversation. Here the walk
stops once it is past the longest remaining rule, which returns the same keys.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.generator import State

_rasa_get_possible_keys = RulePolicy._get_possible_keys


def _reach(self: RulePolicy, keys: set[str]) -> int:
    """How many turns back the longest of ``keys`` looks."""
    return max((len(self._rule_key_to_state(key)) for key in keys), default=0)


def _get_possible_keys(self: RulePolicy, lookup: dict[str, Any], states: list[State]) -> set[str]:
    possible_keys = set(lookup.keys())
    reach = _reach(self, possible_keys)
    for turn_index, state in enumerate(reversed(states)):
        if turn_index >= reach:
            break
        possible_keys = {key for key in possible_keys if self._is_rule_applicable(key, turn_index, state)}
        reach = _reach(self, possible_keys)
    return possible_keys


def install() -> None:
    """Make every rule policy stop its walk at the longest rule (idempotent)."""
    RulePolicy._get_possible_keys = _get_possible_keys  # type: ignore[method-assign]


def uninstall() -> None:
    """Restore Rasa's own walk."""
    RulePolicy._get_possible_keys = _rasa_get_possible_keys  # type: ignore[method-assign]
