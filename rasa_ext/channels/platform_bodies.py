"""Typed parsing of the bodies platforms send: a body is a valid model or it is refused (400).

Nothing reaches a handler half-parsed. ``json.loads`` raises ``RecursionError`` (not a
``ValueError``) on deeply nested arrays, which is why it is caught here too.
"""

from __future__ import annotations

import json
import logging
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sanic import response
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

Model = TypeVar("Model", bound=BaseModel)


class BadBody(Exception):
    """A platform body that is not JSON or not the shape its model describes."""


def parse_json(raw: bytes | str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as error:
        raise BadBody(f"not JSON ({type(error).__name__})") from None


def parse_model(model: type[Model], value: Any) -> Model:
    if not isinstance(value, dict):
        raise BadBody(f"a {model.__name__} must be a JSON object")
    try:
        return model.parse_obj(value)
    except ValidationError as error:
        # Field locations and reasons only: pydantic 1.x messages do not repeat the user's text.
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in error.errors()
        )
        raise BadBody(f"not a valid {model.__name__}: {problems}") from None
    except RecursionError:
        raise BadBody(f"a {model.__name__} nested too deeply") from None


def refuse(platform: str, error: BadBody) -> HTTPResponse:
    """The 400 answer to a bad body, logged so that an operator sees what the platform sent."""
    logger.warning("%s sent a body that was refused: %s", platform, error)
    return response.json({"error": f"bad request: {error}"}, status=400)
