"""The environment is read in one place: ``settings.py``. Other modules may pass the environment on
to a process they start, or set a variable for one, but never read a setting from it themselves."""

from __future__ import annotations

import ast

import pytest

import settings
from launchers.servers import ROOT

# Every package of the project but the tests; the top level holds settings.py alone.
PACKAGES = sorted(path.parent.name for path in ROOT.glob("*/__init__.py") if path.parent.name != "tests")


def environment_reads(tree: ast.AST) -> list[int]:
    """Lines that read ``os.environ`` (``.get``, ``[name]``, ``in``) or call ``os.getenv``."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "getenv":
            lines.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "get" and ast.unparse(node.func.value) == "os.environ":
                lines.append(node.lineno)
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            if ast.unparse(node.value) == "os.environ":
                lines.append(node.lineno)
        elif isinstance(node, ast.Compare) and any(ast.unparse(c) == "os.environ" for c in node.comparators):
            lines.append(node.lineno)
    return sorted(set(lines))


def test_only_the_settings_module_reads_the_environment() -> None:
    assert {"actions", "knowledge", "safety", "scripts"} <= set(PACKAGES)
    modules = [path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))]
    reads = {
        str(path.relative_to(ROOT)): lines
        for path in modules
        if (lines := environment_reads(ast.parse(path.read_text())))
    }
    assert reads == {}


def test_the_check_finds_every_kind_of_read() -> None:
    source = "import os\nos.environ.get('A')\nos.getenv('B')\nos.environ['C']\n'D' in os.environ\n"
    assert environment_reads(ast.parse(source)) == [2, 3, 4, 5]
    assert environment_reads(ast.parse("import os\nos.environ['A'] = '1'\nenv = {**os.environ}\n")) == []


def test_settings_are_read_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "0.5")
    monkeypatch.setenv("WEB_ALLOWED_ORIGINS", " https://clinic.example/ ,, https://other.example")
    assert settings.action_timeout_seconds() == 0.5
    assert settings.web_allowed_origins() == ["https://clinic.example", "https://other.example"]
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert settings.telegram_bot_token() is None
