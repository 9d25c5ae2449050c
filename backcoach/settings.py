"""The top-level ``settings`` module under its former name, for the two modules that still import
it from here while they are being changed elsewhere (``safety/semantic.py``, ``eval/run.py``).
The rename of this package points them at ``settings`` and deletes this file."""

from settings import VAR_DIR, knowledge_db_url

__all__ = ["VAR_DIR", "knowledge_db_url"]
