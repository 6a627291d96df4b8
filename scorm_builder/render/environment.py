"""The one Jinja environment and the template folders: override folders first, the default theme last."""
from __future__ import annotations

import json
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Sequence

from scorm_builder.errors import BuilderError
from scorm_builder.render.template_cache import bytecode_cache


@lru_cache(maxsize=1)
def default_templates_dir() -> Path:
    """The default theme: the checkout's templates/ folder, or the copy inside the wheel (found once)."""
    repo = Path(__file__).resolve().parents[2] / "templates"
    if (repo / "player").is_dir():
        return repo
    # In the wheel the theme is scorm_builder/templates (a folder without __init__.py, so
    # importlib.resources would hand back a MultiplexedPath, whose str() is not a path).
    return Path(__file__).resolve().parents[1] / "templates"


@lru_cache(maxsize=8)
def environment(dirs: tuple[Path, ...] = ()):
    """One strict environment; override folders first, the default theme last."""
    import jinja2

    search = [str(d) for d in dirs] + [str(default_templates_dir())]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "xml"), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache(),
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.policies["json.dumps_function"] = dumps
    return env


def dumps(obj: Any, **kwargs: Any) -> str:
    """json.dumps for the ``tojson`` filter, except that the player data of the standards of one course
    encodes its shared parts (lessons, assessment, strings...) once. Those parts come already escaped
    as ``tojson`` escapes its whole text (``<``, ``>``, ``&``, ``'`` as ``\\u`` escapes), which it then
    finds nothing more to do on: the same text, for a fraction of the work."""
    if type(obj) is not SharedParts or kwargs.get("indent") is not None or "separators" in kwargs:
        return json.dumps(obj, **kwargs)
    keys = sorted(obj) if kwargs.get("sort_keys") else list(obj)
    return "{" + ", ".join(f"{json.dumps(k, **kwargs)}: {_encoded(obj[k], kwargs)}" for k in keys) + "}"


class SharedParts(dict):
    """A dict whose list and dict values may be shared with another one (player data of one course)."""


_ENCODED: dict[int, tuple[Any, str, str]] = {}  # id(value) -> (value, options, its JSON), for the last course
_HTML_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))  # jinja2's tojson


def _encoded(value: Any, kwargs: dict) -> str:
    if not isinstance(value, (dict, list)):
        return json.dumps(value, **kwargs)
    options = repr(sorted(kwargs.items()))
    found = _ENCODED.get(id(value))
    if found is not None and found[0] is value and found[1] == options:
        return found[2]
    if len(_ENCODED) > 16:
        _ENCODED.clear()
    text = json.dumps(value, **kwargs)
    for char, escaped in _HTML_SAFE:
        text = text.replace(char, escaped)
    _ENCODED[id(value)] = (value, options, text)
    return text


_FIXED: list[dict] = []  # while templates_fixed() runs: template files read so far, by (name, folders)


@contextmanager
def templates_fixed() -> Iterator[None]:
    """Within it (a batch build), template files are taken as unchanged: each is read once, and
    player.js joined once. Outside it, a file changed on disk (as in `preview`) is read again."""
    _FIXED.append({})
    try:
        yield
    finally:
        _FIXED.pop()


def fixed_cache() -> dict | None:
    """The memo of the innermost templates_fixed(), if one is running."""
    return _FIXED[-1] if _FIXED else None


def read_template_bytes(name: str, dirs: Sequence[Path] = ()) -> bytes:
    """A template file copied as it is (JS, CSS), found through the same folder order."""
    memo = fixed_cache()
    if memo is None:
        return _read_template_bytes(name, dirs)
    key = ("file", name, tuple(map(str, dirs)))
    if key not in memo:
        memo[key] = _read_template_bytes(name, dirs)
    return memo[key]


def _read_template_bytes(name: str, dirs: Sequence[Path]) -> bytes:
    for folder in [*dirs, default_templates_dir()]:
        path = Path(folder) / name
        if path.is_file():
            return path.read_bytes()
    raise BuilderError(f"template file {name!r} not found in {', '.join(map(str, [*dirs, default_templates_dir()]))}")
