"""Loading one course for many companies: what is the same for every company is done once per batch.

:func:`scorm_builder.load.load_course` with a profile reads the course's YAML, splices its
includes in and checks the course alone (steps 1 to 3), then applies the profile and checks the
result (steps 4 to 8). In a batch the first part is the same for every company, so
:class:`CourseLoader` keeps its tree, per course file, and gives each company a copy of it; the
rest runs exactly as load_course runs it, and any course with a problem is loaded by load_course
itself, so every message is the one a single build gives. A batch in several languages
(``build --company X --language L``) keeps a tree per course file and language, its translation
applied (step 2b), and the translation's warnings with it.
"""
from __future__ import annotations

from pathlib import Path

from scorm_builder.course.model import Course
from scorm_builder.errors import Collector
from scorm_builder.format.course import COURSE
from scorm_builder.load import find_course_file, finish_loading, load_course
from scorm_builder.source.include import expand_includes
from scorm_builder.source.loader import LoadError, Map, load_yaml
from scorm_builder.source.tree import clone, paused_gc
from scorm_builder.translate.apply import Translation


class CourseLoader:
    """load_course for the jobs of one batch (one instance per batch: the files are read once)."""

    def __init__(self) -> None:
        self._checked: dict[str, Map | None] = {}  # course file -> its tree after step 3, None if it has problems
        self._translated: dict[tuple[str, str, bool], tuple[Map | None, list[str]]] = {}

    def load(self, course: Path, profile: Path | None) -> Course:
        if profile is None:
            return load_course(course)
        path = find_course_file(Path(course))
        if str(path) not in self._checked:
            self._checked[str(path)] = _checked(path)
        base = self._checked[str(path)]
        if base is None:
            return load_course(course, profile)  # the course's own problems, as a single build reports them
        with paused_gc():
            tree = clone(base)
        return _customized(tree, path, Path(profile))

    def load_translated(self, course: Path, profile: Path | None, language: str,
                        strict: bool = False) -> tuple[Course, list[str]]:
        """load_course in ``language``: (the course, the translation's warnings)."""
        path = find_course_file(Path(course))
        key = (str(path), language, strict)
        if profile is not None and key not in self._translated:
            translation = Translation(language, strict)
            self._translated[key] = (_checked(path, translation), translation.warnings)
        base, warnings = self._translated.get(key, (None, []))
        if base is None:  # no profile, or a course with problems: as a single build loads (and reports) it
            translation = Translation(language, strict)
            return load_course(course, profile, translation), translation.warnings
        with paused_gc():
            tree = clone(base)
        return _customized(tree, path, Path(profile)), list(warnings)


def _checked(path: Path, translation: Translation | None = None) -> Map | None:
    """Steps 1 to 3 of load_course (2b with a translation): the course's tree, checked alone; None if it
    has a problem."""
    found = Collector()
    try:
        tree = load_yaml(path)
    except LoadError:
        return None
    if "lessons" not in tree:  # maybe a profile given as a course: load_course says so
        return None
    tree = expand_includes(tree, path.parent, found)
    if translation is not None and not found.problems:
        translation.apply(tree, path.parent, found)
    if not found.problems:
        with paused_gc():
            tree = COURSE.check_keys(tree, "", found)
    return None if found.problems else tree


def _customized(tree: Map, path: Path, profile: Path) -> Course:
    """Steps 4 to 8 of load_course, by load_course's own code, on a copy of the course's checked tree."""
    return finish_loading(tree, path, profile, Collector())
