"""Where some words of a text value sit in its file, for messages about those words.

A value's position is where it starts (the ``|`` of a block, or its first character). A problem
about a few words of a long text reads better at the line of those words, so the file is read
again (cached by size and modification time) and the words looked for from that position on,
within the lines the text can span. Words not in the file as written keep the value's position.
"""
from __future__ import annotations

import os
from functools import lru_cache

LINES_PER_CHARACTERS = 20  # a text spans at most its line breaks, plus one line per this many characters


def locate(file: str, line: int, column: int, text: str, phrase: str, skip: int = 0) -> tuple[int, int] | None:
    """(line, column) of the first line of ``phrase`` in the value of ``text`` that starts at ``line``,
    ``column`` of ``file``, after ``skip`` earlier occurrences; None when the file doesn't have it there."""
    phrase = phrase.split("\n")[0].rstrip()  # the words on the phrase's first line, as the file has them
    lines = file_lines(file)
    if not phrase or line > len(lines):
        return None
    span = text.count("\n") + len(text) // LINES_PER_CHARACTERS + 2
    for number in range(line, min(len(lines), line + span) + 1):
        at = column - 1 if number == line else 0
        while (at := lines[number - 1].find(phrase, at)) >= 0:
            if not skip:
                return number, at + 1
            skip, at = skip - 1, at + len(phrase)
    return None


def file_lines(file: str) -> tuple[str, ...]:
    """The file's lines, () when it can't be read."""
    try:
        info = os.stat(file)
    except OSError:
        return ()
    return _read(file, info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=64)
def _read(file: str, size: int, mtime: int) -> tuple[str, ...]:
    try:
        with open(file, encoding="utf-8-sig") as handle:
            return tuple(handle.read().splitlines())
    except (OSError, UnicodeDecodeError):
        return ()
