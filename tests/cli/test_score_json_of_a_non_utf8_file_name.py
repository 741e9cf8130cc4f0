"""``sieve score --json`` on a file whose name is not UTF-8 (``bad\\xff.jsonl``, a Latin-1 download).

Python reads such a name with ``\\udcff`` in it, and ``json.dumps`` wrote that as the escape
``"\\udcff"``: a lone surrogate, which is not a Unicode character. Strict parsers refuse it
(``serde_json``: "lone leading surrogate"; Python cannot encode the parsed ``ref`` as UTF-8).
"""

from __future__ import annotations

import json
import os
import re

import pytest
from typer.testing import CliRunner

from bot.cli import build_app
from bot.paths import models_dir

pytestmark = pytest.mark.skipif(not any(models_dir().glob("*.skops")),
                                reason="no trained model in models/ (run `sieve train`)")

RECORD = '{"title": "Fix race in span flush", "body": "Tested with go test -race."}\n'
LONE_SURROGATE_ESCAPE = re.compile(r"\\ud[89a-f][0-9a-f]{2}", re.IGNORECASE)


@pytest.fixture
def odd_name(tmp_path):
    path = tmp_path / os.fsdecode(b"pr\xffs.jsonl")
    try:
        path.write_text(RECORD * 2)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    return path


def test_each_ref_is_well_formed_unicode(odd_name):
    result = CliRunner().invoke(build_app(), ["score", "--json", str(odd_name)])
    assert result.exit_code in (0, 1, 2), result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    for number, line in enumerate(lines, 1):
        assert not LONE_SURROGATE_ESCAPE.search(line), line
        ref = json.loads(line)["ref"]
        ref.encode("utf-8")  # raises on a lone surrogate
        assert ref == f"pr\ufffds.jsonl:{number}"  # the bad byte shown as U+FFFD, the rest as it was
