"""Validate action-server responses with a validator built once, not once per call.

Rasa 3.6 checks every custom action's response with ``jsonschema.validate``, which first checks the
schema itself against its meta-schema. Profiling under load (docs/PERFORMANCE.md) showed that check
taking about half of the Rasa server's CPU time. The response is still validated against the same
schema and an invalid one still raises a ``ValidationError``.

The schema describes each event as ``oneOf`` 23 event schemas, one per value of the event's
``event`` key, and jsonschema tries all 23 on every event (about 0.75 ms an event). Here each event
is validated against the one schema for its ``event`` key, which must be one of the 23: exactly one
of them can be valid only when the event names one and is valid under its schema, so the same
responses pass and fail.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


def _event_name(event_schema: dict[str, Any]) -> Any:
    return event_schema.get("properties", {}).get("event", {}).get("const")


class ResponseValidator:
    """Validates a response's envelope (events limited to known names), then each event against
    the schema for its name.

    Without one event schema per distinct name, or without events that must be objects with a
    name, the schema is used as it is. Errors are raised as ``jsonschema.validate`` raises them:
    the best match, with its path from the response's root.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        events = schema.get("properties", {}).get("events", {}).get("items", {})
        alternatives = events.get("oneOf", [])
        names = [_event_name(alternative) for alternative in alternatives]
        dispatchable = (
            bool(alternatives)
            and all(isinstance(name, str) for name in names)
            and len(set(names)) == len(names)
            and events.get("type") == "object"
            and isinstance(events.get("properties"), dict)
            and "event" in events.get("required", [])
        )
        validator_class = validator_for(schema)
        validator_class.check_schema(schema)
        if not dispatchable:
            self.envelope, self.by_event_name = validator_class(schema), {}
            return
        envelope = copy.deepcopy(schema)
        items = envelope["properties"]["events"]["items"]
        del items["oneOf"]
        items["properties"]["event"] = {**items["properties"].get("event", {}), "enum": names}
        self.envelope = validator_class(envelope)
        self.by_event_name = {
            name: self.envelope.evolve(schema=alternative)
            for name, alternative in zip(names, alternatives, strict=True)
        }

    def validate(self, response: Any) -> None:
        """Raise ``ValidationError`` unless ``response`` is valid under the schema."""
        error = best_match(self.envelope.iter_errors(response))
        if error is not None:
            raise error
        if not self.by_event_name:
            return
        for index, event in enumerate(response.get("events") or []):
            error = best_match(self.by_event_name[event["event"]].iter_errors(event))
            if error is not None:
                error.relative_path.extendleft([index, "events"])
                raise error


@lru_cache(maxsize=1)
def response_validator() -> ResponseValidator:
    """The validator for Rasa's action response schema, its schema checked once."""
    return ResponseValidator(RemoteAction.action_response_format_spec())


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """``RemoteAction._validate_action_result`` through the cached validator (installed by
    rasa_ext/rasa_changes.py, which also builds the validator before the first call)."""
    try:
        response_validator().validate(result)
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            "Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True
