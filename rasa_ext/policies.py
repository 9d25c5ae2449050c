"""Rasa's rule policy, matching a conversation only as far back as the longest rule reaches.

Rasa 3.6's ``RulePolicy._get_possible_keys`` walks back through every state of the session for
every rule, although a rule shorter than the walk so far always stays applicable: past its own
length there is nothing left to check. Profiling under load (docs/PERFORMANCE.md) showed that walk
at about 7% of a Rasa process's time, growing with the length of the conversation. Here the walk
stops once it is past the longest remaining rule, which returns the same keys; each rule's length
is read from its key once, not on every turn.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.generator import State

from rasa_ext import rasa_changes


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class FastLookupRulePolicy(RulePolicy):
    """``RulePolicy`` with the same rules and predictions, whose rule lookup stops at the longest
    rule.

    Loading it also installs the project's changes to Rasa (``rasa_ext/rasa_changes.py``): a
    plain ``rasa run`` runs no project entry point, and this model's loading is the first project
    code it runs before answering; after an entry point's install it changes nothing.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._rule_lengths: dict[str, int] = {}

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RulePolicy:
        rasa_changes.install()
        return super().load(config, model_storage, resource, execution_context, **kwargs)

    def _rule_length(self, key: str) -> int:
        """How many turns back the rule ``key`` looks."""
        length = self._rule_lengths.get(key)
        if length is None:
            # A key is the rule's states as JSON, so its length never changes.
            length = self._rule_lengths[key] = len(self._rule_key_to_state(key))
        return length

    def _reach(self, keys: set[str]) -> int:
        """How many turns back the longest of ``keys`` looks."""
        return max(map(self._rule_length, keys), default=0)

    def _get_possible_keys(self, lookup: dict[str, str], states: list[State]) -> set[str]:
        possible_keys = set(lookup.keys())
        reach = self._reach(possible_keys)
        for turn_index, state in enumerate(reversed(states)):
            if turn_index >= reach:
                break
            possible_keys = {key for key in possible_keys if self._is_rule_applicable(key, turn_index, state)}
            reach = self._reach(possible_keys)
        return possible_keys
