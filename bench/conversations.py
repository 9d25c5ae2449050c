"""The scripted conversations each bot is measured on: 12 user messages each, as in issue #7."""

from __future__ import annotations

CONVERSATION_LENGTH = 12

# Rasa's starter bot (`rasa init`) knows greetings, moods, yes/no, goodbyes and the bot challenge.
# Each message follows one of its stories or rules, so that every message gets an answer.
STARTER = [
    [
        "hello",
        "I am sad",
        "yes",
        "hi",
        "I am feeling very good",
        "bye",
        "hey",
        "not good",
        "no",
        "are you a bot?",
        "hello there",
        "great",
    ],
]

# BackCoach's mix: education questions with follow-ups (knowledge base), and a full safety screen
# followed by a guided stretch session (forms, gated actions).
BACKCOACH = [
    [
        "hello",
        "what can you do?",
        "how common is back pain",
        "tell me more",
        "why does sitting all day hurt my back",
        "why?",
        "what about the other one?",
        "is lifting with a rounded back bad",
        "how do deep trunk muscles help my back",
        "thanks!",
        "are you a real doctor?",
        "bye",
    ],
    [
        "show me the stretches",
        "no",
        "nope",
        "no",
        "not really",
        "no",
        "let's do the hip flexor stretch",
        "ok next",
        "why does this help?",
        "ok next",
        "test my hamstring flexibility",
        "thanks!",
    ],
]

# Long conversations cycle through questions that never start a form, so every turn is comparable.
LONG_STARTER = STARTER[0]
LONG_BACKCOACH = BACKCOACH[0]


def long_conversation(messages: list[str], length: int) -> list[str]:
    """``length`` user messages cycling through ``messages``."""
    return [messages[i % len(messages)] for i in range(length)]
