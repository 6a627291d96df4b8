"""The first half of the pipeline, from files to a validated Course: every step, in order.

build, validate, lint, outline and preview all load a course through :func:`load_course`.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from scorm_builder.course.model import Course
from scorm_builder.course.rules import check_course, structure_broken
from scorm_builder.errors import Collector, CourseInvalid, Diagnostic, Where, source_error
from scorm_builder.format.course import COURSE
from scorm_builder.format.profile import PROFILE
from scorm_builder.source.include import expand_includes
from scorm_builder.source.loader import LoadError, Map, display_path, load_yaml
from scorm_builder.source.profile import Company, apply_profile, load_profile
from scorm_builder.source.profile_course import for_course
from scorm_builder.source.profile_language import in_language
from scorm_builder.source.shared import SharedTree
from scorm_builder.source.substitute import substitute
from scorm_builder.source.tree import paused_gc

if TYPE_CHECKING:
    from scorm_builder.translate.apply import Translation


def find_course_file(course: Path) -> Path:
    """COURSE may be a folder holding course.yaml, or a YAML file."""
    if course.is_dir():
        return course / "course.yaml"
    return course


def load_course(course: Path, profile: Path | None = None, translation: Translation | None = None) -> Course:
    """Read, check and model one course, customized by a company profile when given, in the language
    of ``translation`` when given (its ``warnings`` then say what stayed in the source language).

    Raises CourseInvalid with every problem found.
    """
    path = find_course_file(Path(course))
    found = Collector()
    tree = _read(path)                                          # 1. YAML -> positioned tree
    tree = expand_includes(tree, path.parent, found)            # 2. shared pieces spliced in
    _stop_if(found)
    if translation is not None:
        translation.apply(tree, path.parent, found)             # 2b. translated texts, placeholders still in
        _stop_if(found)
    if profile is not None:
        tree = COURSE.check_keys(tree, "", found)               # 3. the course alone is valid...
        _stop_if(found)
    return finish_loading(tree, path, profile, found)


def finish_loading(tree: Map, path: Path, profile: Path | None, found: Collector,
                   shared: SharedTree | None = None) -> Course:
    """Steps 4 to 8 of load_course, on a tree that has passed steps 1 to 3. A batch build calls it on a
    company's spine of the course's tree, read and checked once for all its companies (``shared``,
    pack/batch_load.py): only what the company changes is copied, filled in and checked again."""
    company = None
    if profile is not None:
        settings, company = load_profile(Path(profile), found)  # 4. ...and so is the profile
        _stop_if(found)
        settings = for_course(settings, tree["id"], found, path)  # 4b. its section for this course, merged
        settings, company = in_language(settings, company, tree, found)  # 4c. and for the package's language
        apply_profile(tree, settings, found, shared)            # 5. the profile changes the tree
        _stop_if(found)
    substitute(tree, text_variables(tree, company), found, shared)  # 6. {{ placeholders }} filled in
    found.memo = shared.memo if shared is not None else None
    with paused_gc():  # many small objects, none of them garbage: the collector would only rescan them
        clean = COURSE.check_keys(tree, "", found)              # 7. the format, profile additions too
    found.memo = None
    if found.problems and structure_broken(clean):
        _stop_if(found)
    reuse = shared.reuse if shared is not None else None
    model = check_course(clean, path.parent, found, company, reuse)  # 8. cross-field rules -> model
    _stop_if(found)
    return model


def read_expanded(course: Path) -> Map:
    """Steps 1 and 2 alone: the course as written, with its shared pieces spliced in (the translation tools)."""
    path = find_course_file(Path(course))
    found = Collector()
    tree = expand_includes(_read(path), path.parent, found)
    _stop_if(found)
    return tree


def load_all(courses: Iterable[Path], profile: Path | None = None) -> list[Course]:
    """Load every course, then fail once with all their problems."""
    loaded, problems = [], []
    for path in courses:
        try:
            loaded.append(load_course(Path(path), profile))
        except CourseInvalid as err:
            problems.extend(err.problems)
    if problems:
        raise CourseInvalid(problems)
    return loaded


def text_variables(tree: Map, company: Company | None) -> dict:
    """What course text may name, read once includes and the profile are applied, so the text shows
    the profile's pass mark and attempts: ``company.name``, ``terms.<name>``, ``course.title``,
    ``course.duration_minutes`` (when set) and, with an assessment, ``assessment.pass_mark``,
    ``assessment.attempts`` (``unlimited`` for 0), ``assessment.questions`` (drawn per attempt) and
    ``assessment.pool`` (the questions to draw from).

    The tree is not checked yet: a value of the wrong type is left out (the format reports it).
    """
    def value(node: object, key: str, default: object = None) -> str | int | None:
        found = node.get(key, default) if isinstance(node, dict) else default
        return found if isinstance(found, (str, int)) and not isinstance(found, bool) else None

    terms = tree.get("terms") if isinstance(tree.get("terms"), dict) else {}
    terms = {k: v for k, v in terms.items() if isinstance(v, str)}
    name = value(tree, "company_name") if isinstance(value(tree, "company_name"), str) else "our company"
    if company is not None:
        terms.update(company.terms)
        name = company.name
    out: dict = {"company": {"name": name}, "terms": terms}
    course: dict = {}
    if value(tree, "duration_minutes") is not None:
        course["duration_minutes"] = value(tree, "duration_minutes")
    assessment = tree.get("assessment")
    if isinstance(assessment, dict):
        defaults = COURSE.fields["assessment"].spec.fields
        pool = assessment.get("questions")
        drawn = value(assessment, "draw") or (len(pool) if isinstance(pool, list) else None)
        attempts = value(assessment, "attempts", defaults["attempts"].default)
        out["assessment"] = {k: v for k, v in (
            ("pass_mark", value(assessment, "pass_mark", defaults["pass_mark"].default)),
            ("attempts", "unlimited" if attempts == 0 else attempts), ("questions", drawn),
            ("pool", len(pool) if isinstance(pool, list) else None)) if v is not None}
    title = value(tree, "title")
    if isinstance(title, str):
        # the title may itself hold placeholders: course.title is the title once they are filled in
        holder, problems = Map([("title", title)], tree.src), Collector()
        substitute(holder, {**out, "course": course}, problems)
        if not problems.problems or "course.title" not in title:
            course["title"] = holder["title"]
    out["course"] = course
    return out


def _read(path: Path) -> Map:
    if not path.exists():  # no position: there is no line 1 of a file that isn't there
        raise CourseInvalid([_missing(path)])
    try:
        tree = load_yaml(path)
    except LoadError as err:
        raise CourseInvalid(err.problems) from None
    if "lessons" not in tree and {"id", "name"} <= set(tree) and set(tree) <= set(PROFILE.fields):
        # e.g. an unquoted --company 'courses/companies/*.yaml' that the shell expanded into courses
        raise CourseInvalid([source_error(
            "profile-as-course", tree.src, *tree.pos, "", "this is a company profile, not a course",
            f"build a course for it with --company {path.as_posix()} (quote patterns such as "
            f"--company 'courses/companies/*.yaml' so the shell does not expand them)")])
    return tree


def _missing(path: Path) -> Diagnostic:
    """A course that isn't there: a folder without course.yaml (naming the course folders inside it), or a
    path that doesn't exist."""
    folder = path.parent
    if path.name == "course.yaml" and folder.is_dir():
        inside = sorted(display_path(p.parent) for p in folder.glob("*/course.yaml"))
        fix = (f"give a course folder instead; the folders in it that hold one: {', '.join(inside[:8])}"
               + (f" and {len(inside) - 8} more" if len(inside) > 8 else "")) if inside else (
               "give the folder of a course, or create one with `scorm-builder new ID`")
        return Diagnostic("error", "file-not-found", Where(display_path(folder)), "this folder has no course.yaml",
                          fix)
    return Diagnostic("error", "file-not-found", Where(display_path(path)), "no such file or folder",
                      "check the path, or create a course with `scorm-builder new ID`")


def _stop_if(found: Collector) -> None:
    if found.problems:
        raise CourseInvalid(found.problems)
