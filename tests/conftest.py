"""Shared test fixtures: repo root, official schemas folder, a CLI runner, building a course into tmp."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable, Iterator, Sequence

import pytest
from click.testing import CliRunner

from scorm_builder import standards

REPO = Path(__file__).resolve().parent.parent
ALL_STANDARDS = standards.IDS


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/* from the current build instead of comparing")


def pytest_configure(config: pytest.Config) -> None:
    # builds in tests (and the processes they start) keep their caches in a folder of this run,
    # not in the user's ~/.cache (render/template_cache.py, render/markdown_memo.py)
    if "SCORM_BUILDER_CACHE_DIR" not in os.environ:
        import tempfile
        os.environ["SCORM_BUILDER_CACHE_DIR"] = tempfile.mkdtemp(prefix="sb-test-cache-")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(what: str) -> None:
    """A prerequisite is missing: fail in CI (a skipped test there is a defect), skip locally."""
    if in_ci():
        pytest.fail(f"{what} (CI=true, so this is a failure, not a skip)")
    pytest.skip(what)


def schemas_path() -> Path:
    return Path(os.environ.get("SCORM_SCHEMAS_DIR") or REPO.parent / "shared" / "scorm-schemas").resolve()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def schemas_dir() -> Path:
    """The official SCORM schema set (env SCORM_SCHEMAS_DIR, default <repo>/../shared/scorm-schemas)."""
    folder = schemas_path()
    if not (folder / "scorm12-manifest.xsd").is_file() or not (folder / "scorm2004-4th-manifest.xsd").is_file():
        need(f"official SCORM schemas not found in {folder} (set SCORM_SCHEMAS_DIR)")
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def demo_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course `scorm-builder new demo-course` scaffolds, in a session tmp folder."""
    from scorm_builder.tools.scaffold import scaffold

    base = tmp_path_factory.mktemp("demo")
    return scaffold("demo-course", base / "courses").parent


@pytest.fixture
def build_into(tmp_path: Path) -> Callable[..., dict[str, Path]]:
    """Build a course folder into tmp_path/output; returns {standard: zip path}."""
    from scorm_builder.pack.pipeline import build

    def run(course: Path, standards: Sequence[str] = ALL_STANDARDS, out: Path | None = None,
            schemas: Path | None = None) -> dict[str, Path]:
        out = out or tmp_path / "output"
        built = build([course], standards, out, schemas)
        return {b.plan.standard: b.path for b in built}

    return run


def copy_course(src: Path, dest: Path) -> Path:
    """A copy of a course folder to change in a test."""
    shutil.copytree(src, dest, symlinks=True)
    return dest


@pytest.fixture
def preview_server() -> Iterator[Callable[..., tuple]]:
    """Start the preview server of a course: ``preview_server(course, standard="scorm2004-4")`` gives
    (the Preview, its base URL without a trailing slash); every server started is stopped after the test."""
    from contextlib import ExitStack

    from preview_server import serving

    with ExitStack() as stack:
        yield lambda course, standard="scorm2004-4": stack.enter_context(serving(course, standard))
