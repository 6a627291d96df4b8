"""Markdown texts split into blocks for translators, their inline markup protected, and put back together.

A Markdown text becomes one segment per block that holds text: a paragraph, a heading, a list
item's paragraph, a table cell, a quoted paragraph. markdown-it (the player's renderer, with the
player's settings) finds the blocks and their source lines; what is not in a segment (``#``,
``- ``, ``> ``, ``|``, blank lines, reference definitions, code blocks) is the skeleton, kept as
written. :meth:`Segmented.join` puts translations back into the skeleton: given each segment's own
text it gives the text back byte for byte, which :func:`segment` checks before it splits a text
at all (a text it can't split so is one segment, as written).

Inside a segment, inline markup (``**``, ``*``, ``_``, `` `code` ``, ``[`` and ``](target)``,
``<https://...>``) is protected like ``{{ terms.x }}``: the link text is translated, its target
never is. :func:`protected_split` cuts a segment into text and protected parts (the XLIFF
``<ph>``s); :func:`markup` is what a translation must keep, compared as markdown-it reads it.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from scorm_builder.translate.placeholders import split as split_placeholders

KINDS = {"heading_open": "a heading", "th_open": "a table heading cell", "td_open": "a table cell",
         "blockquote_open": "a quoted paragraph", "list_item_open": "a list item"}
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@lru_cache(maxsize=1)
def _parser():
    """markdown-it as the player renders (CommonMark, GFM tables, no raw HTML, no images)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    md.disable("image")
    return md


@dataclass(frozen=True)
class Slot:
    """One segment: its text (the block's lines without their markers) and how its lines are glued."""

    text: str
    kind: str  # a paragraph | a heading | a list item | ...
    glues: tuple[str, ...]  # between line i and i+1 of the source: "\n" and the next line's markers
    more: str  # the glue for lines a translation adds


@dataclass(frozen=True)
class Segmented:
    """A Markdown text as skeleton and segments: ``parts`` are literal strings and :class:`Slot`s."""

    parts: tuple[Any, ...]

    @property
    def slots(self) -> list[Slot]:
        return [p for p in self.parts if isinstance(p, Slot)]

    def join(self, texts: list[str | None]) -> str:
        """The text with segment i replaced by ``texts[i]`` (None: the source's)."""
        out, i = [], 0
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            text = texts[i] if i < len(texts) and texts[i] is not None else part.text
            i += 1
            lines = text.split("\n")
            out.append(lines[0])
            for n, line in enumerate(lines[1:]):
                out.extend((part.glues[n] if n < len(part.glues) else part.more, line))
        return "".join(out)


@lru_cache(maxsize=4096)
def segment(text: str) -> Segmented:
    """``text`` as skeleton and segments; one segment of the whole text when it can't be split exactly."""
    try:
        found = Segmented(tuple(_parts(text)))
    except _Unsplittable:
        found = None
    if found is None or not found.slots or found.join([]) != text:
        return Segmented((Slot(text, "a paragraph", (), "\n"),))
    return found


class _Unsplittable(Exception):
    pass


def _parts(text: str) -> list[Any]:
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    parts: list[Any] = []
    at = 0  # offset in text of what is not yet in parts
    kinds: list[str] = []
    for token in _parser().parse(text):
        if token.nesting == 1:
            kinds.append(token.type)
        elif token.nesting == -1:
            kinds.pop()
        if token.type != "inline" or not token.content.strip():
            continue
        begin, end, slot = _locate(token, lines, starts, kinds, at)
        parts.append(text[at:begin])
        parts.append(slot)
        at = end
    parts.append(text[at:])
    return [p for p in parts if p != ""]


def _locate(token: Any, lines: list[str], starts: list[int], kinds: list[str], at: int) -> tuple[int, int, Slot]:
    """(start, end) in the text of an inline token's content, and its slot."""
    content = token.content.split("\n")
    first = token.map[0]
    kind = next((KINDS[k] for k in reversed(kinds) if k in KINDS), "a paragraph")
    if kinds and kinds[-1] in ("th_open", "td_open", "heading_open"):
        if len(content) != 1:
            raise _Unsplittable
        column = lines[first].find(content[0], max(0, at - starts[first]))
        if column < 0:
            raise _Unsplittable
        begin = starts[first] + column
        return begin, begin + len(content[0]), Slot(content[0], kind, (), " ")
    spans = []
    for k, piece in enumerate(content):
        line = lines[first + k] if first + k < len(lines) else ""
        stop = len(line.rstrip()) if k == len(content) - 1 else len(line)
        column = stop - len(piece)
        if column < 0 or line[column:stop] != piece:
            raise _Unsplittable
        spans.append((starts[first + k] + column, starts[first + k] + stop))
    if spans[0][0] < at:
        raise _Unsplittable
    text = "\n".join(lines)
    glues = tuple(text[spans[k][1]:spans[k + 1][0]] for k in range(len(spans) - 1))
    prefix = text[starts[first]:spans[0][0]]
    more = glues[-1] if glues else "\n" + re.sub(r"[^>]", " ", prefix)
    return spans[0][0], spans[-1][1], Slot("\n".join(content), kind, glues, more)


def protected_split(text: str) -> list[tuple[bool, str]]:
    """``text`` (one segment) as (is_protected, part) pairs: inline markup and placeholders protected."""
    out: list[tuple[bool, str]] = []
    for is_markup, part in _markup_split(text):
        if is_markup:
            out.append((True, part))
        else:
            out.extend(split_placeholders(part))
    merged: list[tuple[bool, str]] = []
    for flag, part in out:
        if merged and not flag and not merged[-1][0]:
            merged[-1] = (False, merged[-1][1] + part)
        elif part:
            merged.append((flag, part))
    return merged


def markup(text: str) -> list[str]:
    """The inline markup of a segment as markdown-it reads it: ``**``, ``*``, ``[``, ``](target)``, `` `x` ``."""
    out = []
    for child in _inline(text):
        if child.type in ("strong_open", "strong_close", "em_open", "em_close"):
            out.append(child.markup)
        elif child.type == "code_inline":
            out.append(f"`{child.content}`")
        elif child.type == "link_open":
            out.append(f"<{child.attrs.get('href', '')}>" if child.markup == "autolink" else "[")
        elif child.type == "link_close" and child.markup != "autolink":
            out.append(f"]({child.attrs.get('href', '')})")
    return out


def _inline(text: str) -> list[Any]:
    tokens = _parser().parseInline(text, {})
    children = list(tokens[0].children or ()) if tokens else []
    href = []  # link_close carries no href: give it its link_open's
    for child in children:
        if child.type == "link_open":
            href.append(child.attrs.get("href", ""))
        elif child.type == "link_close" and href:
            child.attrSet("href", href.pop())
    return children


def _markup_split(text: str) -> list[tuple[bool, str]]:
    """``text`` as (is_markup, part), the markup cut out exactly as written; all text when it can't be."""
    try:
        cuts = _cuts(text, _inline(text))
    except _Unsplittable:
        return [(False, text)]
    out, at = [], 0
    for begin, end in cuts:
        out.extend(((False, text[at:begin]), (True, text[begin:end])))
        at = end
    out.append((False, text[at:]))
    return [(flag, part) for flag, part in out if part]


def _cuts(text: str, children: list[Any]) -> list[tuple[int, int]]:  # long: one walk over the inline tokens
    """(start, end) of each piece of markup, walking the source as markdown-it's tokens read it."""
    cuts: list[tuple[int, int]] = []
    at, auto = 0, False
    for child in children:
        kind = child.type
        if auto:
            auto = kind != "link_close"
            continue
        if kind == "text":
            at = _skip_text(text, at, child.content)
        elif kind in ("softbreak", "hardbreak"):
            match = re.compile(r"[ \t]*\\?\n[ \t]*").match(text, at)
            if not match:
                raise _Unsplittable
            at = match.end()
        elif kind in ("strong_open", "strong_close", "em_open", "em_close"):
            if not text.startswith(child.markup, at):
                raise _Unsplittable
            cuts.append((at, at + len(child.markup)))
            at += len(child.markup)
        elif kind == "code_inline":
            ticks = re.compile(r"`+").match(text, at)
            if not ticks:
                raise _Unsplittable
            close = re.compile(rf"(?<!`){ticks.group(0)}(?!`)").search(text, ticks.end())
            if not close:
                raise _Unsplittable
            cuts.append((at, close.end()))
            at = close.end()
        elif kind == "link_open" and child.markup == "autolink":
            close = text.find(">", at)
            if not text.startswith("<", at) or close < 0:
                raise _Unsplittable
            cuts.append((at, close + 1))
            at, auto = close + 1, True
        elif kind == "link_open":
            if not text.startswith("[", at):
                raise _Unsplittable
            cuts.append((at, at + 1))
            at += 1
        elif kind == "link_close":
            end = _link_end(text, at)
            cuts.append((at, end))
            at = end
        else:
            raise _Unsplittable
    if text[at:].strip():
        raise _Unsplittable
    return cuts


def _skip_text(text: str, at: int, content: str) -> int:
    """Where a text token ends in the source: its characters, read through backslash escapes and entities."""
    i = 0
    while i < len(content):
        if (entity := ENTITY.match(text, at)) and content.startswith(html.unescape(entity.group(0)), i):
            i += len(html.unescape(entity.group(0)))
            at = entity.end()
        elif text.startswith(content[i], at) and not (content[i] == "\\" and text[at + 1:at + 2] in ESCAPABLE):
            at, i = at + 1, i + 1
        elif text[at:at + 1] == "\\" and text[at + 1:at + 2] == content[i] and content[i] in ESCAPABLE:
            at, i = at + 2, i + 1
        elif text[at:at + 1] in (" ", "\t") and content[i] != text[at]:
            at += 1  # trailing spaces before a line break are not in the text token
        else:
            raise _Unsplittable
    return at


def _link_end(text: str, at: int) -> int:
    """The end of a link's ``](target "title")``, ``][label]``, ``][]`` or ``]``, starting at its ``]``."""
    if not text.startswith("]", at):
        raise _Unsplittable
    at += 1
    if text.startswith("(", at):
        depth, i, quote = 0, at, ""
        while i < len(text):
            ch = text[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'" and depth == 1:
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise _Unsplittable
    if text.startswith("[", at):
        close = text.find("]", at)
        if close < 0:
            raise _Unsplittable
        return close + 1
    return at
