"""Lint rules about the English a course is written in: ``idiom`` and ``spelling-variant``.

- ``idiom``: a British or business idiom ("get it sorted", "the runaround", "I'll ring you") that a
  learner who reads English as a second language may not know, with the plain words to use instead.
  Contact-centre teams are often multilingual; plain English is part of the course being fair.
- ``spelling-variant``: a course declared ``language: en-GB`` uses British spelling (apologise,
  behaviour, authorisation), one declared ``en-US`` American spelling; a course declared plain ``en``
  keeps to one of the two, so a word spelt both ways is flagged at its less frequent spelling.

Both read every text value of the (customized) course, as the avoid-word rule does, and point at the
word itself, file:line:column.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, NamedTuple

from scorm_builder.course.model import Course
from scorm_builder.errors import Diagnostic, source_error
from scorm_builder.source.text_lines import locate
from scorm_builder.tools.lint_profile import NOT_TEXT, Value, pieces

RULES = ("idiom", "spelling-variant")

# (pattern, what it means in plain words); matched ignoring case, as whole words
IDIOMS: tuple[tuple[str, str], ...] = (
    (r"sorted(?! by| in| into| alphabetically)", "fixed, resolved or dealt with"),
    (r"sort(?:s|ing)? (?:it|this|that|them|things|everything|you) out", "fix it, resolve it"),
    (r"sort(?:s|ing)? out", "fix, resolve"),
    (r"run-?around", "being passed from one person to the next"),
    (r"fiddly", "awkward, hard to do"),
    (r"ring(?:s|ing)? (?:you|us|me|him|her|them|back|again|round|about)|rang (?:you|us|me|him|her|them)|"
     r"give (?:you|us|me|him|her|them) a ring|every time I ring",
     "call (on the phone)"),
    (r"hang on", "wait a moment"),
    (r"circle back", "come back to it, return to it"),
    (r"touch base", "talk, check in"),
    (r"no worries", "that's fine, you're welcome"),
    (r"cheers", "thank you"),
    (r"gutted", "very disappointed"),
    (r"fed up", "tired of it, frustrated"),
    (r"rubbish", "poor, useless"),
    (r"on the blink", "not working properly"),
    (r"a doddle", "easy"),
    (r"at the end of the day", "in the end, finally"),
)
_IDIOM_PATTERNS = tuple((re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE), plain) for p, plain in IDIOMS)

# British and American spellings of the same word: (British stem, American stem, endings)
_IZE = ("e", "es", "ed", "ing", "ation", "ations")
VARIANTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    *((f"{stem}is", f"{stem}iz", _IZE) for stem in (
        "apolog", "real", "recogn", "organ", "priorit", "personal", "author", "emphas", "summar", "minim",
        "maxim", "critic", "sympath", "empath", "custom", "special", "item", "util", "optim", "standard",
        "familiar", "central", "legal", "revolution", "character", "memor", "energ", "agon", "trivial")),
    ("behaviour", "behavior", ("", "s", "al")),
    ("colour", "color", ("", "s", "ed", "ful")),
    ("favour", "favor", ("", "s", "ed", "ite", "ites", "able")),
    ("honour", "honor", ("", "s", "ed")),
    ("neighbour", "neighbor", ("", "s", "hood")),
    ("labour", "labor", ("", "s")),
    ("centre", "center", ("", "s", "d")),
    ("cancell", "cancel", ("ed", "ing")),
    ("travell", "travel", ("ed", "ing", "er", "ers")),
    ("labell", "label", ("ed", "ing")),
    ("modell", "model", ("ed", "ing")),
    ("catalogue", "catalog", ("", "s")),
    ("defence", "defense", ("",)),
    ("offence", "offense", ("",)),
    ("analys", "analyz", ("e", "es", "ed", "ing")),
    ("enrol", "enroll", ("", "s")),
    ("fulfil", "fulfill", ("", "s")),
    ("mould", "mold", ("", "s", "y")),
)
LOCALES = {"en-GB": "British", "en-US": "American"}


class _Spelling(NamedTuple):
    word: str  # the spelling found, lower case
    other: str  # the same word in the other spelling
    british: bool
    family: str  # the British stem, shared by every form of the word in both spellings


def _spellings() -> dict[str, _Spelling]:
    out: dict[str, _Spelling] = {}
    for gb, us, endings in VARIANTS:
        for end in endings:
            out[gb + end] = _Spelling(gb + end, us + end, True, gb)
            out[us + end] = _Spelling(us + end, gb + end, False, gb)
    return out


SPELLINGS = _spellings()
_WORD = re.compile(r"[A-Za-z]+")


def _texts(course: Course) -> Iterator[Value]:
    for values in pieces(course).values():
        for key, value in values.items():
            if re.sub(r"\[[^\]]*\]", "", key).rsplit(".", 1)[-1] not in NOT_TEXT and value.text:
                yield value


def _at(value: Value, said: str, start: int) -> tuple[int, int]:
    where, text = value.where, value.text
    at = locate(where.file, where.line, where.column, text, said, skip=text[:start].count(said))
    return at or (where.line, where.column)


def idiom_warnings(course: Course) -> list[Diagnostic]:
    """idiom: each idiom in the course's text, with its plain meaning (English courses only)."""
    found: list[Diagnostic] = []
    if not course.language.startswith("en"):
        return found
    for value in _texts(course):
        taken: list[tuple[int, int]] = []
        for pattern, plain in _IDIOM_PATTERNS:
            for match in pattern.finditer(value.text):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue  # "sort this out" is not also "sort out"
                taken.append(match.span())
                line, column = _at(value, match.group(0), match.start())
                found.append(source_error(
                    "idiom", value.where.file, line, column, value.where.key,
                    f"{match.group(0)!r} is an idiom that a learner reading English as a second language may not "
                    "know", f"say it plainly: {plain}", severity="warning"))
    return sorted(set(found), key=Diagnostic.order)


def spelling_warnings(course: Course) -> list[Diagnostic]:
    """spelling-variant: against the declared locale, or, for plain en, the less frequent of two spellings."""
    hits: list[tuple[Value, re.Match, _Spelling]] = []
    if not course.language.startswith("en"):
        return []
    for value in _texts(course):
        for match in _WORD.finditer(value.text):
            spelling = SPELLINGS.get(match.group(0).lower())
            if spelling:
                hits.append((value, match, spelling))
    locale = LOCALES.get(course.language)
    counts = Counter((s.family, s.british) for _, _, s in hits)
    found: list[Diagnostic] = []
    for value, match, spelling in hits:
        if locale:
            if spelling.british == (locale == "British"):
                continue
            reason = (f"{match.group(0)!r} is the {'British' if spelling.british else 'American'} spelling, and "
                      f"the course is declared language: {course.language} ({locale} spelling)")
        else:
            mine, other = counts[spelling.family, spelling.british], counts[spelling.family, not spelling.british]
            if other == 0 or (mine, spelling.british) > (other, not spelling.british):
                continue
            spelt = "British" if not spelling.british else "American"
            reason = (f"{match.group(0)!r} is spelt the {spelt} way elsewhere in the course ({other} times "
                      f"against {mine})")
        line, column = _at(value, match.group(0), match.start())
        found.append(source_error(
            "spelling-variant", value.where.file, line, column, value.where.key, reason,
            f"write {_cased(spelling.other, match.group(0))!r}" + (
                "" if locale else ", or declare language: en-GB or en-US and keep to its spelling"),
            severity="warning"))
    return sorted(set(found), key=Diagnostic.order)


def _cased(word: str, like: str) -> str:
    return word.upper() if like.isupper() and len(like) > 1 else word.capitalize() if like[0].isupper() else word
