"""Content lint: warnings about how a valid course teaches empathy, each with a rule id."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from scorm_builder.errors import CourseInvalid, Diagnostic, source_error
from scorm_builder.source.loader import Map
from scorm_builder.course.model import Course
from scorm_builder.load import load

RULES = ("scripted-phrase", "principle-without-scenario", "sympathy-lead-when-not-to",
         "feedback-missing-or-echo")

# Overused phrases a best option should not use. The first five are the ones the source
# article names; the rest are common contact-centre stock phrases. A course adds to the
# list with `lint: {scripted_phrases: [...]}` (a company profile merges into the same list).
SCRIPTED_PHRASES = (
    "I apologize for the inconvenience",
    "I'm sorry you feel that way",
    "I understand how frustrating that must be",
    "I understand how frustrating this is",
    "I understand this is frustrating",
    "I apologize for any inconvenience",
    "We apologize for any inconvenience",
    "Sorry for the inconvenience",
    "Sorry for any inconvenience",
    "I understand your frustration",
    "Your call is important to us",
    "We value your business",
)

# Openers that lead with sympathy; in a when-not-to scenario the best response acts first.
SYMPATHY_OPENERS = (
    "I understand",
    "I completely understand",
    "I totally understand",
    "I can understand",
    "I'm sorry",
    "I am sorry",
    "I'm so sorry",
    "I'm really sorry",
    "I'm truly sorry",
    "So sorry",
    "Sorry to hear",
    "I can imagine",
    "I can only imagine",
    "That must be",
    "I hear how",
    "I hear you",
    "I know how",
    "I can see how",
    "I feel for you",
)

WHEN_NOT_TO_PREFIX = "when-not-to"
ECHO_OVERLAP = 0.8  # at least this share of the feedback is the option (and of the option is in it): an echo

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
                         "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'})


def normalise(text: str) -> str:
    """Lower case, curly quotes made straight, apostrophes dropped, punctuation as spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().replace("'", "")
    return " ".join(re.findall(r"[^\W_]+", text))


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words, ignoring case and punctuation."""
    wanted = normalise(phrase)
    return bool(wanted) and f" {wanted} " in f" {normalise(text)} "


# A greeting ("Hi Sam,", "Dear Ms Lee,") or a one-word lead-in ("Victor,", "Okay,") before the first words.
_SALUTATION = re.compile(r"\s*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^,.!?\n]{0,40}[,.!\n]"
                         r"|[^\W\d_][\w'\u2019-]*\s*[,!])\s*", re.IGNORECASE)


def starts_with_phrase(text: str, phrase: str) -> bool:
    """Whether ``text`` opens with ``phrase``, after up to two greetings or lead-ins such as 'Hi Sam,'."""
    wanted = normalise(phrase)
    if not wanted:
        return False
    for _ in range(3):
        if f"{normalise(text)} ".startswith(f"{wanted} "):
            return True
        lead = _SALUTATION.match(text)
        if not lead:
            return False
        text = text[lead.end():]
    return False


def echoes(feedback: str, text: str) -> bool:
    """Feedback that only repeats the option: the same words, or the option with little else."""
    said, fed = normalise(text).split(), normalise(feedback).split()
    if not said or not fed:
        return False
    if said == fed:
        return True
    said_set, fed_set = set(said), set(fed)
    covered = len(said_set & fed_set) / len(said_set)
    from_option = sum(1 for w in fed if w in said_set) / len(fed)
    return covered >= ECHO_OVERLAP and from_option >= ECHO_OVERLAP


@dataclass(frozen=True)
class Settings:
    """The lists the rules use: built-in ones plus the course's `lint:` additions."""

    scripted_phrases: tuple[str, ...] = SCRIPTED_PHRASES
    sympathy_openers: tuple[str, ...] = SYMPATHY_OPENERS
    when_not_to_principles: tuple[str, ...] = ()

    @classmethod
    def for_course(cls, tree: Map) -> Settings:
        extra = tree.get("lint") or {}
        return cls(
            scripted_phrases=SCRIPTED_PHRASES + tuple(extra.get("scripted_phrases") or ()),
            sympathy_openers=SYMPATHY_OPENERS + tuple(extra.get("sympathy_openers") or ()),
            when_not_to_principles=tuple(extra.get("when_not_to_principles") or ()),
        )

    def is_when_not_to(self, principle: str | None) -> bool:
        return bool(principle) and (principle.startswith(WHEN_NOT_TO_PREFIX)
                                    or principle in self.when_not_to_principles)


def lint(courses: Sequence[Path], profile: Path | None = None) -> list[tuple[Course, list[Diagnostic]]]:
    """Lint every course (as customized by ``profile``, if given); fail once with every
    validation problem of all of them."""
    results, problems = [], []
    for path in courses:
        try:
            loaded = load(Path(path), profile)
        except CourseInvalid as err:
            problems.extend(err.problems)
            continue
        results.append((loaded.course, check(loaded.course, loaded.tree)))
    if problems:
        raise CourseInvalid(problems)
    return results


def summary(count: int, strict: bool = False) -> str:
    noun = "warning" if count == 1 else "warnings"
    return f"{count} {noun} found" + (" (--strict: failing)." if strict else ".")


def check(course: Course, tree: Map, settings: Settings | None = None) -> list[Diagnostic]:
    """Every warning for a validated course, in file and line order."""
    settings = settings or Settings.for_course(tree)
    found: list[Diagnostic] = []
    found += _unused_principles(course, tree)
    for i, lesson in enumerate(course.lessons):
        for j, page in enumerate(lesson.pages):
            path = f"lessons[{i}].pages[{j}]"
            if page.kind == "scenario":
                found += _scenario(page.data, path, settings)
            elif page.kind == "dialogue":
                found += _dialogue(page.data, path)
    if course.assessment:
        for i, question in enumerate(course.assessment.questions):
            found += _question(question, f"assessment.questions[{i}]")
    return sorted(set(found), key=Diagnostic.order)


def _warn(node: Map, key: str | None, path: str, rule: str, reason: str, fix: str) -> Diagnostic:
    src, (line, col) = node.where(key)
    return source_error(rule, src, line, col, path, reason, fix, severity="warning")


def _unused_principles(course: Course, tree: Map) -> Iterable[Diagnostic]:
    used = {p.data.get("principle") for p in course.pages if p.kind == "scenario"}
    for i, principle in enumerate(tree.get("principles") or []):
        if principle["id"] not in used:
            yield _warn(principle, "id", f"principles[{i}].id", "principle-without-scenario",
                        f"no scenario teaches the principle '{principle['id']}' "
                        f"(expected at least one scenario with 'principle: {principle['id']}')",
                        "add a scenario that practises it, or remove the principle")


def _scenario(data: dict[str, Any], path: str, settings: Settings) -> Iterable[Diagnostic]:
    when_not_to = settings.is_when_not_to(data.get("principle"))
    for k, option in enumerate(data["options"]):
        opath = f"{path}.options[{k}]"
        if option["verdict"] == "best":
            for phrase in settings.scripted_phrases:
                if contains_phrase(option["text"], phrase):
                    yield _warn(option, "text", f"{opath}.text", "scripted-phrase",
                                f"the best option uses the overused phrase {phrase!r}, which sounds "
                                "scripted and can invalidate the customer's feelings",
                                "say what this customer told you in your own words, "
                                "or mark the option 'acceptable' or 'poor'")
                    break
            if when_not_to:
                for opener in settings.sympathy_openers:
                    if starts_with_phrase(option["text"], opener):
                        yield _warn(option, "text", f"{opath}.text", "sympathy-lead-when-not-to",
                                    f"the best option of a when-not-to scenario ('{data['principle']}') "
                                    f"starts with the sympathy phrase {opener!r} "
                                    "(expected it to lead with action or facts)",
                                    "start with what you will do now, or mark the option 'acceptable'")
                        break
        yield from _feedback(option, option.get("feedback"), option["text"], f"{opath}.feedback", required=True,
                             what="option")


def _dialogue(data: dict[str, Any], path: str) -> Iterable[Diagnostic]:
    for n, node in enumerate(data["nodes"]):
        for k, choice in enumerate(node.get("choices") or []):
            cpath = f"{path}.nodes[{n}].choices[{k}].feedback"
            yield from _feedback(choice, choice.get("feedback"), choice["text"], cpath, required=True,
                                 what="choice")


def _question(q: Map, path: str) -> Iterable[Diagnostic]:
    fb = q.get("feedback") or {}
    choices = q.get("choices") or []
    for k, choice in enumerate(choices):
        yield from _feedback(choice, choice.get("feedback"), choice["text"], f"{path}.choices[{k}].feedback",
                             required=False, what="choice")
    for key in ("correct", "incorrect"):
        if fb.get(key):
            yield from _feedback(fb, fb[key], q["text"], f"{path}.feedback.{key}", required=False,
                                 what="question", at=key)
    wrong = [c for c in choices if not c.get("correct")]
    if not fb.get("incorrect") and not (wrong and all(c.get("feedback") for c in wrong)):
        also = " or feedback on every wrong choice" if choices else ""
        yield _warn(fb or q, None, f"{path}.feedback.incorrect", "feedback-missing-or-echo",
                    f"no feedback for a wrong answer (expected 'feedback: incorrect:'{also})",
                    "add 'incorrect:' under the question's 'feedback:' explaining the right answer")


def _feedback(node: Map, feedback: str | None, text: str, path: str, *, required: bool,
              what: str, at: str = "feedback") -> Iterable[Diagnostic]:
    """Missing feedback (where it is ``required``), or feedback that echoes ``text``; ``at`` is
    the key in ``node`` that holds the feedback."""
    if not feedback:
        if required:
            yield _warn(node, None, path, "feedback-missing-or-echo",
                        f"the {what} has no feedback (expected 'feedback:' saying why it helps or hurts)",
                        "add 'feedback:'; learners see it in the debrief")
        return
    if echoes(feedback, text) and what == "question":
        yield _warn(node, at, path, "feedback-missing-or-echo",
                    "the feedback only repeats the question (expected why the answer is right or wrong)",
                    "explain the answer instead of restating the question")
    elif echoes(feedback, text):
        yield _warn(node, at, path, "feedback-missing-or-echo",
                    f"the feedback only repeats the {what}'s text (expected why it works or doesn't)",
                    "explain the effect on the customer instead of restating the words")
