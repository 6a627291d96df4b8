"""``build --language``: packages built from a course's translations, one per language and standard.

``*`` is every ``translations/*.xlf`` of each course. Package names carry the language:
``<id>-<lang>-<version>-<standard>.zip``. With ``--company`` the build is a batch instead
(``pack/batch.py``: course x company x language x standard). All or nothing, as any build: every package is
planned before the first one is written.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from scorm_builder.errors import CourseInvalid
from scorm_builder.load import find_course_file, load_course
from scorm_builder.pack.archive import build_time
from scorm_builder.pack.pipeline import Built, _write_all, schemas_folder
from scorm_builder.pack.plan import Plan, course_file, plan
from scorm_builder.pack.writer import OutputFolder
from scorm_builder.source.loader import display_path
from scorm_builder.translate.apply import Translation
from scorm_builder.translate.catalogs import languages_for


def translated_plans(courses: Sequence[Path], languages: Sequence[str], standards: Sequence[str],
                     strict: bool = False, schemas: Path | None = None) -> tuple[list[Plan], list[str]]:
    """(every package's plan, the warnings), or CourseInvalid with every course's problems."""
    plans, warnings, problems = [], [], []
    for course in courses:
        for language in languages_for(course, languages):
            translation = Translation(language, strict)
            try:
                model = load_course(Path(course), None, translation)
            except CourseInvalid as err:
                problems.extend(err.problems)
                continue
            warnings.extend(f"{display_path(find_course_file(Path(course)))}: {w}" for w in translation.warnings)
            plans.extend(plan(model, std, (), schemas, language=language) for std in standards)
    if problems:
        raise CourseInvalid(problems)
    return plans, warnings


def build_translated(courses: Sequence[Path], languages: Sequence[str], standards: Sequence[str],
                     out_dir: Path = Path("output"), schemas: Path | None = None,
                     strict: bool = False) -> tuple[list[Built], list[str]]:
    """Build every course in every language to every standard; (the packages written, the warnings)."""
    schemas = schemas_folder(schemas)
    build_time()  # a SOURCE_DATE_EPOCH a zip can't hold fails before any work
    plans, warnings = translated_plans(courses, languages, standards, strict, schemas)
    out = OutputFolder(Path(out_dir))
    for p in plans:
        out.claim(p.name, course_file(p.course))
    return _write_all(plans, out), warnings
