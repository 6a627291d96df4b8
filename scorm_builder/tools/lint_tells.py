"""Lint rules for answers that give themselves away: by length, by position, or by a strawman.

A learner should have to judge, not spot the pattern. These rules look at scenario options and
dialogue decisions (a node with two or more choices):

- ``answer-length-tell``: an item whose best answer is much longer than every other one, and a
  course whose best answer is the longest one in more than 40 % of its items;
- ``answer-position-tell``: an item whose answers are shown in the course's order (``shuffle:
  false``), so its best answer always sits in the same place;
- ``strawman-option``: a poor answer shorter than a third of the best one, which nobody would pick;
- ``correct-answer-length-tell``: the same length tells in the assessment's single-choice questions: one
  whose correct answer is much longer than every other answer, and a pool whose correct answer is the
  longest one in more than 40 % of its single-choice questions.

The best answer of a scenario is an option with ``verdict: best``; of a dialogue decision, the
choices whose score changes add up to the most (as the player and the LMS count it), and a poor
one is a choice whose changes add up to less than zero. Lengths are counted in characters, with
runs of spaces as one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from scorm_builder.course.model import Course, DialoguePage, Node, ScenarioPage, SingleChoice, Source
from scorm_builder.errors import Diagnostic, source_error

RULES = ("answer-length-tell", "answer-position-tell", "strawman-option", "correct-answer-length-tell")

LENGTH_RATIO = 1.5  # the best answer at least this many times as long as the longest other: a tell
LENGTH_MARGIN = 20  # ...and at least this many characters longer, so short answers are left alone
COURSE_SHARE = 0.4  # the best answer the longest in more than this share of the items: a course tell
COURSE_MIN_ITEMS = 3  # fewer items than this make no pattern
STRAWMAN_RATIO = 1 / 3  # a poor answer shorter than this share of the best one


@dataclass(frozen=True)
class Answer:
    """One answer of an item, as these rules see it."""

    text: str
    best: bool
    poor: bool
    source: Source

    @property
    def length(self) -> int:
        return len(" ".join(self.text.split()))


@dataclass(frozen=True)
class Item:
    """A scenario or a dialogue decision: its answers in the course's order, whether the player
    shuffles them, and where it was written."""

    what: str  # "scenario" | "decision" | "question"
    answers: tuple[Answer, ...]
    shuffled: bool
    source: Source


def tell_warnings(course: Course) -> list[Diagnostic]:
    """Every answer-length-tell, answer-position-tell and strawman-option warning, in file order."""
    items = list(course_items(course))
    found: list[Diagnostic] = []
    for item in items:
        found += _length_tell(item)
        found += _position_tell(item)
        found += _strawmen(item)
    found += _course_length_tell(course, items)
    return sorted(set(found), key=Diagnostic.order)


def course_items(course: Course) -> Iterable[Item]:
    """The course's scenarios and dialogue decisions that have a best answer and another one."""
    for page in course.pages:
        if isinstance(page, ScenarioPage):
            answers = tuple(Answer(o.text, o.verdict == "best", o.verdict == "poor", o.source.at("text"))
                            for o in page.options)
            item = Item("scenario", answers, getattr(page, "shuffle", True), page.source)
            if _judgeable(item):
                yield item
        elif isinstance(page, DialoguePage):
            for node in page.nodes:
                item = _decision(page, node)
                if item is not None and _judgeable(item):
                    yield item


def _decision(page: DialoguePage, node: Node) -> Item | None:
    if len(node.choices) < 2:
        return None
    totals = [sum(change for _, change in choice.effects) for choice in node.choices]
    top = max(totals)
    if all(total == top for total in totals):  # every choice as good: nothing to tell
        return None
    answers = tuple(Answer(c.text, total == top, total < 0, c.source.at("text"))
                    for c, total in zip(node.choices, totals, strict=True))
    shuffled = getattr(page, "shuffle", True) and getattr(node, "shuffle", True)
    return Item("decision", answers, shuffled, node.source)


def _judgeable(item: Item) -> bool:
    return any(a.best for a in item.answers) and any(not a.best for a in item.answers)


def _warn(where: Source, rule: str, reason: str, fix: str) -> Diagnostic:
    return source_error(rule, where.file, where.line, where.column, where.key, reason, fix, severity="warning")


def _best_is_longest(item: Item) -> bool:
    longest_other = max(a.length for a in item.answers if not a.best)
    return any(a.best and a.length > longest_other for a in item.answers)


def _length_tell(item: Item) -> Iterable[Diagnostic]:
    longest_other = max(a.length for a in item.answers if not a.best)
    for best in (a for a in item.answers if a.best):
        if best.length >= LENGTH_RATIO * longest_other and best.length - longest_other >= LENGTH_MARGIN:
            yield _warn(best.source, "answer-length-tell",
                        f"the best answer is {_times(best.length / max(longest_other, 1))} as long as the "
                        f"longest other one ({best.length} characters against {longest_other}): "
                        "learners can pick it by its length",
                        "shorten it, or give the other answers as much detail, so that length gives nothing away")


def _times(ratio: float) -> str:
    return f"{ratio:.1f} times"


def _course_length_tell(course: Course, items: Sequence[Item]) -> Iterable[Diagnostic]:
    if len(items) < COURSE_MIN_ITEMS:
        return
    longest = sum(1 for item in items if _best_is_longest(item))
    if longest / len(items) > COURSE_SHARE:
        yield _warn(course.source.at("lessons"), "answer-length-tell",
                    f"the best answer is the longest one in {longest} of {len(items)} scenarios and dialogue "
                    f"decisions ({round(100 * longest / len(items))} %, more than {round(100 * COURSE_SHARE)} %): "
                    "learners learn to pick the longest answer",
                    "vary which answer is the longest: shorten some best answers, or give the others as much detail")


def _position_tell(item: Item) -> Iterable[Diagnostic]:
    if item.shuffled:
        return
    places = [str(i + 1) for i, a in enumerate(item.answers) if a.best]
    where = f"position {places[0]}" if len(places) == 1 else "positions " + ", ".join(places)
    yield _warn(item.source, "answer-position-tell",
                f"this {item.what}'s answers are shown in the course's order ('shuffle: false'), so its best "
                f"answer is always in {where} of {len(item.answers)}",
                "remove 'shuffle: false' unless the order itself matters")


def _strawmen(item: Item) -> Iterable[Diagnostic]:
    best = min(a.length for a in item.answers if a.best)
    for poor in (a for a in item.answers if a.poor):
        if poor.length < STRAWMAN_RATIO * best:
            yield _warn(poor.source, "strawman-option",
                        f"this poor answer is {poor.length} characters against {best} for the best one "
                        "(less than a third): it reads as a strawman that nobody would choose",
                        "write a poor answer a real agent might give, with as much detail as the best one")


def question_items(course: Course) -> list[Item]:
    """The assessment's single-choice questions, the correct answer as the best one."""
    if course.assessment is None:
        return []
    return [Item("question", tuple(Answer(a.text, a.correct, False, a.source.at("text")) for a in q.choices),
                 True, q.source)
            for q in course.assessment.questions if isinstance(q, SingleChoice) and len(q.choices) > 1]


def correct_answer_warnings(course: Course) -> list[Diagnostic]:
    """correct-answer-length-tell: per question and for the pool, in file order."""
    items = question_items(course)
    found: list[Diagnostic] = []
    for item in items:
        longest_other = max(a.length for a in item.answers if not a.best)
        for right in (a for a in item.answers if a.best):
            if right.length >= LENGTH_RATIO * longest_other and right.length - longest_other >= LENGTH_MARGIN:
                found.append(_warn(right.source, "correct-answer-length-tell",
                                   f"the correct answer is {_times(right.length / max(longest_other, 1))} as long "
                                   f"as the longest other one ({right.length} characters against {longest_other}): "
                                   "learners can pick it by its length",
                                   "shorten it, or give the other answers as much detail, so that length gives "
                                   "nothing away"))
    longest = sum(1 for item in items if _best_is_longest(item))
    if len(items) >= COURSE_MIN_ITEMS and longest / len(items) > COURSE_SHARE:
        found.append(_warn(course.assessment.source.at("questions"), "correct-answer-length-tell",
                           f"the correct answer is the longest one in {longest} of {len(items)} single-choice "
                           f"questions ({round(100 * longest / len(items))} %, more than "
                           f"{round(100 * COURSE_SHARE)} %): learners learn to pick the longest answer",
                           "vary which answer is the longest: shorten some correct answers, or give the wrong ones "
                           "as much detail"))
    return sorted(set(found), key=Diagnostic.order)
