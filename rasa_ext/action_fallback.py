"""Keep answering when the action server is down or hung.

Rasa 3.6 waits up to 300 s for a custom action (``DEFAULT_REQUEST_TIMEOUT``) and then says nothing.
Here every call to the action server is bounded by ``ACTION_TIMEOUT_SECONDS`` (default 3), a
failure opens a short circuit so the rest of the turn does not wait again, and the user gets the
``utter_actions_unavailable`` response instead of silence. This module is the one place of that
timeout and fallback; ``rasa_ext/rasa_changes.py`` installs them (``RemoteAction.run`` and Rasa's
two ``DEFAULT_REQUEST_TIMEOUT``), whichever tracker store is configured. Red-flag escalations are plain domain
responses sent before any custom action, so they never depend on this.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
from rasa.shared.core.events import Event
from rasa.shared.exceptions import RasaException

import settings

logger = logging.getLogger(__name__)

FALLBACK_RESPONSE = "utter_actions_unavailable"
# Actions that only record state and never speak: when they fail, an apology would follow (and
# compete with) the crisis or red-flag reply sent just before them, so nothing is said.
SILENT_ACTIONS = frozenset({"action_end_stretch_session", "action_record_red_flag"})
# After a failure, calls fail fast for this long; then the action server is tried again.
CIRCUIT_OPEN_SECONDS = 15.0


class Circuit:
    """Remembers a recent action-server failure so that one turn never waits twice."""

    def __init__(self) -> None:
        self.open_until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self) -> None:
        self.open_until = time.monotonic() + CIRCUIT_OPEN_SECONDS

    def reset(self) -> None:
        self.open_until = 0.0


circuit = Circuit()
_original_run = RemoteAction.run


async def run_with_fallback(
    self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
) -> list[Event]:
    """``RemoteAction.run``, bounded by the timeout and answered by the fallback when it fails."""
    if not circuit.is_open():
        try:
            events = await asyncio.wait_for(
                _original_run(self, output_channel, nlg, tracker, domain),
                timeout=settings.action_timeout_seconds(),
            )
            circuit.reset()
            return events
        except ActionExecutionRejection:
            raise
        except (RasaException, asyncio.TimeoutError, aiohttp.ClientError, OSError) as error:
            circuit.trip()
            logger.error(
                "Action server unavailable while running '%s': %s", self.name(), type(error).__name__
            )
    if self.name() in SILENT_ACTIONS:
        return []
    message = await nlg.generate(FALLBACK_RESPONSE, tracker, output_channel.name())
    if not message:
        return []
    # Named like Rasa's own responses, so channels and metrics can tell what was said.
    message["utter_action"] = FALLBACK_RESPONSE
    return [create_bot_utterance(message)]
