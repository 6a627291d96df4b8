"""Stage 2 output: the validated course as frozen, typed objects, each knowing where it was written.

Course > Lesson > pages (TextPage, ScenarioPage, DialoguePage) and an Assessment of questions
(SingleChoice, MultipleResponse, TrueFalse, Matching, Ordering), frozen records (course/record.py).
Every object carries its :class:`Source`, so tools report positions without the YAML tree. Values
are final: the format's defaults are filled in, optional text left out is ``""``. Reads no files."""
from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, Collection, Mapping, Union

from .record import field, record

Pos = tuple[int, int]  # 1-based line, column
MAX_CHOICES = 26  # options, answers, pairs and items are keyed a-z, as SCORM 1.2 choice responses are
_NONE: Mapping[str, Any] = MappingProxyType({})


@record
class Source:
    """Where an object was written: its file, the 1-based line and column where it starts, and its
    key path in the course (``lessons[0].pages[2]``); ``values`` has where each of its keys' values
    starts, ``files`` the file of a value put there from another one (a company profile)."""

    file: str
    line: int
    column: int
    key: str
    values: Mapping[str, Pos] = field(default_factory=lambda: _NONE, compare=False, repr=False)
    files: Mapping[str, str] = field(default_factory=lambda: _NONE, compare=False, repr=False)

    def at(self, name: str) -> Source:
        """Where the value of key ``name`` is (where the object is, when it has no such key), with
        ``name`` added to the key path."""
        line, column = self.values.get(name, (self.line, self.column))
        return Source(self.files.get(name, self.file), line, column, f"{self.key}.{name}" if self.key else name)


@record
class Asset:
    """A file from the course folder that goes into the package."""

    source: Path  # absolute path on disk
    href: str  # path inside the package, e.g. assets/call.png


# -- text pages ---------------------------------------------------------------------------------------
@record
class Image:
    src: str  # the path inside the package, e.g. assets/call.png (an Asset's href)
    alt: str  # "" for a decorative image
    caption: str
    source: Source
    decorative: bool = False  # screen readers skip it
    placement: str = "below"  # on a text page: below | above | beside | full


@record
class Stat:
    """A statistic call-out of a text page: the figure, what it means, and where it comes from."""

    figure: str
    caption: str
    source_text: str
    source: Source


@record
class Callout:
    style: str  # tip | note | warning | key-point
    text: str  # Markdown
    source: Source


@record
class Quote:
    text: str
    by: str
    source: Source


@record
class TextPage:
    kind: ClassVar[str] = "text"
    id: str  # the page's own id, or the automatic one (lesson id and position)
    title: str
    body: str  # Markdown
    image: Image | None
    callout: Callout | None
    quote: Quote | None
    source: Source
    stats: tuple[Stat, ...] = ()


# -- scenarios ----------------------------------------------------------------------------------------
@record
class Avatar:
    """The customer's face: a built-in one (``face``, a name of format/conversation.py FACES) or a picture of
    the course (``src``, an Asset's href); the other is ""."""

    face: str
    src: str
    source: Source


@record
class Customer:
    name: str
    says: str  # the words; a burst's messages joined by blank lines (``messages`` has each)
    context: str
    subject: str  # email only
    mood: str
    source: Source
    messages: tuple[str, ...] = ()  # each message of a burst (says: a list); () for one text
    avatar: Avatar | None = None  # None: a built-in face chosen from the name, in the player
    time: str = "09:30"  # HH:MM of the first message

    @property
    def lines(self) -> tuple[str, ...]:
        """The messages the customer sends, in order: one for a single text."""
        return self.messages or (self.says,)


@record
class Option:
    key: str  # the letter the player and the LMS report it by: a, b, c...
    text: str
    verdict: str  # best | acceptable | poor
    feedback: str  # Markdown
    source: Source


@record
class ScenarioPage:
    kind: ClassVar[str] = "scenario"
    id: str
    title: str
    channel: str  # phone | chat | email
    customer: Customer
    prompt: str
    principle: str  # a principle id, or ""
    options: tuple[Option, ...]
    retry: bool  # the page's own setting, else the course's scenario_retry
    scored: bool
    source: Source
    shuffle: bool = True  # False: the options are shown in the order written
    image: Image | None = None
    media: Any = None  # a course.model_media.Media: a sound or video with the customer's words
    reply: Any = None  # a course.model_reply.Reply: after the choice, the learner writes it in their own words


# -- dialogues ----------------------------------------------------------------------------------------
@record
class Choice:
    key: str  # a, b, c... within its node
    text: str
    next: str  # a node id of the same dialogue
    effects: tuple[tuple[str, int], ...]  # (score name, change), in the order written
    feedback: str  # Markdown, or ""
    source: Source


Pick = tuple[str, str]  # (node id, choice key): a choice of a dialogue


@record
class DebriefLine:
    """A line of an ending's debrief; with ``chose`` or ``not_chose``, shown only on the paths
    that took (or did not take) that choice."""

    text: str  # Markdown
    chose: Pick | None
    not_chose: Pick | None
    source: Source  # the object that holds the text: the line, or the ending when its debrief is one text
    key: str  # the text's key in that object: "text", or "debrief"

    def shown(self, taken: Collection[Pick]) -> bool:
        """Whether the line shows on a path that took the choices ``taken``."""
        return (self.chose is None or self.chose in taken) and (self.not_chose is None or self.not_chose not in taken)


@record
class Ending:
    outcome: str  # good | mixed | poor
    title: str
    debrief: tuple[DebriefLine, ...]  # in the order written; one line when the debrief is one text
    source: Source

    def debrief_for(self, taken: Collection[Pick]) -> tuple[DebriefLine, ...]:
        """The lines a learner sees after taking the choices ``taken``."""
        return tuple(line for line in self.debrief if line.shown(taken))


@record
class Node:
    id: str
    customer: str  # the customer's line, or "" (an ending); a burst's messages joined by blank lines
    mood: str  # or ""
    choices: tuple[Choice, ...]  # empty for an ending
    ending: Ending | None
    source: Source
    shuffle: bool = True  # False: the choices are shown in the order written
    messages: tuple[str, ...] = ()  # each message of a burst (customer: a list); () for one text or none
    image: Image | None = None  # shown with this node's line

    @property
    def lines(self) -> tuple[str, ...]:
        """The customer's messages at this node, in order: none at an ending."""
        return self.messages or ((self.customer,) if self.customer else ())


@record
class DialoguePage:
    kind: ClassVar[str] = "dialogue"
    id: str
    title: str
    channel: str
    customer: str  # the customer's name, or ""
    intro: str  # Markdown, or ""
    scores: tuple[str, ...]
    start: str  # the first node's id: the page's 'start', else the first node
    nodes: tuple[Node, ...]
    scored: bool
    source: Source
    shuffle: bool = True  # False: every node's choices are shown in the order written
    avatar: Avatar | None = None  # None: a built-in face chosen from the name, in the player
    time: str = "09:30"  # HH:MM of the customer's first message
    subject: str = ""  # an email thread's subject, or ""
    score_labels: tuple[tuple[str, str], ...] = ()  # (score, label) written in 'score_labels:'


Page = Union[TextPage, ScenarioPage, DialoguePage]


@record
class Lesson:
    id: str
    title: str
    pages: tuple[Page, ...]
    source: Source


# -- assessment ---------------------------------------------------------------------------------------
@record
class QuestionFeedback:
    correct: str  # Markdown, or ""
    incorrect: str
    source: Source


@record
class Answer:
    """An answer of a choice question."""

    key: str
    text: str
    correct: bool
    feedback: str  # Markdown, or ""
    source: Source


@record
class Pair:
    key: str
    left: str
    right: str
    source: Source


@record
class Item:
    """An item of an ordering question, in its correct place."""

    key: str
    text: str
    source: Source


@record
class Question:
    """What every question has; the variants below add their answers."""

    kind: ClassVar[str] = ""
    id: str
    text: str  # Markdown
    weight: int
    feedback: QuestionFeedback | None
    principle: str  # a principle id, or ""
    image: Image | None
    source: Source


@record
class ChoiceQuestion(Question):
    choices: tuple[Answer, ...]


@record
class SingleChoice(ChoiceQuestion):
    kind: ClassVar[str] = "single-choice"


@record
class MultipleResponse(ChoiceQuestion):
    kind: ClassVar[str] = "multiple-response"


@record
class TrueFalse(Question):
    kind: ClassVar[str] = "true-false"
    answer: bool


@record
class Matching(Question):
    kind: ClassVar[str] = "matching"
    pairs: tuple[Pair, ...]


@record
class Ordering(Question):
    kind: ClassVar[str] = "ordering"
    items: tuple[Item, ...]


QUESTION_KINDS: dict[str, type[Question]] = {
    q.kind: q for q in (SingleChoice, MultipleResponse, TrueFalse, Matching, Ordering)}


@record
class Assessment:
    title: str
    intro: str  # Markdown, or ""
    pass_mark: int
    attempts: int  # 0: unlimited
    draw: int  # questions drawn per attempt: the course's 'draw' (per principle: times the groups), else the pool
    per_principle: int  # a stratified draw: this many questions of each principle group; 0: not stratified
    shuffle_questions: bool
    shuffle_choices: bool
    feedback: str  # immediate | end | none
    review: bool
    reveal_answer: bool
    questions: tuple[Question, ...]
    source: Source

    def principle_groups(self) -> dict[str, list[Question]]:
        """The questions by principle id ("" for those with none), in the order each first appears."""
        groups: dict[str, list[Question]] = {}
        for q in self.questions:
            groups.setdefault(q.principle, []).append(q)
        return groups


# -- the course ---------------------------------------------------------------------------------------
@record
class Principle:
    id: str
    title: str
    source: Source


@record
class LintSettings:
    """The course's additions to the lists of `scorm-builder lint` (empty when it has no 'lint:')."""

    scripted_phrases: tuple[str, ...]
    sympathy_openers: tuple[str, ...]
    when_not_to_principles: tuple[str, ...]
    source: Source


@record
class Course:
    id: str
    title: str
    version: str
    language: str
    description: str
    audience: str
    duration_minutes: int | None
    completion: str  # lessons | assessment | both
    lms_mastery_score: bool
    scenario_retry: bool
    principles: tuple[Principle, ...]
    lessons: tuple[Lesson, ...]
    assessment: Assessment | None
    assets: tuple[Asset, ...]  # every file the pages use, by href
    lint: LintSettings
    source: Source
    company: Any = None  # source.profile.Company when built for a company profile
    publisher_iri: str = ""  # cmi5: the base of the course and AU ids ("" for the documented default)
    navigation: str = "free"  # free | linear: Next only once the page's activity is done (docs/player.md)
    aids: Any = None  # course/aids.py Aids: resources, glossary, certificate (None: the course has none)
    media_budget_mb: int = 25  # the course's media budget (format/media.py): above it, lint warns
    practice: Any = None  # course/practice.py Practice: weights, review links, routes (None: the course has none)

    @property
    def pages(self) -> list[Page]:
        return [p for lesson in self.lessons for p in lesson.pages]
