"""Lint of coached replies: the model answer is the reply the course holds up, so it must pass what the
learner's reply is coached against (the phrase lists, the act-first rule and the item's own checks)."""
from __future__ import annotations

import re
from typing import Iterable

from scorm_builder.course.model import Course, ScenarioPage
from scorm_builder.course.model_reply import Reply, ReplyCheck, ReplyPage
from scorm_builder.course.phrases import contains_phrase, normalise, starts_with_phrase
from scorm_builder.errors import Diagnostic, source_error


def check_met(check: ReplyCheck, text: str) -> bool:
    """Whether ``text`` meets a check as the player's coaching decides (templates/player/js/reply-coach.js)."""
    if check.pattern:
        return re.search(check.pattern, text, re.IGNORECASE) is not None
    said = normalise(text).split()
    return sum(1 for word in check.words if _has_words(said, word)) >= check.at_least


def _has_words(said: list[str], word: str) -> bool:
    """Whether the words of ``word`` come one after the other in ``said``; a trailing * matches any ending."""
    prefix = word.rstrip().endswith("*")
    wanted = normalise(word.rstrip().rstrip("*")).split()
    n = len(wanted)
    for i in range(len(said) - n + 1) if n else ():
        head, last = said[i:i + n - 1], said[i + n - 1]
        if head == wanted[:-1] and (last.startswith(wanted[-1]) if prefix else last == wanted[-1]):
            return True
    return False


def _warn(where, rule: str, reason: str, fix: str) -> Diagnostic:
    return source_error(rule, where.file, where.line, where.column, where.key, reason, fix, severity="warning")


def reply_warnings(course: Course, scripted: tuple[str, ...], sympathy: tuple[str, ...]) -> Iterable[Diagnostic]:
    """The model answers that use a scripted phrase, open with sympathy where the item acts first, or miss
    one of their own checks."""
    for page in course.pages:
        reply: Reply | None = page.reply if isinstance(page, (ScenarioPage, ReplyPage)) else None
        if reply is None:
            continue
        at = reply.source.at("model")
        phrase = next((p for p in scripted if contains_phrase(reply.model, p)), None)
        if phrase:
            yield _warn(at, "scripted-phrase", f"the model answer uses the overused phrase {phrase!r}, which the "
                        "coaching flags in the learner's own reply", "rewrite the model answer in your own words")
        opener = next((p for p in sympathy if starts_with_phrase(reply.model, p)), None)
        if opener and reply.acts_first(page.principle, course.lint.when_not_to_principles):
            yield _warn(at, "sympathy-lead-when-not-to", f"the model answer of an act-first reply starts with the "
                        f"sympathy phrase {opener!r} (expected it to lead with action or facts)",
                        "start the model answer with what you will do now, or set 'act_first: false'")
        for check in reply.checks:
            if not check_met(check, reply.model):
                yield _warn(at, "reply-model-misses-check", f"the model answer does not meet its own check "
                            f"{check.label!r}, which the learner is asked to meet",
                            "rewrite the model answer so it does, or change the check's words or pattern")
