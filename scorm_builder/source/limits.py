"""How much one course may hold in all its files and what its text may hold, and the running count.

Every limit is far above what a real course needs (the largest shipped course holds 1,408
values in 15 files, 100 KB, 10 levels deep; the 5,000-page course of bench/bench_scale.py is
2.8 MB and 58,000 values) and low enough that a build stays within seconds and a few hundred
MB whatever the input:

=====================  ================================================================
input size             at most 4 MB per file, 16 MB for a course's files together
                       (a file counted each time it is included)
values                 at most 500,000 in a course (every text, number, list and mapping
                       in all its files, after includes and aliases)
aliases                ``*name`` may add at most 100,000 values and 1,000,000 characters
                       of text to a course (what the aliases copy, not what was written)
nesting                lists and mappings at most 64 levels deep, includes counted
includes               at most 10,000 in a course, each include of a file counted
numbers                at most 100 digits
placeholders           a text at most 20,000 characters once filled in, and at most
                       2,000,000 characters added to a course by placeholders
=====================  ================================================================

Text may hold any character but those XML 1.0 or HTML can't (rule ``character-not-allowed``):
C0 controls but tab, LF and CR, DEL and the C1 controls, surrogates and noncharacters.

A limit that is hit is one positioned problem naming the limit (rule ids ``file-too-large``,
``course-too-large``, ``too-many-values``, ``alias-expansion``, ``nesting-too-deep``,
``too-many-includes``, ``number-too-long``; placeholders: ``placeholder-output``).
"""
from __future__ import annotations

import re

from scorm_builder.course.record import record
from scorm_builder.errors import Diagnostic, source_error

MAX_FILE_BYTES = 4_000_000
MAX_COURSE_BYTES = 16_000_000
MAX_VALUES = 500_000
MAX_ALIAS_VALUES = 100_000
MAX_ALIAS_TEXT = 1_000_000
MAX_DEPTH = 64
MAX_INCLUDES = 10_000
MAX_NUMBER_DIGITS = 100
MAX_TEXT_OUTPUT = 20_000
MAX_PLACEHOLDER_GROWTH = 2_000_000

SPLIT_FIX = "make the course smaller, or split it into several courses"


@record
class Counts:
    """What a file holds, or what a course holds so far: the quantities the limits bound."""

    bytes: int = 0
    values: int = 0
    alias_values: int = 0
    alias_text: int = 0
    depth: int = 0  # of the deepest list or mapping, the file's top mapping being 1
    includes: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.bytes + other.bytes, self.values + other.values,
                      self.alias_values + other.alias_values, self.alias_text + other.alias_text,
                      max(self.depth, other.depth), self.includes + other.includes)

    def within_limits(self) -> bool:
        return (self.bytes <= MAX_COURSE_BYTES and self.values <= MAX_VALUES and self.depth <= MAX_DEPTH
                and self.alias_values <= MAX_ALIAS_VALUES and self.alias_text <= MAX_ALIAS_TEXT
                and self.includes <= MAX_INCLUDES)


class Budget:
    """The running count for one course. ``spent`` once a limit was hit and reported, so the
    rest of the course is not read and the limit is reported once."""

    def __init__(self, start: Counts | None = None):
        self.used = start or Counts()
        self.spent = False

    def add(self, counts: Counts) -> bool:
        """Count ``counts`` in when they fit within the limits; False (nothing counted) when not."""
        total = self.used + counts
        if not total.within_limits():
            return False
        self.used = total
        return True

    def include(self) -> bool:
        """Count one more include; False when that is one too many."""
        return self.add(Counts(includes=1))

    def read(self, size: int, shown: str) -> Diagnostic | None:
        """The problem with reading a file of ``size`` bytes next, if any (counted once it is read)."""
        if size > MAX_FILE_BYTES:
            return self.hit(source_error(
                "file-too-large", shown, 1, 1, "",
                f"the file is {size / 1e6:.1f} MB (expected at most {MAX_FILE_BYTES // 1_000_000} MB per file)",
                "split it into smaller files joined with '- include:', or make the course smaller"))
        if self.used.bytes + size > MAX_COURSE_BYTES:
            return self.hit(source_error(
                "course-too-large", shown, 1, 1, "",
                f"with this file the course's files come to {(self.used.bytes + size) / 1e6:.1f} MB (expected at "
                f"most {MAX_COURSE_BYTES // 1_000_000} MB in all, a file counted each time it is included)",
                SPLIT_FIX))
        return None

    def hit(self, problem: Diagnostic) -> Diagnostic:
        self.spent = True
        return problem


def too_many_values(shown: str, pos: tuple[int, int], key: str) -> Diagnostic:
    return source_error("too-many-values", shown, *pos, key,
                        f"the course holds more than {MAX_VALUES} values in all its files (expected at most "
                        f"{MAX_VALUES} texts, numbers, lists and mappings)", SPLIT_FIX)


def alias_values(shown: str, pos: tuple[int, int], key: str) -> Diagnostic:
    return source_error("alias-expansion", shown, *pos, key,
                        f"YAML aliases (*name) add more than {MAX_ALIAS_VALUES} values to the course (expected at "
                        f"most {MAX_ALIAS_VALUES}; each alias copies everything under its anchor)",
                        "write the repeated parts out, or use fewer aliases")


def alias_text(shown: str, pos: tuple[int, int], key: str) -> Diagnostic:
    return source_error("alias-expansion", shown, *pos, key,
                        f"YAML aliases (*name) add more than {MAX_ALIAS_TEXT} characters of text to the course "
                        f"(expected at most {MAX_ALIAS_TEXT}; each alias copies everything under its anchor)",
                        "write the repeated parts out, or use fewer aliases")


def too_deep(shown: str, pos: tuple[int, int], key: str) -> Diagnostic:
    return source_error("nesting-too-deep", shown, *pos, key,
                        f"lists and mappings nest more than {MAX_DEPTH} levels deep here (expected at most "
                        f"{MAX_DEPTH}; a course needs about 12)",
                        "check the indentation and the brackets: something is inside far too many others")


def too_many_includes(shown: str, pos: tuple[int, int], key: str) -> Diagnostic:
    return source_error("too-many-includes", shown, *pos, key,
                        f"the course includes files more than {MAX_INCLUDES} times in all (expected at most "
                        f"{MAX_INCLUDES}; a file that includes another twice doubles the count at each level)",
                        "include each shared piece once, from the course or the lesson that uses it")


def number_too_long(shown: str, pos: tuple[int, int], key: str, written: str) -> Diagnostic:
    number = written if len(written) <= 20 else written[:20] + "\u2026"
    return source_error("number-too-long", shown, *pos, key,
                        f"the number {number} has more than {MAX_NUMBER_DIGITS} digits (expected at most "
                        f"{MAX_NUMBER_DIGITS})", "put the value in quotes if it is text, or shorten it")


# What XML 1.0 and HTML cannot hold: C0 controls but tab, LF and CR; DEL and the C1 controls
# (allowed by XML 1.0 but parse errors in HTML, and never meant in course text); surrogates;
# noncharacters (U+FDD0-FDEF and the last two code points of every plane). Two patterns: one
# holding astral characters makes the regex engine 40 times slower on any text.
NOT_IN_XML_BMP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
NOT_IN_XML_ASTRAL = re.compile("[" + "".join(chr(p * 0x10000 + 0xFFFE) + chr(p * 0x10000 + 0xFFFF)
                                             for p in range(1, 17)) + "]")


def not_in_xml(text: str) -> int:
    """Where the first character XML or HTML can't hold is in ``text``, or -1."""
    found = NOT_IN_XML_BMP.search(text)
    at = found.start() if found else -1
    if not text.isascii() and max(text) > "\uffff":
        astral = NOT_IN_XML_ASTRAL.search(text, 0, len(text) if at < 0 else at)
        at = astral.start() if astral else at
    return at


def character_not_allowed(src: str, pos: tuple[int, int], key: str, text: str, at: int) -> Diagnostic:
    code = ord(text[at])
    if 0xD800 <= code <= 0xDFFF:
        kind = "half of a surrogate pair, not a character on its own"
    elif code < 0xA0:
        kind = "an invisible control character"
    else:
        kind = "a noncharacter, reserved by Unicode"
    return source_error("character-not-allowed", src, *pos, key,
                        f"the text holds U+{code:04X}, {kind} (character {at + 1} of the text), which "
                        f"the package's HTML and XML cannot hold",
                        "delete it: in double quotes it comes from an escape such as \\x01, \\0, \\e or \\uFFFE; "
                        "otherwise it was pasted in with the text")
