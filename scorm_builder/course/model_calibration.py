"""The model of calibration: the course's rubric and the calibration pages that score a transcript
against it (format/calibration.py declares the keys, course/calibration.py checks them).

A learner is calibrated on a page when, on every criterion, their score is within the page's
tolerance of the expert's (``CalibrationPage.calibrated``; the player's calibration-score.js is the
same rule).
"""
from __future__ import annotations

from typing import Any, Callable, ClassVar, Sequence

from scorm_builder.course.model import Avatar, Source

from .record import record


@record
class Criterion:
    id: str
    title: str
    question: str  # or ""
    levels: tuple[str, ...]  # what each score means, from 0 up
    source: Source

    @property
    def top(self) -> int:
        """The highest score on the criterion's scale."""
        return len(self.levels) - 1


@record
class Rubric:
    title: str
    criteria: tuple[Criterion, ...]
    source: Source


@record
class Turn:
    """A line of a transcript: the customer's (possibly a burst of messages) or the agent's."""

    speaker: str  # customer | agent
    text: str  # a burst's messages joined by blank lines
    messages: tuple[str, ...]  # each message of a burst; () for one text
    source: Source
    key: str = ""  # its place in the transcript, 1, 2, 3... (tools name a turn by it)

    @property
    def lines(self) -> tuple[str, ...]:
        return self.messages or (self.text,)


@record
class ExpertScore:
    criterion: str  # a criterion id
    score: int
    reason: str  # Markdown
    source: Source

    @property
    def key(self) -> str:
        """The criterion id: tools name an expert score by it."""
        return self.criterion


@record
class CalibrationPage:
    kind: ClassVar[str] = "calibration"
    id: str
    title: str
    channel: str  # phone | chat | email
    customer: str  # the customer's name, or ""
    agent: str  # the agent's name, or ""
    intro: str  # Markdown, or ""
    transcript: tuple[Turn, ...]
    expert: tuple[ExpertScore, ...]  # one per criterion, in the rubric's order
    tolerance: int
    principle: str  # a principle id, or ""
    retry: bool  # the page's own setting, else the course's scenario_retry
    scored: bool
    source: Source
    avatar: Avatar | None = None
    time: str = "09:30"
    subject: str = ""
    rubric: Rubric | None = None  # the course's rubric, the same object on every calibration page

    def calibrated(self, scores: Sequence[int]) -> bool:
        """Whether ``scores`` (one per criterion, in the rubric's order) are all within the tolerance."""
        return len(scores) == len(self.expert) and all(
            abs(s - e.score) <= self.tolerance for s, e in zip(scores, self.expert, strict=True))


Where = Callable[[Any, str], Source]  # from_tree.source_of


def rubric_from_tree(rubric: Any, where: Where) -> Rubric | None:
    """The course's rubric, or None when it has none."""
    if rubric is None:
        return None
    criteria = tuple(Criterion(c["id"], c["title"], c.get("question", ""), tuple(c["levels"]),
                               where(c, f"rubric.criteria[{k}]")) for k, c in enumerate(rubric["criteria"]))
    return Rubric(rubric["title"], criteria, where(rubric, "rubric"))


def calibration_from_tree(page: Any, path: str, retry: bool, rubric: Rubric, where: Where,
                          avatar: Avatar | None) -> CalibrationPage:
    """A calibration page of a checked tree (the rules made sure the expert scores every criterion)."""
    turns = []
    for k, turn in enumerate(page["transcript"]):
        speaker = "customer" if "customer" in turn else "agent"
        said = turn[speaker]
        messages = tuple(said) if isinstance(said, list) else ()
        turns.append(Turn(speaker, "\n\n".join(messages) if messages else said, messages,
                          where(turn, f"{path}.transcript[{k}]"), str(k + 1)))
    expert = page["expert"]
    scores = tuple(ExpertScore(c.id, expert[c.id]["score"], expert[c.id]["reason"],
                               where(expert[c.id], f"{path}.expert.{c.id}")) for c in rubric.criteria)
    return CalibrationPage(
        id=page["id"], title=page["title"], channel=page["channel"], customer=page.get("customer", ""),
        agent=page.get("agent", ""), intro=page.get("intro", ""), transcript=tuple(turns), expert=scores,
        tolerance=page["tolerance"], principle=page.get("principle", ""), retry=retry, scored=page["scored"],
        source=where(page, path), avatar=avatar, time=page["time"], subject=page.get("subject", ""), rubric=rubric)


def course_rubric(course: Any) -> Rubric | None:
    """The rubric a course's calibration pages score against (None: the course has none)."""
    return next((p.rubric for p in course.pages if isinstance(p, CalibrationPage)), None)
