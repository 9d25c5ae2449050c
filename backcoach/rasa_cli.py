"""Rasa's command line with the project's changes to Rasa installed first.

``python -m backcoach.rasa_cli shell --endpoints endpoints.yml`` runs ``rasa shell ...`` as the
servers of ``python -m backcoach.serve`` run ``rasa run`` (``make shell`` chats through it).
"""

from __future__ import annotations

import sys

import rasa.__main__

from backcoach import rasa_changes


def main() -> None:
    """``rasa <the arguments>``, after :func:`backcoach.rasa_changes.install`."""
    rasa_changes.install()
    sys.argv = ["rasa", *sys.argv[1:]]
    rasa.__main__.main()


if __name__ == "__main__":
    main()
