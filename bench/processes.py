"""Resident memory of a server and the worker processes it forked, read from /proc.

RSS counts pages that forked workers share with their parent in every process, so totals are
given as PSS (each shared page split between the processes sharing it) as well.
"""

from __future__ import annotations

from pathlib import Path


def _children(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text().split() if (task / "children").exists() else []
        children += [int(child) for child in text]
    return children


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        pending += _children(current)
    return tree


def _kb_field(path: str, name: str) -> float:
    """A ``Name:  123 kB`` field of a /proc file in MB (0 when the process has gone)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0.0


def rss_mb(pid: int) -> float:
    """Resident set size of one process in MB."""
    return _kb_field(f"/proc/{pid}/status", "VmRSS")


def pss_mb(pid: int) -> float:
    """Proportional set size of one process in MB."""
    return _kb_field(f"/proc/{pid}/smaps_rollup", "Pss")


def tree_memory_mb(pids: list[int]) -> dict[str, float]:
    """Largest single-process RSS, and RSS and PSS totals over the process trees of ``pids``, in MB."""
    tree = [p for pid in pids for p in process_tree(pid)]
    sizes = [rss_mb(p) for p in tree]
    return {
        "processes": len(sizes),
        "max_process_mb": round(max(sizes)),
        "total_rss_mb": round(sum(sizes)),
        "total_pss_mb": round(sum(pss_mb(p) for p in tree)),
    }
