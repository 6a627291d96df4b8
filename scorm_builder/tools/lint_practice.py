"""Lint warnings for practice that counts, the way back and the confidence check (course/practice.py):

- ``review-on-best``: a best option names a review page, which its learners never need;
- ``confidence-unpaired``: a 'before' confidence page without an 'after' one (or the other way round), so no
  learner sees a change and the LMS report has nothing to compare;
- ``confidence-principles-differ``: the 'after' page rates other principles than the 'before' page.
"""
from __future__ import annotations

from typing import Iterable

from scorm_builder.course.model import Course, ScenarioPage
from scorm_builder.course.practice import ConfidencePage
from scorm_builder.errors import Diagnostic, source_error


def _warn(where, rule: str, reason: str, fix: str) -> Diagnostic:
    return source_error(rule, where.file, where.line, where.column, where.key, reason, fix, severity="warning")


def practice_warnings(course: Course) -> Iterable[Diagnostic]:
    reviews = course.practice.reviews if course.practice else {}
    for page in course.pages:
        if isinstance(page, ScenarioPage):
            for option in page.options:
                if option.verdict == "best" and (page.id, option.key) in reviews:
                    yield _warn(option.source.at("review"), "review-on-best", "a best option names a review page, "
                                "which the learners who choose it don't need", "move 'review:' to the poor option "
                                "it helps with")
    checks = {p.moment: p for p in course.pages if isinstance(p, ConfidencePage)}
    if len(checks) == 1:
        (moment, page), = checks.items()
        other = "after" if moment == "before" else "before"
        yield _warn(page.source.at("moment"), "confidence-unpaired", f"a '{moment}' confidence page without an "
                    f"'{other}' one: no learner sees a change, and the LMS report has nothing to compare",
                    f"add a confidence page with 'moment: {other}' rating the same principles")
    elif len(checks) == 2 and checks["before"].principles != checks["after"].principles:
        after = checks["after"]
        yield _warn(after.source.at("principles"), "confidence-principles-differ", "the 'after' confidence page "
                    "rates other principles than the 'before' page, so the change shows only for those on both",
                    f"rate the same principles in the same order: [{', '.join(checks['before'].principles)}]")
