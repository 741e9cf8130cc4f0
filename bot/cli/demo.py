"""``sieve demo``: replay scripted signed deliveries against the fake GitHub and show the result."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

console = Console()


def _reporter():
    shown: set[str] = set()

    def report(sent) -> None:
        _report(sent)
        if sent.sticky and sent.sticky not in shown:
            shown.add(sent.sticky)
            console.print(Panel(Markdown(sent.sticky), title="the App's sticky comment, as of now",
                                title_align="left"))
        if sent.check and "check" not in shown:  # once: every signal with its evidence
            shown.add("check")
            console.print(Panel(Markdown(sent.check), title="the App's check run summary (maintainers' view)",
                                title_align="left"))
    return report


def _report(sent) -> None:
    console.print(f"→ {sent.say}", style="bold", markup=False)
    console.print(f"  HTTP {sent.status} {sent.answer}; delivery {sent.outcome}; labels now: "
                  f"{', '.join(sent.labels) or '(none)'}; App comments on the PR: {sent.bot_comments}",
                  markup=False)


def _pr_table(fake, script: dict, number: int) -> Table:
    repo = script["repo"]
    table = Table(title=f"{repo}#{number}: {script['pulls'][str(number)]['fields']['title']}",
                  show_header=False, title_justify="left")
    table.add_row("labels", ", ".join(fake.issue_labels(repo, number)) or "(none)")
    sha = script["pulls"][str(number)]["fields"]["head_sha"]
    for run in fake.check_runs(repo, sha):
        title = (run.get("output") or {}).get("title", "")
        table.add_row("check run", Text(f"{run['name']}: {run.get('conclusion')} — {title}"))
    for buttons in fake.check_run_actions(repo, sha):
        if buttons:
            table.add_row("its buttons", Text(", ".join(f"[{b['label']}]" for b in buttons)))
    return table


def _comments(fake, script: dict, number: int) -> None:
    from bot.demo.run import is_sticky

    for comment in fake.comments(script["repo"], number):
        if comment["login"] == fake.bot_login and not is_sticky(comment["body"]):
            console.print(Panel(Markdown(comment["body"]), title=f"comment by {comment['login']}",
                                subtitle=f"id {comment['id']}", title_align="left"))


def demo(db: Path = typer.Option(None, help="Keep the demo's SQLite database at this path.")) -> None:
    """Run the App on SQLite against a local fake GitHub and show what it posted."""
    from bot.demo.run import run_demo

    fake, script = run_demo(_reporter(), db_path=db)
    for number in script["pulls"]:
        console.rule(f"PR #{number}")
        console.print(_pr_table(fake, script, int(number)))
        _comments(fake, script, int(number))
    console.print("Each PR's sticky comment is shown above whenever its text changed (one comment, edited in "
                  "place); listed under each PR are the App's other replies.")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
