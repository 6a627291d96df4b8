"""Where a phrase of a text sits in its file: the line and column of the words, not of the text's key.

A text's Source gives where its value starts (the ``|`` of a block, or the first character).
A problem about a few words of a long body reads better at the line of those words, so the
file is read again and the words looked for from that position on, within the lines the text
can span. Words that are not in the file as written (they came from a placeholder's value)
keep the text's own position.
"""
from __future__ import annotations

import os
from functools import lru_cache

from scorm_builder.course.model import Pos, Source

LINES_PER_CHARACTERS = 20  # a text spans at most its line breaks, plus one line per this many characters


def position_of(source: Source, key: str, text: str, phrase: str, offset: int = 0) -> tuple[str, Pos]:
    """(file, line and column) of ``phrase`` in the value of ``key`` of the object at ``source``, which
    holds ``text``, ``offset`` characters further on; the value's own position when the phrase is not
    found there as written."""
    where = source.at(key)
    return where.file, find(source, key, text, phrase, offset) or (where.line, where.column)


def find(source: Source, key: str, text: str, phrase: str, offset: int = 0) -> Pos | None:
    """The line and column of ``phrase`` (plus ``offset`` characters) in the value of ``key``, or None when the
    file does not have it there as written."""
    where = source.at(key)
    phrase = phrase.split("\n")[0].rstrip()  # the words on the phrase's first line, as the file has them
    lines = _lines(where.file)
    if not phrase or not lines or where.line > len(lines):
        return None
    span = text.count("\n") + len(text) // LINES_PER_CHARACTERS + 2
    for number in range(where.line, min(len(lines), where.line + span) + 1):
        found = lines[number - 1].find(phrase, where.column - 1 if number == where.line else 0)
        if found >= 0:
            return number, found + 1 + offset
    return None


def _lines(file: str) -> tuple[str, ...]:
    try:
        info = os.stat(file)
    except OSError:
        return ()
    return _read(file, info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=64)
def _read(file: str, size: int, mtime: int) -> tuple[str, ...]:
    """The file's lines; cached by size and modification time, so a changed file is read again."""
    try:
        with open(file, encoding="utf-8-sig") as handle:
            return tuple(handle.read().splitlines())
    except (OSError, UnicodeDecodeError):
        return ()
