"""Who a trailer or a branch credits: an AI agent, or a person who shares an agent's name.

"Claude", "Devin" and "Jules" are agents and also first names; "anthropic.com" is a vendor
and also an employer. A trailer whose line merely *contains* an agent word therefore says
nothing on its own: ``Signed-off-by: Jules Martin <jules@example.org>`` is a person, which a
Kubernetes PR carries on every commit. A trailer credits an agent when

* its e-mail is an agent's own address (``noreply@anthropic.com``, ``…+Copilot@users.noreply…``,
  an agent bot's noreply address), or
* its name is made only of agent and model words and names a tool ("Claude Opus 4.5 (1M
  context)", "GitHub Copilot", "claude-sonnet:3.7-thinking"; not "Max"), and it is not a bare
  first name ("Claude", "Devin", "Jules") beside an e-mail address that is not an agent's.

A branch prefix named after a first name (``claude/``, ``devin/``, ``jules/``, ``cursor/``) is
also a common personal prefix; it counts only in the shape the agent gives its branches.
"""

from __future__ import annotations

import re

AGENT_WORDS = r"claude|copilot|cursor(?:\s*agent)?|codex|aider|openhands|devin|jules|gemini|chatgpt|gpt-?\d\w*|anthropic"
TRAILER_KEYS = r"co-authored|assisted|co-developed|generated|signed-off"
# ``who`` starts after the padding: were it free to start inside it, a long run of spaces could be
# split between the two every possible way (quadratic: 50 padded commits took ~20 s)
TRAILER = re.compile(
    rf"^[ \t]*(?:{TRAILER_KEYS})-by:[ \t]*(?P<who>(?=[^ \t\n])[^\n]*?\b(?:{AGENT_WORDS})\b[^\n]*)$",
    re.IGNORECASE | re.MULTILINE,
)
AUTHOR_EMAIL = re.compile(  # a commit *authored* under one of these is an agent's commit
    r"noreply@anthropic\.com|cursoragent@cursor\.com|198982749\+copilot@|openhands@all-hands\.dev"
    r"|devin-ai-integration|copilot-swe-agent|anthropic-code-agent|chatgpt-codex-connector|google-labs-jules",
    re.IGNORECASE,
)
# a trailer may also credit an AI review suggestion (Copilot, Gemini Code Assist) or an agent's app
_TRAILER_EMAIL = re.compile(
    rf"{AUTHOR_EMAIL.pattern}|no-reply@anthropic\.com|\+copilot@users\.noreply\.github\.com|gemini-code-assist"
    r"|claude\[bot\]|cursor\[bot\]|codex\[bot\]",
    re.IGNORECASE,
)
_VOCABULARY = frozenset(
    "claude copilot cursor codex aider openhands devin jules gemini chatgpt gpt anthropic openai github google labs"
    " swe agent ai bot code assist autofix powered by opus sonnet haiku fable context thinking model llm integration"
    " connector cli pro flash max mini turbo preview windsurf cascade sourcery coderabbit coding assistant the"
    " chat mailto noreply reply no".split()
)
_TOOLS = frozenset("claude copilot cursor codex aider openhands devin jules gemini chatgpt gpt anthropic openai"
                   " windsurf sourcery coderabbit".split())  # a name must hold one: "Max" alone is a person
_FIRST_NAMES = frozenset({"claude", "devin", "jules", "cursor"})
_VERSION = re.compile(r"(?:gpt|o|v)?\d[\w]*|[a-z]")  # 4, 4o, o3, 1m, gpt4, v2, a stray letter
_TOKENS = re.compile(r"[^a-z0-9]+")
_AGENT_BRANCH = re.compile(
    r"^(?:(?:copilot|codex|openhands)/"
    r"|devin/\d{9,}-"  # devin/1743768295-add-diff-display
    r"|claude/(?:issue-\d+|.*-(?=[a-z]*\d)[a-z0-9]{6}$)"  # claude/issue-12-…, claude/fix-x-rn1agv
    r"|cursor/.*-(?=[a-f]*\d)[0-9a-f]{4}$"  # cursor/fix-login-1a2b
    r"|jules/.*\d{6,})",
    re.IGNORECASE,
)


def credits_agent(who: str) -> bool:
    """Whether a trailer's ``Name <e-mail>`` names an AI agent rather than a person."""
    name, email = _identity(who)
    if _TRAILER_EMAIL.search(email):
        return True
    words = [w for w in _TOKENS.split(name.lower()) if w and not _VERSION.fullmatch(w)]
    if not any(w in _TOOLS for w in words) or not all(w in _VOCABULARY for w in words):
        return False
    return not (email.strip() and all(w in _FIRST_NAMES for w in words))


def _identity(who: str) -> tuple[str, str]:
    """``(name, e-mail)`` of ``Name <e-mail>``, ``Name e-mail`` or a bare name."""
    name, bracket, rest = who.partition("<")
    if bracket:
        return name, rest.partition(">")[0]
    words = who.split()
    emails = [w for w in words if "@" in w]
    return " ".join(w for w in words if "@" not in w), (emails[0] if emails else "")


def agent_trailers(text: str):
    """The trailer lines of ``text`` that credit an agent, as match objects (``who`` group)."""
    return (m for m in TRAILER.finditer(text) if credits_agent(m.group("who")))


def agent_branch(branch: str) -> bool:
    """Whether a head branch has the shape an agent gives its branches."""
    return bool(_AGENT_BRANCH.match(branch or ""))
