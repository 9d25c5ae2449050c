"""What each change to Rasa gives: ``make bench``'s loads on BackCoach with every change of
``rasa_ext/rasa_changes.py``, and on BackCoach without each one (docs/PERFORMANCE.md, "Ablation").

Every variant is BackCoach's production profile as ``make bench`` runs it (endpoints.production.yml:
a PostgreSQL tracker store, the Redis lock store, nginx in front, one action server), serving the
latest model in models/; the variant without a change sets ``BACKCOACH_SKIP_RASA_CHANGES``. All
variants are started before any is measured and then loaded in turns, the order reversed every
round (bench/run.py's ``in_turns``): a drift of the machine's speed falls on all of them alike. The
action timeout and fallback are not ablated: they are there for reliability, not speed.

    python -m bench.ablation [--processes 1] [--rounds 4] [--conversations-one-user 8] ...
"""

from __future__ import annotations

import argparse
import json
import tempfile
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import settings
from bench import conversations
from bench.run import REST_WEBHOOK, ROOT, Bot, in_turns, running, services_env, start, warm_up
from launchers.local_services import (
    LOAD_FROM_ONE_ADDRESS,
    free_port,
    start_nginx,
    start_postgres,
    start_redis,
)
from launchers.servers import action_server, rasa_servers

RESULTS = ROOT / "bench" / "ablation.json"
ALL_CHANGES = "all changes"
# The changes whose gain is speed (rasa_changes.groups() less the action timeout and fallback).
ABLATED = ["action_connections", "action_validation", "event_types", "debug_log_copies"]


def variant_name(skipped: str | None) -> str:
    return ALL_CHANGES if skipped is None else f"without {skipped}"


def start_variants(workdir: Path, args: argparse.Namespace, stack: ExitStack) -> list[Bot]:
    """One BackCoach per variant, sharing PostgreSQL, Redis and the action server, each behind its
    own nginx; all of them started for the rest of ``stack``."""
    services = workdir / "services"
    database = stack.enter_context(start_postgres(services / "postgres"))
    redis = stack.enter_context(start_redis(services / "redis"))
    actions_port = free_port()
    env = services_env(actions_port, database, redis)
    env.pop(settings.SKIP_RASA_CHANGES_VARIABLE, None)
    actions = action_server(actions_port, env, workdir / "actions.log")
    stack.enter_context(running([actions]))
    bots = []
    for index, skipped in enumerate([None, *args.changes]):
        ports = [free_port() for _ in range(args.processes)]
        balancer = stack.enter_context(
            start_nginx(services / f"nginx-{index}", upstreams=ports, rate_limits=LOAD_FROM_ONE_ADDRESS)
        )
        variant_env = env if skipped is None else env | {settings.SKIP_RASA_CHANGES_VARIABLE: skipped}
        servers = rasa_servers(
            ports,
            variant_env,
            workdir / f"backcoach-{index}.log",
            model=args.model,
            endpoints="endpoints.production.yml",
        )
        bot = Bot(
            variant_name(skipped),
            [servers],
            [],
            balancer.url + REST_WEBHOOK,
            conversations.BACKCOACH,
            conversations.LONG_BACKCOACH,
        )
        start(bot, stack)
        bots.append(bot)
    return bots


def figures(load: dict[str, Any]) -> dict[str, Any]:
    keep = ("messages", "unanswered", "throughput", "p50_ms", "p95_ms", "round_throughputs")
    return {key: load[key] for key in keep}


def measure(workdir: Path, args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    with ExitStack() as stack:
        bots = start_variants(workdir, args, stack)
        for bot in bots:
            warm_up(bot)
        one_user = in_turns(bots, 1, args.conversations_one_user, args.rounds)
        ten_users = in_turns(bots, 10, args.conversations_ten_users, args.rounds)
    return {
        bot.name: {"one_user": figures(one_user[bot.name]), "ten_users": figures(ten_users[bot.name])}
        for bot in bots
    }


def table(variants: dict[str, dict[str, Any]]) -> str:
    """Each variant's figures, and its ratio to all changes: msg/s below 1 and p50 above 1 mean the
    change helps. The per-round range of the msg/s ratio shows the run-to-run noise."""
    base = variants[ALL_CHANGES]
    lines = [
        "| variant | 1 user p50 ms | 1 user p95 ms | 10 users msg/s | 10 users p95 ms "
        "| msg/s vs all changes (rounds) | 1 user p50 vs all changes |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for name, variant in variants.items():
        one, ten = variant["one_user"], variant["ten_users"]
        base_rounds = base["ten_users"]["round_throughputs"]
        round_ratios = [a / b for a, b in zip(ten["round_throughputs"], base_rounds, strict=True)]
        throughput_ratio = ten["throughput"] / base["ten_users"]["throughput"]
        latency_ratio = one["p50_ms"] / base["one_user"]["p50_ms"]
        spread = f"{min(round_ratios):.2f}–{max(round_ratios):.2f}"
        lines.append(
            f"| {name} | {one['p50_ms']} | {one['p95_ms']} | {ten['throughput']} | {ten['p95_ms']} | "
            f"{throughput_ratio:.2f} ({spread}) | {latency_ratio:.2f} |"
        )
    return "\n".join(lines)


def _shown(path: Path) -> str:
    """``path`` relative to the project when it is inside it: the results name no machine's folders."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--model", type=Path, default=ROOT / "models", help="a model, or a folder for its latest"
    )
    # One process per variant by default, so that five variants start and idle side by side on 2 cores.
    parser.add_argument("--processes", type=int, default=1, help="Rasa processes per variant behind nginx")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--conversations-one-user", type=int, default=8)
    parser.add_argument("--conversations-ten-users", type=int, default=4)
    parser.add_argument(
        "--changes", nargs="+", default=ABLATED, help="the changes to leave out, one at a time"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    for option, count in [
        ("--conversations-one-user", args.conversations_one_user),
        ("--conversations-ten-users", args.conversations_ten_users),
    ]:
        if count <= 0 or count % args.rounds:
            parser.error(f"{option} must be a positive multiple of --rounds")
    with tempfile.TemporaryDirectory(prefix="backcoach-ablation-") as tmp:
        variants = measure(Path(tmp), args)
    results = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "settings": {
            "model": _shown(args.model),
            "processes": args.processes,
            "rounds": args.rounds,
            "conversations_one_user": args.conversations_one_user,
            "conversations_ten_users": args.conversations_ten_users,
            "changes": ",".join(args.changes),
        },
        "variants": variants,
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(table(variants))
    print(f"\nFigures written to {args.out}")


if __name__ == "__main__":
    main()
