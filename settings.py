"""Every setting BackCoach takes from the environment, and the paths its packages share.

This is the one module that reads environment variables; every package may import it (the Rasa
server's extensions, the actions, the knowledge base, the safety net and the tools). Each setting
is read when it is asked for, not on import, so that a test or a launcher can set it first; the
README's "Configuration" table lists them.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("BACKCOACH_VAR_DIR", PROJECT_ROOT / "var"))
SPACY_MODEL_DIR = VAR_DIR / "spacy-en"

# Set by action_delete_my_data; the tracker store then erases the conversation instead of saving it.
ERASE_SLOT = "erase_conversation"

# prometheus_client's own variable: the folder where forked servers share their metrics.
METRICS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
# For the bench's ablation only (bench/ablation.py): changes to Rasa left out.
SKIP_RASA_CHANGES_VARIABLE = "BACKCOACH_SKIP_RASA_CHANGES"


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _comma_list(variable: str) -> list[str]:
    return [entry.strip() for entry in os.environ.get(variable, "").split(",") if entry.strip()]


def ensure_var_dir() -> None:
    """Create the folder that holds the embedded SQLite databases."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)


# --- stores ---------------------------------------------------------------------------------------


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


def tracker_retention_days() -> float:
    """``TRACKER_RETENTION_DAYS`` (default 30): conversations idle for longer are deleted."""
    return float(os.environ.get("TRACKER_RETENTION_DAYS", "30"))


def tracker_cache_size() -> int:
    """``TRACKER_CACHE_SIZE`` (default 1000): conversations kept per process; 0 turns the cache off."""
    return int(os.environ.get("TRACKER_CACHE_SIZE", "1000"))


def tracker_cache_seconds() -> float:
    """``TRACKER_CACHE_SECONDS`` (default 600): an entry idle for longer is dropped."""
    return float(os.environ.get("TRACKER_CACHE_SECONDS", "600"))


# --- the Rasa server ------------------------------------------------------------------------------


def action_timeout_seconds() -> float:
    """``ACTION_TIMEOUT_SECONDS`` (default 3): the longest wait for one custom-action call."""
    return float(os.environ.get("ACTION_TIMEOUT_SECONDS", "3"))


def metrics_allowed() -> str:
    """``METRICS_ALLOWED``: who besides loopback may read ``GET /metrics`` (empty: nobody)."""
    return os.environ.get("METRICS_ALLOWED", "")


def metrics_dir() -> str | None:
    """``PROMETHEUS_MULTIPROC_DIR``: the folder where forked servers share their metrics, if any."""
    return os.environ.get(METRICS_DIR_VARIABLE) or None


def skipped_rasa_changes() -> frozenset[str]:
    """``BACKCOACH_SKIP_RASA_CHANGES``: comma-separated groups of ``rasa_changes`` not installed
    (``event_types,debug_log_copies``). Only the bench's ablation sets it."""
    return frozenset(_comma_list(SKIP_RASA_CHANGES_VARIABLE))


# --- channels -------------------------------------------------------------------------------------


def web_allowed_origins() -> list[str]:
    """``WEB_ALLOWED_ORIGINS``: other sites that may embed the widget (comma-separated)."""
    return [origin.rstrip("/") for origin in _comma_list("WEB_ALLOWED_ORIGINS")]


def telegram_bot_token() -> str | None:
    """``TELEGRAM_BOT_TOKEN``: with ``TELEGRAM_SECRET_TOKEN``, turns Telegram on."""
    return os.environ.get("TELEGRAM_BOT_TOKEN") or None


def telegram_secret_token() -> str | None:
    """``TELEGRAM_SECRET_TOKEN``: the secret Telegram sends with every update."""
    return os.environ.get("TELEGRAM_SECRET_TOKEN") or None


def telegram_api_url() -> str:
    """``TELEGRAM_API_URL`` (default Telegram's): the Bot API base."""
    return os.environ.get("TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/")


def telegram_webhook_url() -> str | None:
    """``TELEGRAM_WEBHOOK_URL``: the address ``make telegram-webhook`` registers."""
    return os.environ.get("TELEGRAM_WEBHOOK_URL")


def slack_bot_token() -> str | None:
    """``SLACK_BOT_TOKEN``: with ``SLACK_SIGNING_SECRET``, turns Slack on."""
    return os.environ.get("SLACK_BOT_TOKEN") or None


def slack_signing_secret() -> str | None:
    """``SLACK_SIGNING_SECRET``: the secret that signs Slack's requests."""
    return os.environ.get("SLACK_SIGNING_SECRET") or None


def slack_api_url() -> str:
    """``SLACK_API_URL`` (default Slack's): the Web API base."""
    return os.environ.get("SLACK_API_URL", "https://slack.com/api").rstrip("/")
