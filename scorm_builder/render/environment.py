"""The one Jinja environment and the template folders: override folders first, the default theme last."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Sequence

from scorm_builder.errors import BuilderError


def default_templates_dir() -> Path:
    """The default theme: the checkout's templates/ folder, or the copy inside the wheel."""
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
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def read_template_bytes(name: str, dirs: Sequence[Path] = ()) -> bytes:
    """A template file copied as it is (JS, CSS), found through the same folder order."""
    for folder in [*dirs, default_templates_dir()]:
        path = Path(folder) / name
        if path.is_file():
            return path.read_bytes()
    raise BuilderError(f"template file {name!r} not found in {', '.join(map(str, [*dirs, default_templates_dir()]))}")
