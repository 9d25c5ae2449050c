"""Find an event's class by its type name in a table, not by walking Event's subclasses.

Rasa 3.6 rebuilds the list of every Event subclass (with ``inspect.isabstract`` on each) for every
event it deserialises, and a tracker is deserialised from the store on every message: profiling
(docs/PERFORMANCE.md) put that walk at about 7% of the Rasa server's time. The table is rebuilt
when a name is missing from it, so subclasses imported later are still found, and names Rasa does
not know behave as in Rasa.
"""

from __future__ import annotations

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_rasa_resolve_by_type = Event.resolve_by_type
_classes: dict[str, type[Event]] = {}


def _refresh() -> None:
    _classes.clear()
    for cls in all_subclasses(Event):
        _classes.setdefault(cls.type_name, cls)


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """The event class whose ``type_name`` is ``type_name``, as ``Event.resolve_by_type`` finds it
    (installed in its place by rasa_ext/rasa_changes.py)."""
    if type_name not in _classes:
        _refresh()
    if type_name in _classes:
        return _classes[type_name]
    return _rasa_resolve_by_type(type_name, default)
