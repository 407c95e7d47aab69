"""Storage: the SQLite engine, sessions, migrations and queries."""
