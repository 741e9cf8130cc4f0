"""tests_without_assertions: a Rust unwrap that only builds a test's scaffolding checks nothing
(review AB #3). ``let dir = tempdir().unwrap();`` or ``let rt = Runtime::new().unwrap();`` made a
"smoke test" that runs code and checks none of it read as checking. An unwrap of anything else
(the call under test, a constructor not bound by a let, two unwraps on a line) still counts, and so
does a ``?`` in a Result test, but not one in a trailing comment. Strings are read once per line
(review AB #4: a line of escaped quotes took quadratic time)."""

from __future__ import annotations

import time

import pytest

from bot.signals import assertions
from bot.snapshot import FileChange, PRSnapshot


def _new_file(path: str, code: str) -> FileChange:
    lines = code.strip("\n").splitlines()
    patch = f"@@ -0,0 +1,{len(lines)} @@\n" + "\n".join("+" + line for line in lines) + "\n"
    return FileChange(path=path, status="added", additions=len(lines), deletions=0, patch=patch)


def _fires(*codes: str) -> bool:
    files = tuple(_new_file(f"tests/processor_{i}.rs", c) for i, c in enumerate(codes))
    return assertions.tests_without_assertions(PRSnapshot(title="Add tests", body="", files=files)).fired


def _test(body: str, returns: str = "") -> str:
    return "use mycrate::Processor;\n\n#[test]\nfn processor_runs()" + returns + " {\n" + body + "\n}\n"


@pytest.mark.parametrize("body", [
    "    let dir = tempdir().unwrap();\n    let processor = Processor::new(dir.path());\n    processor.run();",
    "    let rt = tokio::runtime::Runtime::new().unwrap();\n    rt.block_on(async {\n"
    "        let _ = Client::new(\"http://localhost:8080\").fetch_users().await;\n    });",
    "    let dir = tempfile::tempdir().unwrap();\n    let mut file = File::create(dir.path().join(\"a.txt\")).unwrap();\n"
    "    Processor::new(dir.path()).run();",
    "    let dir: TempDir = TempDir::new().unwrap(); // scratch space\n    Processor::new(dir.path()).run();",
], ids=["tempdir", "runtime", "file-create", "typed-let"])
def test_an_unwrap_on_scaffolding_alone_checks_nothing(body):
    assert _fires(_test(body))


def test_a_question_mark_in_a_trailing_comment_checks_nothing():
    body = "    let v = parse(\"1,2,3\"); // returns Option<Vec<u32>>?\n    println!(\"{:?}\", v);\n    Ok(())"
    assert _fires(_test(body, " -> Result<(), Box<dyn std::error::Error>>"))


@pytest.mark.parametrize("body,returns", [
    ("    let dir = tempdir().unwrap();\n    let out = Processor::new(dir.path()).run().unwrap();", ""),
    ("    let dir = tempdir().unwrap();\n    Processor::open(dir.path()).unwrap();", ""),
    ("    let _ = Processor::new(\"/tmp\").unwrap();", ""),
    ("    let p = Processor::new(&input().unwrap()).unwrap();", ""),
    ("    let p = Processor::new(\"/tmp\").unwrap_err();", ""),
    ("    let dir = tempdir()?;\n    let body = fetch(\"http://localhost:8080/users\")?; // the call under test\n"
     "    Ok(())", " -> anyhow::Result<()>"),
], ids=["call-under-test", "no-let", "bound-to-underscore", "two-unwraps", "unwrap-err", "question-mark"])
def test_an_unwrap_or_question_mark_on_the_code_under_test_still_checks(body, returns):
    assert not _fires(_test(body, returns))


def test_a_line_of_escaped_quotes_is_read_in_linear_time():
    line = 'let s = "' + '\\"' * 9900 + ';'
    code = "#[test]\nfn t() -> Result<(), E> {\n    // ok?\n    " + line + "\n    Ok(())\n}\n"
    start = time.perf_counter()
    assert _fires(*[code] * 10)  # 200k characters of patch: 20 s with a regex restarting at each quote
    assert time.perf_counter() - start < 1.0
