"""``translate status``: per language, how many of the course's texts are translated, need review or are missing."""
from __future__ import annotations

from pathlib import Path

from scorm_builder.errors import Collector, CourseInvalid
from scorm_builder.load import find_course_file, read_expanded
from scorm_builder.translate.apply import Translation
from scorm_builder.translate.catalogs import languages_of
from scorm_builder.translate.xlf import REVIEW, TRANSLATED


def coverage(course: Path) -> dict[str, dict[str, int]]:
    """{language: {translated, needs-review, missing}} for each translation file of the course."""
    path = find_course_file(Path(course))
    out = {}
    for language in languages_of(path.parent):
        found = Collector()
        translation = Translation(language)
        translation.apply(read_expanded(path), path.parent, found)
        problems = [p for p in found.problems if p.rule in ("translation-unreadable", "translation-language")]
        if problems:
            raise CourseInvalid(problems)
        out[language] = {k: translation.counts[k] for k in (TRANSLATED, REVIEW, "missing")}
    return out


def status_lines(course: Path) -> list[str]:
    rows = coverage(course)
    if not rows:
        return [f"{find_course_file(Path(course)).parent}: no translations yet (start one with "
                f"`scorm-builder translate extract {course} --to LANG`)"]
    out = []
    for language, c in rows.items():
        total = sum(c.values())
        done = 100 * c[TRANSLATED] // total if total else 100
        out.append(f"{language}: {c[TRANSLATED]} translated, {c[REVIEW]} need review, {c['missing']} missing "
                   f"(of {total}; {done}% done)")
    return out
