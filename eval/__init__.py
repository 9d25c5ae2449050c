"""The independent evaluation sets of ``make eval`` (``python -m eval.run``) and their schema.

The sets live in this folder and are never training data (tests/eval/test_eval_sets.py checks):

- ``messages.yml``: ``{text, expect, topic?, exercise?}``, each sent as the first message of a
  fresh conversation.
- ``conversations.yml``: ``{id, persona, turns, expect}``; a turn is a user message, a
  ``{screen: {...}}`` of typed screening answers or a ``{stretch: [words...]}``.
- ``red_flags.yml``: ``{text, level, sign, kind}``, level emergency, urgent, practitioner or none.
- ``crisis.yml``: ``{text, level, sign, kind}``, level crisis or none.

:func:`load_set` reads one file into typed items and raises :class:`SetError` listing every
problem found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SETS_DIR = Path(__file__).resolve().parent
SET_NAMES = ("messages", "conversations", "red_flags", "crisis")

MESSAGE_LABELS = (
    "answer", "screen", "out_of_scope", "medication", "greet", "goodbye", "thank", "help",
    "bot_challenge", "delete_data",
)  # fmt: skip
TOPICS = (
    "prevalence", "pain_sources", "posture", "mechanics", "hip_flexors", "hamstrings", "bed_rest",
    "deep_muscles", "strategy", "plank", "hip_flexor_stretch", "hamstring_stretch", "flexibility_test",
    "massage",
)  # fmt: skip
SCREEN_EXERCISES = ("hip_flexor_stretch", "hamstring_stretch", "flexibility_test", "any")
STRETCH_EXERCISES = ("hip_flexor_stretch", "hamstring_stretch", "any")
CARE_LEVELS = ("emergency", "urgent", "practitioner")
OUTCOMES = ("answered", "stretch", "flexibility_test", "care", "crisis", "no_stretch")
SCREEN_KEYS = ("injury", "injury_major", "leg_symptoms", "leg_sides", "weakness", "cauda_equina", "systemic")
SAFETY_LEVELS = {"red_flags": (*CARE_LEVELS, "none"), "crisis": ("crisis", "none")}


class SetError(ValueError):
    """An evaluation set that does not follow the schema; ``problems`` lists every fault."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems[:20]))
        self.problems = problems


@dataclass(frozen=True)
class MessageItem:
    text: str
    expect: str
    topic: str | None = None
    exercise: str | None = None


@dataclass(frozen=True)
class ScreenTurn:
    """Typed screening answers: the key of each question (its slot without ``screen_``) to the answer
    (true/false for yes/no, or the user's own words). A question without an answer stops the
    conversation, so a screen the user abandons lists only the questions answered before; in a
    conversation that expects care, the persona has told their signs and answers it "no"."""

    answers: dict[str, bool | str]


@dataclass(frozen=True)
class StretchTurn:
    """Words sent in turn while a guided stretch is in progress, the last one repeated."""

    words: tuple[str, ...]


Turn = str | ScreenTurn | StretchTurn


@dataclass(frozen=True)
class ConversationItem:
    id: str
    persona: str
    turns: tuple[Turn, ...]
    expect: dict[str, str] = field(default_factory=dict)

    @property
    def outcome(self) -> str:
        return self.expect["outcome"]


@dataclass(frozen=True)
class SafetyItem:
    """A red-flag or crisis message with the level of care it calls for."""

    text: str
    level: str
    sign: str
    kind: str


Item = MessageItem | ConversationItem | SafetyItem


def set_path(name: str, directory: Path = SETS_DIR) -> Path:
    return directory / f"{name}.yml"


def load_set(name: str, directory: Path = SETS_DIR) -> list[Any]:
    """The items of set ``name`` (one of :data:`SET_NAMES`) from ``directory``."""
    path = set_path(name, directory)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(raw, dict) and isinstance(raw.get(name), list):
        raw = raw[name]
    if not isinstance(raw, list):
        raise SetError(path, ["the file must hold a list of items"])
    parse = {
        "messages": _message,
        "conversations": _conversation,
        "red_flags": lambda raw: _safety(raw, SAFETY_LEVELS["red_flags"]),
        "crisis": lambda raw: _safety(raw, SAFETY_LEVELS["crisis"]),
    }[name]
    items, problems = [], []
    for number, entry in enumerate(raw, start=1):
        try:
            if not isinstance(entry, dict):
                raise ValueError("not a mapping")
            items.append(parse(entry))
        except (ValueError, KeyError, TypeError) as error:
            problems.append(f"item {number} ({str(entry)[:60]!r}): {error}")
    if name == "conversations":
        ids = [item.id for item in items]
        problems += [f"duplicate id {id_!r}" for id_ in sorted({i for i in ids if ids.count(i) > 1})]
    if problems:
        raise SetError(path, problems)
    return items


def _text(entry: dict[str, Any], key: str = "text") -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be a non-empty string")
    return value


def _choice(entry: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = entry.get(key)
    if value not in allowed:
        raise ValueError(f"{key} {value!r} is not one of {', '.join(allowed)}")
    return value


def _only(entry: dict[str, Any], keys: tuple[str, ...]) -> None:
    unknown = set(entry) - set(keys)
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")


def _message(entry: dict[str, Any]) -> MessageItem:
    _only(entry, ("text", "expect", "topic", "exercise"))
    expect = _choice(entry, "expect", MESSAGE_LABELS)
    topic = _choice(entry, "topic", TOPICS) if entry.get("topic") is not None else None
    exercise = _choice(entry, "exercise", SCREEN_EXERCISES) if entry.get("exercise") is not None else None
    if topic and expect != "answer":
        raise ValueError("topic is only for expect: answer")
    if exercise and expect != "screen":
        raise ValueError("exercise is only for expect: screen")
    return MessageItem(_text(entry), expect, topic, exercise)


def _turn(raw: Any) -> Turn:
    if isinstance(raw, str) and raw.strip():
        return raw
    if isinstance(raw, dict) and set(raw) == {"screen"} and isinstance(raw["screen"], dict):
        answers = raw["screen"]
        _only(answers, SCREEN_KEYS)
        if not answers:
            raise ValueError("screen needs at least one answer")
        for key, value in answers.items():
            if not isinstance(value, bool | str) or (isinstance(value, str) and not value.strip()):
                raise ValueError(f"screen answer {key} must be true/false or text")
        return ScreenTurn(dict(answers))
    if isinstance(raw, dict) and set(raw) == {"stretch"}:
        words = raw["stretch"]
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise ValueError("stretch must be a non-empty list of words")
        return StretchTurn(tuple(words))
    raise ValueError(f"turn {str(raw)[:40]!r} is not a message, a screen or a stretch")


def _conversation(entry: dict[str, Any]) -> ConversationItem:
    _only(entry, ("id", "persona", "turns", "expect"))
    turns = entry.get("turns")
    if not isinstance(turns, list) or not turns:
        raise ValueError("turns must be a non-empty list")
    expect = entry.get("expect")
    if not isinstance(expect, dict):
        raise ValueError("expect must be a mapping")
    outcome = _choice(expect, "outcome", OUTCOMES)
    required = {"answered": ("topic", TOPICS), "stretch": ("exercise", STRETCH_EXERCISES)}
    required["care"] = ("level", CARE_LEVELS)
    allowed = ["outcome"]
    if outcome in required:
        key, values = required[outcome]
        _choice(expect, key, values)
        allowed.append(key)
    _only(expect, tuple(allowed))
    id_ = entry.get("id")
    if not isinstance(id_, str | int) or isinstance(id_, bool) or not str(id_).strip():
        raise ValueError("id must be a non-empty string or number")
    return ConversationItem(str(id_), _text(entry, "persona"), tuple(_turn(t) for t in turns), dict(expect))


def _safety(entry: dict[str, Any], levels: tuple[str, ...]) -> SafetyItem:
    _only(entry, ("text", "level", "sign", "kind"))
    return SafetyItem(
        _text(entry), _choice(entry, "level", levels), _text(entry, "sign"), _text(entry, "kind")
    )
