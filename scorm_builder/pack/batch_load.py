"""Loading one course for many companies: what is the same for every company is done once per batch.

:func:`scorm_builder.load.load_course` with a profile reads the course's YAML, splices its
includes in and checks the course alone (steps 1 to 3), then applies the profile and checks the
result (steps 4 to 8). In a batch the first part is the same for every company, so
:class:`CourseLoader` keeps its tree, per course file, as a :class:`~scorm_builder.source.shared.SharedTree`
and checks it once more as steps 7 and 8 would, noting the result for each of its mappings. Each
company then gets its own spine of that tree (its root, lessons and lists), copies only what its
profile and its ``{{ }}`` texts change, and has only those parts checked again by the format; the rest
runs exactly as load_course runs it. A company whose build finds any problem, and a course with a
problem of its own, are loaded again by load_course itself, so every message is the one a single
build gives. A batch in several languages (``build --company X --language L``) keeps a tree per
course file and language, its translation applied (step 2b), and the translation's warnings with it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from scorm_builder.course.model import Course
from scorm_builder.course.reuse import Reuse
from scorm_builder.course.rules import check_course
from scorm_builder.errors import Collector, CourseInvalid
from scorm_builder.format.course import COURSE
from scorm_builder.load import find_course_file, finish_loading, load_course
from scorm_builder.source.include import expand_includes
from scorm_builder.source.loader import LoadError, Map, load_yaml
from scorm_builder.source.shared import SharedTree
from scorm_builder.source.tree import paused_gc
from scorm_builder.translate.apply import Translation


class CourseLoader:
    """load_course for the jobs of one batch (one instance per batch: the files are read once)."""

    def __init__(self) -> None:
        self._shared: dict[str, SharedTree | None] = {}  # course file -> its checked tree, None if it has problems
        self._translated: dict[tuple[str, str, bool], tuple[SharedTree | None, list[str]]] = {}

    def load(self, course: Path, profile: Path | None) -> Course:
        if profile is None:
            return load_course(course)
        path = find_course_file(Path(course))
        if str(path) not in self._shared:
            self._shared[str(path)] = _shared(path)
        shared = self._shared[str(path)]
        if shared is None:
            return load_course(course, profile)  # the course's own problems, as a single build reports them
        return _customized(shared, path, Path(profile), lambda: load_course(course, profile))

    def load_translated(self, course: Path, profile: Path | None, language: str,
                        strict: bool = False) -> tuple[Course, list[str]]:
        """load_course in ``language``: (the course, the translation's warnings)."""
        path = find_course_file(Path(course))
        key = (str(path), language, strict)
        if profile is not None and key not in self._translated:
            translation = Translation(language, strict)
            self._translated[key] = (_shared(path, translation), translation.warnings)
        shared, warnings = self._translated.get(key, (None, []))

        def single() -> tuple[Course, list[str]]:  # as a single build loads (and reports) it
            translation = Translation(language, strict)
            return load_course(course, profile, translation), translation.warnings

        if shared is None:  # no profile, or a course with problems
            return single()
        return _customized(shared, path, Path(profile), lambda: single()[0]), list(warnings)


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


def _shared(path: Path, translation: Translation | None = None) -> SharedTree | None:
    """The course's checked tree (steps 1 to 3), then checked as steps 7 and 8 check a company's, noting the
    format's result for each mapping, which hold no link to a file, and the model of each page; None if any
    of it finds a problem."""
    tree = _checked(path, translation)
    if tree is None:
        return None
    shared = SharedTree(tree)
    found = Collector(memo=shared.memo)
    with paused_gc():
        clean = COURSE.check_keys(tree, "", found)
    shared.memo.recording = False
    found.memo = None
    if found.problems:
        return None
    shared.reuse = Reuse(clean)
    check_course(clean, path.parent, found, None, shared.reuse)
    return None if found.problems else shared


def _customized(shared: SharedTree, path: Path, profile: Path, single: Callable[[], Course]) -> Course:
    """Steps 4 to 8 of load_course, by load_course's own code, on the company's spine of the course's tree;
    on any problem, ``single()``: load_course itself, so the messages are those of a single build."""
    with paused_gc():
        tree = shared.spine()
    try:
        return finish_loading(tree, path, profile, Collector(), shared)
    except CourseInvalid:
        return single()
