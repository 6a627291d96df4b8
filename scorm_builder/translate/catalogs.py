"""Which translation file a text belongs in: its course's, or the shared library's, so a shared piece is translated once.

A text written in the course folder (``course.yaml``, or a piece included from inside the folder)
goes in ``<course>/translations/<LANG>.xlf``; one written in a shared folder beside the course
(``courses/shared/pages/timing.yaml``) goes in that folder's ``translations/<LANG>.xlf``
(``courses/shared/translations/fr.xlf``), in a ``<file>`` section named by its path inside the folder.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from scorm_builder.errors import BuilderError
from scorm_builder.source.loader import display_path

FOLDER = "translations"


def catalog_of(file: str, course_dir: Path) -> tuple[Path, str]:
    """(the folder whose translations/ holds the text, its section) for a text written in ``file``."""
    path, course_dir = Path(file).resolve(), course_dir.resolve()
    if path.is_relative_to(course_dir):
        return course_dir, path.relative_to(course_dir).as_posix()
    library = course_dir.parent
    if not path.is_relative_to(library):  # includes stay in the courses folder; a safe place all the same
        return course_dir, path.name
    inside = path.relative_to(library).parts
    return library / inside[0], Path(*inside[1:]).as_posix()


def translation_file(root: Path, language: str) -> Path:
    return root / FOLDER / f"{language}.xlf"


def languages_of(course_dir: Path) -> list[str]:
    """The languages a course has translation files for, sorted."""
    return sorted(p.stem for p in (course_dir / FOLDER).glob("*.xlf") if p.is_file())


def languages_for(course: Path, wanted: Sequence[str]) -> list[str]:
    """The languages to build ``course`` in: those given, ``*`` standing for every translation file."""
    course = Path(course)
    folder = course if course.is_dir() else course.parent
    out: list[str] = []
    for language in wanted:
        if language == "*":
            found = languages_of(folder)
            if not found:
                raise BuilderError(f"{display_path(folder / FOLDER)}: no translation files (*.xlf) for "
                                   f"--language '*' \u2014 write one with `scorm-builder translate extract "
                                   f"{display_path(folder)} --to LANG`")
            out.extend(found)
        else:
            out.append(language)
    return list(dict.fromkeys(out))
