"""What the tests share: where the repository and ../shared are, and the course data of a package."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from scorm_builder.check.course_data import read_course_data

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SCORM_SHARED_DIR") or REPO.parent / "shared")


def course_data(html: str | bytes) -> dict[str, Any]:
    """The player's course data in an index.html, read the way `check` reads it."""
    found = read_course_data(html)
    assert found is not None, "no course data in the page"
    return found.data
