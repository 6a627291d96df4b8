"""Pages whose bodies are in a later lesson's file (course/lesson-NNN.js): loaded when the learner goes
there, from the outline or on resume, and shown whole."""
from __future__ import annotations

import sys

import pytest

from .conftest import REPO
from .harness import check_session, open_course, relaunch_cmi
from .learner import Learner

sys.path.insert(0, str(REPO / "bench"))
import bench_scale  # noqa: E402  (the launch bench's synthetic course: lessons of 10 pages)

SCRIPTS = "() => Array.from(document.scripts).map(s => s.getAttribute('src')).filter(Boolean)"


@pytest.fixture(scope="module")
def forty_pages(tmp_path_factory) -> object:
    """Four lessons of ten pages (a scenario every fifth), so lesson 4 is two files away from lesson 1."""
    return bench_scale.write_course(tmp_path_factory.mktemp("forty"), 40, "one-file")


def body_of(run, n: int) -> bool:
    """Page n's own text (from its lesson file) shows."""
    return Learner(run.content).sees(f"Customers remember how you made them feel (page {n}).")


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_a_page_of_a_later_lesson_file_shows_after_an_outline_jump_and_on_resume(page, lms, packages, forty_pages,
                                                                               standard):
    url, _ = packages.get(forty_pages, standard)
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content)
    learner.start()
    learner.wait_heading("Page 0 at Example Mobile")
    assert body_of(run, 0)
    # the first lesson's file and the one after it (asked for ahead): not lessons 3 and 4
    assert sorted(run.content.evaluate(SCRIPTS)) == ["course/lesson-001.js", "course/lesson-002.js", "player/player.js"]

    run.content.locator(".outline-list button").nth(3).click()  # lesson 4, from the outline
    learner.wait_heading("Page 30 at Example Mobile")
    assert body_of(run, 30)
    assert "course/lesson-004.js" in run.content.evaluate(SCRIPTS)
    assert run.content.locator(".page[aria-busy]").count() == 0
    learner.next()
    learner.wait_heading("Page 31 at Example Mobile")
    assert body_of(run, 31)
    learner.exit()
    stored = run.terminated()
    check_session(run)

    again = open_course(page, lms, url, standard, preload=relaunch_cmi(standard, stored))
    learner = Learner(again.content)
    learner.resume()
    learner.wait_heading("Page 31 at Example Mobile")
    assert body_of(again, 31)
    learner.next()
    learner.next()
    learner.next()
    learner.wait_heading("The late refund 34")  # a scenario of the same file: its options came with it
    assert learner.sees("A week is a long time to wait for your own money. Let me find out where it is right now.")
    assert again.api_errors() == []
