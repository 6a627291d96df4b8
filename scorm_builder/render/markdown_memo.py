"""What earlier builds rendered from Markdown, kept on disk, so a rebuild parses only changed texts.

Parsing a course's Markdown (and importing markdown-it to do it) was a third of a CLI build of
empathy-essentials after start-up (bench/README.md, "Build"). A build that finds every text of
the course here does not import markdown-it at all. The memo is a JSON file of text -> (HTML,
link targets) in the template cache's folder (render/template_cache.py: ``SCORM_BUILDER_CACHE_DIR``
turns both off when empty). Its name holds a hash of the renderer (render/markdown.py) and of
markdown-it's own version, so a changed renderer or library never reads an old memo. The file is
written whole to a temp name and renamed; one that is unreadable, malformed or larger than
:data:`MAX_BYTES` is ignored (and replaced at the next save). What a file holds is checked
to be text before it is used.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Optional

from scorm_builder.render.template_cache import cache_base

MAX_BYTES = 8 * 1024 * 1024  # a memo bigger than this is not read, and a build that would write one keeps only its own texts
Parsed = tuple[str, tuple[str, ...]]


class Memo:
    """The texts of earlier builds (``known``) and those this process rendered (``used``)."""

    def __init__(self, path: Optional[Path]):
        self.path = path
        self.known: dict[str, Parsed] = _read(path) if path is not None else {}
        self.used: dict[str, Parsed] = {}
        self.added = False

    def get(self, text: str) -> Optional[Parsed]:
        found = self.known.get(text)
        if found is not None:
            self.used[text] = found
        return found

    def add(self, text: str, parsed: Parsed) -> None:
        self.used[text] = parsed
        self.added = True

    def save(self) -> None:
        """Write the memo if this process rendered a text it did not hold; never fails a build."""
        if self.path is None or not self.added:
            return
        entries = {**self.known, **self.used}
        data = _encoded(entries)
        if len(data) > MAX_BYTES:
            data = _encoded(self.used)
            if len(data) > MAX_BYTES:
                return
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            return
        self.known, self.added = entries, False


def memo_path() -> Optional[Path]:
    """The memo file for this renderer and this markdown-it, or None when the cache is off."""
    try:
        folder = cache_base()
        spec = importlib.util.find_spec("markdown_it")
        if folder is None or spec is None or spec.origin is None:
            return None
        key = hashlib.sha256(Path(__file__).with_name("markdown.py").read_bytes()
                             + Path(spec.origin).read_bytes()).hexdigest()[:16]
    except (OSError, RuntimeError, ValueError):
        return None
    return folder / f"markdown-{key}.json"


def _encoded(entries: dict[str, Parsed]) -> bytes:
    return json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _read(path: Path) -> dict[str, Parsed]:
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}
        raw: Any = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    found: dict[str, Parsed] = {}
    for text, value in raw.items():
        if (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
                and isinstance(value[1], list) and all(isinstance(link, str) for link in value[1])):
            found[text] = (value[0], tuple(value[1]))
        else:
            return {}  # not a file this module wrote: use none of it
    return found
