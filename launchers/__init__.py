"""Deployment support: the nginx template and local PostgreSQL, Redis and nginx for tests/benchmarks."""
