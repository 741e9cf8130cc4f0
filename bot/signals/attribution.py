"""``ai_attribution`` (kind "ai"): markers that say an AI agent took part in the PR.

Markers: agent co-author (and assisted-by, generated-by …) trailers, agent bot accounts and
commit e-mails, agent branch prefixes, "Generated with [Claude Code]"-style footers and agent
run links. A marker says *who* took part, never *how much care* went in, so it is reported as
"ai" and is never counted as low effort on its own. The value is 1.0 for an agent marker and
0.5 for a weak one (an accepted Copilot, Gemini Code Assist or CodeRabbit review suggestion,
which only touches a line or two). Whether a trailer or branch names an agent or a person who
shares its name ("Jules Martin", "Claude <claude@example.org>") is ``bot.signals.agents``' concern.
"""

from __future__ import annotations

import re

from bot.result import SignalHit
from bot.signals import agents, hits
from bot.signals.caseless import Caseless
from bot.snapshot import PRSnapshot
from bot.text import AGENT_FOOTER

NAME = "ai_attribution"
KIND = "ai"

_WEAK_TRAILER = Caseless(r"175728472\+copilot@|copilot autofix|gemini-code-assist|coderabbit")
_TEXT_MARKER = Caseless(AGENT_FOOTER)  # the footers and links ``bot.text.strip_attribution`` also removes
_BOT_LOGIN = re.compile(
    r"^(copilot|((copilot-swe-agent|devin-ai-integration|anthropic-code-agent|chatgpt-codex-connector"
    r"|google-labs-jules|openhands-agent)(\[bot\])?)|((cursor|claude|openhands|cursor-agent|codex)\[bot\]))$",
    re.IGNORECASE,
)

def is_agent_account(login: str | None) -> bool:
    """A coding agent's own GitHub account (Copilot's, Devin's, Codex's, ...): a bot that writes PRs."""
    return bool(_BOT_LOGIN.match(login or ""))


def _identity_marker(snapshot: PRSnapshot) -> str:
    if is_agent_account(snapshot.author_login):
        return f"author is the agent account {hits.quote(snapshot.author_login)}"
    if agents.agent_branch(snapshot.head_branch):
        return f"agent branch {hits.quote(snapshot.head_branch)}"
    for commit in snapshot.commits[: hits.MAX_COMMITS]:
        identity = f"{commit.author_name} <{commit.author_email}>"
        if agents.AUTHOR_EMAIL.search(commit.author_email or "") or _BOT_LOGIN.match(commit.author_name or ""):
            return f"commit author {hits.quote(identity)}"
    return ""


_TEXT_HINTS = ("generated", "claude.ai", "chatgpt.com", "devin", "copilot", "description was")


def _text_marker(texts: tuple[str, ...]) -> tuple[str, float]:
    weak = ""
    for text in texts:
        low = text.lower()
        if "-by:" not in low and not any(map(low.__contains__, _TEXT_HINTS)):
            continue  # cheap pre-check: most texts carry no marker at all
        for m in agents.agent_trailers(text):
            line = m.group(0).strip()
            if not _WEAK_TRAILER.search(line):
                kind = "co-author" if line.lower().startswith("co-authored") else "agent"
                return f"{kind} trailer {hits.quote(line)}", 1.0
            weak = weak or f"AI review-suggestion trailer {hits.quote(line)}"
        m = _TEXT_MARKER.search(text)
        if m:
            return f"agent footer/link {hits.quote(hits.line_at(text, m.start()))}", 1.0
        w = None if weak else _WEAK_TRAILER.search(text)
        if w:
            weak = f"AI review suggestion applied {hits.quote(hits.line_at(text, w.start()))}"
    return weak, (0.5 if weak else 0.0)



def ai_attribution(snapshot: PRSnapshot) -> SignalHit:
    marker = _identity_marker(snapshot)
    if marker:
        return hits.fired(NAME, KIND, 1.0, marker)
    evidence, value = _text_marker((hits.body(snapshot),) + hits.messages(snapshot))
    return hits.fired(NAME, KIND, value, evidence) if value else hits.quiet(NAME, KIND)
