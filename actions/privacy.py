"""A user's right to be forgotten."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from backcoach import settings


class ActionDeleteMyData(Action):
    """Marks the conversation for erasure; the tracker store deletes it instead of saving it.

    The deletion happens in the Rasa server's store (backcoach/tracker_store.py) because Rasa saves
    the whole conversation again after every turn; a delete made here would be undone at once.
    """

    def name(self) -> str:
        return "action_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_data_deleted")
        return [SlotSet(settings.ERASE_SLOT, True)]
