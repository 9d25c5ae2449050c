"""PostgreSQL, Redis and nginx started privately on loopback, for tests and benchmarks.

Each ``start_*`` function picks a free port (unless given one), keeps its data, logs and
configuration under the given working directory, waits until the service answers and returns a
:class:`Service`; ``Service.stop()`` (or leaving a ``with`` block) stops it and waits for it::

    with start_postgres(tmp) as db, start_redis(tmp) as redis:
        env = {"TRACKER_STORE_URL": db.url, "REDIS_HOST": redis.host, "REDIS_PORT": str(redis.port)}
        ...
    with start_nginx(tmp, upstreams=[5005, 5006]) as proxy:
        requests.post(proxy.url + "/webhooks/rest/webhook", ...)

A missing program raises :class:`ServiceError` naming it and how to install it
(``scripts/install_services.sh``). PostgreSQL refuses to run as root: as root, the server runs as
the ``postgres`` system user with its data directory in a private folder under the system temp
directory (the working directory's parents are often closed to other users); a symlink
``<workdir>/postgres-data`` points to it and ``stop()`` deletes it.

``python -m launchers.local_services nginx-conf --listen 80 --upstream 10.0.0.11:5005 ...`` prints the
nginx configuration for a real deployment (docs/DEPLOYMENT.md).
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

HOST = "127.0.0.1"
NGINX_TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
INSTALL_HINT = "run scripts/install_services.sh (or apt-get install {package})"
START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 30.0
EPHEMERAL_RANGE_FILE = Path("/proc/sys/net/ipv4/ip_local_port_range")
PORT_ATTEMPTS = 200
# Random, so that processes picking ports at the same time rarely pick the same one.
_random = random.Random()
_ports_given: set[int] = set()


class ServiceError(RuntimeError):
    """A service could not be found, configured or started."""


@dataclass
class Service:
    """One running service process: where it listens and how to stop it."""

    name: str
    host: str
    port: int
    url: str
    process: subprocess.Popen
    log: Path
    stop_signal: int = signal.SIGTERM
    _cleanup: list[Callable[[], None]] = field(default_factory=list, repr=False)

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, timeout: float = STOP_TIMEOUT_SECONDS) -> None:
        """Stop the process (its clean shutdown signal, then SIGKILL after ``timeout``); idempotent."""
        if self.process.poll() is None:
            self.process.send_signal(self.stop_signal)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        while self._cleanup:
            self._cleanup.pop()()

    def __enter__(self) -> Service:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def ephemeral_port_range(path: Path = EPHEMERAL_RANGE_FILE) -> tuple[int, int]:
    """The ports the kernel picks from for port 0 and for outgoing connections (Linux's default
    when the file cannot be read)."""
    try:
        low, high = (int(value) for value in path.read_text().split())
    except (OSError, ValueError):
        return 32768, 60999
    return low, high


def _port_candidates(ephemeral: tuple[int, int]) -> range:
    """The widest run of unprivileged ports outside the ephemeral range."""
    low, high = ephemeral
    below, above = range(1024, low), range(high + 1, 65536)
    return below if len(below) >= len(above) else above


def free_port(host: str = HOST, ephemeral: tuple[int, int] | None = None) -> int:
    """A TCP port that nothing is bound to right now and that no earlier call returned.

    The port is outside the kernel's ephemeral range. A port from that range (what binding port 0
    gives) can become the local end of some process's outgoing connection, to PostgreSQL or Redis
    say, before the server it was picked for binds it; that server then fails to start.
    """
    low, high = ephemeral or ephemeral_port_range()
    candidates = _port_candidates((low, high))
    if not candidates:
        raise ServiceError(f"the ephemeral port range {low}-{high} leaves no port to pick from")
    for _ in range(PORT_ATTEMPTS):
        port = _random.choice(candidates)
        if port in _ports_given:
            continue
        with socket.socket() as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
        _ports_given.add(port)
        return port
    raise ServiceError(f"no free TCP port on {host} in {candidates.start}-{candidates.stop - 1}")


def find_program(name: str, package: str, extra_globs: Sequence[str] = ()) -> str:
    """The path of ``name`` (PATH, then /usr/sbin, /usr/bin, then ``extra_globs``, newest first)."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/usr/local/bin")
    if found:
        return found
    for pattern in extra_globs:
        matches = sorted(glob.glob(pattern), key=_version_key, reverse=True)
        if matches:
            return matches[0]
    raise ServiceError(f"{name} not found (package {package}): " + INSTALL_HINT.format(package=package))


def _version_key(path: str) -> list[int]:
    return [int(part) for part in Path(path).parts if part.isdigit()]


def _postgres_bin_dir() -> Path:
    """The folder of PostgreSQL's server programs (Debian keeps them out of PATH)."""
    postgres = find_program("postgres", "postgresql", ["/usr/lib/postgresql/*/bin/postgres"])
    return Path(postgres).resolve().parent


def _wait_until(service: Service, ready: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not service.running:
            service.stop()
            raise ServiceError(f"{service.name} exited during start-up:\n{service.log_tail()}")
        if ready():
            return
        time.sleep(0.1)
    service.stop()
    raise ServiceError(f"{service.name} did not answer within {timeout:.0f}s:\n{service.log_tail()}")


def _accepts_connections(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _run(command: list[str], what: str, **kwargs: object) -> None:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        raise ServiceError(f"{what} failed ({' '.join(command)}):\n{result.stdout}{result.stderr}")


# --- PostgreSQL -------------------------------------------------------------------------------


def start_postgres(
    workdir: Path,
    *,
    port: int | None = None,
    database: str = "backcoach",
    user: str = "backcoach",
    settings: Mapping[str, str] | None = None,
    timeout: float = START_TIMEOUT_SECONDS,
) -> Service:
    """A fresh PostgreSQL cluster on 127.0.0.1 (trust authentication, TCP only) with one database.

    ``url`` is a SQLAlchemy URL (``postgresql://backcoach@127.0.0.1:PORT/backcoach``) for
    ``TRACKER_STORE_URL``. ``settings`` are extra server settings (``{"max_connections": "300"}``).
    """
    bin_dir = _postgres_bin_dir()
    for program in ("initdb", "pg_isready", "createdb"):
        if not (bin_dir / program).exists():
            raise ServiceError(f"{bin_dir / program} not found: " + INSTALL_HINT.format(package="postgresql"))
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    log = workdir / "postgres.log"
    cleanup: list[Callable[[], None]] = []
    as_user: dict[str, object] = {}

    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            raise ServiceError(
                "PostgreSQL refuses to run as root and there is no 'postgres' user: "
                + INSTALL_HINT.format(package="postgresql")
            ) from None
        link = workdir / "postgres-data"
        if link.is_symlink():
            link.unlink()
        elif link.exists():
            raise ServiceError(f"{link} already exists: start PostgreSQL in a fresh working directory")
        private = Path(tempfile.mkdtemp(prefix="backcoach-postgres-"))
        os.chown(private, account.pw_uid, account.pw_gid)
        cleanup.append(lambda: shutil.rmtree(private, ignore_errors=True))
        link.symlink_to(private)
        cleanup.append(lambda: link.unlink(missing_ok=True))
        data = private / "data"
        as_user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    else:
        data = workdir / "postgres-data"

    try:
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                user,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
            "initdb",
            **as_user,
        )
    except BaseException:
        for step in reversed(cleanup):
            step()
        raise

    options = {"listen_addresses": HOST, "unix_socket_directories": "", **(settings or {})}
    command = [str(bin_dir / "postgres"), "-D", str(data), "-p", str(port)]
    for key, value in options.items():
        command += ["-c", f"{key}={value}"]
    with log.open("ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, **as_user)  # type: ignore[call-overload]
    service = Service(
        name="PostgreSQL",
        host=HOST,
        port=port,
        url=f"postgresql://{user}@{HOST}:{port}/{database}",
        process=process,
        log=log,
        stop_signal=signal.SIGINT,  # "fast" shutdown: disconnect clients, then stop cleanly
        _cleanup=cleanup,
    )

    def ready() -> bool:
        check = [str(bin_dir / "pg_isready"), "-q", "-h", HOST, "-p", str(port), "-U", user, "-d", "postgres"]
        return subprocess.run(check, capture_output=True).returncode == 0

    _wait_until(service, ready, timeout)
    try:
        _run([str(bin_dir / "createdb"), "-h", HOST, "-p", str(port), "-U", user, database], "createdb")
    except ServiceError:
        service.stop()
        raise
    return service


# --- Redis ------------------------------------------------------------------------------------


def start_redis(workdir: Path, *, port: int | None = None, timeout: float = START_TIMEOUT_SECONDS) -> Service:
    """A Redis server on 127.0.0.1 without persistence; ``url`` is ``redis://127.0.0.1:PORT``.

    Rasa's lock store takes ``host`` and ``port`` separately (``REDIS_HOST``, ``REDIS_PORT``).
    """
    program = find_program("redis-server", "redis-server")
    workdir = Path(workdir)
    data = workdir / "redis"
    data.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    log = workdir / "redis.log"
    command = [
        program, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no",
        "--dir", str(data), "--daemonize", "no", "--logfile", "",
    ]  # fmt: skip
    with log.open("ab") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    service = Service("Redis", HOST, port, f"redis://{HOST}:{port}", process, log)

    def ready() -> bool:
        try:
            with socket.create_connection((HOST, port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    _wait_until(service, ready, timeout)
    return service


# --- nginx ------------------------------------------------------------------------------------


def _upstream_address(upstream: str | int) -> str:
    return f"{HOST}:{upstream}" if isinstance(upstream, int) else upstream


@dataclass(frozen=True)
class RateLimits:
    """Requests per second and burst per client address, for people and for the platforms."""

    client_rate: str
    client_burst: int
    platform_rate: str
    platform_burst: int


PRODUCTION_RATE_LIMITS = RateLimits(
    client_rate="10r/s", client_burst=50, platform_rate="100r/s", platform_burst=400
)
# Tests and benchmarks send every user's messages from 127.0.0.1, as one client: the limits meant
# for one person would turn their load into 429s.
LOAD_FROM_ONE_ADDRESS = RateLimits(
    client_rate="10000r/s", client_burst=100_000, platform_rate="10000r/s", platform_burst=100_000
)


def render_nginx_conf(
    upstreams: Sequence[str | int],
    *,
    listen: str = "80",
    rate_limits: RateLimits = PRODUCTION_RATE_LIMITS,
    pid_file: str = "/run/nginx.pid",
    error_log: str = "/var/log/nginx/error.log",
    access_log: str = "/var/log/nginx/access.log",
    temp_dir: str = "/var/lib/nginx",
    user: str | None = None,
    template: Path = NGINX_TEMPLATE,
) -> str:
    """The nginx configuration: ``template`` with its double-brace placeholders filled in.

    ``upstreams`` are the Rasa servers (``"host:port"``, or a port on 127.0.0.1); the defaults of
    the paths are Debian's. ``user`` is the account of nginx's worker processes (nginx's default
    when None).
    """
    if not upstreams:
        raise ServiceError("nginx needs at least one upstream Rasa server")
    values = {
        "user_directive": f"user {user};" if user else "",
        "pid_file": pid_file,
        "error_log": error_log,
        "access_log": access_log,
        "temp_dir": temp_dir,
        "listen": listen,
        "client_rate": rate_limits.client_rate,
        "client_burst": str(rate_limits.client_burst),
        "platform_rate": rate_limits.platform_rate,
        "platform_burst": str(rate_limits.platform_burst),
        "upstream_servers": "\n".join(
            f"        server {_upstream_address(upstream)} max_fails=2 fail_timeout=5s;"
            for upstream in upstreams
        ),
    }
    text = Path(template).read_text()
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    if "{{" in text:
        start = text.index("{{")
        raise ServiceError(f"{template}: unknown placeholder {text[start : text.index('}}', start) + 2]}")
    return text


def start_nginx(
    workdir: Path,
    upstreams: Sequence[str | int],
    *,
    port: int | None = None,
    template: Path = NGINX_TEMPLATE,
    timeout: float = START_TIMEOUT_SECONDS,
    rate_limits: RateLimits = PRODUCTION_RATE_LIMITS,
) -> Service:
    """nginx on 127.0.0.1 balancing over ``upstreams`` (ports on 127.0.0.1 or ``"host:port"``).

    ``url`` is ``http://127.0.0.1:PORT``; ``log`` is the access log, one line per request with the
    conversation key and the upstream that served it (``key="..." upstream=127.0.0.1:5005``).
    """
    program = find_program("nginx", "nginx")
    workdir = Path(workdir) / "nginx"
    temp = workdir / "temp"
    temp.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    conf = workdir / "nginx.conf"
    access_log = workdir / "access.log"
    error_log = workdir / "error.log"
    conf.write_text(
        render_nginx_conf(
            upstreams,
            listen=f"{HOST}:{port}",
            pid_file=str(workdir / "nginx.pid"),
            error_log=str(error_log),
            access_log=str(access_log),
            temp_dir=str(temp),
            # As root, workers would run as "nobody", who may not reach a private temp dir.
            user="root" if os.geteuid() == 0 else None,
            template=template,
            rate_limits=rate_limits,
        )
    )
    base = [program, "-p", str(workdir), "-e", str(error_log), "-c", str(conf), "-g", "daemon off;"]
    _run(base + ["-t", "-q"], "nginx configuration test")
    access_log.touch()
    with (workdir / "nginx.out").open("ab") as out:
        process = subprocess.Popen(base, stdout=out, stderr=subprocess.STDOUT)
    service = Service("nginx", HOST, port, f"http://{HOST}:{port}", process, access_log, signal.SIGTERM)
    service_error_log = error_log

    def ready() -> bool:
        return _accepts_connections(HOST, port)

    try:
        _wait_until(service, ready, timeout)
    except ServiceError as error:
        raise ServiceError(f"{error}\n{service_error_log.read_text(errors='replace')[-3000:]}") from None
    return service


# --- command line -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m launchers.local_services", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    nginx = commands.add_parser("nginx-conf", help="print the nginx configuration for given Rasa servers")
    nginx.add_argument("--upstream", action="append", required=True, help="host:port of a Rasa server")
    nginx.add_argument("--listen", default="80")
    nginx.add_argument("--pid-file", default="/run/nginx.pid")
    nginx.add_argument("--error-log", default="/var/log/nginx/error.log")
    nginx.add_argument("--access-log", default="/var/log/nginx/access.log")
    nginx.add_argument("--temp-dir", default="/var/lib/nginx")
    nginx.add_argument("--user", default="www-data")
    args = parser.parse_args(argv)
    print(
        render_nginx_conf(
            args.upstream,
            listen=args.listen,
            pid_file=args.pid_file,
            error_log=args.error_log,
            access_log=args.access_log,
            temp_dir=args.temp_dir,
            user=args.user,
        ),
        end="",
    )


if __name__ == "__main__":
    main()
