"""Benchmark of BackCoach against Rasa's starter bot (``make bench``, see docs/PERFORMANCE.md)."""
