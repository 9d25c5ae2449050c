"""A user's right to be forgotten."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import settings
from actions.screening import BUTTON_QUESTION
from safety.flag_holds import flag_holds


class ActionDeleteMyData(Action):
    """Erases the red flags held for the sender and marks the conversation for erasure; the
    tracker store deletes it instead of saving it.

    The deletion happens in the Rasa server's store (rasa_ext/tracker_store.py) because Rasa saves
    the whole conversation again after every turn; a delete made here would be undone at once.
    """

    def name(self) -> str:
        return "action_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if next(tracker.get_latest_entity_values(BUTTON_QUESTION), None) is not None:
            # A screening question's old "Yes" pressed after "Delete everything?" is not a yes to it.
            dispatcher.utter_message(response="utter_screening_stale_answer")
            return []
        return erase_everything(dispatcher, tracker)


def erase_everything(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """Forget the sender: the red flags held for them now, the conversation once the turn ends."""
    flag_holds().forget(tracker.sender_id)
    dispatcher.utter_message(response="utter_data_deleted")
    return [SlotSet(settings.ERASE_SLOT, True)]
