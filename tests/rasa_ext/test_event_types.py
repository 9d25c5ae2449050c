"""Event classes are found by type name exactly as Rasa's own lookup finds them."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.utils.common import all_subclasses

from rasa_ext import event_types, rasa_changes


@pytest.mark.parametrize("cls", all_subclasses(Event), ids=lambda cls: cls.type_name)
def test_every_event_type_resolves_to_the_class_rasa_finds(cls: type[Event]) -> None:
    rasa_answer = event_types._rasa_resolve_by_type(cls.type_name)
    assert event_types.resolve_by_type(cls.type_name) is rasa_answer


def test_unknown_names_behave_as_in_rasa() -> None:
    assert event_types.resolve_by_type("topic") is None
    assert event_types.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name"):
        event_types.resolve_by_type("no_such_event")


def test_a_subclass_defined_later_is_found() -> None:
    event_types.resolve_by_type("user")

    class LateEvent(UserUttered):
        type_name = "late_event_for_test"

    assert event_types.resolve_by_type("late_event_for_test") is LateEvent


def test_installed_rasa_deserialises_events_through_the_table() -> None:
    rasa_changes.install()
    try:
        event = Event.from_parameters({"event": "slot", "name": "topic", "value": "posture"})
        assert event.type_name == "slot" and event.key == "topic" and event.value == "posture"
        assert Event.resolve_by_type is event_types.resolve_by_type
    finally:
        rasa_changes.uninstall()
