"""Action-server responses are validated against Rasa's schema, without re-checking the schema, and
each event against the one event schema for its name."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import pytest
from jsonschema import Draft202012Validator, ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

from rasa_ext import action_validation, rasa_changes


@pytest.fixture
def remote_action() -> Iterator[RemoteAction]:
    rasa_changes.install()
    yield RemoteAction("action_explain_topic", None)
    rasa_changes.uninstall()


def test_a_valid_response_passes(remote_action: RemoteAction) -> None:
    response = {
        "events": [{"event": "slot", "name": "topic", "value": "posture"}],
        "responses": [{"text": "Hi"}],
    }
    assert remote_action._validate_action_result(response) is True


@pytest.mark.parametrize(
    "response",
    [
        {"events": "not a list", "responses": []},
        {"events": [{"no_event_key": 1}], "responses": []},
        {"events": [], "responses": "not a list"},
    ],
)
def test_an_invalid_response_is_rejected_as_rasa_would(remote_action: RemoteAction, response: dict) -> None:
    with pytest.raises(ValidationError):
        jsonschema.validate(response, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        remote_action._validate_action_result(response)


def test_the_schema_is_checked_once_not_per_response(
    remote_action: RemoteAction, monkeypatch: pytest.MonkeyPatch
) -> None:
    action_validation.response_validator()
    checks = []
    validator_class = type(action_validation.response_validator().envelope)
    monkeypatch.setattr(
        validator_class, "check_schema", classmethod(lambda cls, schema: checks.append(schema))
    )
    for _ in range(3):
        remote_action._validate_action_result({"events": [], "responses": []})
    assert checks == []


def test_the_validator_is_built_when_installed_not_on_the_first_call() -> None:
    action_validation.response_validator.cache_clear()

    rasa_changes.install()
    rasa_changes.uninstall()

    assert action_validation.response_validator.cache_info().currsize == 1


CANDIDATE_VALUES: list[Any] = ["text", 1, 1.5, True, None, [], {}, [{"text": "x"}], {"name": "x"}]
# Fields every event may have, and fields of some events, tried on every kind of event.
SHARED_FIELDS = ["timestamp", "metadata", "name", "value", "text", "policy"]


def _event_schemas() -> list[dict[str, Any]]:
    return RemoteAction.action_response_format_spec()["properties"]["events"]["items"]["oneOf"]


def _a_valid_value(property_schema: dict[str, Any]) -> Any:
    checker = Draft202012Validator(property_schema)
    return next((value for value in CANDIDATE_VALUES if checker.is_valid(value)), "text")


def _events_of_every_kind() -> list[Any]:
    """For each event schema: an event with its required fields, then that event with each of its
    fields and each shared field set to each candidate value; and events without a name, with an
    unknown one, or not an object."""
    events: list[Any] = [{}, {"event": "no_such_event"}, {"event": 5}, "slot", None]
    for event_schema in _event_schemas():
        properties = event_schema.get("properties", {})
        required = event_schema.get("required", [])
        complete = {
            "event": properties["event"]["const"],
            **{field: _a_valid_value(properties.get(field, {})) for field in required},
        }
        events.append(complete)
        fields = [field for field in properties if field != "event"] + SHARED_FIELDS
        events += [{**complete, field: value} for field in fields for value in CANDIDATE_VALUES]
    return events


def _accepts(validate: Callable[[Any], Any], response: Any) -> bool:
    try:
        validate(response)
    except ValidationError:
        return False
    return True


def _rasa_validate(response: Any) -> None:
    """What Rasa 3.6 calls on every response."""
    jsonschema.validate(response, RemoteAction.action_response_format_spec())


def test_each_event_is_accepted_exactly_when_rasa_s_schema_accepts_it() -> None:
    ours = action_validation.response_validator()
    schema = RemoteAction.action_response_format_spec()
    # The validator jsonschema.validate builds, without its per-call check of the schema (slow).
    rasa_validator = validator_for(schema)(schema)
    verdicts = []
    for event in _events_of_every_kind():
        response = {"events": [event], "responses": []}
        accepted = _accepts(ours.validate, response)
        assert accepted == rasa_validator.is_valid(response), event
        verdicts.append(accepted)
    assert verdicts.count(True) >= 300 and verdicts.count(False) >= 300


SLOT = {"event": "slot", "name": "topic", "value": "posture"}


@pytest.mark.parametrize(
    "response",
    [
        None,
        [],
        "events",
        {},
        {"events": None, "responses": []},
        {"events": [], "responses": None},
        {"events": [SLOT, SLOT, {"event": "bot", "text": "Hi"}], "responses": [{"text": "Hi"}]},
        {"events": [SLOT, {"event": "slot", "name": 5}, SLOT], "responses": []},
        {"events": [SLOT, {"event": "no_such_event"}], "responses": []},
    ],
)
def test_whole_responses_are_accepted_exactly_when_rasa_s_schema_accepts_them(response: Any) -> None:
    assert _accepts(action_validation.response_validator().validate, response) == _accepts(
        _rasa_validate, response
    )


def test_an_invalid_event_is_reported_at_its_place_in_the_response() -> None:
    response = {"events": [SLOT, {"event": "slot", "name": 5}], "responses": []}
    with pytest.raises(ValidationError) as ours:
        action_validation.response_validator().validate(response)
    with pytest.raises(ValidationError) as rasa:
        _rasa_validate(response)
    assert list(ours.value.absolute_path)[:2] == ["events", 1] == list(rasa.value.absolute_path)[:2]


def test_every_event_kind_is_validated_by_its_own_schema() -> None:
    names = [event_schema["properties"]["event"]["const"] for event_schema in _event_schemas()]
    assert sorted(action_validation.response_validator().by_event_name) == sorted(names)


def test_a_schema_whose_events_share_a_name_is_used_as_it_is() -> None:
    schema = copy.deepcopy(RemoteAction.action_response_format_spec())
    alternatives = schema["properties"]["events"]["items"]["oneOf"]
    alternatives.append(copy.deepcopy(alternatives[0]))
    validator = action_validation.ResponseValidator(schema)
    assert validator.by_event_name == {}
    user_event = {"events": [{"event": alternatives[0]["properties"]["event"]["const"]}], "responses": []}
    # Two alternatives now accept the same event, so oneOf rejects it, as plain jsonschema does.
    assert not validator_for(schema)(schema).is_valid(user_event)
    with pytest.raises(ValidationError):
        validator.validate(user_event)
