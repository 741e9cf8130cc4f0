"""tests_without_assertions: in a Rust test file any unwrap checks (a Rust test fails when it
panics or returns an error). Round 1 (review AB #3) treated "let x = Ctor::new(…).unwrap();" as
scaffolding, which made a smoke or regression test whose check is that very constructor ("let _db =
Database::open(\"issue_123.db\").unwrap();") read as checking nothing and fired on people (review 2
AB #3). The setup exemption is gone: an empty agent test that unwraps only its scaffolding reads as
checking, a known miss the module docstring names (review 2 AB #5). A ``?`` in a Result test still
counts, but not one in a trailing comment. Strings are read once per line (review AB #4)."""

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
    "    let _db = Database::open(\"tests/fixtures/sample.db\").unwrap();",
    "    let _parser = Parser::new(VALID_GRAMMAR).unwrap();",
    "    let pool = ThreadPool::new(4).unwrap();\n    drop(pool);",
    "    let _conn = Client::connect(&server.url()).unwrap();",
], ids=["database-open", "parser-new", "thread-pool-new", "client-connect"])
def test_a_constructor_under_test_unwrapped_checks(body):
    assert not _fires(_test(body))


@pytest.mark.parametrize("body", [
    "    let dir = tempdir().unwrap();\n    let processor = Processor::new(dir.path());\n    processor.run();",
    "    let rt = tokio::runtime::Runtime::new().unwrap();\n    rt.block_on(async {\n"
    "        let _ = Client::new(\"http://localhost:8080\").fetch_users().await;\n    });",
    "    let dir = tempdir().unwrap();\n    std::fs::write(dir.path().join(\"a.toml\"), \"x = 1\").unwrap();\n"
    "    let _ = load_config(dir.path());",
    "    let conn = Connection::open_in_memory().unwrap();\n    migrate(&conn);",
    "    let mut f = File::create(&path).unwrap();\n    writeln!(f, \"hello\").unwrap();\n    process(&path);",
], ids=["tempdir", "runtime", "fs-write", "open-in-memory", "writeln"])
def test_known_miss_an_unwrap_on_scaffolding_alone_reads_as_checking(body):
    """Accepted: telling scaffolding from the call under test is guesswork, and a wrong guess
    calls a person's test empty."""
    assert not _fires(_test(body))


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
