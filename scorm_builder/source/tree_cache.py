"""The positioned trees of YAML files an earlier run parsed, kept on disk by the files' content.

Parsing the YAML of empathy-essentials and the shared files it includes (libyaml's events, then
the positioned tree built from them in Python, source/compose.py) was the largest cost of a
rebuild after start-up (bench/README.md, "Build"). A file whose bytes, and whose name in messages,
a run has parsed before is read back from here instead: the same tree, with the same positions
and the same counts against the course's limits, which are charged again as for a parsed file.
Only files that parsed without a problem are kept, so every message still comes from parsing.

The entries live in the build caches' folder (render/template_cache.py: ``SCORM_BUILDER_CACHE_DIR``
moves it, empty turns it off), under a name holding a hash of the modules that make trees, so a
changed parser never reads an older tree. An entry is a pickle, trusted as the user's own file as
Python's ``__pycache__`` and Jinja's compiled templates are (docs/security.md). One that can't
be read or isn't a tree is ignored; one that can't be written is not an error.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from scorm_builder.render.template_cache import cache_base
from scorm_builder.source.limits import Counts
from scorm_builder.source.tree import Map

# the modules whose code decides what tree a file gives
_MAKERS = ("compose.py", "tree.py", "loader.py", "limits.py", "tree_cache.py")


@lru_cache(maxsize=1)
def _folder() -> Optional[Path]:
    try:
        base = cache_base()
        if base is None:
            return None
        here = Path(__file__).parent
        key = hashlib.sha256(b"".join((here / name).read_bytes() for name in _MAKERS)).hexdigest()[:16]
    except (OSError, RuntimeError):
        return None
    return base / f"yaml-{key}"


def _entry(raw: bytes, shown: str) -> Optional[Path]:
    folder = _folder()
    if folder is None:
        return None
    digest = hashlib.sha256(shown.encode("utf-8") + b"\0" + raw).hexdigest()[:32]
    return folder / f"{digest}.pickle"


def load(raw: bytes, shown: str) -> Optional[tuple[Map, Counts]]:
    """The tree and counts an earlier run made of these bytes under this name, if it kept them."""
    path = _entry(raw, shown)
    if path is None:
        return None
    try:
        found: Any = pickle.loads(path.read_bytes())  # noqa: S301 (the user's own cache: module docstring)
    except FileNotFoundError:
        return None
    except Exception:  # a broken or foreign file: parse as if there were none
        return None
    if (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], Map)
            and isinstance(found[1], Counts)):
        return found[0], found[1]
    return None


def save(raw: bytes, shown: str, tree: Map, counts: Counts) -> None:
    """Keep a tree that parsed without a problem (before anyone changed it) for the next run."""
    path = _entry(raw, shown)
    if path is None:
        return
    try:
        data = pickle.dumps((tree, counts), protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.parent.mkdir(mode=0o700, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        return
