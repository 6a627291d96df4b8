"""The pipeline: YAML -> model -> render -> package -> zip. The only writer to output/."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from scorm_builder.pack.archive import write_temp_zip
from scorm_builder.errors import BuilderError, CourseInvalid
from scorm_builder.course.model import Course
from scorm_builder.pack.plan import Plan, plan
from scorm_builder.standards import DEFAULT as DEFAULT_STANDARDS
from scorm_builder.load import load_course

SCHEMAS_ENV = "SCORM_BUILDER_SCHEMAS"
SIZE_WARNING = 50 * 1024 * 1024  # LMS upload limits start failing around here


@dataclass(frozen=True)
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
    return [plan(course, std) for course in load_all(courses) for std in standards]


def build(courses: Sequence[Path], standards: Sequence[str] = DEFAULT_STANDARDS,
          out_dir: Path = Path("output"), schemas: Path | None = None,
          template_dirs: Sequence[Path] = ()) -> list[Built]:
    """Build every course to every standard; write the zips only once all of them rendered."""
    schemas = schemas_folder(schemas)
    plans = [plan(course, std, template_dirs, schemas) for course in load_all(courses) for std in standards]
    names = [p.name for p in plans]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})[0]
        raise BuilderError(f"two courses would both write {dup}; give them different ids or versions")
    return _write_all(plans, Path(out_dir))


def _write_all(plans: Sequence[Plan], out_dir: Path) -> list[Built]:
    """Every zip to a temp file first, then all renamed into place: a failure leaves output/ as it was."""
    made_dir = not out_dir.exists()
    temps: list[tuple[Path, Path]] = []
    try:
        for p in plans:
            target = out_dir / p.name
            try:
                temps.append((write_temp_zip(p.files, target), target))
            except OSError as err:
                raise BuilderError(f"cannot write {target}: {err.strerror}") from err
        for tmp, target in temps:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        if made_dir and out_dir.is_dir() and not any(out_dir.iterdir()):
            out_dir.rmdir()
        raise
    return [Built(target, p, target.stat().st_size) for p, (_, target) in zip(plans, temps)]


def warnings_for(built: Built) -> list[str]:
    if built.size > SIZE_WARNING:
        return [f"{built.path}: {built.size / 1e6:.0f} MB is above what several LMSes accept for upload "
                f"(about 50 MB); keep video out of the package"]
    return []


__all__ = ["build", "validate", "load_all", "Built"]
