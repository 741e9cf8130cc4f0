"""The AI vocabulary the text features never read (``SnapshotFeaturizer(ai_words_masked=True)``).

Attribution *lines* are stripped before any text reaches the model; this goes one step further
for the text blocks: the names of agents and AI tools, and the words ``ai``, ``llm``, ``agent``,
are taken out of the title, the description and the commit messages before hashing. A text model
reads them as agent evidence, which says "AI is mentioned", not "little care was taken": it
flags a human who writes about their project's ``agent`` component (jaeger-agent, an LLM agent
framework) and a careful author who names the tool they used. The disclosure and attribution
signals still see the words; the structural numbers are computed before the masking.
The list is the tool names ``bot.signals.attribution`` and ``bot.signals.disclosure`` know,
plus the generic words; it was fixed before the model it belongs to was measured.
"""

from __future__ import annotations

import re

_VOCABULARY = (
    r"ai|llms?|agents?|agentic|claude|copilot|cursor|codex|aider|openhands|devin|jules|gemini"
    r"|chatgpt|chat\s?gpt|gpt-?\d[\w.]*|anthropic|openai|coderabbit"
)
_AI_WORD = re.compile(rf"\b(?:{_VOCABULARY})\b", re.IGNORECASE)


def masked(text: str) -> str:
    """``text`` without the AI vocabulary (each word replaced by nothing)."""
    return _AI_WORD.sub("", text) if text else text
