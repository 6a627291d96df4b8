"""Placeholders in course text (``{{ company.name }}``, ``{{ terms.agent | upper }}``) filled in by a small scanner.

Every text of the course tree may name a value the caller gives (``company.name``,
``terms.agent``, ...: the keys of the variables dict, nested dicts joined with dots), with
at most a few filters (:data:`FILTERS`). That includes the text a company profile puts into
the course (``overrides: set:``, added pages and questions), which is course text by then.
The values themselves (the company's name and terms, and the course's own ``terms:`` and
``company_name:``) are inserted as they are and never read for placeholders.

Nothing else between braces is allowed: a statement (``{% %}``), a comment (``{# #}``), or
an expression in ``{{ }}`` (arithmetic, calls, string literals, subscripts) is a positioned
``placeholder-syntax`` error naming what is allowed. ``{{ '{{' }}``, ``{{ '{%' }}`` and
``{{ '{#' }}`` write those two characters as text. One pass over each text, so the time is
linear in its length, and the output is bounded while it is made (``limits.MAX_TEXT_OUTPUT``
per text, ``limits.MAX_PLACEHOLDER_GROWTH`` added to a course). The result is plain text:
later stages escape it for HTML and XML like any other text.
"""
from __future__ import annotations

import difflib
import re
from typing import Any, Callable

from scorm_builder.errors import Collector
from scorm_builder.source import limits
from scorm_builder.source.shared import SharedTree
from scorm_builder.source.text_lines import locate
from scorm_builder.source.tree import Map, Pos, Seq


def _title(text: str) -> str:
    """Each word with a capital first letter and the rest small (as Jinja's ``title``)."""
    return "".join(part[:1].upper() + part[1:].lower() for part in re.split(r"([-\s({\[<]+)", text))


FILTERS: dict[str, Callable[[str], str]] = {
    "capitalize": str.capitalize,  # the first letter capital, the rest small
    "lower": str.lower,
    "title": _title,
    "upper": str.upper,
}
VALUE_KEYS = ("terms", "company_name")  # top-level keys that hold values, not text
LITERALS = {f"{q}{pair}{q}": pair for q in "'\"" for pair in ("{{", "{%", "{#")}
OPENER = re.compile(r"\{[{%#]")
CLOSER = {"{": "}}", "%": "%}", "#": "#}"}
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ALLOWED = ("expected only placeholders: {{ name }} or {{ name | filter }}, with a filter among "
           + ", ".join(FILTERS))
PROBLEMS_PER_TEXT = 5  # wrong placeholders reported in one text; the rest of it is not read
SYNTAX_FIX = ("write a name such as {{ terms.agent }}; to show the braces as text, write {{ '{{' }}, "
              "{{ '{%' }} or {{ '{#' }}")


def substitute(tree: Map, variables: dict[str, Any], ctx: Collector, shared: SharedTree | None = None) -> None:
    """Fill in every placeholder of ``tree``'s texts, in place; report each text that can't be. ``shared``:
    the course tree ``tree`` shares containers with (source/shared.py): those holding no '{' are passed by,
    the others copied before a text of theirs is filled in."""
    _Filler(variables, ctx).walk(tree, shared)


class _Failed(Exception):
    """A text's placeholder could not be filled in (the problem is already reported)."""


class _Filler:
    def __init__(self, variables: dict[str, Any], ctx: Collector):
        self.values = dict(_flatten(variables))
        self.ctx = ctx
        self.filled: dict[str, str] = {}  # what is between the braces -> what it becomes
        self.added = 0  # characters added to the course so far
        self.spent = False  # the course-wide limit was hit and reported
        self.here: tuple[str, int, int] = ("", 0, -1)  # the text being filled in, and the placeholder's span

    def walk(self, tree: Map, shared: SharedTree | None = None) -> None:
        """Every text of the tree, without recursion (a stack of the lists and mappings to visit)."""
        stack: list[tuple[Map | Seq, str]] = [(tree, "")]
        while stack:
            node, path = stack.pop()
            if isinstance(node, Map):
                entries = [(k, f"{path}.{k}" if path else k) for k in node
                           if not (node is tree and k in VALUE_KEYS)]
            else:
                entries = [(i, f"{path}[{i}]") for i in range(len(node))]
            for key, sub in entries:
                value = node[key]
                if isinstance(value, str):
                    if "{" in value and not self.spent:
                        node[key] = self.fill(value, node.where(key), sub)
                elif isinstance(value, (Map, Seq)):
                    if shared is not None and shared.is_shared(value):
                        if id(value) in shared.plain:
                            continue
                        node[key] = value = value.copy()
                    stack.append((value, sub))

    def fill(self, text: str, where: tuple[str, Pos], path: str) -> str:
        """``text`` with its placeholders filled in, or as it is after reporting why it can't be."""
        if OPENER.search(text) is None:
            return text
        try:
            out, size = self._scan(text, where, path)
        except _Failed:
            return text
        if size > limits.MAX_TEXT_OUTPUT:
            self.ctx.error(where, path, f"the text grows too long once filled in (expected at most "
                           f"{limits.MAX_TEXT_OUTPUT} characters, got {size})",
                           "shorten the text or the values it uses", rule="placeholder-output")
            return text
        self.added += max(0, size - len(text))
        if self.added > limits.MAX_PLACEHOLDER_GROWTH:
            self.spent = True
            self.ctx.error(where, path, f"placeholders add more than {limits.MAX_PLACEHOLDER_GROWTH} characters "
                           f"to the course (expected at most {limits.MAX_PLACEHOLDER_GROWTH} in all)",
                           "use fewer placeholders, or shorter values", rule="placeholder-output")
            return text
        return out

    def _scan(self, text: str, where: tuple[str, Pos], path: str) -> tuple[str, int]:
        """(the filled text, its length); only the length is counted past ``limits.MAX_TEXT_OUTPUT``.

        Every wrong placeholder is reported, up to ``PROBLEMS_PER_TEXT``; then _Failed.
        """
        parts: list[str] = []
        size = at = failed = 0
        while failed < PROBLEMS_PER_TEXT:
            found = OPENER.search(text, at)
            if found is None:
                break
            start = found.start()
            kind = text[start + 1]
            end = text.find(CLOSER[kind], start + 2)
            self.here = (text, start, end)
            try:
                value = self._placeholder(text, start, end, kind, where, path)
            except _Failed:
                failed += 1
                if end < 0:
                    break
                at = end + 2
                continue
            size += start - at + len(value)
            if size <= limits.MAX_TEXT_OUTPUT:
                parts += (text[at:start], value)
            at = end + 2
        if failed:
            raise _Failed
        size += len(text) - at
        parts.append(text[at:])
        return "".join(parts), size

    def _placeholder(self, text: str, start: int, end: int, kind: str, where: tuple[str, Pos], path: str) -> str:
        """What the braces opened at ``start`` (closed at ``end``, -1 if never) become."""
        if kind != "{":
            snippet = text[start:] if end < 0 else text[start:end + 2]
            self._fail(where, path, f"the {'statement' if kind == '%' else 'comment'} {_quote(snippet)} "
                       f"is not allowed in text ({ALLOWED})", SYNTAX_FIX, "placeholder-syntax")
        if end < 0:
            self._fail(where, path, f"{_quote(text[start:])} opens a placeholder that is never closed "
                       f"(expected '}}}}' after the name)", SYNTAX_FIX, "placeholder-syntax")
        return self._value(text[start + 2:end], text[start:end + 2], where, path)

    def _value(self, inner: str, snippet: str, where: tuple[str, Pos], path: str) -> str:
        """What ``{{ inner }}`` becomes."""
        if inner in self.filled:
            return self.filled[inner]
        bare = inner.strip()
        if bare in LITERALS:
            return LITERALS[bare]
        name, *filters = (part.strip() for part in bare.split("|"))
        if not NAME.fullmatch(name) or not all(WORD.fullmatch(f) for f in filters):
            self._fail(where, path, f"the expression {_quote(snippet)} is not allowed in text ({ALLOWED})",
                       SYNTAX_FIX, "placeholder-syntax")
        if name not in self.values:
            self._fail(where, path, f"unknown placeholder {name!r} (expected one of: {', '.join(sorted(self.values))})",
                       _did_you_mean(name, self.values) or "fix the name, or define it under 'terms:' in the course "
                       "or the company profile", "placeholder-unknown")
        value = self.values[name]
        for f in filters:
            if f not in FILTERS:
                self._fail(where, path, f"unknown filter {f!r} in {_quote(snippet)} (expected one of: "
                           f"{', '.join(FILTERS)})", _did_you_mean(f, FILTERS) or "use one of the filters listed, "
                           "or none", "placeholder-filter")
            value = FILTERS[f](value)
        self.filled[inner] = value
        return value

    def _fail(self, where: tuple[str, Pos], path: str, reason: str, fix: str, rule: str) -> None:
        """Report at the placeholder's own line and column when the file has it there as written."""
        self.ctx.error(_locate(where, *self.here), path, reason, fix, rule=rule)
        raise _Failed


def _locate(where: tuple[str, Pos], text: str, start: int, end: int) -> tuple[str, Pos]:
    """Where the placeholder at ``text[start:end + 2]`` is in the file (the one as often in the text as
    there are before it); ``where``, the text's own position, when the file doesn't have it as written."""
    src, (line, column) = where
    snippet = (text[start:] if end < 0 else text[start:end + 2]).split("\n")[0].rstrip()
    found = locate(src, line, column, text, snippet, text.count(snippet, 0, start)) if snippet else None
    return (src, found) if found else where


def _flatten(variables: dict[str, Any], prefix: str = ""):
    """(dotted name, text) of every value, nested dicts joined with dots."""
    for key, value in variables.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, name + ".")
        elif isinstance(value, (str, int, float)):
            yield name, str(value)


def _did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _quote(snippet: str, most: int = 60) -> str:
    return repr(snippet if len(snippet) <= most else snippet[:most] + "\u2026")
