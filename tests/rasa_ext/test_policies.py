"""The rule policy of config.yml, whose lookup stops at the longest rule, finds exactly the rules
Rasa's full walk finds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.agent import Agent
from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.importers.importer import TrainingDataImporter

from launchers.servers import ROOT
from rasa_ext.policies import FastLookupRulePolicy
from tests.rasa_ext.components import only_component


@pytest.fixture(scope="module")
def trained(trained_model: Path) -> tuple[FastLookupRulePolicy, Domain]:
    agent = Agent.load(str(trained_model))
    return only_component(agent, FastLookupRulePolicy), agent.domain


def story_states(policy: FastLookupRulePolicy, domain: Domain) -> list[list[Any]]:
    """The rule policy's view of every turn of every test story and training story."""
    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(ROOT / "domain.yml"),
        training_data_paths=[str(ROOT / "tests" / "stories"), str(ROOT / "data")],
    )
    trackers = TrainingDataGenerator(importer.get_stories(), domain, augmentation_factor=0).generate()
    rule_only = policy._get_rule_only_data()
    return [
        policy._prediction_states(prior, domain, False, rule_only_data=rule_only)
        for tracker in trackers
        for prior, _ in tracker.generate_all_prior_trackers()
    ]


def test_the_same_rules_match_at_every_turn_of_every_story(
    trained: tuple[FastLookupRulePolicy, Domain],
) -> None:
    policy, domain = trained
    all_states = story_states(policy, domain)
    assert len(all_states) > 200
    assert max(len(states) for states in all_states) > 10
    matched = 0
    for states in all_states:
        for table in (RULES, RULES_FOR_LOOP_UNHAPPY_PATH):
            expected = RulePolicy._get_possible_keys(policy, policy.lookup[table], states)
            assert policy._get_possible_keys(policy.lookup[table], states) == expected
            matched += bool(expected)
    assert matched > 100  # the comparison covers turns where rules apply, not only empty sets


def test_the_walk_does_not_grow_with_the_conversation(
    trained: tuple[FastLookupRulePolicy, Domain], monkeypatch: pytest.MonkeyPatch
) -> None:
    policy, domain = trained
    states = max(story_states(policy, domain), key=len)
    calls = 0
    original = RulePolicy._is_rule_applicable

    def counted(self: RulePolicy, *args: Any) -> bool:
        nonlocal calls
        calls += 1
        return original(self, *args)

    monkeypatch.setattr(RulePolicy, "_is_rule_applicable", counted)
    policy._get_possible_keys(policy.lookup[RULES], states)
    short = calls
    calls = 0
    policy._get_possible_keys(policy.lookup[RULES], states[:1] * 10 + states)
    assert calls == short
    calls = 0
    RulePolicy._get_possible_keys(policy, policy.lookup[RULES], states[:1] * 10 + states)
    assert calls > short


def test_it_is_the_rule_policy_of_config_yml() -> None:
    policies = [policy["name"] for policy in yaml.safe_load((ROOT / "config.yml").read_text())["policies"]]
    assert "rasa_ext.policies.FastLookupRulePolicy" in policies
    assert "RulePolicy" not in policies
