"""``tests_without_assertions``: a Rust test checks by unwrapping and by ``?`` (h29-sigB #1).

A Rust test fails when it panics: ``parse(x).unwrap()`` fails the test when ``parse`` errs, a
``#[test] fn …() -> Result<…>`` fails when a ``?`` returns an error, and a ``#[should_panic]``
test checks that its code panics. Reporting such a new test file as "without any assertion" is
false. A Rust test that runs code and checks none of it is still reported.
"""

from __future__ import annotations

import pytest

from bot.signals import assertions
from bot.snapshot import FileChange, PRSnapshot


def _new_file(path: str, code: str) -> FileChange:
    lines = code.strip("\n").splitlines()
    patch = f"@@ -0,0 +1,{len(lines)} @@\n" + "\n".join("+" + line for line in lines)
    return FileChange(path=path, status="added", additions=len(lines), deletions=0, patch=patch)


def _hit(code: str, path: str = "tests/config_loading.rs"):
    return assertions.tests_without_assertions(PRSnapshot(title="Add tests", body="", files=(_new_file(path, code),)))


_UNWRAP = """
use mycrate::config::Config;

#[test]
fn loads_the_default_config() {
    let config = Config::from_str(include_str!("default.toml")).unwrap();
    config.listen_address().unwrap_err();
}
"""
_RESULT = """
use mycrate::config::Config;

#[test]
fn loads_the_default_config() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_str(include_str!("default.toml"))?;
    config.listen_address()?.port();
    Ok(())
}
"""
_ANYHOW_RESULT = """
use mycrate::config::Config;

#[tokio::test]
async fn loads_the_default_config() -> anyhow::Result<()> {
    let config = Config::load("default.toml").await?;
    Ok(())
}
"""
_SHOULD_PANIC = """
use mycrate::config::Config;

#[test]
#[should_panic(expected = "missing listen address")]
fn rejects_an_empty_config() {
    Config::from_str("").into_server();
}
"""
_EXPECT = """
use mycrate::config::Config;

#[test]
fn loads_the_default_config() {
    let config = Config::from_str(include_str!("default.toml")).expect("default config parses");
    let _ = config;
}
"""


@pytest.mark.parametrize("code", [_UNWRAP, _RESULT, _ANYHOW_RESULT, _SHOULD_PANIC, _EXPECT],
                         ids=["unwrap", "result", "anyhow-result", "should-panic", "expect"])
def test_a_rust_test_that_unwraps_or_returns_a_result_checks_something(code):
    assert not _hit(code).fired


_NOTHING = """
use mycrate::config::Config;

#[test]
fn loads_the_default_config() {
    let config = Config::from_str(include_str!("default.toml"));
    let _ = config.unwrap_or_default();
    println!("{:?}", config);
}
"""
_RESULT_WITHOUT_QUESTION_MARK = """
use mycrate::config::Config;

#[test]
fn loads_the_default_config() -> Result<(), String> {
    let _config = Config::from_str(include_str!("default.toml"));
    // does this load?
    Ok(())
}
"""
_QUESTION_MARK_OUTSIDE_A_RESULT_TEST = """
use mycrate::config::Config;

fn first_port(ports: &[u16]) -> Option<u16> {
    let port = ports.first()?;
    Some(*port)
}

#[test]
fn loads_the_default_config() {
    let _config = Config::from_str(include_str!("default.toml"));
    let _ = first_port(&[80]);
}
"""


@pytest.mark.parametrize("code", [_NOTHING, _RESULT_WITHOUT_QUESTION_MARK, _QUESTION_MARK_OUTSIDE_A_RESULT_TEST],
                         ids=["nothing", "result-without-?", "?-in-an-option-helper"])
def test_a_rust_test_that_checks_nothing_still_fires(code):
    assert _hit(code).value == 1.0


def test_unwrap_counts_only_in_rust():
    code = "test('loads', () => {\n  const config = load('default.toml');\n  config.unwrap();\n  run(config);\n});\n"
    assert _hit(code, "src/config.test.js").value == 1.0


def test_a_file_of_test_attributes_is_read_in_linear_time():
    import time
    patch = "@@ -0,0 +1,20001 @@\n" + "+#[test]\n" * 20000 + "+?"
    start = time.perf_counter()
    assert not assertions._rust_checks(patch)
    assert time.perf_counter() - start < 1.0  # about 0.1 s; a search reading every later attribute line: minutes
