"""Benchmarks for newsroom-bot: ``python -m bench`` (``make bench``) prints a table, writes JSON.

generate (the deterministic article generator, with templates and vocabulary), ingest (bare
tokenisation vs the full load), queries (handlers.dispatch latency), rss (peak memory of serve),
telegram_roundtrip / slack_roundtrip (through the fake platform servers in tests/), report.
"""
