"""Payloads a channel sends into the dialogue in place of what a platform delivered.

The replies come from domain.yml like every other sentence the assistant says.
"""

from __future__ import annotations

# A photo, sticker, voice note or file without any text: the user is asked to type instead.
NON_TEXT_PAYLOAD = "/non_text_message"
# Telegram's /start, sent when someone opens the bot: the greeting with the "not a doctor" notice.
GREET_PAYLOAD = "/greet"
