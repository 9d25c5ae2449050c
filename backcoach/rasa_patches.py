"""The changes to Rasa 3.6's own behaviour that every Rasa server of this project runs with.

Rasa has no plugin hook that runs before the server starts, so ``install`` is called when the
tracker store module is imported: endpoints.yml names that store, so every Rasa server of this
project (``make run``, the tests, the production profile) loads it.
"""

from __future__ import annotations

from backcoach import (
    action_connections,
    action_fallback,
    action_validation,
    debug_log_copies,
    event_types,
    model_loading,
    rule_lookup,
)


def install() -> None:
    """Bound action-server calls with a fallback and pool their connections; make validation,
    event lookup, loading, rule matching and debug logging cheap."""
    action_connections.install()
    action_fallback.install()
    action_validation.install()
    debug_log_copies.install()
    event_types.install()
    model_loading.install()
    rule_lookup.install()
