"""Run the fake GitHub on its own: ``python -m bot.fakegithub --port 9000``.

Prints the base URL and App id, writes the App private key (for ``SIEVE_PRIVATE_KEY_PATH``)
and serves until Ctrl-C. Seed it from Python when you need data; this entry point is for
poking at the App by hand (``SIEVE_GITHUB_API_URL=<base url>``).
"""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

from bot.fakegithub import FakeGitHub


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.fakegithub",
                                     description="Run the fake GitHub REST server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds added to every response")
    parser.add_argument("--key-out", type=Path, default=Path("fake-github-app.pem"),
                        help="where to write the App private key (PEM)")
    parser.add_argument("--repo", action="append", default=[], help="owner/name to create (repeatable)")
    args = parser.parse_args(argv)
    with FakeGitHub(host=args.host, port=args.port, delay=args.delay) as fake:
        for repo in args.repo:
            fake.add_repo(repo)
        args.key_out.touch(mode=0o600)
        args.key_out.chmod(0o600)  # before the key goes in
        args.key_out.write_text(fake.app_private_key)
        print(f"fake GitHub at {fake.base_url}  app id {fake.app_id}  installation "
              f"{fake.installation_id}  key {args.key_out}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
