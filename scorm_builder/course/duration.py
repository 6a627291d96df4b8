"""A build-time estimate of how long a course takes: its words at a reading speed, plus time per interaction.

Reading: the words one learner reads, as the player shows them. Text pages whole; a scenario's
customer, prompt and every option, with one option's feedback (the options' average); a dialogue
along one path (the shortest way to its farthest ending), with each decision's customer line, every
choice and one choice's feedback, then that ending's title and debrief; the assessment's intro and,
in the share an attempt draws (``draw`` of the pool), each question with its answers and one
feedback (the average of what it has).

- ``WORDS_PER_MINUTE`` = 200: Brysbaert (2019), "How many words do we read per minute? A review
  and meta-analysis of reading rate", Journal of Memory and Language 109, finds about 238 words
  a minute for adults reading English non-fiction silently; 200 allows for reading on screen and
  for learners who read the course in a second language.
- On top of reading, time to think and answer: ``SCENARIO_MINUTES`` per scenario, and
  ``DECISION_MINUTES`` per dialogue decision (a node with choices) on the path and per question drawn.
"""
from __future__ import annotations

import math
import re
from collections import deque
from typing import Iterable

from scorm_builder.course.model import (
    ChoiceQuestion,
    Course,
    DialoguePage,
    Matching,
    Node,
    Ordering,
    Question,
    ScenarioPage,
    TextPage,
)
from scorm_builder.course.model_calibration import CalibrationPage
from scorm_builder.course.model_reply import ReplyPage

from .record import record

WORDS_PER_MINUTE = 200
SCENARIO_MINUTES = 1.0
DECISION_MINUTES = 0.5
_WORD = re.compile(r"[^\W_]+(?:['\u2019.,-][^\W_]+)*")


@record
class Estimate:
    """The figures behind a course's estimated duration."""

    words: int  # the words read: the lessons' and the share of the assessment an attempt draws
    scenarios: int
    decisions: int  # dialogue nodes with choices, on each dialogue's path
    questions: int  # questions drawn per attempt

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE

    @property
    def interaction_minutes(self) -> float:
        return self.scenarios * SCENARIO_MINUTES + (self.decisions + self.questions) * DECISION_MINUTES

    @property
    def minutes(self) -> int:
        """The whole estimate, rounded up to a minute."""
        return math.ceil(self.reading_minutes + self.interaction_minutes - 1e-9)


def count_words(text: str) -> int:
    """Words as a reader counts them: "don't", "£12.50" and "face-to-face" are one each; Markdown marks are not."""
    return len(_WORD.findall(text))


def estimate(course: Course) -> Estimate:
    """The estimate for a validated course (as a company profile customized it, when it did)."""
    words, scenarios, decisions = 0, 0, 0
    for lesson in course.lessons:
        words += count_words(lesson.title)
        for page in lesson.pages:
            words += count_words(page.title)
            if isinstance(page, TextPage):
                words += _words(page.body, *(x.text for x in (page.callout, page.quote) if x),
                                page.image.caption if page.image else "")
            elif isinstance(page, ScenarioPage):
                scenarios += 1
                c = page.customer
                words += _words(c.says, c.context, c.subject, page.prompt, *(o.text for o in page.options))
                words += _average(o.feedback for o in page.options)
            elif isinstance(page, ReplyPage):  # a scenario without options: the minute and the model answer below
                c = page.customer
                words += _words(c.says, c.context, c.subject, page.prompt)
            elif isinstance(page, CalibrationPage):  # like a scenario: the transcript, the rubric, the reasons
                scenarios += 1
                words += _words(page.intro, *(t.text for t in page.transcript), *(e.reason for e in page.expert))
                words += sum(_words(c.title, c.question, *c.levels) for c in page.rubric.criteria)
            elif isinstance(page, DialoguePage):
                path = dialogue_path(page)
                decisions += sum(1 for n in path if n.choices)
                words += count_words(page.intro) + sum(_node_words(n) for n in path)
            if isinstance(page, (ScenarioPage, ReplyPage)) and page.reply:  # writing one's own: a minute more
                scenarios += 1
                words += count_words(page.reply.model)
    questions = 0
    a = course.assessment
    if a and a.questions:
        questions = a.draw
        pool = sum(_question_words(q) for q in a.questions)
        words += count_words(a.intro) + round(pool * a.draw / len(a.questions))
    return Estimate(words, scenarios, decisions, questions)


def _words(*texts: str) -> int:
    return sum(count_words(t) for t in texts)


def _average(texts: Iterable[str]) -> int:
    """The average word count of the non-empty ``texts`` (0 when there are none)."""
    counts = [count_words(t) for t in texts if t]
    return round(sum(counts) / len(counts)) if counts else 0


def _node_words(node: Node) -> int:
    if node.ending:
        return _words(node.ending.title, *(line.text for line in node.ending.debrief))
    return _words(node.customer, *(c.text for c in node.choices)) + _average(c.feedback for c in node.choices)


def dialogue_path(page: DialoguePage) -> list[Node]:
    """The nodes on the shortest way from the start to the ending farthest from it (the first such ending in
    the page's order): one learner's walk, found without trying every path."""
    by_id = {n.id: n for n in page.nodes}
    before: dict[str, str | None] = {page.start: None}
    queue = deque([page.start])
    while queue:
        node = by_id[queue.popleft()]
        for choice in node.choices:
            if choice.next in by_id and choice.next not in before:
                before[choice.next] = node.id
                queue.append(choice.next)
    ends = [nid for nid in before if by_id[nid].ending]  # in the order found: nearest first
    path, at = [], ends[-1] if ends else page.start
    while at is not None:
        path.append(by_id[at])
        at = before[at]
    return path[::-1]


def _question_words(q: Question) -> int:
    """A question's text and answers, one answer's feedback and one of its own feedback texts."""
    words = count_words(q.text)
    if isinstance(q, ChoiceQuestion):
        words += _words(*(a.text for a in q.choices)) + _average(a.feedback for a in q.choices)
    elif isinstance(q, Matching):
        words += _words(*(t for p in q.pairs for t in (p.left, p.right)))
    elif isinstance(q, Ordering):
        words += _words(*(i.text for i in q.items))
    if q.feedback:
        words += _average((q.feedback.correct, q.feedback.incorrect))
    return words
