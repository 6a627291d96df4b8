"""The pipeline: YAML -> model -> render -> package -> zip, written through the one writer (pack.writer)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Sequence

from scorm_builder.course.model import Course
from scorm_builder.course.record import record
from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.pack.archive import build_time
from scorm_builder.pack.plan import Plan, course_file, plan
from scorm_builder.pack.writer import OutputFolder, Staged, commit, discard
from scorm_builder.render.markdown import save_memo
from scorm_builder.standards import DEFAULT as DEFAULT_STANDARDS

SCHEMAS_ENV = "SCORM_BUILDER_SCHEMAS"


@record
class Built:
    path: Path
    plan: Plan
    size: int


def load_all(courses: Iterable[Path]) -> list[Course]:
    """Load every course, then fail once with all their problems."""
    loaded, problems = [], []
    for path in courses:
        try:
            loaded.append(load_course(Path(path)))
        except CourseInvalid as err:
            problems.extend(err.problems)
    if problems:
        raise CourseInvalid(problems)
    return loaded


def schemas_folder(option: Path | None) -> Path | None:
    """The official schema folder from --schemas or the environment, if any."""
    if option is not None:
        return option
    env = os.environ.get(SCHEMAS_ENV)
    return Path(env) if env else None


def validate(courses: Sequence[Path], standards: Sequence[str] = DEFAULT_STANDARDS) -> list[Plan]:
    """Everything a build checks, rendered in memory; nothing written."""
    plans = [plan(course, std) for course in load_all(courses) for std in standards]
    save_memo()
    return plans


def build(courses: Sequence[Path], standards: Sequence[str] = DEFAULT_STANDARDS,
          out_dir: Path = Path("output"), schemas: Path | None = None,
          template_dirs: Sequence[Path] = ()) -> list[Built]:
    """Build every course to every standard; write the zips only once all of them rendered."""
    schemas = schemas_folder(schemas)
    build_time()  # a SOURCE_DATE_EPOCH a zip can't hold fails before any work
    plans = [plan(course, std, template_dirs, schemas) for course in load_all(courses) for std in standards]
    out = OutputFolder(Path(out_dir))
    for p in plans:
        out.claim(p.name, course_file(p.course))
    built = _write_all(plans, out)
    save_memo()
    return built


def _write_all(plans: Sequence[Plan], out: OutputFolder) -> list[Built]:
    """Every zip to a temp file first, then all renamed into place: a failure leaves output/ as it was."""
    staged: list[Staged] = []
    try:
        for p in plans:
            staged.append(out.stage_zip(p.name, p.entries))
        commit(staged)
    except BaseException:
        discard(staged)  # the temps not renamed; those renamed are gone already
        out.remove_if_empty_and_new()
        raise
    return [Built(s.target, p, s.size) for p, s in zip(plans, staged, strict=True)]


def warnings_for(built: Built) -> list[str]:
    """What the user is told about a built package (known before it was written)."""
    return built.plan.warnings


__all__ = ["build", "validate", "load_all", "Built"]
