"""Browser test fixtures: one chromium per session, the test LMS server, packages built once."""
from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path
from typing import Iterator

import pytest

from .lms_server import LmsServer

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("SCORM_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
NODE_MODULES = REPO / "node_modules"
NODE_FILES = ("scorm-again/dist/scorm12.js", "scorm-again/dist/scorm2004.js", "axe-core/axe.min.js")
EVERY_KIND = HERE / "fixtures" / "every-kind"
INSTALL = "run `bash scripts/install-test-deps.sh`"


def pytest_collection_modifyitems(config, items) -> None:
    """Every test under tests/browser is a browser test, so `-m "not browser"` never starts chromium."""
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(ok: bool, what: str) -> None:
    """A missing prerequisite fails under CI=true (a skipped browser test there is a defect) and
    skips locally, with the reason and the fix either way."""
    if ok:
        return
    if _ci():
        pytest.fail(f"{what}; {INSTALL} (CI=true, so this fails instead of skipping)", pytrace=False)
    pytest.skip(f"{what}; {INSTALL}")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    require(CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK), f"chromium not found at {CHROMIUM}")
    missing = [name for name in NODE_FILES if not (NODE_MODULES / name).is_file()]
    require(not missing, f"node packages missing: {', '.join('node_modules/' + m for m in missing)}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright for Python is not installed")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def lms(browser: object) -> Iterator[LmsServer]:
    server = LmsServer(NODE_MODULES)
    server.start()
    yield server
    server.stop()


def _new_context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US", reduced_motion="reduce")
    ctx.set_default_timeout(5000)
    return ctx


@pytest.fixture(scope="session")
def shared_context(browser) -> Iterator[object]:
    """One desktop profile for the tests that launch through the LMS: each launch is a new page
    and a new LMS session, and nothing of the course is kept in the browser when an LMS is there."""
    ctx = _new_context(browser)
    yield ctx
    ctx.close()


@pytest.fixture
def page(shared_context) -> Iterator[object]:
    page = shared_context.new_page()
    yield page
    for other in shared_context.pages:  # this test's page and any popup it opened
        other.close()


@pytest.fixture
def fresh_page(browser) -> Iterator[object]:
    """A page in a profile of its own (empty localStorage), for runs without an LMS."""
    ctx = _new_context(browser)
    yield ctx.new_page()
    ctx.close()


class Packages:
    """Builds each (course, standard) once per session, unpacks it and serves it from the LMS."""

    def __init__(self, lms: LmsServer, base: Path):
        self.lms = lms
        self.base = base
        self._built: dict[tuple[Path, str], tuple[str, Path]] = {}
        self._lock = threading.Lock()

    def get(self, course: Path, standard: str) -> tuple[str, Path]:
        """(URL of the package folder on the test LMS, unpacked folder on disk)."""
        from scorm_builder.pack.pipeline import build

        key = (Path(course).resolve(), standard)
        with self._lock:
            if key not in self._built:
                out = self.base / f"{len(self._built)}-{standard}"
                built = build([key[0]], [standard], out / "zip")
                folder = out / "unpacked"
                with zipfile.ZipFile(built[0].path) as zf:
                    zf.extractall(folder)
                self._built[key] = (self.lms.mount(folder), folder)
            return self._built[key]


@pytest.fixture(scope="session")
def packages(lms: LmsServer, tmp_path_factory: pytest.TempPathFactory) -> Packages:
    return Packages(lms, tmp_path_factory.mktemp("packages"))


@pytest.fixture(scope="session")
def demo_course_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course `scorm-builder new demo` writes (templates/new-course/course.yaml)."""
    from scorm_builder.tools.scaffold import scaffold

    return scaffold("demo", tmp_path_factory.mktemp("new")).parent


@pytest.fixture(scope="session")
def every_kind_dir() -> Path:
    return EVERY_KIND
