"""The pseudo-locale: every text accented, about 40 % longer and bracketed, its placeholders and Markdown intact.

Built like any translation (``build --language qps``), it shows in the player what a real one
would break: text that is cut or overflows, and text that is not translated at all (no brackets).
"""
from __future__ import annotations

import math
import re

from scorm_builder.translate.units import Unit

ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "\u00e1\u0180\u00e7\u00f0\u00e9\u0192\u011d\u0125\u00ed\u0135\u0137\u013c\u0271\u00f1\u00f6\u00fe\u01eb\u0155"
    "\u0161\u0163\u00fc\u1e7d\u0175\u1e8b\u00fd\u017e\u00c1\u0181\u00c7\u00d0\u00c9\u0191\u011c\u0124\u00cd\u0134"
    "\u0136\u013b\u1e40\u00d1\u00d6\u00de\u01ea\u0154\u0160\u0162\u00dc\u1e7c\u0174\u1e8a\u00dd\u017d")
OPEN, CLOSE, PAD = "\u27e6", "\u27e7", "\u00b7"  # ⟦ ⟧ ·: no Markdown syntax
GROWTH = 0.4
# kept as they are: placeholders, link targets, inline code, autolinks, URLs and HTML entities
KEEP = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\]\([^)]*\)|`[^`]*`|<[^>\s]+>|https?://\S+|&[#A-Za-z0-9]+;")
MARKER = re.compile(r"\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)*")  # a line's Markdown block markers


def accent(text: str) -> str:
    """Every letter accented, what :data:`KEEP` matches left as it is."""
    out, at = [], 0
    for match in KEEP.finditer(text):
        out.extend((text[at:match.start()].translate(ACCENTED), match.group(0)))
        at = match.end()
    out.append(text[at:].translate(ACCENTED))
    return "".join(out)


def pseudo_text(text: str, maxwidth: int | None = None) -> str:
    """``text`` in the pseudo-locale: each line's text bracketed and padded, within ``maxwidth`` when given."""
    lines = text.split("\n")
    growth = math.ceil(len(text) * GROWTH)
    padded = [i for i, line in enumerate(lines) if line[MARKER.match(line).end():].strip()]
    budget = growth if maxwidth is None else max(0, min(growth, maxwidth - len(text)))
    brackets = budget >= 2 * len(padded) or maxwidth is None
    spare = budget - (2 * len(padded) if brackets else 0)
    out = []
    for i, line in enumerate(lines):
        if i not in padded:
            out.append(line)
            continue
        marker = MARKER.match(line).end()
        pad = spare // len(padded) + (1 if padded.index(i) < spare % len(padded) else 0)
        body = accent(line[marker:]) + (" " + PAD * (pad - 1) if pad > 1 else PAD * pad)
        out.append(line[:marker] + (OPEN + body + CLOSE if brackets else body))
    return "\n".join(out)


def pseudo_unit(unit: Unit) -> str:
    return pseudo_text(unit.text, unit.maxwidth if unit.hard else None)
