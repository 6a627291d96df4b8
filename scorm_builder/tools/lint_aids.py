"""Lint rules of the learner aids: a glossary term the learner never meets (glossary-term-unused).

The player marks a term where the text a page shows uses it (templates/player/js/glossary.js): a
term none of whose forms is in any of the course's texts is never marked, so its definition is never
read. The texts are the Markdown texts, the scenarios' prompts and the customers' words, matched as
glossary.js matches them: whole words, ignoring case and runs of spaces.
"""
from __future__ import annotations

import re
from typing import Iterator

from scorm_builder.course.model import Course, ScenarioPage
from scorm_builder.course.texts import markdown_texts
from scorm_builder.errors import Diagnostic, source_error

RULES = ("glossary-term-unused",)


def aid_warnings(course: Course) -> list[Diagnostic]:
    aids = course.aids
    if aids is None or not aids.glossary:
        return []
    text = "\n".join(_texts(course))
    found = []
    for term in aids.glossary:
        if not any(_uses(text, form) for form in term.forms):
            where = term.source.at("term")
            found.append(source_error(RULES[0], where.file, where.line, where.column, where.key,
                                      f"the glossary term '{term.term}' is used in no text of the course, so the "
                                      "player never marks it and its definition is never shown",
                                      "use the term in a page's text, add the form the text uses under 'also:', "
                                      "or remove the term", severity="warning"))
    return found


def _uses(text: str, form: str) -> bool:
    words = r"\s+".join(re.escape(w) for w in form.split())
    return bool(words) and re.search(rf"(?<![^\W_]){words}(?![^\W_])", text, re.I) is not None


def _texts(course: Course) -> Iterator[str]:
    yield from (t.text for t in markdown_texts(course))
    for page in course.pages:
        if isinstance(page, ScenarioPage):
            yield page.prompt
            yield page.customer.context
            yield from page.customer.messages or (page.customer.says,)
