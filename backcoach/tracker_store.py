"""A SQL tracker store configured by one SQLAlchemy URL from the environment."""

from __future__ import annotations

from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from backcoach import action_fallback, settings

# The tracker store is loaded by every Rasa server of this project (endpoints.yml), so this is
# where the server-side fault handling is switched on.
action_fallback.install()


class UrlSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, but taking ``TRACKER_STORE_URL`` (SQLite in ``var/`` by default).

    Rasa's own store wants dialect, host, port and database as separate keys; a single URL lets an
    operator switch to PostgreSQL with one environment variable and no file changes.
    """

    def __init__(
        self,
        domain: Domain | None = None,
        event_broker: EventBroker | None = None,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        self._url = url or settings.tracker_store_url()
        if self._url.startswith("sqlite"):
            settings.ensure_var_dir()
        kwargs.pop("host", None)
        super().__init__(domain=domain, event_broker=event_broker, **kwargs)

    def get_db_url(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        """Return the configured URL instead of assembling one from parts."""
        return self._url
