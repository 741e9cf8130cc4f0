"""template_sections_ignored matches template headings written in any script (Japanese,
Cyrillic…) to the description's own, instead of keying them all as "" and matching every one to
the description's first such section. Unfilled sections still fire."""

from __future__ import annotations

from bot.signals.pr_template import template_sections_ignored
from bot.snapshot import FileChange, PRSnapshot

JA_TEMPLATE = "## 関連する課題\n<!-- Issue へのリンク -->\n- \n\n## 変更内容\n変更内容を記載してください\n\n## 動作確認\n確認した手順を記載してください\n"
JA_BODY = ("## 関連する課題\n\n## 変更内容\n`parseConfig` が空のファイルで panic する問題を修正しました。\n\n"
           "## 動作確認\n`go test ./internal/config/...` を実行し、すべて成功することを確認しました。\n")
RU_TEMPLATE = "## Описание\nОпишите изменения\n\n## Как проверено\nОпишите, как вы проверили изменения\n"
RU_BODY = ("## Описание\nИсправлена утечка памяти в кэше.\n\n"
           "## Как проверено\nЗапустил `make test`, все тесты проходят.\n")


def _pr(body: str, template: str) -> PRSnapshot:
    return PRSnapshot(title="fix", body=body, pr_template=template,
                      files=(FileChange(path="internal/config/load.go", additions=4, deletions=1),))


def test_filled_japanese_sections_are_filled():
    hit = template_sections_ignored(_pr(JA_BODY, JA_TEMPLATE))
    assert hit.value == 1 / 3 and "変更内容" not in hit.evidence and "動作確認" not in hit.evidence


def test_filled_cyrillic_sections_are_filled():
    assert not template_sections_ignored(_pr(RU_BODY, RU_TEMPLATE)).fired


def test_headings_of_symbols_only_match_only_themselves():
    template = "## ✅\nWhat works\n\n## ❌\nWhat does not\n"
    body = "## ✅\nParsing empty files.\n\n## ❌\nNothing known.\n"
    assert not template_sections_ignored(_pr(body, template)).fired


def test_an_untouched_or_deleted_non_ascii_template_still_fires():
    assert template_sections_ignored(_pr(JA_TEMPLATE, JA_TEMPLATE)).value == 1.0
    hit = template_sections_ignored(_pr("## Описание\nИсправлена утечка памяти.\n", RU_TEMPLATE))
    assert hit.fired and "Как проверено" in hit.evidence and "deleted" in hit.evidence
