"""The model of a coached reply: the checks a learner's own reply is coached against, the model answer
(on a scenario, ``reply:``, or a ``type: reply`` page), and the reply page. Frozen like the rest of the
model (model.py); from_tree_reply.py makes them."""
from __future__ import annotations

from typing import Any, ClassVar

from scorm_builder.course.model import Customer, Image, Source
from scorm_builder.course.phrases import is_when_not_to

from .record import record


@record
class ReplyCheck:
    """A line of the live checklist: met by ``at_least`` of ``words`` (whole words; a trailing * matches any
    ending), or by ``pattern`` (a regular expression, ignoring case); the other is empty."""

    label: str
    words: tuple[str, ...]
    at_least: int
    pattern: str
    hint: str  # or ""
    source: Source


@record
class Reply:
    model: str  # the model answer, shown after sending
    checks: tuple[ReplyCheck, ...]
    act_first: bool | None  # the reply must not open with a sympathy phrase; None: as its item's principle says
    source: Source

    def acts_first(self, principle: str, when_not_to: tuple[str, ...]) -> bool:
        """Whether the reply is checked for opening with sympathy: its own 'act_first', else whether its item
        teaches when not to (``when_not_to``: the course's lint.when_not_to_principles)."""
        return self.act_first if self.act_first is not None else is_when_not_to(principle, when_not_to)


@record
class ReplyPage:
    kind: ClassVar[str] = "reply"
    id: str
    title: str
    channel: str  # phone | chat | email: the box the learner writes in
    customer: Customer
    prompt: str
    principle: str  # a principle id, or ""
    reply: Reply
    retry: bool  # the page's own setting, else the course's scenario_retry
    scored: bool
    source: Source
    image: Image | None = None
    options: tuple = ()  # none: the learner writes the reply (so code reading a scenario's keys reads this too)
    shuffle: bool = False
    media: Any = None  # never: a reply page has no media
