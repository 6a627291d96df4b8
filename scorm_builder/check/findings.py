"""What the checker finds in one package, as the project's Diagnostics, and its terminal-safe text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from scorm_builder.errors import Diagnostic, Where, render_line

# Characters a terminal or log viewer acts on instead of showing: C0 and C1 controls, DEL, the
# Unicode line and paragraph separators, and the bidirectional overrides that reorder a line.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same characters outside C0, which json.dumps leaves raw with ensure_ascii=False.
JSON_UNESCAPED = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\u202e``)."""
    return CONTROL.sub(_escape, text)


def json_safe(text: str) -> str:
    """JSON text with the controls json.dumps leaves raw written as ``\\uXXXX`` (still the same JSON)."""
    return JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(d: Diagnostic) -> str:
    """The one text line of a finding, safe to print: ``PACKAGE:ENTRY:LINE: severity [rule] reason — fix``."""
    return printable(render_line(d))


@dataclass
class Findings:
    """The diagnostics found in one package (named as the user gave it), in the order the rules ran."""

    package: str
    items: list[Diagnostic] = field(default_factory=list)

    def add(self, severity: str, rule: str, reason: str, fix: str = "", entry: str | None = None,
            line: int | None = None) -> None:
        self.items.append(Diagnostic(severity, rule, Where(self.package, line=line, entry=entry, package=True),
                                     reason, fix))

    def error(self, rule: str, reason: str, fix: str = "", entry: str | None = None, line: int | None = None) -> None:
        self.add("error", rule, reason, fix, entry, line)

    def info(self, rule: str, reason: str, fix: str = "", entry: str | None = None, line: int | None = None) -> None:
        """A note that is true of the package but asks nothing of its author (check exits 0)."""
        self.add("info", rule, reason, fix, entry, line)

    def warning(self, rule: str, reason: str, fix: str = "", entry: str | None = None,
                line: int | None = None) -> None:
        self.add("warning", rule, reason, fix, entry, line)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
