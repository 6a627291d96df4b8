"""Markdown to safe HTML (raw HTML and images off), cached per text."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")  # an image in Markdown could load from the network; use the page's image key
    return md


def markdown(text: str | None) -> str:
    """Markdown to HTML with raw HTML disabled: text from YAML can't add markup or script."""
    if not text:
        return ""
    return _rendered(text)


@lru_cache(maxsize=65536)  # a whole 5,000-page course, so two standards render each text once
def _rendered(text: str) -> str:
    """Each text is rendered once per process, not once per standard built."""
    return _markdown().render(text).strip()
