"""Lint rules about the curriculum as a whole: duration-estimate and, with a profile, untaught-but-assessed.

duration-estimate: the course's ``duration_minutes`` is more than 25 % off the estimate of
course/duration.py (its words at 200 a minute, plus time per scenario, decision and question).

untaught-but-assessed (``lint --company``): questions have no principle in the format, so what a
question or a paragraph is about is read from its key words: the words of at least 4 letters that
are not common English words, made singular (claims -> claim, coaching -> coach), and left out
when more than a quarter of the course's pages (and at least 3) use them ("empathy", "customer"). Then:

- a question the profile kept, or a paragraph of a text page (a welcome's promise, a wrap-up's
  summary), that shares at least ``MIN_SHARED`` key words with a page the profile removed, and at
  least twice as many as with any page left (its own page aside), is about what was removed;
- a question the profile added states a time limit or a figure ("within two hours", "30 days",
  "15 %", "£20") that no page of the course states, or most of its key words are on no page.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from scorm_builder.course.duration import estimate
from scorm_builder.course.model import (
    ChoiceQuestion,
    Course,
    DialoguePage,
    Matching,
    Ordering,
    Page,
    Question,
    ScenarioPage,
    Source,
    TextPage,
)
from scorm_builder.course.text_position import position_of
from scorm_builder.errors import Diagnostic, source_error
from scorm_builder.tools.lint_profile import COMMON

RULES = ("duration-estimate", "untaught-but-assessed")
DURATION_TOLERANCE = 0.25  # the declared duration may be this share above or below the estimate
MIN_SHARED = 3  # key words a question or paragraph shares with a removed page, at the least
COMMON_SHARE = 0.25  # a word on more than this share of the pages says nothing about what one is about
WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
FIGURE = re.compile(r"\b(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
                    r"thirty|forty-eight|forty|sixty|ninety)\s*(?:-\s*)?(?:working\s+|business\s+)?"
                    r"(?:minutes?|hours?|days?|weeks?|months?|years?|%|percent|per cent)(?!\w)"
                    r"|[£$€]\s?\d+(?:[.,]\d+)?", re.I)
PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)")
_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")


def duration_warnings(course: Course) -> list[Diagnostic]:
    """duration-estimate: the declared duration more than 25 % off the estimate."""
    declared = course.duration_minutes
    if not declared:
        return []
    e = estimate(course)
    if abs(declared - e.minutes) <= DURATION_TOLERANCE * e.minutes:
        return []
    where = course.source.at("duration_minutes")
    off = round(100 * abs(declared - e.minutes) / e.minutes)
    side = "less" if declared < e.minutes else "more"
    reason = (f"the course declares {declared} minutes, {off} % {side} than the estimate of {e.minutes}: "
              f"{e.words:,} words to read ({e.reading_minutes:.0f} minutes at 200 words a minute) and "
              f"{_count(e.scenarios, 'scenario')}, {_count(e.decisions, 'dialogue decision')} and "
              f"{_count(e.questions, 'question')} "
              f"({e.interaction_minutes:g} minutes to answer)")
    return [source_error("duration-estimate", where.file, where.line, where.column, "duration_minutes", reason,
                         f"set 'duration_minutes: {e.minutes}'" + (f", or shorten the course to fit {declared} minutes"
                                                                   if side == "less" else ""),
                         severity="warning")]


def stem(word: str) -> str:
    folded = word.casefold()
    for suffix, then in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 4:
            return folded[:-len(suffix)] + then
    return folded


def key_words(text: str) -> set[str]:
    """The words of ``text`` that can say what it is about (before the course's common words are left out)."""
    return {stem(w) for w in WORD.findall(text)
            if len(w) >= 4 and w.casefold() not in COMMON and "'" not in w and "\u2019" not in w}


def page_text(page: Page) -> str:
    if isinstance(page, TextPage):
        return "\n".join([page.title, page.body, *(x.text for x in (page.callout, page.quote) if x)])
    if isinstance(page, ScenarioPage):
        c = page.customer
        return "\n".join([page.title, c.says, c.context, page.prompt,
                          *(t for o in page.options for t in (o.text, o.feedback))])
    texts = [page.title, page.intro]
    if isinstance(page, DialoguePage):
        for node in page.nodes:
            texts += [node.customer, *(t for c in node.choices for t in (c.text, c.feedback))]
            texts += [line.text for line in node.ending.debrief] if node.ending else []
    return "\n".join(texts)


def question_text(q: Question) -> str:
    """What a question asks and what it takes as right: its text and its correct answers (or pairs, items)."""
    parts = [q.text]
    if isinstance(q, ChoiceQuestion):
        parts += [a.text for a in q.choices if a.correct]
    elif isinstance(q, Matching):
        parts += [t for p in q.pairs for t in (p.left, p.right)]
    elif isinstance(q, Ordering):
        parts += [i.text for i in q.items]
    return "\n".join(parts)


def untaught(original: Course, customized: Course) -> list[Diagnostic]:
    """untaught-but-assessed: what a profile's removals leave assessed or promised, and what its added questions
    ask that the course never teaches."""
    profile = customized.company.source
    kept = {p.id: key_words(page_text(p)) for p in customized.pages}
    common = _common_words(kept.values())
    kept = {pid: words - common for pid, words in kept.items()}
    removed = {p.id: key_words(page_text(p)) - common for p in original.pages if p.id not in kept}
    questions = customized.assessment.questions if customized.assessment else ()
    found: list[Diagnostic] = []
    for q in questions:
        words = key_words(question_text(q)) - common
        if q.source.file == profile:
            found += _added_question(q, customized, kept, words)
        elif removed:
            found += _about_removed(q.source, "", "", words, kept, removed, own="")
    for page in customized.pages if removed else ():
        if isinstance(page, TextPage):
            for paragraph in PARAGRAPH.split(page.body):
                found += _about_removed(page.source, "body", page.body, key_words(paragraph) - common, kept,
                                        removed, own=page.id, phrase=paragraph.strip().split("\n")[0][:40])
    return sorted(set(found), key=Diagnostic.order)


def _common_words(pages: Iterable[set[str]]) -> set[str]:
    pages = list(pages)
    counts: dict[str, int] = {}
    for words in pages:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    return {w for w, n in counts.items() if n > COMMON_SHARE * len(pages) and n >= 3}


def _about_removed(holder: Source, key: str, text: str, words: set[str], kept: dict[str, set[str]],
                   removed: dict[str, set[str]], own: str, phrase: str = "") -> Iterator[Diagnostic]:
    """A warning when ``words`` (of a question, or of the paragraph of page ``own`` that starts with ``phrase`` in
    its ``key`` text ``text``) match a removed page at least twice as well as any page left."""
    gone_id, gone = max(((pid, words & w) for pid, w in removed.items()), key=lambda x: (len(x[1]), x[0]))
    left = max((len(words & w) for pid, w in kept.items() if pid != own), default=0)
    if len(gone) < MIN_SHARED or len(gone) < 2 * left:
        return
    shown = ", ".join(sorted(gone)[:5]) + (", ..." if len(gone) > 5 else "")
    if key:
        file, (line, column) = position_of(holder, key, text, phrase)
        yield source_error("untaught-but-assessed", file, line, column, holder.at(key).key,
                           f"this paragraph is about the page '{gone_id}', which the profile removes "
                           f"({len(gone)} key words in common: {shown}; at most {left} with any page left)",
                           "rewrite or drop the paragraph for this company (an override of the page's body), "
                           "or keep the page", severity="warning")
    else:
        yield source_error("untaught-but-assessed", holder.file, holder.line, holder.column, holder.key,
                           f"this question is about the page '{gone_id}', which the profile removes "
                           f"({len(gone)} key words in common: {shown}; at most {left} with any page left)",
                           "remove the question in the profile too (remove: [...]), or keep the page",
                           severity="warning")


def _added_question(q: Question, course: Course, kept: dict[str, set[str]], words: set[str]) -> Iterator[Diagnostic]:
    taught = " ".join(_flat(page_text(p)) for p in course.pages)
    for figure in dict.fromkeys(m.group(0) for m in FIGURE.finditer(question_text(q))):
        if f" {_flat(figure)} " not in f" {taught} ":
            yield source_error("untaught-but-assessed", q.source.file, q.source.line, q.source.column, q.source.key,
                               f"the profile's question states {figure!r}, which no page of the course states: "
                               "learners are tested on a rule they were never taught",
                               "add a page (add_pages) that teaches it, or take it out of the question",
                               severity="warning")
            return
    on_pages = set().union(*kept.values()) if kept else set()
    missing = sorted(words - on_pages)
    if words and len(missing) > len(words) / 2:
        yield source_error("untaught-but-assessed", q.source.file, q.source.line, q.source.column, q.source.key,
                           f"most key words of the profile's question are on no page of the course "
                           f"({len(missing)} of {len(words)}: {', '.join(missing[:5])})",
                           "add a page (add_pages) that teaches it, or ask about what the course teaches",
                           severity="warning")


def _flat(text: str) -> str:
    """Lower case, with every run of non-word characters but %, £, $ and € as one space."""
    text = re.sub(r"(\d)\s+(%|percent\b|per cent\b)", r"\1\2", text.casefold())
    return " ".join(re.findall(r"[\w%£$€]+", text))
