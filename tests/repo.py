"""What the tests share: where the repository and ../shared are, and the course data of a package."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

from scorm_builder.check.course_data import read_course_data, with_lesson_files

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SCORM_SHARED_DIR") or REPO.parent / "shared")


def course_data(html: str | bytes, files: Mapping[str, bytes] | None = None) -> dict[str, Any]:
    """The player's course data in an index.html, read the way `check` reads it: with ``files`` (the
    package's, by path), each page whole, its body merged from its lesson file; without, the heads."""
    found = read_course_data(html)
    assert found is not None, "no course data in the page"
    return found.data if files is None else with_lesson_files(found.data, files.get)


def folder_course_data(folder: Path) -> dict[str, Any]:
    """The course data of an unpacked package, each page whole (its lesson file read from the folder)."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in Path(folder).rglob("*.js")}
    return course_data((Path(folder) / "index.html").read_bytes(), files)
