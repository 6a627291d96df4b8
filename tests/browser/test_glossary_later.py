"""The glossary on text a view adds after the page is drawn (glossary.js): a scenario's feedback shown after
Submit and an assessment question's feedback are marked for the terms not yet used on the page, once each."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .harness import first_launch_cmi, open_course
from .learner import CourseKey, Learner
from .screens import build_served, new_page

COURSE = """id: glossary-later
title: Terms drawn later
glossary:
  - term: sympathy
    definition: Feeling sorry for the customer from the outside.
  - term: emotional clue
    also: [emotional clues]
    definition: A sign of how the customer feels.
lessons:
  - id: reading
    title: Reading
    pages:
      - type: scenario
        id: late-parcel
        title: A late parcel
        channel: chat
        shuffle: false
        customer:
          name: Priya
          says: The parcel was meant for my son's birthday, and it never came.
        prompt: What do you answer first?
        options:
          - text: Missing his birthday is hard. I will send a new one today.
            verdict: best
            feedback: You heard the emotional clue in "birthday". Emotional clues like it are worth naming; sympathy alone would not fix it.
          - text: Parcels are sometimes late.
            verdict: poor
            feedback: That misses the emotional clue.
assessment:
  pass_mark: 50
  shuffle_questions: false
  feedback: immediate
  questions:
    - type: true-false
      id: q-one
      text: Feeling sorry is the same as empathy.
      answer: false
      feedback:
        correct: Right. Sympathy stays outside; empathy steps in.
        incorrect: Not quite. Sympathy stays outside; empathy steps in.
"""
TERMS = "els => els.map(e => e.textContent)"


@pytest.fixture(scope="module")
def served(lms: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("glossary-later")
    course = folder / "course"
    course.mkdir()
    (course / "course.yaml").write_text(COURSE, encoding="utf-8")
    url, _ = build_served(lms, folder, course, "scorm2004-4")
    return url, course


def test_feedback_drawn_after_submit_is_marked_for_terms_not_yet_used(browser, lms, served):
    url, folder = served
    page = new_page(browser, 1280)
    run = open_course(page, lms, url, "scorm2004-4", preload=first_launch_cmi("scorm2004"))
    c = run.content
    learner = Learner(c, CourseKey(folder))
    learner.start()
    learner.wait_heading("A late parcel")
    assert c.locator(".page button.term").count() == 0  # no term on the page yet
    learner.answer_scenario("Missing his birthday is hard. I will send a new one today.")
    assert learner.sees("You heard the emotional clue")
    # each term once: "Emotional clues like it" and later uses stay text
    assert c.locator(".page button.term").evaluate_all(TERMS) == ["emotional clue", "sympathy"]
    term = c.locator(".page button.term").first
    term.focus()
    page.keyboard.press("Enter")
    definition = c.locator("#" + term.get_attribute("aria-controls"))
    assert definition.text_content() == "emotional clue means: A sign of how the customer feels."
    hint = c.evaluate("id => document.getElementById(id).textContent", term.get_attribute("aria-describedby"))
    assert hint == "Glossary term: press to show or hide its definition"
    learner.next()
    learner.click(learner.w["start_assessment"])
    learner.answer_current({"q-one": True})
    assert learner.sees("stays outside; empathy steps in.")
    assert c.locator(".page button.term").evaluate_all(TERMS) == ["Sympathy"]
    page.context.close()
