"""The product gates a candidate model must hold before it ships (models/HISTORY.md, rule 5).

Scores the demo's two PRs, read through the fake GitHub and the PyGithub adapter as the App
reads them, and the two bundled examples, with the model given (default: the shipped one)::

    python benchmarks/product_gates.py [MODEL.skops]

Gates: demo #101 (a low-effort agent PR) and ``examples/low-effort-pr.json`` in ``high``;
demo #102 (a careful human PR) ``low``; ``examples/careful-ai-pr.json`` (disclosed, careful AI
use) out of ``high``. Prints one line per PR and exits 1 when a gate fails. The author search
is not run, so #101 is scored on its own content.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.demo.run import load_script, seed
from bot.fakegithub import FakeGitHub
from bot.github import make_github_factory
from bot.loaders.github_json import load_bundle
from bot.scoring import ScoreConfig, score

# name -> bands it may land in
GATES = {"demo #101": ("high",), "demo #102": ("low",),
         "examples/low-effort-pr.json": ("high",), "examples/careful-ai-pr.json": ("low", "medium")}


def snapshots() -> dict:
    script = load_script()
    with FakeGitHub() as fake:
        seed(fake, script)
        port = make_github_factory(app_id=fake.app_id, private_key=fake.app_private_key,
                                   base_url=fake.base_url)(fake.installation_id)
        found = {f"demo #{n}": port.get_snapshot(script["repo"], n) for n in (101, 102)}
    root = Path(__file__).resolve().parents[1]
    found.update({name: load_bundle(root / name) for name in GATES if name.startswith("examples/")})
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", type=Path, help="model file (default: the shipped one)")
    args = parser.parse_args()
    config = ScoreConfig(model_path=str(args.model) if args.model else None)
    failed = 0
    for name, snap in snapshots().items():
        result = score(snap, config)
        ok = result.band in GATES[name]
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name:30} {result.score:3d}/100 {result.band:6} "
              f"p={result.probability:.3f}  (wanted: {' or '.join(GATES[name])})")
    print(f"model {result.model_version}: {'every gate holds' if not failed else f'{failed} gate(s) fail'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
