"""The evaluation sets of ``make eval`` (eval/*.yml): present, following the schema, large enough,
and independent: no evaluation message is a training example of the NLU or a phrase of the safety
code's own banks.

A missing set fails these tests: the sets are required.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from eval import SET_NAMES, SETS_DIR, SetError, load_set, set_path
from launchers.servers import ROOT

NLU_DIR = ROOT / "data" / "nlu"
SAFETY_DIR = ROOT / "safety"
MIN_SIZES = {("messages",): 500, ("conversations",): 80, ("red_flags", "crisis"): 400}
ENTITY_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def normalise(text: str) -> str:
    """Lower case, punctuation stripped, whitespace collapsed."""
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def strip_entities(example: str) -> str:
    """``show me the [hip flexor stretch]{"entity": ...}`` -> ``show me the hip flexor stretch``."""
    return ENTITY_ANNOTATION.sub(r"\1", example)


def training_examples(folder: Path = NLU_DIR) -> set[str]:
    """Every NLU training example under ``folder``, entity annotations stripped, normalised."""
    found: set[str] = set()
    for path in sorted(folder.rglob("*.yml")) + sorted(folder.rglob("*.yaml")):
        for entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            examples = entry.get("examples") if isinstance(entry, dict) else None
            if isinstance(examples, str):
                lines = [line.strip()[2:] for line in examples.splitlines() if line.strip().startswith("- ")]
            elif isinstance(examples, list):
                lines = [e.get("text", "") if isinstance(e, dict) else str(e) for e in examples]
            else:
                continue
            found.update(normalise(strip_entities(line)) for line in lines)
    return found - {""}


def _strings(value: Any) -> Iterator[str]:
    """The string values in ``value`` (a mapping's keys are labels, not phrasings)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


PHRASE_WORDS = 3


def bank_strings(folder: Path = SAFETY_DIR) -> set[str]:
    """Every string of the safety code's banks under ``folder``, normalised: each string scalar of
    its YAML and JSON files and each string literal of its Python files that reads as a phrase
    (three words or more; single words there are vocabulary, such as the label "suicidal")."""
    found: set[str] = set()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".yml", ".yaml"):
            found.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
        elif path.suffix == ".json":
            found.update(_strings(json.loads(path.read_text(encoding="utf-8"))))
        elif path.suffix == ".py":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found.update(
                node.value
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and len(node.value.split()) >= PHRASE_WORDS
            )
    return {normalise(text) for text in found} - {""}


HOLDOUT_DIR = SETS_DIR / "holdout"


def texts(name: str) -> list[str]:
    """The messages of set ``name``, in the main sets and in the holdout sets written after fixes."""
    return [
        item.text
        for folder in (SETS_DIR, HOLDOUT_DIR)
        if set_path(name, folder).exists()
        for item in load_set(name, folder)
    ]


# --- the sets ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SET_NAMES)
def test_the_set_exists_and_every_item_follows_the_schema(name: str) -> None:
    path = set_path(name)
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: the evaluation sets are required"
    try:
        items = load_set(name)
    except SetError as error:
        pytest.fail("\n".join(error.problems[:50]))
    assert items, f"{path.relative_to(ROOT)} is empty"


@pytest.mark.parametrize(("names", "minimum"), MIN_SIZES.items())
def test_the_sets_are_large_enough(names: tuple[str, ...], minimum: int) -> None:
    missing = [str(set_path(name).relative_to(ROOT)) for name in names if not set_path(name).exists()]
    assert not missing, f"missing: {', '.join(missing)}"
    size = sum(len(load_set(name)) for name in names)
    assert size >= minimum, f"{' + '.join(names)}: {size} items, at least {minimum} needed"


def test_no_evaluation_message_is_a_training_example() -> None:
    training = training_examples()
    leaks = [
        text
        for name in ("messages", "red_flags", "crisis")
        for text in texts(name)
        if normalise(text) in training
    ]
    assert not leaks, f"{len(leaks)} evaluation messages are NLU training examples: {leaks[:20]}"


def test_no_red_flag_or_crisis_item_is_in_a_safety_bank() -> None:
    bank = bank_strings()
    leaks = [text for name in ("red_flags", "crisis") for text in texts(name) if normalise(text) in bank]
    assert not leaks, f"{len(leaks)} red-flag/crisis items are strings of safety/: {leaks[:20]}"


# --- the checks themselves can fail -------------------------------------------------------------


def test_training_examples_are_read_without_entity_annotations() -> None:
    examples = training_examples()
    assert normalise("how common is back pain") in examples
    assert "how do i do the hip flexor stretch" in examples
    assert not any("{" in example or "entity" in example for example in examples)


def test_bank_strings_are_collected_from_yaml_json_and_python(tmp_path: Path) -> None:
    (tmp_path / "bank.yml").write_text("phrases:\n  emergency:\n    - I CAN'T feel my legs!\n")
    (tmp_path / "more.json").write_text(json.dumps({"crisis": ["I want it all to stop"]}))
    (tmp_path / "signs.py").write_text('EXAMPLES = ("numb down there",)\n')
    assert {"i cant feel my legs", "i want it all to stop", "numb down there"} <= bank_strings(tmp_path)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("messages", "- {text: hi, expect: greeting}", "expect"),
        ("messages", "- {text: how common, expect: answer, topic: weather}", "topic"),
        ("messages", "- {text: show me, expect: greet, exercise: any}", "exercise"),
        (
            "conversations",
            "- {id: a, persona: p, turns: [hi], expect: {outcome: care, level: mild}}",
            "level",
        ),
        (
            "conversations",
            "- {id: a, persona: p, turns: [{screen: {injured: true}}], expect: {outcome: crisis}}",
            "unknown keys",
        ),
        ("conversations", "- {id: a, persona: p, turns: [{stretch: []}], expect: {outcome: crisis}}", "list"),
        ("red_flags", "- {text: numb legs, level: crisis, sign: s, kind: k}", "level"),
        ("crisis", "- {text: i want to die, level: emergency, sign: s, kind: k}", "level"),
    ],
)
def test_invalid_labels_are_rejected(tmp_path: Path, name: str, content: str, problem: str) -> None:
    (tmp_path / f"{name}.yml").write_text(content + "\n")
    with pytest.raises(SetError) as raised:
        load_set(name, tmp_path)
    assert problem in str(raised.value)


def test_a_valid_set_of_each_kind_loads(tmp_path: Path) -> None:
    (tmp_path / "messages.yml").write_text(
        "- {text: hi, expect: greet}\n- {text: x, expect: answer, topic: plank}\n"
    )
    (tmp_path / "conversations.yml").write_text(
        "- id: c1\n  persona: clear\n  turns:\n    - show me the stretches\n"
        "    - screen: {injury: false, leg_symptoms: false, weakness: false, cauda_equina: false,\n"
        "               systemic: false}\n"
        "    - stretch: [next, done]\n  expect: {outcome: stretch, exercise: any}\n"
    )
    assert [item.expect for item in load_set("messages", tmp_path)] == ["greet", "answer"]
    (conversation,) = load_set("conversations", tmp_path)
    assert conversation.outcome == "stretch" and len(conversation.turns) == 3
