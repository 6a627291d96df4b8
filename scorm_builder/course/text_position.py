"""Where a phrase of a text sits in its file: the line and column of the words, not of the text's key.

A text's Source gives where its value starts (the ``|`` of a block, or the first character).
A problem about a few words of a long body reads better at the line of those words, so the
file is read again and the words looked for from that position on, within the lines the text
can span. Words that are not in the file as written (they came from a placeholder's value)
keep the text's own position.
"""
from __future__ import annotations

from scorm_builder.course.model import Pos, Source
from scorm_builder.source.text_lines import locate


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
    found = locate(where.file, where.line, where.column, text, phrase)
    return (found[0], found[1] + offset) if found else None
