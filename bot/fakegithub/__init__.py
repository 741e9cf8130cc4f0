"""A local fake of the GitHub REST API (tests, ``sieve demo``, load benchmarks).

Pure Python, in-memory, one background thread serving a real socket on 127.0.0.1.
See ``bot.fakegithub.fake.FakeGitHub`` for the seeding, read-back and fault-injection API.
"""

from bot.fakegithub.fake import FakeGitHub
from bot.fakegithub.transport import RequestRecord

__all__ = ["FakeGitHub", "RequestRecord"]
