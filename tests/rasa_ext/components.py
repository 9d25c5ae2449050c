"""The components of a trained model, as a Rasa server loads them."""

from __future__ import annotations

from typing import TypeVar

from rasa.core.agent import Agent

Component = TypeVar("Component")


def only_component(agent: Agent, cls: type[Component]) -> Component:
    """The one component of ``agent``'s graph that is a ``cls``."""
    components = [
        node._component
        for node in agent.processor.graph_runner._instantiated_nodes.values()
        if isinstance(getattr(node, "_component", None), cls)
    ]
    assert len(components) == 1
    return components[0]
