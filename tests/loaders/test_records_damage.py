"""Damaged JSONL input loses only the damaged lines, each named by file and line."""

import gzip
import json

from bot.loaders import LoadError
from bot.loaders.records import iter_records

GOOD = json.dumps({"title": "Fix flush", "body": "b", "label": "human"}).encode()


def test_a_non_utf8_line_is_reported_and_the_rest_kept(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(GOOD + b"\n" + b'{"title": "caf\xe9"}\n' + GOOD + b"\n")
    out = list(iter_records(path))
    assert [type(x).__name__ for x in out] == ["Record", "LoadError", "Record"]
    assert str(out[1]).startswith("mixed.jsonl:2: not UTF-8")


def test_a_truncated_gzip_ends_with_one_error(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress((GOOD + b"\n") * 2000)
    path.write_bytes(whole[: len(whole) // 2])
    out = list(iter_records(path))
    assert isinstance(out[-1], LoadError) and "cannot read" in str(out[-1])
    assert str(out[-1]).startswith("cut.jsonl.gz:")
    assert all(not isinstance(x, LoadError) for x in out[:-1])


def test_corrupt_compressed_data_ends_with_one_error_after_the_readable_lines(tmp_path):
    """Damaged (not cut short) deflate data raised zlib.error, a traceback (found by review)."""
    import random
    import zlib
    rng = random.Random(1)
    lines = b"".join(json.dumps({"title": f"Fix {rng.random()}", "label": "human"}).encode() + b"\n"
                     for _ in range(6000))
    deflate = zlib.compressobj(wbits=31)  # gzip framing
    head = deflate.compress(lines) + deflate.flush(zlib.Z_FULL_FLUSH)
    damaged = bytearray(head + deflate.compress(lines[:5000]) + deflate.flush())
    damaged[len(head)] ^= 0xFF  # the next block's header: "invalid literal/length code"
    path = tmp_path / "corrupt.jsonl.gz"
    path.write_bytes(bytes(damaged))
    out = list(iter_records(path))
    assert isinstance(out[-1], LoadError) and str(out[-1]).startswith("corrupt.jsonl.gz:")
    assert "cannot read" in str(out[-1]) and len(out) > 1000
    assert all(not isinstance(x, LoadError) for x in out[:-1])


def test_json_that_is_not_an_object_names_the_line(tmp_path):
    path = tmp_path / "list.jsonl"
    path.write_text("[1, 2]\n")
    [error] = list(iter_records(path))
    assert str(error) == "list.jsonl:1: record is not a JSON object"


def test_a_path_given_as_a_string_reads_the_same_records(tmp_path):
    path = tmp_path / "plain.jsonl.gz"
    path.write_bytes(gzip.compress(GOOD + b"\n" + GOOD + b"\n"))
    as_text = list(iter_records(str(path)))
    assert [r.ref for r in as_text] == ["plain.jsonl.gz:1", "plain.jsonl.gz:2"]
    assert [r.snapshot for r in as_text] == [r.snapshot for r in iter_records(path)]


def _files_of(tmp_path, files):
    path = tmp_path / "files.jsonl"
    path.write_text(json.dumps({"title": "Fix flush", "label": "human", "files": files}) + "\n")
    [out] = list(iter_records(path))
    return out


def test_files_given_as_paths_or_with_githubs_filename_key_are_read(tmp_path):
    as_paths = _files_of(tmp_path, ["src/flush.go", "src/flush_test.go"])
    rest_shape = _files_of(tmp_path, [{"filename": "src/flush.go", "additions": 3, "deletions": 1,
                                       "status": "modified", "patch": "@@ -1 +1 @@\n-a\n+b"}])
    assert [f.path for f in as_paths.snapshot.files] == ["src/flush.go", "src/flush_test.go"]
    [change] = rest_shape.snapshot.files
    assert (change.path, change.additions, change.deletions, change.patch) == (
        "src/flush.go", 3, 1, "@@ -1 +1 @@\n-a\n+b")


def test_a_files_entry_without_a_path_names_the_record(tmp_path):
    for files in ([{"additions": 3}], [""], [7], "src/flush.go"):
        error = _files_of(tmp_path, files)
        assert isinstance(error, LoadError) and str(error).startswith("files.jsonl:1: "), files
        assert "'files'" in str(error)


def test_an_export_cut_patch_is_marked(tmp_path):
    out = _files_of(tmp_path, [{"path": "a.go", "patch": "@@ -1 +1 @@\n-a\n+b", "patch_truncated": True},
                               {"path": "b.go", "patch": "@@ -1 +1 @@\n-a\n+b", "patch_truncated": False}])
    assert [f.patch_truncated for f in out.snapshot.files] == [True, False]
    assert out.snapshot.files[0].patch == "@@ -1 +1 @@\n-a\n+b"  # kept: line counts still read it


def test_a_utf8_bom_before_the_first_record_loses_nothing(tmp_path):
    path = tmp_path / "saved-on-windows.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD + b"\r\n" + GOOD + b"\r\n")
    out = list(iter_records(path))
    assert [r.ref for r in out] == ["saved-on-windows.jsonl:1", "saved-on-windows.jsonl:2"]
    assert out[0].snapshot.title == "Fix flush"


def test_deeply_nested_json_is_one_bad_line_not_a_crash(tmp_path):
    path = tmp_path / "deep.jsonl"
    deep = b'{"title": "x", "body": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    path.write_bytes(deep + b"\n" + GOOD + b"\n")
    out = list(iter_records(path))
    assert isinstance(out[0], LoadError) and str(out[0]).startswith("deep.jsonl:1: not valid JSON")
    assert out[1].snapshot.title == "Fix flush"


def _record(tmp_path, **fields):
    path = tmp_path / "counts.jsonl"
    path.write_text(json.dumps({"title": "Fix flush", "body": "b", **fields}) + "\n")
    [out] = list(iter_records(path))
    return out


def test_negative_or_absurd_counts_are_read_as_unknown(tmp_path):
    rec = _record(tmp_path, additions=-5, deletions=10**400, files_changed=-1,
                  files=[{"path": "a.go", "additions": -3, "deletions": 10**400}])
    snap = rec.snapshot
    assert (snap.additions, snap.deletions, snap.files_changed) == (None, None, None)
    assert (snap.files[0].additions, snap.files[0].deletions) == (0, 0)
    assert _record(tmp_path, additions=12, files_changed=0).snapshot.additions == 12


def test_a_record_whose_text_fields_are_not_text_names_the_line(tmp_path):
    error = _record(tmp_path, title=["Fix flush"], body={"text": "b"})
    assert isinstance(error, LoadError)
    assert str(error) == "counts.jsonl:1: record has no title, body or commit messages"


def test_a_number_too_long_for_python_is_one_bad_line(tmp_path):
    path = tmp_path / "bigint.jsonl"
    path.write_bytes(GOOD + b"\n" + b'{"title": "x", "additions": ' + b"9" * 5000 + b"}\n" + GOOD + b"\n")
    out = list(iter_records(path))
    assert [type(x).__name__ for x in out] == ["Record", "LoadError", "Record"]
    assert str(out[1]) == "bigint.jsonl:2: cannot read the JSON (Exceeds the limit (4300 digits) for integer string conversion)"


def test_counts_written_as_strings_of_digits_are_read(tmp_path):
    rec = _record(tmp_path, additions="12", deletions=" 3\n", files_changed="0", pr_number="4603",
                  files=[{"path": "a.go", "additions": "7", "deletions": "2"}])
    snap = rec.snapshot
    assert (snap.additions, snap.deletions, snap.files_changed, snap.number) == (12, 3, 0, 4603)
    assert (snap.files[0].additions, snap.files[0].deletions) == (7, 2)


def test_counts_that_are_not_plain_digits_stay_unknown():
    from bot.loaders import count_or_none

    for value in ("-5", "+5", "1.5", "1e3", "", " ", "²", "٣", "9" * 5000, "10000000000", True, 1.0, 2.5, -1):
        assert count_or_none(value) is None, value
    assert (count_or_none("1000000000"), count_or_none("007")) == (10**9, 7)


def test_removed_lines_that_are_not_a_list_name_the_record_and_the_rest_are_read(tmp_path):
    path = tmp_path / "x.jsonl"
    good = {"title": "Fix parser", "body": "b", "removed_lines": ["Co-authored-by: x"]}
    path.write_text("\n".join(json.dumps(r) for r in (good, {"title": "x", "body": "b", "removed_lines": 5}, good)))
    read = list(iter_records(path, restore_removed=True))
    errors = [r for r in read if isinstance(r, LoadError)]
    assert len(read) == 3 and len(errors) == 1
    assert str(errors[0]) == "x.jsonl:2: 'removed_lines' is not a list"


def test_a_gz_name_on_a_plain_file_says_what_is_wrong(tmp_path):
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(GOOD + b"\n")
    out = list(iter_records(path))
    assert [str(e) for e in out] == ["export.jsonl.gz:1: cannot read: the name ends in .gz but the file is not "
                                     "gzip-compressed (rename it, or compress it)"]


def test_garbage_after_a_gzip_member_is_not_called_an_uncompressed_file(tmp_path):
    path = tmp_path / "joined.jsonl.gz"
    path.write_bytes(gzip.compress(GOOD + b"\n" + GOOD + b"\n") + b"not gzip at all")
    out = list(iter_records(path))
    assert [r.ref for r in out[:2]] == ["joined.jsonl.gz:1", "joined.jsonl.gz:2"]
    assert str(out[2]).startswith("joined.jsonl.gz:3: cannot read (") and "not gzip-compressed" not in str(out[2])


def test_removed_lines_go_back_where_a_record_without_a_description_had_them():
    """E1+: "appended back to its body/commit messages". A merge-style record or a pull ref has no
    description: its trailers were in its commits, and a description made of them is no PR's."""
    from bot.loaders.records import snapshot_from_record

    removed = ["Co-Authored-By: Claude <noreply@anthropic.com>"]
    merge = snapshot_from_record({"title": "Fix x", "body": "", "commit_messages": ["Fix x", "Tidy"],
                                  "removed_lines": removed}, restore_removed=True)
    assert merge.body == "" and [c.message for c in merge.commits] == ["Fix x", f"Tidy\n\n{removed[0]}"]
    squash = snapshot_from_record({"title": "Fix x", "body": "Fixes the x.", "commit_messages": ["Fix x"],
                                   "removed_lines": removed}, restore_removed=True)
    assert squash.body == f"Fixes the x.\n\n{removed[0]}" and squash.commits[0].message == "Fix x"
