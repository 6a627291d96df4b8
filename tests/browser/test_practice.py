"""Practice that counts, the way back, and the confidence check (issue 14, sections 4 and 5), in both standards,
with the exact CMI: the course score with weights, completion by a rule that needs practice, the remediation
link only after a poor choice, a choice routed by its score, and likert interactions before and after."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from repo import folder_course_data

from scorm_builder.render.suspend import worst_case

from .harness import check_interaction_formats, check_session, interactions, open_course, run_axe, status
from .learner import CourseKey, Learner
from .screens import OVERFLOW, new_page

STANDARDS = ("scorm12", "scorm2004-4")
PRACTICE = Path(__file__).resolve().parent / "fixtures" / "practice"
BEST = "Being declined at the till is embarrassing. I can unblock it now."
POOR = "Cards get blocked for your safety."
SHOCK = "That must have been a shock. It was blocked to stop a suspicious payment."
POLICY = "It is policy."
REVIEW = "Review: Why the feeling comes first"
WRONG = {"scorm12": "wrong", "scorm2004-4": "incorrect"}


@pytest.fixture(params=STANDARDS)
def standard(request) -> str:
    return request.param


def rate(learner: Learner, ratings: dict[str, int]) -> None:
    """Rate each principle on the confidence page on screen, then save."""
    for title, n in ratings.items():
        group = learner.c.get_by_role("group", name=title)
        group.get_by_role("radio").nth(n - 1).check()
    learner.click("Save my ratings")
    assert learner.sees("Your ratings are saved. Thank you.")


def likert(standard: str, moment: str, principle: str, rating: int) -> tuple:
    return (f"conf_{moment}_{principle}", "likert", (), str(rating), "neutral", "0")


def test_weighted_practice_counts_and_the_rule_needs_it(page, lms, packages, standard):
    url, _ = packages.get(PRACTICE, standard)
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content, CourseKey(PRACTICE))
    learner.start()
    rate(learner, {"Acknowledge the feeling first": 2, "Offer a concrete next step": 3})
    learner.next()
    learner.wait_heading("The blocked card")
    learner.answer_scenario(POOR)  # the first answer is the one that counts: poor, 0 %
    assert learner.button(REVIEW).is_visible()
    learner.click("Try again")
    learner.answer_scenario(BEST)
    assert learner.button(REVIEW).count() == 0  # only after the poor choice
    learner.next()  # the review page was opened to this learner by the poor choice: Next shows it
    learner.wait_heading("Why the feeling comes first")
    assert learner.c.get_by_role("button", name="Why the feeling comes first For review").is_visible()
    learner.next()
    learner.wait_heading("The fraud call")
    learner.say(SHOCK)  # rapport 2 after it: the route 'rapport >= 2' leads to the good ending
    learner.wait_heading("Ben is reassured")
    learner.next()
    learner.wait_heading("How confident are you now?")
    rate(learner, {"Acknowledge the feeling first": 4, "Offer a concrete next step": 3})
    assert learner.sees("Your change since the start")
    assert learner.sees("Acknowledge the feeling first: 2 → 4 (up 2)")
    assert learner.sees("Offer a concrete next step: 3 → 3 (no change)")
    assert run_axe(run.content, lms) == []
    learner.next()
    learner.take_assessment({"q-feeling": True, "q-policy": True})
    learner.finish()
    stored = run.terminated()
    held = run.cmi()
    check_session(run)
    check_interaction_formats(run, held)
    # (100 % x 2 questions + 0 % x 2 + 100 % x 1) / 5 = 60; passed: the assessment is, and the rule holds
    if standard == "scorm12":
        assert status(stored, standard) == {"lesson_status": "passed", "score": {"raw": "60", "min": "0", "max": "100"},
                                            "exit": "", "location": "assessment"}
    else:
        assert status(stored, standard) == {"completion_status": "completed", "success_status": "passed",
                                            "score": {"scaled": "0.6", "raw": "60", "min": "0", "max": "100"},
                                            "progress_measure": "1", "exit": "normal", "location": "assessment"}
    assert interactions(held, standard) == [
        likert(standard, "before", "acknowledge", 2), likert(standard, "before", "next-step", 3),
        ("scn_blocked-card", "choice", ("a",), "c", WRONG[standard], "1"),
        ("scn_blocked-card_a2", "choice", ("a",), "a", "correct", "1"),
        ("dlg_fraud-call_open", "choice", ("a",), "a", "correct", "1"),
        likert(standard, "after", "acknowledge", 4), likert(standard, "after", "next-step", 3),
        ("q_q-feeling", "true-false", ("t" if standard == "scorm12" else "true",), "t" if standard == "scorm12"
         else "true", "correct", "1"),
        ("q_q-policy", "true-false", ("f" if standard == "scorm12" else "false",), "f" if standard == "scorm12"
         else "false", "correct", "1")]


def test_the_way_back_shows_only_to_a_learner_who_needs_it(page, lms, packages, standard):
    url, _ = packages.get(PRACTICE, standard)
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content)
    learner.start()
    learner.next()
    learner.answer_scenario(BEST)
    assert learner.sees("Best response")
    assert learner.button(REVIEW).count() == 0
    learner.next()  # the remediation page is hidden from a learner who chose well
    learner.wait_heading("The fraud call")
    learner.say(POLICY)  # rapport -1: the route leads on to 'tense'
    learner.say("Policy is policy.")
    learner.wait_heading("Ben hangs up")
    learner.click(REVIEW)
    learner.wait_heading("Why the feeling comes first")
    learner.exit()
    stored = run.terminated()
    # the practice is answered but the assessment isn't: incomplete, and no score yet
    if standard == "scorm12":
        assert status(stored, standard) == {"lesson_status": "incomplete", "score": {"raw": "", "min": "", "max": "100"},
                                            "exit": "suspend", "location": "why-feelings"}
        assert run.player_state()["rv"] == {"why-feelings": True}
    else:
        assert status(stored, standard) == {"completion_status": "incomplete", "success_status": "unknown",
                                            "score": {"scaled": "", "raw": "", "min": "", "max": ""},
                                            "progress_measure": "0.6", "exit": "suspend", "location": "why-feelings"}


def test_at_320_px_the_confidence_page_and_the_review_link_fit_and_are_keyboard_operable(browser, lms, packages):
    url, _ = packages.get(PRACTICE, "scorm2004-4")
    page = new_page(browser, 320)
    run = open_course(page, lms, url, "scorm2004-4")
    learner = Learner(run.content)
    learner.start()
    assert run.content.evaluate(OVERFLOW) == []
    # the ratings by keyboard alone: Tab into each group, arrows to the rating, Tab on to Save, Enter
    first = run.content.get_by_role("group", name="Acknowledge the feeling first").get_by_role("radio").first
    first.focus()
    page.keyboard.press("ArrowDown")  # from 1 (focused, not chosen) to 2, chosen
    page.keyboard.press("Tab")  # into the next group, at its 1
    page.keyboard.press("ArrowDown")  # 2
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert learner.sees("Your ratings are saved. Thank you.")
    assert run.player_state()["cf"] == {"conf-start": "22"}
    assert run_axe(run.content, lms) == []
    learner.next()
    learner.answer_scenario(POOR)
    link = learner.button(REVIEW)
    link.focus()
    page.keyboard.press("Enter")
    learner.wait_heading("Why the feeling comes first")
    assert run.content.evaluate(OVERFLOW) == []
    assert run_axe(run.content, lms) == []
    page.context.close()


def test_the_real_player_writes_the_worst_case_practice_state_back_unchanged(browser, packages):
    """The suspend bound's state of this course (render/suspend.py), loaded by the real player without an LMS,
    comes back byte for byte: the practice records are in the format and order the player writes."""
    _, folder = packages.get(PRACTICE, "scorm12")
    data = folder_course_data(folder)
    estimate = worst_case(data)
    context = browser.new_context()
    try:
        page = context.new_page()
        key = json.dumps(f"scorm-builder:{data['course']['id']}")
        page.add_init_script(f"localStorage.setItem({key}, {json.dumps(estimate.text)});")
        page.goto((folder / "index.html").as_uri())
        page.wait_for_function("window.scormPlayer")
        assert page.evaluate("scormPlayer.suspendData()") == estimate.text
    finally:
        context.close()
