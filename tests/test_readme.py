"""The README documents every setting and starts with the two entry commands."""

from __future__ import annotations

from pathlib import Path

from bot.settings import describe_settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = [name for name, _, _ in describe_settings() if f"`{name}`" not in text]
    assert missing == []


def test_readme_starts_with_the_demo_and_test_commands():
    first_block = README.read_text(encoding="utf-8").split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make demo", "make test"]
