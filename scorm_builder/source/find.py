"""Finding company profiles from what the user typed after --company.

A pattern may be a profile id (the ``id:`` inside the file, or the file's name), an id glob
(``north*``), a profile file, or a path glob (``courses/companies/*.yaml``). Ids are looked up
in the companies folder next to each course (``<courses>/companies``) and in
``courses/companies`` under the working folder, or only in ``--companies-dir`` when given.
"""
from __future__ import annotations

import fnmatch
import glob
from pathlib import Path
from typing import Sequence

from scorm_builder.errors import BuilderError
from scorm_builder.source.loader import LoadError, display_path, load_yaml

DEFAULT_DIR = Path("courses/companies")
SUFFIXES = (".yaml", ".yml")


def companies_folders(explicit: Path | None, courses: Sequence[Path] = ()) -> list[Path]:
    """Where profile ids are looked up, nearest first, each folder once."""
    if explicit is not None:
        return [Path(explicit)]
    candidates = []
    for course in courses:
        course = Path(course)
        candidates.append((course if course.is_dir() else course.parent).parent / "companies")
    candidates.append(DEFAULT_DIR)
    out: list[Path] = []
    for folder in candidates:
        if folder.is_dir() and all(folder.resolve() != f.resolve() for f in out):
            out.append(folder)
    return out or [DEFAULT_DIR]


def find_profiles(patterns: Sequence[str], explicit_dir: Path | None = None,
                  courses: Sequence[Path] = ()) -> list[Path]:
    """Every profile the patterns name, in the order given, each once; BuilderError when one names none."""
    folders = companies_folders(explicit_dir, courses)
    found: list[Path] = []
    for pattern in patterns:
        matches = _by_path(pattern) if _is_path(pattern) else _by_id(pattern, folders)
        if not matches:
            raise BuilderError(_none_message(pattern, folders))
        found.extend(m for m in matches if m not in found)
    return found


def find_profile(pattern: str | None, explicit_dir: Path | None = None,
                 courses: Sequence[Path] = ()) -> Path | None:
    """The one profile a command that takes one (validate, lint, outline, preview) is given."""
    if not pattern:
        return None
    found = find_profiles([pattern], explicit_dir, courses)
    if len(found) > 1:
        raise BuilderError(f"{pattern!r} names {len(found)} company profiles "
                           f"({', '.join(p.stem for p in found)}); this command takes one")
    return found[0]


def _is_path(pattern: str) -> bool:
    return pattern.endswith(SUFFIXES) or "/" in pattern or "\\" in pattern


def _by_path(pattern: str) -> list[Path]:
    return [Path(p) for p in sorted(glob.glob(pattern)) if p.endswith(SUFFIXES) and Path(p).is_file()]


def _by_id(pattern: str, folders: Sequence[Path]) -> list[Path]:
    out = []
    for folder in folders:
        for path in _profiles_in(folder):
            if fnmatch.fnmatchcase(path.stem, pattern) or fnmatch.fnmatchcase(_declared_id(path), pattern):
                out.append(path)
        if out:  # the nearest folder that has a match wins
            return out
    return out


def _profiles_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


def _declared_id(path: Path) -> str:
    try:
        value = load_yaml(path).get("id")
    except LoadError:
        return ""
    return value if isinstance(value, str) else ""


def _none_message(pattern: str, folders: Sequence[Path]) -> str:
    if _is_path(pattern):
        return (f"no company profile matches {pattern!r} (expected a profile file, or a path pattern such as "
                f"'courses/companies/*.yaml' that matches .yaml files)")
    shown = " or ".join(display_path(f) for f in folders)
    known = sorted({p.stem for f in folders for p in _profiles_in(f)})
    hint = "" if known else "; point --companies-dir at the folder that holds them"
    return f"no company profile matches {pattern!r} in {shown} (profiles: {', '.join(known) or 'none'}){hint}"
