"""Lint rules about settings: text-contradicts-setting (text that states a setting's number differently from
the setting) and player-language (a language the player's own words are not written in).

The learner reads "you need 80% to pass" while the package passes them at 85: the intro was
typed by hand and a profile (or an edit) changed the setting. The texts that explain the
course are read (its description, lesson titles, text pages, the assessment's title and
intro), not what customers and agents say in scenarios and dialogues. A number counts as a
statement of a setting only in a sentence that is about it:

- a percentage in a sentence about passing: the pass mark;
- a number of attempts, tries or chances (or "unlimited attempts") in a sentence about the
  assessment, passing, or what "you have": the attempts;
- a number of questions in a sentence about the assessment or the draw: the questions drawn
  per attempt ("a pool of N questions": the pool's size);
- a number of minutes in a sentence about the course: ``duration_minutes``.

The fix is always the same: name the setting as a placeholder, so the text follows it.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from scorm_builder.course.model import Course, Source, TextPage
from scorm_builder.course.text_position import position_of
from scorm_builder.errors import Diagnostic, source_error
from scorm_builder.render.strings import PLAYER_LANGUAGES, player_speaks

RULE = "text-contradicts-setting"
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30,
         "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90}
NUMBER = r"(\d{1,3}|" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")"
PERCENT = re.compile(r"(?<![\d.,])(\d{1,3})\s?(?:%|percent\b|per cent\b)", re.I)
PASSING = re.compile(r"\bpass(?:es|ed|ing)?\b|\bpass mark\b", re.I)
ATTEMPTS = re.compile(rf"\b{NUMBER}\s+(?:more\s+)?(?:attempts?|tries|try|chances?)\b", re.I)
UNLIMITED = re.compile(r"\b(?:unlimited|as many)\s+(?:attempts|tries|chances)\b", re.I)
QUESTIONS = re.compile(rf"\b(pool of\s+)?{NUMBER}\s+(?:[a-z-]+\s+)?questions\b", re.I)
ABOUT_ASSESSMENT = re.compile(r"\b(?:assessment|quiz|test|exam|drawn|draw|attempt|pool)\b", re.I)
MINUTES = re.compile(rf"\b{NUMBER}(?:\s*(?:-|\u2013|to)\s*{NUMBER})?[\s-]*(?:minutes?|mins?)\b", re.I)
ABOUT_COURSE = re.compile(r"\bcourse\b", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
YOU_HAVE = re.compile(r"\byou (?:have|get)\b", re.I)
FIX = "write {placeholder} instead of the number, so the text always says what the setting is"


def number(word: str) -> int:
    return int(word) if word.isdigit() else WORDS[word.lower()]


def contradictions(course: Course) -> list[Diagnostic]:
    """A warning for each stated number that is not the setting's."""
    found: list[Diagnostic] = []
    for holder, key, text in explaining_texts(course):
        for sentence in SENTENCE_END.split(text):
            for phrase, reason, placeholder in _sentence(course, sentence):
                file, (line, column) = position_of(holder, key, text, phrase)
                found.append(source_error(RULE, file, line, column, holder.at(key).key, reason,
                                          FIX.format(placeholder=placeholder), severity="warning"))
    return found


def explaining_texts(course: Course) -> Iterator[tuple[Source, str, str]]:
    """(object's source, key, text) of every text that explains the course to the learner."""
    if course.description:
        yield course.source, "description", course.description
    for lesson in course.lessons:
        yield lesson.source, "title", lesson.title
        for page in lesson.pages:
            if isinstance(page, TextPage):
                yield page.source, "title", page.title
                yield page.source, "body", page.body
                if page.callout:
                    yield page.callout.source, "text", page.callout.text
    a = course.assessment
    if a:
        yield a.source, "title", a.title
        if a.intro:
            yield a.source, "intro", a.intro


def _sentence(course: Course, sentence: str) -> Iterable[tuple[str, str, str]]:
    """(phrase as written, reason, placeholder) for each number of ``sentence`` that contradicts a setting."""
    a = course.assessment
    if a and PASSING.search(sentence):
        for match in PERCENT.finditer(sentence):
            if int(match.group(1)) != a.pass_mark:
                yield (match.group(0), f"the text says {match.group(0)} for passing, but the pass mark is "
                       f"{a.pass_mark}%{_set_by(a.source, 'pass_mark')}", "{{ assessment.pass_mark }}")
    if a and (ABOUT_ASSESSMENT.search(sentence) or PASSING.search(sentence) or YOU_HAVE.search(sentence)):
        yield from _attempts(a, sentence)
        if ABOUT_ASSESSMENT.search(sentence):
            for match in QUESTIONS.finditer(sentence):
                pool = bool(match.group(1))
                wanted = len(a.questions) if pool else a.draw
                said = number(match.group(2))
                if said != wanted:
                    plural = "s" if wanted != 1 else ""
                    yield ((match.group(0), f"the text says the pool holds {said} questions, but it holds {wanted}",
                            "{{ assessment.pool }}") if pool else
                           (match.group(0), f"the text says {match.group(0)}, but each attempt draws {wanted} "
                            f"question{plural}", "{{ assessment.questions }}"))
    if course.duration_minutes and ABOUT_COURSE.search(sentence):
        for match in MINUTES.finditer(sentence):
            low, high = number(match.group(1)), number(match.group(2) or match.group(1))
            if not low <= course.duration_minutes <= high:
                yield (match.group(0), f"the text says {match.group(0)}, but the course's duration_minutes is "
                       f"{course.duration_minutes}", "{{ course.duration_minutes }}")


def _attempts(a, sentence: str) -> Iterable[tuple[str, str, str]]:
    allowed = "unlimited" if a.attempts == 0 else str(a.attempts)
    for match in ATTEMPTS.finditer(sentence):
        if number(match.group(1)) != a.attempts:
            yield (match.group(0), f"the text says {match.group(0)}, but the attempts setting is {allowed}"
                   f"{_set_by(a.source, 'attempts')}", "{{ assessment.attempts }}")
    for match in UNLIMITED.finditer(sentence):
        if a.attempts != 0:
            yield (match.group(0), f"the text says {match.group(0)}, but the attempts setting is {allowed}"
                   f"{_set_by(a.source, 'attempts')}", "{{ assessment.attempts }}")


def _set_by(source: Source, key: str) -> str:
    """' (set by the profile courses/companies/x.yaml)' when a profile put the value there."""
    where = source.at(key)
    return f" (set by {where.file})" if where.file != source.file else ""


def player_language(course: Course) -> list[Diagnostic]:
    """player-language: the course's language is one the player's buttons and messages are not written in."""
    if player_speaks(course.language):
        return []
    where = course.source.at("language")
    return [source_error("player-language", where.file, where.line, where.column, "language",
                         f"the player has no words in {course.language!r} (it speaks {', '.join(PLAYER_LANGUAGES)}): "
                         "its buttons and messages will be in English while the course text is not",
                         f"set 'language:' to one of {', '.join(PLAYER_LANGUAGES)}, or accept English buttons",
                         severity="warning")]
