"""Action-server responses are validated against Rasa's schema, without re-checking the schema."""

from __future__ import annotations

import jsonschema
import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from backcoach import action_validation, rasa_patches


@pytest.fixture
def remote_action() -> RemoteAction:
    rasa_patches.install()
    return RemoteAction("action_explain_topic", None)


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
    validator_class = type(action_validation.response_validator())
    monkeypatch.setattr(
        validator_class, "check_schema", classmethod(lambda cls, schema: checks.append(schema))
    )
    for _ in range(3):
        remote_action._validate_action_result({"events": [], "responses": []})
    assert checks == []
