"""Resident memory of a server and the worker processes it forked, read from /proc."""

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


def rss_mb(pid: int) -> float:
    """Resident set size of one process in MB (0 when it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def tree_memory_mb(pid: int) -> dict[str, float]:
    """Largest single-process RSS and the total over the process tree, in MB."""
    sizes = [rss_mb(p) for p in process_tree(pid)]
    return {"processes": len(sizes), "max_process_mb": round(max(sizes), 0), "total_mb": round(sum(sizes), 0)}
