"""Persistence: the records, the TinyDB store, its lock, history, migrations and backups."""
