"""Lint rule text-run: a course opens with at most ``MAX_TEXT_RUN`` text pages before its first interaction.

A learner who reads page after page without deciding anything stops reading; the first scenario or
dialogue (or, when the lessons have none, the assessment) should come within the first six pages.
The warning is at the first text page past the limit, and its fix names the interaction to move up
and the page it could follow.
"""
from __future__ import annotations

from scorm_builder.course.model import Course, DialoguePage, Page, ScenarioPage, TextPage
from scorm_builder.course.model_calibration import CalibrationPage
from scorm_builder.errors import Diagnostic, source_error

RULES = ("text-run",)
MAX_TEXT_RUN = 6  # text pages a course may open with before its first interaction


def _name(page: Page) -> str:
    return f"the {page.kind} '{page.id}'"


def text_run_warnings(course: Course) -> list[Diagnostic]:
    """text-run: more than MAX_TEXT_RUN text pages before the first scenario or dialogue of the lessons."""
    pages = course.pages
    first = next((k for k, p in enumerate(pages) if isinstance(p, (ScenarioPage, DialoguePage, CalibrationPage))), None)
    run = first if first is not None else len(pages)
    if run <= MAX_TEXT_RUN or not all(isinstance(p, TextPage) for p in pages[:run]):
        return []
    if first is not None:
        what = f"{_name(pages[first])}, page {first + 1}"
        fix = (f"move {_name(pages[first])} (or another interaction) up to follow the text page "
               f"'{pages[MAX_TEXT_RUN - 1].id}', or add a short knowledge-check scenario there")
    else:
        what = "the assessment" if course.assessment else "none: the course has no scenario, dialogue or assessment"
        fix = (f"add a short knowledge-check scenario after the text page '{pages[MAX_TEXT_RUN - 1].id}', "
               "then one every few pages")
    where = pages[MAX_TEXT_RUN].source
    return [source_error("text-run", where.file, where.line, where.column, where.key,
                         f"the course opens with {run} text pages in a row before its first interaction ({what}); "
                         f"this is text page {MAX_TEXT_RUN + 1} (expected at most {MAX_TEXT_RUN})", fix,
                         severity="warning")]
