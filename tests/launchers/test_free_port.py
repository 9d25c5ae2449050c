"""Ports for test and benchmark servers: outside the kernel's ephemeral range, free, never twice."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from launchers import local_services
from launchers.local_services import ServiceError, ephemeral_port_range, free_port

LINUX_DEFAULT = (32768, 60999)


class ScriptedChoice:
    """Stands in for the module's random generator: returns the given ports, in order."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = iter(ports)

    def choice(self, candidates: range) -> int:
        port = next(self.ports)
        assert port in candidates
        return port


def _unbound_ports(count: int) -> list[int]:
    """Ports below Linux's default ephemeral range that nothing is bound to now."""
    ports = []
    for port in range(21000, 22000):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    pytest.fail("not enough unbound ports in 21000-21999 for the test")


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port below Linux's default ephemeral range that a listening socket holds."""
    with socket.socket() as sock:
        for port in range(20000, 21000):
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            sock.listen()
            yield port
            return
    pytest.fail("no port in 20000-20999 could be bound for the test")


def test_the_ephemeral_range_is_read_from_the_kernel_setting(tmp_path: Path) -> None:
    setting = tmp_path / "ip_local_port_range"
    setting.write_text("40000\t50000\n")
    assert ephemeral_port_range(setting) == (40000, 50000)
    assert ephemeral_port_range(tmp_path / "missing") == (32768, 60999)


@pytest.mark.parametrize("ephemeral", [(32768, 60999), (10000, 60000), (2000, 30000)])
def test_ports_are_outside_the_ephemeral_range(ephemeral: tuple[int, int]) -> None:
    low, high = ephemeral
    for _ in range(50):
        port = free_port(ephemeral=ephemeral)
        assert 1024 <= port < low or high < port <= 65535


def test_a_port_something_is_bound_to_is_skipped(monkeypatch: pytest.MonkeyPatch, busy_port: int) -> None:
    monkeypatch.setattr(local_services, "_random", ScriptedChoice([busy_port, busy_port + 1000]))
    monkeypatch.setattr(local_services, "_ports_given", set())
    assert free_port(ephemeral=LINUX_DEFAULT) == busy_port + 1000


def test_a_port_is_never_given_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = _unbound_ports(2)
    monkeypatch.setattr(local_services, "_random", ScriptedChoice([first, first, second]))
    monkeypatch.setattr(local_services, "_ports_given", set())
    assert [free_port(ephemeral=LINUX_DEFAULT), free_port(ephemeral=LINUX_DEFAULT)] == [first, second]


def test_no_free_port_is_an_error_naming_the_range(monkeypatch: pytest.MonkeyPatch, busy_port: int) -> None:
    monkeypatch.setattr(local_services, "_random", ScriptedChoice([busy_port] * local_services.PORT_ATTEMPTS))
    with pytest.raises(ServiceError, match="1024-32767"):
        free_port(ephemeral=LINUX_DEFAULT)


def test_an_ephemeral_range_over_every_port_is_an_error_naming_it() -> None:
    with pytest.raises(ServiceError, match="1024-65535"):
        free_port(ephemeral=(1024, 65535))
