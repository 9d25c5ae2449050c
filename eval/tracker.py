"""What the assistant did in one conversation, read from the tracker store's ``events`` table.

Each user message starts a :class:`Turn`: the intent the NLU gave it, then everything that
followed until the next user message, in order (actions run, messages sent, slots set, forms
activated). A bot message is named by the response it came from: Rasa records it in the event's
``metadata.utter_action``; when that is missing the text is matched against the domain's
response templates.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUOTE_MARK = "\n(From the article, "


@dataclass(frozen=True)
class Happening:
    """One thing that followed a user message: ``kind`` is action, bot, slot or loop."""

    kind: str
    name: str | None
    value: Any = None
    text: str = ""
    buttons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    text: str
    intent: str | None
    confidence: float | None
    entities: tuple[dict[str, Any], ...] = ()
    happenings: tuple[Happening, ...] = ()

    @property
    def actions(self) -> list[str]:
        return [h.name for h in self.happenings if h.kind == "action" and h.name]

    @property
    def responses(self) -> list[str]:
        return [h.name or "" for h in self.happenings if h.kind == "bot"]

    @property
    def bot_messages(self) -> list[Happening]:
        return [h for h in self.happenings if h.kind == "bot"]

    @property
    def slots(self) -> dict[str, Any]:
        """The slots set after this message (the last value of each)."""
        return {h.name: h.value for h in self.happenings if h.kind == "slot" and h.name}

    @property
    def loops(self) -> list[str | None]:
        return [h.name for h in self.happenings if h.kind == "loop"]


@dataclass(frozen=True)
class Conversation:
    turns: tuple[Turn, ...]
    slots: dict[str, Any] = field(default_factory=dict)
    active_loop: str | None = None

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None


class ResponseNames:
    """Names a bot message's text by the domain response whose template it fills."""

    def __init__(self, responses: Mapping[str, list[dict[str, Any]]]) -> None:
        templates: list[tuple[int, str, re.Pattern[str]]] = []
        for name, variations in responses.items():
            for variation in variations:
                text = variation.get("text")
                if isinstance(text, str):
                    parts = re.split(r"\{\w+\}", text)
                    pattern = re.compile("(.*?)".join(map(re.escape, parts)), re.DOTALL)
                    templates.append((sum(map(len, parts)), name, pattern))
        # The most literal text first: a stretch note must not pass for a plain quote.
        self._templates = sorted(templates, key=lambda t: -t[0])

    def name(self, text: str) -> str | None:
        for _, name, pattern in self._templates:
            if pattern.fullmatch(text):
                return name
        return None


def read_events(db: Path, sender: str) -> list[dict[str, Any]]:
    """Every stored event of ``sender``, oldest first (an erased conversation has none)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as connection:
        try:
            rows = connection.execute(
                "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
            ).fetchall()
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):
                return []
            raise
    return [json.loads(data) for (data,) in rows]


def conversation(events: Iterable[dict[str, Any]], names: ResponseNames | None = None) -> Conversation:
    """The turns of a conversation and its state after the last event."""
    turns: list[Turn] = []
    current: dict[str, Any] | None = None
    happenings: list[Happening] = []
    slots: dict[str, Any] = {}
    active_loop: str | None = None

    def close() -> None:
        if current is not None:
            turns.append(_turn(current, happenings))

    for event in events:
        kind = event.get("event")
        if kind == "user":
            close()
            current, happenings = event, []
            continue
        if kind in ("session_started", "restart"):
            slots, active_loop = {}, None
        elif kind == "reset_slots":
            slots = {}
        elif kind == "slot":
            slots[event.get("name")] = event.get("value")
        elif kind == "active_loop":
            active_loop = event.get("name")
        if current is not None:
            happening = _happening(event, names)
            if happening is not None:
                happenings.append(happening)
    close()
    return Conversation(tuple(turns), slots, active_loop)


def _turn(user: dict[str, Any], happenings: list[Happening]) -> Turn:
    parse = user.get("parse_data") or {}
    intent = parse.get("intent") or {}
    return Turn(
        text=user.get("text") or "",
        intent=intent.get("name"),
        confidence=intent.get("confidence"),
        entities=tuple(parse.get("entities") or ()),
        happenings=tuple(happenings),
    )


def _happening(event: dict[str, Any], names: ResponseNames | None) -> Happening | None:
    kind = event.get("event")
    if kind == "action":
        name = event.get("name")
        return None if name == "action_listen" else Happening("action", name)
    if kind == "slot":
        return Happening("slot", event.get("name"), event.get("value"))
    if kind == "active_loop":
        return Happening("loop", event.get("name"))
    if kind == "bot":
        text = event.get("text") or ""
        data = event.get("data") or {}
        name = (event.get("metadata") or {}).get("utter_action")
        if name is None and names is not None and text:
            name = names.name(text)
        if name is None and data.get("custom") is not None:
            name = "custom"
        buttons = tuple(str(b.get("payload", "")) for b in data.get("buttons") or ())
        return Happening("bot", name, data.get("custom"), text, buttons)
    return None


def quote_of(message: Happening) -> str | None:
    """The article's words in a quoting message ("{quote}\\n(From the article, {where})")."""
    if QUOTE_MARK not in message.text:
        return None
    return message.text.split(QUOTE_MARK, 1)[0]
