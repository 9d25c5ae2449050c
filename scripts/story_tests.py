"""Rasa's story tests (``rasa test core``) on the Rasa that this project's servers run.

The project's changes to Rasa (``rasa_ext/rasa_changes.py``) are installed first, as the servers'
launcher installs them, so that the stories test the same Rasa as the servers. Arguments are those
of ``rasa test core``.
"""

from __future__ import annotations

import sys

from rasa.__main__ import main

from rasa_ext import rasa_changes

if __name__ == "__main__":
    rasa_changes.install()
    sys.argv = ["rasa", "test", "core", *sys.argv[1:]]
    main()
