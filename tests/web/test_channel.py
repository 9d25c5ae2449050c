"""The web channel's own logic, without a server: the history a reload shows, and the origin policy."""

from __future__ import annotations

import pytest

from rasa_ext.channels.web import OriginPolicy, history_messages

SCREEN_QUESTION = {
    "event": "bot",
    "text": "Have you had a recent injury?",
    "data": {"buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]},
    "metadata": {"utter_action": "utter_ask_screen_injury"},
}


def user(text: str, **metadata: object) -> dict:
    return {"event": "user", "text": text, "message_id": "m" * 32, "metadata": metadata}


def test_a_reload_shows_what_the_user_saw_not_payloads() -> None:
    events = [
        user("/greet", hidden=True),
        {"event": "bot", "text": "Hi", "data": {}, "metadata": {"utter_action": "utter_greet"}},
        user("show me the stretches"),
        SCREEN_QUESTION,
        user("/deny", shown="No"),
        SCREEN_QUESTION,
        user("/deny"),  # pressed before the widget sent titles
        user("/next_step"),  # a payload no button above carries
    ]
    assert [m["text"] for m in history_messages(events) if m["sender"] == "user"] == [
        "show me the stretches",
        "No",
        "No",
    ]


def test_safety_replies_are_marked_and_a_hold_keeps_its_countdown_with_its_buttons() -> None:
    hold = {"type": "stretch_hold", "hold_seconds": 30}
    events = [
        {
            "event": "bot",
            "text": "Now hold",
            "data": {"buttons": [{"title": "Done", "payload": "/next_step"}], "custom": hold},
            "metadata": {"utter_action": "utter_stretch_hold"},
        },
        {"event": "bot", "text": "Call 999", "data": {}, "metadata": {"utter_action": "utter_emergency"}},
    ]
    held, emergency = history_messages(events)
    assert held == {
        "sender": "bot",
        "text": "Now hold",
        "quick_replies": [{"title": "Done", "payload": "/next_step"}],
        "custom": hold,
    }
    assert emergency == {"sender": "bot", "text": "Call 999", "safety": True}


@pytest.mark.parametrize(
    ("configured", "others"),
    [
        ("", ()),
        (
            "https://clinic.example, https://b.example:8443/",
            ("https://clinic.example", "https://b.example:8443"),
        ),
        ("https://ok.example,clinic.example,https://x.example; script-src *", ("https://ok.example",)),
    ],
)
def test_allowed_origins_come_on_top_of_the_page_s_own(
    monkeypatch: pytest.MonkeyPatch, configured: str, others: tuple[str, ...]
) -> None:
    monkeypatch.setenv("WEB_ALLOWED_ORIGINS", configured)
    policy = OriginPolicy.from_environment()
    assert policy.other_origins == others
    assert policy.allows_socket("http://chat.example:5005", {"HTTP_HOST": "chat.example:5005"})
    assert not policy.allows_socket("https://evil.example", {"HTTP_HOST": "chat.example:5005"})
    assert all(policy.allows_socket(origin, {"HTTP_HOST": "chat.example"}) for origin in others)
    assert policy.content_security_policy().endswith("frame-ancestors " + " ".join(("'self'", *others)))
