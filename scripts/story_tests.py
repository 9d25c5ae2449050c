"""Rasa's story tests (``rasa test core``) on the Rasa that this project's servers run.

The servers install ``backcoach.rasa_patches`` when they load the tracker store, which
``rasa test`` never loads: here they are installed first, so that the stories test the same rule
matching and model loading as the servers. Arguments are those of ``rasa test core``.
"""

from __future__ import annotations

import sys

from rasa.__main__ import main

from backcoach import rasa_patches

if __name__ == "__main__":
    rasa_patches.install()
    sys.argv = ["rasa", "test", "core", *sys.argv[1:]]
    main()
