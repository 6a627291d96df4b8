"""The player's stylesheet as a package ships it: player/player.css without the comments that fill
whole lines, as the script leaves its own out (render/player_js.py). The comments stay in
templates/player/player.css, the source to read; the package keeps every rule and its layout,
unminified, within the 40 KB gzipped budget of JS and CSS (docs/player.md). A company theme's
player.css is the company's own static file and is shipped exactly as written."""
from __future__ import annotations

import re

# a block comment from the start of a line (after indentation) to the first "*/" with nothing after it
WHOLE_LINE_COMMENT = re.compile(rb"^[ \t]*/\*[^*]*\*+(?:[^/*][^*]*\*+)*/[ \t]*(?:\n|\Z)", re.M)


def without_comment_lines(css: bytes) -> bytes:
    """A stylesheet without the comments that fill whole lines."""
    return WHOLE_LINE_COMMENT.sub(b"", css)
