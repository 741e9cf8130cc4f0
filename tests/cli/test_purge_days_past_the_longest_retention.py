"""``sieve deliveries purge`` and ``sieve decisions purge`` refuse a ``--days`` over 36500 or not
finite in one line, with exit 2, as their other usage errors: such a value overflowed the cutoff's
date arithmetic and ended in a traceback (exit 1; on PostgreSQL the delivery purge even reported
0 deleted). Nothing is deleted; 36500 itself is accepted."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli import build_app

COMMANDS = ("deliveries", "decisions")


def run(*args: str):
    return CliRunner().invoke(build_app(), list(args))


@pytest.mark.parametrize(("days", "shown"), [("1000000", "1000000"), ("36500.5", "36500.5"), ("inf", "inf"),
                                             ("1e308", "1e+308")])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_days_past_36500_or_infinite_is_a_one_line_usage_error(app_db, command, days, shown):
    result = run(command, "purge", "--days", days)
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        f"sieve {command}: --days {shown} is not a number of days from 0 to 36500"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_days_of_36500_purges_as_usual(app_db, command):
    result = run(command, "purge", "--days", "36500")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"0 {command} deleted"
