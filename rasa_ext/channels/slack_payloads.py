"""The parts of Slack's event and interaction bodies that the assistant reads, as strict models.

An envelope is parsed first; only the events and interactions the assistant answers are parsed
further, so that Slack's other kinds (whose fields have other types) are acknowledged and left.
Unknown fields are ignored, wrong types are refused.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, StrictStr, conlist

# The event types the app subscribes to (README: message.im and app_mention).
ANSWERED_EVENT_TYPES = {"message", "app_mention"}


class SlackEnvelope(BaseModel):
    """The outer body of ``/webhooks/slack/webhook``."""

    type: StrictStr
    challenge: StrictStr | None = None
    event_id: StrictStr | None = None
    event: dict[StrictStr, Any] | None = None


class SlackMessageEvent(BaseModel):
    type: StrictStr
    channel: StrictStr
    user: StrictStr | None = None
    text: StrictStr | None = None
    ts: StrictStr | None = None
    thread_ts: StrictStr | None = None
    channel_type: StrictStr | None = None
    subtype: StrictStr | None = None
    bot_id: StrictStr | None = None


class SlackInteraction(BaseModel):
    """The ``payload`` form field of ``/webhooks/slack/interactive``, before its type is known."""

    type: StrictStr


class SlackId(BaseModel):
    id: StrictStr


class SlackText(BaseModel):
    text: StrictStr


class SlackButtonAction(BaseModel):
    action_ts: StrictStr
    value: StrictStr | None = None
    text: SlackText | None = None


class SlackContainer(BaseModel):
    channel_id: StrictStr | None = None
    message_ts: StrictStr | None = None
    thread_ts: StrictStr | None = None


class SlackPressedMessage(BaseModel):
    ts: StrictStr | None = None
    thread_ts: StrictStr | None = None
    text: StrictStr | None = None


class SlackBlockActions(BaseModel):
    """A button press."""

    type: Literal["block_actions"]
    trigger_id: StrictStr
    user: SlackId
    channel: SlackId | None = None
    container: SlackContainer = SlackContainer()
    message: SlackPressedMessage | None = None
    actions: conlist(SlackButtonAction, min_items=1)  # type: ignore[valid-type]

    @property
    def channel_id(self) -> str | None:
        return self.channel.id if self.channel else self.container.channel_id

    @property
    def message_ts(self) -> str | None:
        return self.container.message_ts or (self.message.ts if self.message else None)

    @property
    def thread_ts(self) -> str | None:
        return self.container.thread_ts or (self.message.thread_ts if self.message else None)
