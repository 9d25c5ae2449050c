"""The components of the latest trained model in models/, as a Rasa server loads them."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from rasa.core.agent import Agent
from rasa.model import get_latest_model

ROOT = Path(__file__).resolve().parents[2]
Component = TypeVar("Component")


def load_latest() -> Agent:
    return Agent.load(get_latest_model(str(ROOT / "models")))


def only_component(agent: Agent, cls: type[Component]) -> Component:
    """The one component of ``agent``'s graph that is a ``cls``."""
    components = [
        node._component
        for node in agent.processor.graph_runner._instantiated_nodes.values()
        if isinstance(getattr(node, "_component", None), cls)
    ]
    assert len(components) == 1
    return components[0]
