"""Calibration pages (issue 13, section 4): the learner scores a transcript against the course's rubric,
then compares with the expert, criterion by criterion. Each scoring is one performance interaction
with the exact CMI below, in both standards; the page is axe-clean before and after, fits 320 px, and
works with the keyboard alone."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from .harness import check_interaction_formats, check_session, format_violations, interactions, open_course, run_axe
from .learner import Learner, exact
from .screens import OVERFLOW, new_page
from .test_accessibility import arrow_to, tab_to

COURSE = Path(__file__).resolve().parents[1] / "fixtures" / "calibration"
LATE, CARD = "Calibrate: the late apology", "Calibrate: the declined card"
TIMING = ["0: Never, or only at the close", "1: Later in the contact", "2: In the next turn after the cue"]
WORDS = ["0: A stock phrase only, or no words for the cue", "1: Partly personal", "2: Personal and specific"]
ACTION = ["0: No action that meets the need", "1: A vague next step", "2: A concrete step with a time or an owner"]
# what the comparison says, row by row
ROWS = "() => Array.from(document.querySelectorAll('.calib-rows li')).map(li => [li.className, li.querySelector('.calib-row').textContent])"


def _score(c, *labels: str) -> None:
    for label in labels:
        c.get_by_role("radio", name=exact(label)).check()
    c.get_by_role("button", name=exact("Compare with the expert")).click()


def _rows(std: str) -> list[tuple]:
    if std == "scorm12":
        return [("cal_late-sorry", "performance", ("timing.0,words.2,action.2",), "timing.0,words.2,action.1", "wrong", "1"),
                ("cal_late-sorry_a2", "performance", ("timing.0,words.2,action.2",), "timing.0,words.2,action.2", "correct", "1"),
                ("cal_chat-card", "performance", ("timing.1:2,words.0:2,action.1:2",), "timing.1,words.2,action.2", "correct", "1")]
    return [("cal_late-sorry", "performance", ("timing[.]0[,]words[.]2[,]action[.]2",), "timing[.]0[,]words[.]2[,]action[.]1",
             "incorrect", "1"),
            ("cal_late-sorry_a2", "performance", ("timing[.]0[,]words[.]2[,]action[.]2",), "timing[.]0[,]words[.]2[,]action[.]2",
             "correct", "1"),
            ("cal_chat-card", "performance", ("timing[.]1[:]2[,]words[.]0[:]2[,]action[.]1[:]2",),
             "timing[.]1[,]words[.]2[,]action[.]2", "correct", "1")]


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_scoring_against_the_expert_reports_one_performance_interaction_per_scoring(page, lms, packages, standard):
    url, _ = packages.get(COURSE, standard)
    run = open_course(page, lms, url, standard)
    c, learner = run.content, Learner(run.content)
    learner.start()
    learner.next_until(LATE)
    assert c.evaluate("() => Array.from(document.querySelectorAll('.calib-convo .bubble')).map(b => "
                      "[b.classList.contains('me'), b.querySelector('.who').textContent])") == [
        [False, "Mr Brennan"], [True, "Sita"], [False, "Mr Brennan"], [True, "Sita"]]
    _score(c, TIMING[0], WORDS[2], ACTION[1])
    learner.wait_heading("Not calibrated yet")
    assert c.evaluate(ROWS) == [["verdict-correct", "✓Timing you 0, the expert 0: the same score"],
                                ["verdict-correct", "✓Words you 2, the expert 2: the same score"],
                                ["verdict-incorrect", "✗Action you 1, the expert 2: 1 point apart"]]
    assert learner.sees("A refund today and a block on add-ons.")
    assert learner.sees("You gave the expert's score on 2 of 3 criteria.")
    assert c.evaluate("document.activeElement.textContent") == "✗Not calibrated yet"
    learner.click("Score again")
    _score(c, TIMING[0], WORDS[2], ACTION[2])
    learner.wait_heading("Calibrated")
    assert c.get_by_role("button", name="Score again").count() == 0
    learner.next_until(CARD)
    _score(c, TIMING[1], WORDS[2], ACTION[2])  # within 1 of the expert's 2, 1 and 2
    learner.wait_heading("Calibrated")
    assert learner.sees("You are within 1 point of the expert on 3 of 3 criteria.")
    learner.exit()
    run.terminated()
    held = run.cmi()
    assert interactions(held, standard) == _rows(standard)
    check_interaction_formats(run, held)
    check_session(run)


def test_a_scored_calibration_is_kept_across_a_relaunch(page, lms, packages):
    url, _ = packages.get(COURSE, "scorm2004-4")
    run = open_course(page, lms, url, "scorm2004-4")
    learner = Learner(run.content)
    learner.start()
    learner.next_until(LATE)
    _score(run.content, TIMING[0], WORDS[2], ACTION[2])
    learner.wait_heading("Calibrated")
    assert run.player_state()["cb"] == {"1": [1, "022"]}


@pytest.mark.parametrize("width", [320, 1280])
def test_the_page_is_axe_clean_and_fits_the_screen_before_and_after_scoring(browser, lms, packages, width):
    url, _ = packages.get(COURSE, "scorm2004-4")
    page = new_page(browser, width)
    try:
        run = open_course(page, lms, url, "scorm2004-4")
        c, learner = run.content, Learner(run.content)
        learner.start()
        for title in (LATE, CARD):
            learner.next_until(title)
            assert run_axe(c, lms) == [], format_violations(run_axe(c, lms))
            assert c.evaluate(OVERFLOW) == []
            _score(c, TIMING[2], WORDS[0], ACTION[0])
            learner.wait_heading("Not calibrated yet")
            violations = run_axe(c, lms)
            assert violations == [], format_violations(violations)
            assert c.evaluate(OVERFLOW) == []
    finally:
        page.context.close()


def test_keyboard_only_scoring(page, lms, packages):
    url, _ = packages.get(COURSE, "scorm12")
    run = open_course(page, lms, url, "scorm12")
    c, learner = run.content, Learner(run.content)
    learner.start()
    learner.next_until(LATE)
    for group in (TIMING, WORDS, ACTION):
        tab_to(page, c, re.compile("^" + re.escape(group[0]) + "$"))
        arrow_to(page, c, group[0 if group is TIMING else 2])
    tab_to(page, c, "Compare with the expert")
    page.keyboard.press("Enter")
    learner.wait_heading("Calibrated")
    assert c.evaluate("document.activeElement.textContent") == "✓Calibrated"
