"""Content lint: warnings about how a valid course teaches empathy, each with a rule id.

The rules of this module read how scenarios, dialogues and questions teach; lint_settings.py has
those about text against the settings, lint_markdown.py those about Markdown the player drops,
lint_profile.py what a company profile changed (listed, and checked for drift), lint_tells.py answers
that give themselves away by length, position or a strawman, and lint_curriculum.py the course's
duration and what a profile leaves untaught but assessed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

from scorm_builder.course.model import ChoiceQuestion, Course, DialoguePage, Question, ScenarioPage, Source
from scorm_builder.course.model_calibration import CalibrationPage
from scorm_builder.course.model_reply import ReplyPage
from scorm_builder.course.phrases import (  # noqa: F401  (the matchers are lint's public names too)
    contains_phrase,
    is_when_not_to,
    normalise,
    phrase_lists,
    starts_with_phrase,
)
from scorm_builder.errors import CourseInvalid, Diagnostic, source_error
from scorm_builder.load import load_course
from scorm_builder.tools.lint_aids import aid_warnings
from scorm_builder.tools.lint_curriculum import duration_warnings, untaught
from scorm_builder.tools.lint_language import idiom_warnings, spelling_warnings
from scorm_builder.tools.lint_markdown import dropped_markdown
from scorm_builder.tools.lint_media import media_warnings
from scorm_builder.tools.lint_practice import practice_warnings
from scorm_builder.tools.lint_profile import Change, avoided, drift, profile_changes
from scorm_builder.tools.lint_reply import reply_warnings
from scorm_builder.tools.lint_settings import contradictions, player_language
from scorm_builder.tools.lint_tells import correct_answer_warnings, tell_warnings
from scorm_builder.tools.lint_text_run import text_run_warnings

RULES = ("scripted-phrase", "principle-without-scenario", "sympathy-lead-when-not-to",
         "feedback-missing-or-echo", "text-contradicts-setting", "player-language", "markdown-dropped",
         "override-drift", "answer-length-tell", "answer-position-tell", "strawman-option",
         "correct-answer-length-tell", "duration-estimate", "untaught-but-assessed", "text-run", "avoid-word",
         "glossary-term-unused", "reply-model-misses-check", "idiom", "spelling-variant")

# The phrase lists live in course/phrases.json, which the player's reply coaching
# (templates/player/js/reply-coach.js) reads too, so the two never disagree. Overused phrases a best
# option should not use: the first five are the ones the source article names, the rest common
# contact-centre stock phrases. Openers that lead with sympathy: in a when-not-to scenario the best
# response acts first. A course adds to both lists with `lint: {scripted_phrases: [...],
# sympathy_openers: [...]}` (a company profile merges into the same lists).
SCRIPTED_PHRASES, SYMPATHY_OPENERS = phrase_lists()

ECHO_OVERLAP = 0.8  # at least this share of the feedback is the option (and of the option is in it): an echo

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
    def for_course(cls, course: Course) -> Settings:
        extra, (scripted, sympathy) = course.lint, phrase_lists(course.language)
        return cls(scripted_phrases=scripted + extra.scripted_phrases,
                   sympathy_openers=sympathy + extra.sympathy_openers,
                   when_not_to_principles=extra.when_not_to_principles)

    def is_when_not_to(self, principle: str | None) -> bool:
        return is_when_not_to(principle, self.when_not_to_principles)


class Linted(NamedTuple):
    """One course's lint: its warnings and, with a profile, what the profile changed in it."""

    course: Course
    warnings: list[Diagnostic]
    changes: list[Change]


def lint(courses: Sequence[Path], profile: Path | None = None) -> list[Linted]:
    """Lint every course (as customized by ``profile``, if given, with the profile's changes listed against
    the course as written); fail once with every validation problem of all of them."""
    results, problems = [], []
    for path in courses:
        try:
            course = load_course(Path(path), profile)
            original = load_course(Path(path)) if profile is not None else None
        except CourseInvalid as err:
            problems.extend(err.problems)
            continue
        changes = profile_changes(original, course) if original is not None else []
        profiled = drift(changes, course) + untaught(original, course) + avoided(course, profile) \
            if original is not None else []
        warnings = sorted(set(check(course) + profiled), key=Diagnostic.order)
        results.append(Linted(course, warnings, changes))
    if problems:
        raise CourseInvalid(problems)
    return results


def summary(count: int, strict: bool = False) -> str:
    noun = "warning" if count == 1 else "warnings"
    return f"{count} {noun} found" + (" (--strict: failing)." if strict else ".")


def check(course: Course, settings: Settings | None = None) -> list[Diagnostic]:
    """Every warning for a validated course, in file and line order."""
    settings = settings or Settings.for_course(course)
    found: list[Diagnostic] = [*_unused_principles(course), *contradictions(course), *player_language(course),
                               *dropped_markdown(course), *tell_warnings(course), *correct_answer_warnings(course),
                               *duration_warnings(course), *text_run_warnings(course), *aid_warnings(course),
                               *media_warnings(course), *idiom_warnings(course), *spelling_warnings(course), *practice_warnings(course),
                               *reply_warnings(course, settings.scripted_phrases, settings.sympathy_openers)]
    for page in course.pages:
        if isinstance(page, ScenarioPage):
            found += _scenario(page, settings)
        elif isinstance(page, DialoguePage):
            found += _dialogue(page)
    if course.assessment:
        for question in course.assessment.questions:
            found += _question(question)
    return sorted(set(found), key=Diagnostic.order)


def _warn(where: Source, rule: str, reason: str, fix: str, key: str | None = None) -> Diagnostic:
    """A warning at ``where``, under its key path unless ``key`` names another."""
    return source_error(rule, where.file, where.line, where.column, where.key if key is None else key, reason, fix,
                        severity="warning")


def _unused_principles(course: Course) -> Iterable[Diagnostic]:
    used = {p.principle for p in course.pages if isinstance(p, (ScenarioPage, ReplyPage, CalibrationPage))}
    for principle in course.principles:
        if principle.id not in used:
            yield _warn(principle.source.at("id"), "principle-without-scenario",
                        f"no scenario teaches the principle '{principle.id}' "
                        f"(expected at least one scenario with 'principle: {principle.id}')",
                        "add a scenario that practises it, or remove the principle")


def _scenario(page: ScenarioPage, settings: Settings) -> Iterable[Diagnostic]:
    when_not_to = settings.is_when_not_to(page.principle)
    for option in page.options:
        if option.verdict == "best":
            for phrase in settings.scripted_phrases:
                if contains_phrase(option.text, phrase):
                    yield _warn(option.source.at("text"), "scripted-phrase",
                                f"the best option uses the overused phrase {phrase!r}, which sounds "
                                "scripted and can invalidate the customer's feelings",
                                "say what this customer told you in your own words, "
                                "or mark the option 'acceptable' or 'poor'")
                    break
            if when_not_to:
                for opener in settings.sympathy_openers:
                    if starts_with_phrase(option.text, opener):
                        yield _warn(option.source.at("text"), "sympathy-lead-when-not-to",
                                    f"the best option of a when-not-to scenario ('{page.principle}') "
                                    f"starts with the sympathy phrase {opener!r} "
                                    "(expected it to lead with action or facts)",
                                    "start with what you will do now, or mark the option 'acceptable'")
                        break
        yield from _feedback(option.source, option.feedback, option.text, required=True, what="option")


def _dialogue(page: DialoguePage) -> Iterable[Diagnostic]:
    for node in page.nodes:
        for choice in node.choices:
            yield from _feedback(choice.source, choice.feedback, choice.text, required=True, what="choice")


def _question(q: Question) -> Iterable[Diagnostic]:
    fb = q.feedback
    choices = q.choices if isinstance(q, ChoiceQuestion) else ()
    for choice in choices:
        yield from _feedback(choice.source, choice.feedback, choice.text, required=False, what="choice")
    for key in ("correct", "incorrect"):
        text = getattr(fb, key) if fb else ""
        if text:
            yield from _feedback(fb.source, text, q.text, required=False, what="question", at=key)
    wrong = [c for c in choices if not c.correct]
    if not (fb and fb.incorrect) and not (wrong and all(c.feedback for c in wrong)):
        also = " or feedback on every wrong choice" if choices else ""
        # at the 'feedback:' mapping when the question has one with a key in it, else at the question
        holder = fb.source if fb and (fb.correct or fb.incorrect) else q.source
        yield _warn(holder, "feedback-missing-or-echo",
                    f"no feedback for a wrong answer (expected 'feedback: incorrect:'{also})",
                    "add 'incorrect:' under the question's 'feedback:' explaining the right answer",
                    key=f"{q.source.key}.feedback.incorrect")


def _feedback(holder: Source, feedback: str, text: str, *, required: bool, what: str,
              at: str = "feedback") -> Iterable[Diagnostic]:
    """Missing feedback (where it is ``required``), or feedback that echoes ``text``; ``at`` is
    the key of ``holder``'s object that holds the feedback."""
    if not feedback:
        if required:
            yield _warn(holder.at(at), "feedback-missing-or-echo",
                        f"the {what} has no feedback (expected 'feedback:' saying why it helps or hurts)",
                        "add 'feedback:'; learners see it in the debrief")
        return
    if echoes(feedback, text) and what == "question":
        yield _warn(holder.at(at), "feedback-missing-or-echo",
                    "the feedback only repeats the question (expected why the answer is right or wrong)",
                    "explain the answer instead of restating the question")
    elif echoes(feedback, text):
        yield _warn(holder.at(at), "feedback-missing-or-echo",
                    f"the feedback only repeats the {what}'s text (expected why it works or doesn't)",
                    "explain the effect on the customer instead of restating the words")
