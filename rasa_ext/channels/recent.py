"""A bounded memory of recently seen ids, so retried or repeated deliveries are answered once."""

from __future__ import annotations

from collections import OrderedDict


class RecentIds:
    """Remembers the last ``capacity`` ids; ``seen`` records an id and says if it was there before."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._capacity = capacity

    def seen(self, id_: str) -> bool:
        if id_ in self._ids:
            self._ids.move_to_end(id_)
            return True
        self._ids[id_] = None
        if len(self._ids) > self._capacity:
            self._ids.popitem(last=False)
        return False
