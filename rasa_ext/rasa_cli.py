"""Rasa's command line with the project's changes to Rasa installed first.

``python -m rasa_ext.rasa_cli shell --endpoints endpoints.yml`` runs ``rasa shell ...`` as the
servers of ``python -m rasa_ext.serve`` run ``rasa run`` (``make shell`` chats through it).
"""

from __future__ import annotations

import sys

import rasa.__main__

from rasa_ext import rasa_changes


def main() -> None:
    """``rasa <the arguments>``, after :func:`rasa_ext.rasa_changes.install`."""
    rasa_changes.install()
    sys.argv = ["rasa", *sys.argv[1:]]
    rasa.__main__.main()


if __name__ == "__main__":
    main()
