"""Paths and environment-driven settings shared by the Rasa server, the action server and tools."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("BACKCOACH_VAR_DIR", PROJECT_ROOT / "var"))
SPACY_MODEL_DIR = VAR_DIR / "spacy-en"


# Set by action_delete_my_data; the tracker store then erases the conversation instead of saving it.
ERASE_SLOT = "erase_conversation"


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def knowledge_db_url() -> str:
    """SQLAlchemy URL of the knowledge base (``KNOWLEDGE_DB_URL``, default SQLite in ``var/``)."""
    return os.environ.get("KNOWLEDGE_DB_URL") or _sqlite_url(VAR_DIR / "knowledge.db")


def tracker_store_url() -> str:
    """SQLAlchemy URL of the tracker store (``TRACKER_STORE_URL``, default SQLite in ``var/``)."""
    return os.environ.get("TRACKER_STORE_URL") or _sqlite_url(VAR_DIR / "tracker.db")


def flag_store_url() -> str:
    """SQLAlchemy URL of the red flags held across sessions (``FLAG_STORE_URL``, default SQLite in
    ``var/``). Every action server of a deployment must share it."""
    return os.environ.get("FLAG_STORE_URL") or _sqlite_url(VAR_DIR / "safety_flags.db")


def ensure_var_dir() -> None:
    """Create the folder that holds the embedded SQLite databases."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
