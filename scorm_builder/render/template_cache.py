"""Where Jinja keeps the templates it has compiled, so a new process does not compile them again.

Compiling the player's and the manifests' templates is about a tenth of a CLI build of a small
course (bench/README.md, "Build"); Jinja's own file cache of compiled templates takes that away
after the first build, as Python's ``__pycache__`` does for modules. Jinja checks each entry
against its template's source and compiles again when they differ, so a changed theme is never
served stale. The folder is ``$SCORM_BUILDER_CACHE_DIR``, else ``$XDG_CACHE_HOME/scorm-builder``,
else ``~/.cache/scorm-builder``, made private to the user (mode 0700); setting
``SCORM_BUILDER_CACHE_DIR`` to an empty value turns the cache off. A folder that can't be made or
written is not an error: templates are then compiled in memory, as without the cache.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def cache_base() -> Path | None:
    """The folder of scorm-builder's caches, or None when caching is off."""
    chosen = os.environ.get("SCORM_BUILDER_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "scorm-builder"


def cache_folder() -> Path | None:
    """The compiled templates' folder, for this Jinja version, or None when caching is off."""
    import jinja2

    base = cache_base()
    return None if base is None else base / f"jinja-{jinja2.__version__}"


def bytecode_cache() -> Any:
    """A Jinja bytecode cache in :func:`cache_folder`, or None when there is none to use."""
    from jinja2 import FileSystemBytecodeCache

    class _Quiet(FileSystemBytecodeCache):
        """One that never fails a build: an entry it can't write is compiled in memory next time too."""

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    try:
        folder = cache_folder()
        if folder is None:
            return None
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            return None
    except (OSError, RuntimeError):  # RuntimeError: Path.home() with no home
        return None
    return _Quiet(str(folder))
