"""Markdown to safe HTML (CommonMark and GFM tables; raw HTML and images off), cached per text, and what a text
links to or loses.

The player's renderer shows raw HTML as text and an image as '!' and a link: an image could
load from the network, and a text page has ``image:`` for pictures. Tables are wrapped in a
``<div class="table-scroll" tabindex="0">`` so a wide one scrolls on a 320 px screen instead
of widening the page (the box is focusable, so it scrolls from the keyboard too), and a
column's alignment is a class (``align-center``, ``align-right``): the player's
Content-Security-Policy allows no style attributes.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from scorm_builder.course.record import record
from scorm_builder.render.markdown_memo import Memo, memo_path

TABLE_OPEN = '<div class="table-scroll" tabindex="0">\n<table>\n'
TABLE_CLOSE = "</table>\n</div>\n"
# A one-line text that starts with a letter and holds none of Markdown's marks (escapes, code,
# emphasis, links, HTML, entities, tables) is one paragraph of plain text: it is rendered without
# the parser, as markdown-it renders it (tests/test_markdown_plain.py checks every shipped text).
_PLAIN = re.compile(r"[^\W\d_][^\\`*_\[\]<>&|~]*")


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    md.disable("image")  # an image in Markdown could load from the network; use the page's image key
    md.add_render_rule("table_open", lambda *args: TABLE_OPEN)
    md.add_render_rule("table_close", lambda *args: TABLE_CLOSE)
    for cell in ("th_open", "td_open"):
        md.add_render_rule(cell, _cell)
    return md


def _cell(self: Any, tokens: list, idx: int, options: Any, env: Any) -> str:
    """A table cell, its alignment (``style="text-align:center"`` from markdown-it) as a class."""
    token = tokens[idx]
    style = token.attrs.pop("style", None)
    if isinstance(style, str) and style.startswith("text-align:"):
        token.attrSet("class", f"align-{style.split(':', 1)[1]}")
    return self.renderToken(tokens, idx, options, env)


def markdown(text: str | None) -> str:
    """Markdown to HTML with raw HTML disabled: text from YAML can't add markup or script."""
    if not text:
        return ""
    return _rendered(text)


def _rendered(text: str) -> str:
    """Each text is rendered once per process, not once per standard built."""
    return _parsed(text)[0]


def link_targets(text: str) -> tuple[str, ...]:
    """The href of every link the player renders in ``text``, in order (reference links resolved).

    A CommonMark link needs a ``[`` (inline and reference links) or a ``<`` (autolinks; raw HTML
    is off, linkify too), so a text with neither has none, and is not parsed here: `validate`
    then parses only the texts that may link, and the build renders the rest."""
    if "[" not in text and "<" not in text:
        return ()
    return _parsed(text)[1]


@lru_cache(maxsize=65536)  # a whole 5,000-page course, so two standards render each text once
def _parsed(text: str) -> tuple[str, tuple[str, ...]]:
    """A text's HTML and the hrefs of its links, from one parse (the course checks read the links,
    the player data the HTML): what ``MarkdownIt.render`` gives, as it renders the same tokens."""
    if _PLAIN.fullmatch(text) and text.isprintable() and text == text.strip():
        return f"<p>{text.replace(chr(34), '&quot;')}</p>", ()
    memo = _memo()
    found = memo.get(text)
    if found is not None:
        return found
    md, env = _markdown(), {}
    tokens = md.parse(text, env)
    links = tuple(child.attrs["href"] for token in tokens for child in token.children or ()
                  if child.type == "link_open" and isinstance(child.attrs.get("href"), str))
    parsed = md.renderer.render(tokens, md.options, env).strip(), links
    memo.add(text, parsed)
    return parsed


@lru_cache(maxsize=1)
def _memo() -> Memo:
    return Memo(memo_path())


def save_memo() -> None:
    """Keep what this process rendered for the next build (render/markdown_memo.py)."""
    if _memo.cache_info().currsize:
        _memo().save()


@record
class Dropped:
    """Markdown the player shows differently from what it looks like: an image or raw HTML."""

    kind: str  # image | html
    snippet: str  # as written, e.g. '![map](assets/map.png)' or '<b>'
    tag: str  # the HTML tag name ('img', 'br', ...), or '' for a Markdown image


@lru_cache(maxsize=1)
def _everything():
    """A renderer with images and raw HTML on, to find them (its output is never used)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


@lru_cache(maxsize=4096)
def dropped(text: str) -> tuple[Dropped, ...]:
    """Every Markdown image and raw HTML tag of ``text``, in order; comments and closing tags left out."""
    import re

    found: list[Dropped] = []
    for token in _everything().parse(text):
        items = [token] if token.type == "html_block" else list(token.children or ())
        for item in items:
            if item.type == "image":
                src = item.attrs.get("src", "")
                alt = "".join(c.content for c in item.children or ())
                found.append(Dropped("image", f"![{alt}]({src})" if f"![{alt}]({src})" in text else "![", ""))
            elif item.type in ("html_inline", "html_block"):
                for tag in re.finditer(r"<([A-Za-z][A-Za-z0-9-]*)[^>]*>", item.content):
                    found.append(Dropped("html", tag.group(0), tag.group(1).lower()))
    return tuple(found)
