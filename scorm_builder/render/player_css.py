"""The player's stylesheet as a package ships it: player/player.css without the comments that fill
whole lines and without blank lines, as the script leaves its own out (render/player_js.py). The comments stay in
templates/player/player.css, the source to read; the package keeps every rule and its layout,
unminified, within the 40 KB gzipped budget of JS and CSS (docs/player.md). A company theme's
player.css is the company's own static file and is shipped exactly as written.

Rules that only one feature needs sit between a line ``/* when reply media */`` and a line
``/* end when */``: a package keeps them when its features (render/player_js.py, ``package_features``)
include one of those named, as player.js keeps a module that order.txt marks with ``when``."""
from __future__ import annotations

import re

# a block comment from the start of a line (after indentation) to the first "*/" with nothing after it
WHOLE_LINE_COMMENT = re.compile(rb"^[ \t]*/\*[^*]*\*+(?:[^/*][^*]*\*+)*/[ \t]*(?:\n|\Z)", re.M)


BLANK_LINE = re.compile(rb"^[ \t]*\n", re.M)


def without_comment_lines(css: bytes) -> bytes:
    """A stylesheet without the comments that fill whole lines, and without blank lines."""
    return BLANK_LINE.sub(b"", WHOLE_LINE_COMMENT.sub(b"", css))


WHEN_BLOCK = re.compile(rb"^[ \t]*/\* when ([a-z0-9 -]+) \*/[ \t]*\n(.*?)^[ \t]*/\* end when \*/[ \t]*(?:\n|\Z)",
                        re.M | re.S)


def for_package(css: bytes, features: frozenset[str]) -> bytes:
    """The stylesheet a package with ``features`` ships: its feature blocks kept or left out, then
    without the comments that fill whole lines."""
    def block(match: re.Match) -> bytes:
        return match.group(2) if set(match.group(1).decode().split()) & features else b""
    return without_comment_lines(WHEN_BLOCK.sub(block, css))
