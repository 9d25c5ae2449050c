"""The parts of a Telegram update that the assistant reads, as strict pydantic models.

Only ``message``, ``edited_message`` and ``callback_query`` are declared; other kinds of update
(channel posts, polls, member changes) parse to an update with none of them and are not answered.
Unknown fields are ignored, wrong types are refused.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, StrictInt, StrictStr


class TelegramChat(BaseModel):
    id: StrictInt


class TelegramUser(BaseModel):
    id: StrictInt


class TelegramMessage(BaseModel):
    message_id: StrictInt
    chat: TelegramChat
    sender: TelegramUser | None = Field(None, alias="from")
    text: StrictStr | None = None
    caption: StrictStr | None = None


class TelegramCallbackQuery(BaseModel):
    id: StrictStr
    sender: TelegramUser | None = Field(None, alias="from")
    # Absent for buttons under inline-mode messages, which this bot never sends.
    message: TelegramMessage | None = None
    data: StrictStr | None = None


class TelegramUpdate(BaseModel):
    update_id: StrictInt
    message: TelegramMessage | None = None
    edited_message: TelegramMessage | None = None
    callback_query: TelegramCallbackQuery | None = None


def conversation_id(chat: TelegramChat, user: TelegramUser | None) -> str:
    """One conversation per user and chat: in a group, each member has their own.

    A private chat's id is its user's id, so it keeps the chat id alone (as conversations did
    before groups were told apart).
    """
    if user is None or user.id == chat.id:
        return str(chat.id)
    return f"{chat.id}:{user.id}"


def chat_of(conversation: str) -> str:
    """The chat a conversation's replies go to."""
    return conversation.partition(":")[0]
