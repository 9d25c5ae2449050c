import subprocess
import sys

import pytest

from bench.cpu import CpuShare, CpuTimes, cpu_share

STAT = """cpu  6770504 3906 266252 5501063 23548 0 39802 1219686 5000 70
cpu0 3385252 1953 133126 2750531 11774 0 19901 609843 0 0
intr 123
"""


def test_the_steal_and_total_ticks_come_from_the_aggregate_cpu_line() -> None:
    steal, total = CpuTimes.parse_steal(STAT)

    assert steal == 1219686
    assert total == 6770504 + 3906 + 266252 + 5501063 + 23548 + 0 + 39802 + 1219686


def test_a_kernel_without_a_steal_column_counts_no_steal() -> None:
    assert CpuTimes.parse_steal("cpu  10 0 5 85\n") == (0, 100)


def test_a_text_without_the_aggregate_line_is_refused() -> None:
    with pytest.raises(ValueError, match="aggregate cpu line"):
        CpuTimes.parse_steal("cpu0 10 0 5 85\n")


def test_the_share_is_the_steal_of_the_ticks_in_between() -> None:
    share = CpuShare()

    share.close(CpuTimes(100, 1000, 1.0), CpuTimes(150, 1500, 3.5))

    assert share.steal_percent == 10.0
    assert share.children_cpu_s == 2.5


def test_no_ticks_in_between_leave_the_steal_unknown() -> None:
    share = CpuShare()

    share.close(CpuTimes(100, 1000, 1.0), CpuTimes(100, 1000, 1.0))

    assert share.steal_percent is None


def test_the_cpu_time_of_a_child_run_in_the_block_is_counted() -> None:
    busy = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"

    with cpu_share() as share:
        subprocess.run([sys.executable, "-c", busy], check=True)

    assert share.children_cpu_s is not None and share.children_cpu_s >= 0.3
    assert share.steal_percent is not None and 0 <= share.steal_percent <= 100
