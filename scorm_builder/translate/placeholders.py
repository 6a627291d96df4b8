"""The placeholders of a text (``{{ terms.agent }}``, ``{{ '{{' }}``, ``{% ... %}``): found, split out, compared.

A translation must keep them exactly: they are filled in after the translation is applied, and a
translator who drops ``{{ company.name }}`` or translates ``terms`` breaks the text for every client.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

# {{ ... }} (quoted strings may hold braces: {{ '{{' }}), {% ... %} and {# ... #}
PLACEHOLDER = re.compile(r"\{\{(?:'[^']*'|\"[^\"]*\"|[^'\"}]|\}(?!\}))*\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def placeholders(text: str) -> list[str]:
    """The placeholders of ``text``, in order."""
    return PLACEHOLDER.findall(text)


def split(text: str) -> list[tuple[bool, str]]:
    """``text`` as (is_placeholder, part) pairs, in order; joined again they are ``text``."""
    out: list[tuple[bool, str]] = []
    at = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > at:
            out.append((False, text[at:match.start()]))
        out.append((True, match.group(0)))
        at = match.end()
    if at < len(text):
        out.append((False, text[at:]))
    return out


def difference(source: str, target: str, found: Callable[[str], list[str]] | None = None) -> str:
    """How ``target``'s placeholders (or what ``found`` finds) differ from ``source``'s, or "" when they
    are the same (in any order)."""
    found = found or placeholders
    want, got = Counter(found(source)), Counter(found(target))
    if want == got:
        return ""
    missing = sorted((want - got).elements())
    extra = sorted((got - want).elements())
    parts = []
    if missing:
        parts.append(f"drops {', '.join(missing)}")
    if extra:
        parts.append(f"adds {', '.join(extra)}")
    return " and ".join(parts)
