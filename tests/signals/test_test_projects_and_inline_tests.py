""".NET test projects and Zig/D inline tests are tests (review-sig3 #3b).

A C# PR adding ``src/MyLib.Tests/ParserShould.cs`` and a Zig PR adding ``test "…" {}`` blocks to
``src/tokenizer.zig`` both add tests; "Added unit tests" was answered with "none of the changed
files is a test".
"""

from __future__ import annotations

import pytest

from bot.signals.claims import claims_tests_without_tests
from bot.signals.filekinds import is_test_path, patch_has_test_module
from bot.snapshot import FileChange, PRSnapshot


def _claim(*files: FileChange):
    return claims_tests_without_tests(PRSnapshot(title="t", body="Added unit tests for the new case.", files=files))


@pytest.mark.parametrize("path", [
    "src/MyLib.Tests/ParserShould.cs", "tests/MyLib.UnitTests/Parsing/LexerFacts.cs",
    "MyLib.IntegrationTests/Api.cs", "src/Foo.Bar.Test/Baz.fs",
])
def test_a_dotnet_test_project_holds_tests(path):
    assert is_test_path(path)
    assert not _claim(FileChange(path="src/MyLib/Parser.cs", additions=4, deletions=1),
                      FileChange(path=path, additions=30, deletions=0)).fired


@pytest.mark.parametrize("path", ["src/MyLib.Testing/Fake.cs", "src/mylib.tests/x.cs", "src/Contests/Entry.cs"])
def test_a_project_that_is_not_named_as_tests_is_not(path):
    assert not is_test_path(path)


_ZIG = ("@@ -40,3 +40,9 @@ pub fn next(self: *Tokenizer) ?Token {\n     return null;\n }\n+\n"
        '+test "tokenizes an empty string" {\n+    var t = Tokenizer.init("");\n'
        "+    try std.testing.expect(t.next() == null);\n+}\n")


@pytest.mark.parametrize("block", ['test "tokenizes an empty string" {', "test {", "test next {"])
def test_an_added_zig_test_block_is_a_test(block):
    patch = _ZIG.replace('test "tokenizes an empty string" {', block)
    assert patch_has_test_module(patch, "src/tokenizer.zig")
    assert not _claim(FileChange(path="src/tokenizer.zig", additions=6, deletions=0, patch=patch)).fired


def test_an_added_d_unittest_block_is_a_test():
    patch = "@@ -1,2 +1,5 @@\n int twice(int x) { return 2 * x; }\n+unittest {\n+    assert(twice(2) == 4);\n+}\n"
    assert patch_has_test_module(patch, "source/app.d")


def test_a_shell_test_command_is_no_test_block():
    patch = '@@ -1,2 +1,3 @@\n #!/bin/sh\n+test "$CI" = true && exit 0\n'
    assert not patch_has_test_module(patch, "scripts/build.sh")
    assert _claim(FileChange(path="scripts/build.sh", additions=1, deletions=0, patch=patch)).value == 1.0


def test_a_zig_file_without_an_added_test_block_still_fires():
    patch = "@@ -1,2 +1,3 @@\n const std = @import(\"std\");\n+const max_len = 64;\n // test \"old\" {\n"
    assert _claim(FileChange(path="src/tokenizer.zig", additions=1, deletions=0, patch=patch)).value == 1.0
