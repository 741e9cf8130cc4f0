"""``sieve demo``: the App at work on SQLite against the fake GitHub, no credentials needed."""
