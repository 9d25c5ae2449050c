"""Rasa's debug-only deep copies are skipped when debug logging is off, and only those."""

from __future__ import annotations

import ast
import copy
import inspect
import logging
from collections.abc import Iterator
from types import ModuleType

import pytest

from rasa_ext import debug_log_copies, rasa_changes


@pytest.fixture
def installed() -> Iterator[None]:
    rasa_changes.install()
    yield
    rasa_changes.uninstall()


def copy_uses(module: ModuleType) -> list[tuple[ast.Attribute, ast.Call | None]]:
    """Every ``copy.<name>`` in ``module``'s source, with the call its result is an argument of."""
    tree = ast.parse(inspect.getsource(module))
    argument_of: dict[ast.AST, ast.Call] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                argument_of[argument] = node
    calls_of = {node.func: node for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return [
        (node, argument_of.get(calls_of.get(node)))
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "copy"
    ]


@pytest.mark.parametrize("module", debug_log_copies.MODULES, ids=lambda m: m.__name__)
def test_the_modules_deep_copy_only_for_debug_log_lines(module: ModuleType) -> None:
    uses = copy_uses(module)
    assert uses, module.__name__
    for attribute, logged_by in uses:
        assert attribute.attr == "deepcopy", ast.unparse(attribute)
        assert logged_by is not None and ast.unparse(logged_by.func) == "structlogger.debug", attribute.lineno


@pytest.mark.parametrize("module", debug_log_copies.MODULES, ids=lambda m: m.__name__)
def test_no_copy_without_debug_and_a_real_copy_with_it(installed: None, module: ModuleType) -> None:
    logger = logging.getLogger(module.__name__)
    states = [{"user": {"intent": "greet"}}]
    level = logger.level
    try:
        logger.setLevel(logging.INFO)
        assert module.copy.deepcopy(states) is states
        logger.setLevel(logging.DEBUG)
        copied = module.copy.deepcopy(states)
        assert copied == states and copied is not states and copied[0] is not states[0]
    finally:
        logger.setLevel(level)


def test_uninstall_restores_the_copy_module(installed: None) -> None:
    modules = debug_log_copies.MODULES
    assert all(isinstance(module.copy, debug_log_copies.CopyForDebugLog) for module in modules)
    rasa_changes.uninstall()
    assert all(module.copy is copy for module in modules)
