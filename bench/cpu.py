"""How much CPU a phase of the benchmark got: the hypervisor's share (steal) and the children's CPU time.

This VM's speed changes by up to 2× within minutes because the hypervisor runs other guests on
its cores; Linux counts the time it took as "steal" in /proc/stat. Wall times of phases measured
at different steal are not comparable; the steal share and the CPU time say how far to trust them.
"""

from __future__ import annotations

import resource
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROC_STAT = Path("/proc/stat")
# user nice system idle iowait irq softirq steal: guest time is already counted in user and nice.
COUNTED_FIELDS = 8
STEAL_FIELD = 7


@dataclass(frozen=True)
class CpuTimes:
    """The machine's CPU time so far, in clock ticks, and the CPU seconds of this process's children."""

    steal_ticks: int
    total_ticks: int
    children_cpu_s: float

    @staticmethod
    def parse_steal(stat: str) -> tuple[int, int]:
        """The steal and total ticks of the aggregate ``cpu`` line of a /proc/stat text."""
        fields = stat.splitlines()[0].split()
        if fields[0] != "cpu":
            raise ValueError(f"/proc/stat does not start with the aggregate cpu line: {fields[0]!r}")
        ticks = [int(value) for value in fields[1 : COUNTED_FIELDS + 1]]
        ticks += [0] * (COUNTED_FIELDS - len(ticks))
        return ticks[STEAL_FIELD], sum(ticks)

    @classmethod
    def now(cls) -> CpuTimes:
        steal, total = cls.parse_steal(PROC_STAT.read_text()) if PROC_STAT.exists() else (0, 0)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return cls(steal, total, children.ru_utime + children.ru_stime)


@dataclass
class CpuShare:
    """What a phase got, filled in when the phase ends."""

    steal_percent: float | None = None
    children_cpu_s: float | None = None

    def close(self, before: CpuTimes, after: CpuTimes) -> None:
        elapsed = after.total_ticks - before.total_ticks
        if elapsed > 0:
            self.steal_percent = round(100 * (after.steal_ticks - before.steal_ticks) / elapsed, 1)
        self.children_cpu_s = round(after.children_cpu_s - before.children_cpu_s, 1)


@contextmanager
def cpu_share() -> Iterator[CpuShare]:
    """Measure the steal share and the CPU time of children waited for while the block runs."""
    share, before = CpuShare(), CpuTimes.now()
    try:
        yield share
    finally:
        share.close(before, CpuTimes.now())
