"""Slack's button messages: a question with Block Kit buttons, and the same question once answered.

A pressed message keeps its question but loses its buttons, replaced by a line saying what was
chosen, so that an old question's buttons cannot answer a later one.
"""

from __future__ import annotations

from typing import Any

MAX_BUTTON_TITLE_CHARS = 75  # Block Kit's limits on a button's text and value
MAX_BUTTON_VALUE_CHARS = 2000
CHOSEN_LABEL = "You chose: {choice}"


def question_blocks(text: str, buttons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    elements = [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": str(button["title"])[:MAX_BUTTON_TITLE_CHARS]},
            "value": str(button["payload"])[:MAX_BUTTON_VALUE_CHARS],
            "action_id": f"backcoach_button_{index}",
        }
        for index, button in enumerate(buttons)
    ]
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": text}},
        {"type": "actions", "elements": elements},
    ]


def answered_blocks(question: str | None, choice: str) -> list[dict[str, Any]]:
    """The pressed message: its question (Slack's text of it, already escaped) and the choice."""
    label = {"type": "plain_text", "text": CHOSEN_LABEL.format(choice=choice)}
    chosen = {"type": "context", "elements": [label]}
    if not question:
        return [chosen]
    return [{"type": "section", "text": {"type": "mrkdwn", "text": question}}, chosen]
