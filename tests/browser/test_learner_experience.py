"""What a learner sees, asserted exactly: answers in an order of their own (no tell by position),
feedback that can't be missed, the assessment as a mode with a confirmation before leaving early,
and progress that means something."""
from __future__ import annotations

import json
import math
import re
import shutil
from typing import Any

import pytest

from .conftest import REPO
from .harness import interactions, open_course, open_without_lms, relaunch_cmi, run_axe
from .learner import CourseKey, Learner
from .screens import build_served, course_data, learner_cmi, new_page
from .test_tracking import ACCEPTABLE, ALL_RIGHT, BEST, DLG_BEST

STANDARD = "scorm2004-4"
ESSENTIALS = REPO / "courses" / "empathy-essentials"
POOR = "We apologise for any inconvenience caused."

# the options of a scenario as shown, top to bottom
SHOWN = "() => Array.from(document.querySelectorAll('fieldset.choices .choice label')).map(l => l.textContent)"
# the dialogue choices as shown
SAID = "() => Array.from(document.querySelectorAll('.dlg-choices .choice-btn')).map(b => b.textContent)"


@pytest.fixture(scope="module")
def key(every_kind_dir) -> CourseKey:
    return CourseKey(every_kind_dir)


# -- 1. answers carry no tell --------------------------------------------------------------------
def first_option_run(browser, lms, url, learner_id: str) -> tuple[list[str], dict[str, Any]]:
    """A learner who always submits the first option shown, through every page to the assessment:
    (the first option's text on each scenario, what the LMS holds)."""
    page = new_page(browser, 1280)
    run = open_course(page, lms, url, STANDARD, preload=learner_cmi("scorm2004", learner_id))
    c, firsts = run.content, []
    Learner(c).start()
    while True:
        radios = c.locator("fieldset.choices input[type=radio]")
        if radios.count():
            firsts.append(c.evaluate(SHOWN)[0])
            radios.first.check()
            c.get_by_role("button", name="Submit").click()
        nxt = c.get_by_role("button", name=re.compile(r"^Next$"))
        if not nxt.is_visible():
            break
        nxt.click()
    cmi = run.cmi()
    page.context.close()
    return firsts, cmi


def test_always_choosing_the_first_option_scores_no_better_than_chance(browser, lms, tmp_path):
    url, folder = build_served(lms, tmp_path, ESSENTIALS, STANDARD)
    scenarios = [p for lesson in course_data(folder)["lessons"] for p in lesson["pages"] if p["kind"] == "scenario"]
    chance = [sum(o["verdict"] == "best" for o in p["options"]) / len(p["options"]) for p in scenarios if p["scored"]]
    learners = [f"learner-{n}" for n in range(1, 5)]
    best_picks, orders = 0, []
    for learner_id in learners:
        firsts, cmi = first_option_run(browser, lms, url, learner_id)
        rows = [r for r in interactions(cmi, STANDARD) if r[0].startswith("scn_")]
        assert len(rows) == len(chance) == 19  # the scored scenarios of empathy-essentials
        # the LMS gets the option's own key: the key of the text that was shown first
        keys = {o["text"]: o["key"] for p in scenarios for o in p["options"]}
        assert [r[3] for r in rows] == [keys[text] for text in firsts]
        best_picks += sum(r[4] == "correct" for r in rows)
        orders.append(firsts)
    expected = len(learners) * sum(chance)
    spread = math.sqrt(len(learners) * sum(p * (1 - p) for p in chance))
    print(f"\nfirst option best: {best_picks} of {len(learners) * len(chance)} (chance {expected:.1f} ± {spread:.1f})")
    assert best_picks <= expected + 2 * spread  # within two standard deviations of chance (always-first-is-best: 60)
    assert len({tuple(o) for o in orders}) == len(learners)  # each learner sees an order of their own


def test_each_learner_keeps_their_order_across_a_resume(page, lms, packages, every_kind_dir):
    url, _ = packages.get(every_kind_dir, STANDARD)
    first = open_course(page, lms, url, STANDARD)  # learner-1
    learner = Learner(first.content)
    learner.start()
    learner.next_until("The double charge")
    shown = first.content.evaluate(SHOWN)
    assert shown == [POOR, BEST, ACCEPTABLE]  # random.answerOrder("learner-1", "scn_double-charge")
    learner.next()
    said = first.content.evaluate(SAID)
    learner.exit()
    stored = first.terminated()
    second = open_course(page, lms, url, STANDARD, preload=relaunch_cmi(STANDARD, stored))
    learner = Learner(second.content)
    learner.resume()
    assert second.content.evaluate(SAID) == said
    learner.previous()
    assert second.content.evaluate(SHOWN) == shown
    other = open_course(page, lms, url, STANDARD, preload=learner_cmi("scorm2004", "learner-2"))
    Learner(other.content).start()
    Learner(other.content).next_until("The double charge")
    assert other.content.evaluate(SHOWN) == [BEST, ACCEPTABLE, POOR]  # another learner, another order


def test_without_an_lms_the_order_is_fixed(fresh_page, packages, every_kind_dir):
    _, folder = packages.get(every_kind_dir, STANDARD)
    run = open_without_lms(fresh_page, folder)
    learner = Learner(run.content)
    learner.start()
    learner.next()
    assert run.content.evaluate(SHOWN) == [BEST, POOR, ACCEPTABLE]  # answerOrder("", "scn_double-charge")


def rewritten(folder, out, change) -> Any:
    """A copy of an unpacked package whose course data `change(data)` rewrote: the player's side of
    a field before the build writes it."""
    shutil.copytree(folder, out)
    index, data = out / "index.html", course_data(out)
    change(data)
    text = index.read_text(encoding="utf-8")
    start = text.index('<script type="application/json" id="course-data">') + len('<script type="application/json" id="course-data">')
    end = text.index("</script>", start)
    index.write_text(text[:start] + json.dumps(data).replace("<", "\\u003c") + text[end:], encoding="utf-8")
    return out


def test_shuffle_false_keeps_the_course_order(page, lms, packages, every_kind_dir, tmp_path):
    """The player's side of `shuffle: false` (course data "shuffle": false on the scenario and on
    the dialogue), as the build writes it once the format has it."""
    _, folder = packages.get(every_kind_dir, STANDARD)

    def fixed(data: dict[str, Any]) -> None:
        data["lessons"][0]["pages"][1]["shuffle"] = data["lessons"][1]["pages"][0]["shuffle"] = False

    run = open_course(page, lms, lms.mount(rewritten(folder, tmp_path / "fixed", fixed)), STANDARD)
    learner = Learner(run.content)
    learner.start()
    learner.next()
    assert run.content.evaluate(SHOWN) == [BEST, ACCEPTABLE, POOR]
    learner.next()
    assert run.content.evaluate(SAID) == [DLG_BEST, "Have you tried restarting your router?"]


# -- 2. feedback you can't miss ------------------------------------------------------------------
IN_VIEW = """() => {
    const el = document.activeElement, r = el.getBoundingClientRect(), foot = document.querySelector('footer.foot');
    const footTop = foot && getComputedStyle(foot).display !== 'none' ? foot.getBoundingClientRect().top : innerHeight;
    const hit = document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2);
    return {tag: el.tagName.toLowerCase(), cls: el.className, text: el.textContent.trim(),
            inside: r.top >= 0 && r.bottom <= Math.min(innerHeight, footTop), covered: !(hit && el.contains(hit))};
}"""


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_after_submit_the_feedback_is_in_view_and_holds_the_focus(browser, lms, packages, every_kind_dir, key, width):
    url, _ = packages.get(every_kind_dir, STANDARD)
    page = new_page(browser, width)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content, key)
    learner.start()
    learner.next()
    learner.answer_scenario(ACCEPTABLE)
    assert run.content.evaluate(IN_VIEW) == {"tag": "h3", "cls": "verdict", "text": "◐Acceptable response",
                                             "inside": True, "covered": False}
    page.keyboard.press("Tab")  # on to Try again: the footer doesn't cover it either
    assert run.content.evaluate(IN_VIEW) == {"tag": "button", "cls": "btn", "text": "Try again", "inside": True,
                                             "covered": False}
    learner.next_until("Check your understanding")
    learner.click("Start assessment")
    learner.answer("q-first", key.wrong("q-first"))
    learner.click("Submit")
    assert run.content.evaluate(IN_VIEW) == {"tag": "h3", "cls": "verdict", "text": "✗Incorrect", "inside": True,
                                             "covered": False}
    page.context.close()


VERDICT_BOX = """() => {
    const box = document.querySelector('.feedback.show'), s = getComputedStyle(box);
    const icon = box.querySelector('.v-icon'), mark = document.querySelector('.marked .c-mark');
    return {background: s.backgroundColor, edge: s.borderLeftColor, icon: icon ? icon.textContent : null,
            iconHidden: icon ? icon.getAttribute('aria-hidden') : null,
            heading: box.querySelector('.verdict') ? box.querySelector('.verdict').textContent : box.textContent.trim(),
            marked: mark ? [mark.parentElement.querySelector('label') ? mark.parentElement.querySelector('label').textContent
                            : mark.parentElement.textContent, mark.textContent] : null};
}"""


def test_verdict_boxes_differ_in_colour_and_carry_an_icon(page, lms, packages, every_kind_dir, key):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    learner, boxes = Learner(run.content, key), {}
    learner.start()
    learner.next()
    learner.click("Submit")  # nothing chosen: the plain hint box
    boxes["hint"] = run.content.evaluate(VERDICT_BOX)
    for name, text in (("acceptable", ACCEPTABLE), ("poor", POOR), ("best", BEST)):
        learner.answer_scenario(text)
        boxes[name] = run.content.evaluate(VERDICT_BOX)
        if name != "best":
            learner.click("Try again")
    learner.next_until("Check your understanding")
    learner.click("Start assessment")
    learner.answer("q-first", key.correct("q-first"))
    learner.click("Submit")
    boxes["correct"] = run.content.evaluate(VERDICT_BOX)
    learner.click("Next question")
    learner.answer("q-signals", key.wrong("q-signals"))
    learner.click("Submit")
    boxes["incorrect"] = run.content.evaluate(VERDICT_BOX)
    # the right answer shown after a wrong one, and on the choices: ✓ on each right one, ✗ on the wrong pick
    assert run.content.evaluate("() => Array.from(document.querySelectorAll('.reveal li')).map(l => l.textContent)") == \
        ["Repeating the same point", "Raising their voice"]
    assert run.content.evaluate("""() => Array.from(document.querySelectorAll('.choice')).map(c =>
        [c.querySelector('label').textContent, c.querySelector('.c-mark') ? c.querySelector('.c-mark').textContent : ''])""") == [
        ["Repeating the same point", "✓"], ["Thanking you", "✗"], ["Raising their voice", "✓"],
        ["Asking a follow-up question", ""]]

    assert {k: (b["heading"], b["icon"], b["iconHidden"], b["marked"]) for k, b in boxes.items()} == {
        "hint": ("Choose an answer first.", None, None, None),
        "acceptable": ("◐Acceptable response", "◐", "true", [ACCEPTABLE, "◐"]),
        "poor": ("✗Poor response", "✗", "true", [POOR, "✗"]),
        "best": ("✓Best response", "✓", "true", [BEST, "✓"]),
        "correct": ("✓Correct", "✓", "true", ["Acknowledge how they feel", "✓"]),
        "incorrect": ("✗Incorrect", "✗", "true", ["Repeating the same point", "✓"]),
    }
    colours = {k: b["background"] for k, b in boxes.items()}
    assert len({colours[k] for k in ("hint", "acceptable", "poor", "best")}) == 4
    assert len({colours["hint"], colours["correct"], colours["incorrect"]}) == 3
    assert colours == {"hint": "rgb(244, 246, 249)", "acceptable": "rgb(253, 241, 216)", "poor": "rgb(251, 230, 232)",
                       "best": "rgb(227, 245, 234)", "correct": "rgb(227, 245, 234)", "incorrect": "rgb(251, 230, 232)"}
    assert {k: b["edge"] for k, b in boxes.items() if k != "hint"} == {
        "acceptable": "rgb(122, 75, 0)", "poor": "rgb(161, 29, 43)", "best": "rgb(22, 101, 58)",
        "correct": "rgb(22, 101, 58)", "incorrect": "rgb(161, 29, 43)"}


# -- 3. the assessment is a mode -----------------------------------------------------------------
FOOTER = """() => Array.from(document.querySelectorAll('footer.foot button'))
    .filter(b => b.offsetParent !== null).map(b => b.textContent)"""


def test_no_finish_or_previous_during_an_attempt(page, lms, packages, every_kind_dir, key):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content, key)
    learner.start()
    assert run.content.evaluate(FOOTER) == ["Previous", "Next"]
    learner.next_until("Check your understanding")
    assert run.content.evaluate(FOOTER) == ["Previous", "Finish"]
    learner.click("Start assessment")
    for n in range(len(ALL_RIGHT)):
        assert run.content.evaluate(FOOTER) == []
        learner.answer_current(ALL_RIGHT)
        assert run.content.evaluate(FOOTER) == []
        assert run.content.evaluate("getComputedStyle(document.querySelector('footer.foot')).display") == "none"
        learner.click("See results" if n == len(ALL_RIGHT) - 1 else "Next question")
    assert learner.sees("Your score: 100%")
    assert run.content.evaluate(FOOTER) == ["Previous", "Finish"]


DIALOG = """() => { const d = document.querySelector('dialog[open]');
    return d ? {name: document.getElementById(d.getAttribute('aria-labelledby')).textContent,
                lines: Array.from(d.querySelectorAll('p, li')).map(e => e.textContent),
                buttons: Array.from(d.querySelectorAll('button')).map(b => b.textContent),
                focus: document.activeElement.textContent} : null; }"""
KEPT = ("Your progress is kept: the pages you viewed, your answers and your place. Next time you open the course, "
        "you continue from here.")


def test_confirmation_before_an_early_exit(page, lms, packages, every_kind_dir, key):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content, key)
    learner.start()
    learner.click("Exit")
    assert run.content.evaluate(DIALOG) == {
        "name": "Leave the course?",
        "lines": ["The course isn't complete yet:", "2 pages not viewed yet", "the assessment, not passed yet", KEPT],
        "buttons": ["Stay in the course", "Leave now"], "focus": "Stay in the course"}
    page.keyboard.press("Escape")
    assert run.content.evaluate(DIALOG) is None
    assert run.content.evaluate("document.activeElement.textContent") == "Exit"
    learner.next_until("Check your understanding")
    learner.click("Start assessment")
    learner.click("Exit")
    assert run.content.evaluate(DIALOG)["lines"] == [
        "The course isn't complete yet:", "the assessment, not passed yet", KEPT,
        "Your answers in this attempt are kept too: you will continue with the question you were on."]
    learner.click("Stay in the course")
    assert run.content.evaluate(DIALOG) is None and learner.sees("Question 1 of 5")
    assert "Terminate" not in run.methods()
    learner.click("Exit")
    learner.click("Leave now")
    assert learner.heading() == "Your progress is saved"
    stored = run.terminated()
    assert (stored["exit"], stored["completion_status"]) == ("suspend", "incomplete")


def test_finish_before_the_course_is_complete_asks_too_and_a_complete_one_does_not(page, lms, packages, every_kind_dir,
                                                                                  key):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("Check your understanding")
    learner.click("Finish")
    assert run.content.evaluate(DIALOG) == {
        "name": "Finish before the course is complete?",
        "lines": ["The course isn't complete yet:", "the assessment, not passed yet", KEPT],
        "buttons": ["Stay in the course", "Leave now"], "focus": "Stay in the course"}
    learner.click("Stay in the course")
    learner.take_assessment(ALL_RIGHT)
    learner.click("Finish")  # complete: no question
    assert learner.heading() == "Course complete"


# -- 5. progress that means something ------------------------------------------------------------
OUTLINE = """() => Array.from(document.querySelectorAll('.outline-list li')).map(li =>
    [li.querySelector('.ol-title').textContent, li.querySelector('.ol-sub').textContent, li.classList.contains('done')])"""
PERCENT = """() => [document.querySelector('.percent').textContent,
    document.querySelector('[role=progressbar]').getAttribute('aria-valuenow')]"""


def test_a_percentage_beside_the_bar_and_a_lesson_done_only_when_its_activities_are(page, lms, packages, every_kind_dir):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content)
    learner.start()
    assert run.content.evaluate(PERCENT) == ["25%", "25"]
    learner.next()
    assert run.content.evaluate(OUTLINE)[0] == ["Basics", "Pages viewed: 2 of 2 · 1 activity to finish", False]
    learner.answer_scenario(ACCEPTABLE)
    assert run.content.evaluate(OUTLINE)[0] == ["Basics", "Done · Pages viewed: 2 of 2", True]
    learner.next()
    assert run.content.evaluate(PERCENT) == ["75%", "75"]
    assert run.content.evaluate(OUTLINE)[1] == ["Practice", "Pages viewed: 1 of 1 · 1 activity to finish", False]
    learner.say("Have you tried restarting your router?")
    assert run.content.evaluate(OUTLINE)[1] == ["Practice", "Pages viewed: 1 of 1 · 1 activity to finish", False]
    learner.say("Sorry, that was the wrong first question. I am checking the line from here.")
    assert run.content.evaluate(OUTLINE)[1] == ["Practice", "Done · Pages viewed: 1 of 1", True]
    learner.click("Replay")  # a new play-through after an ending: the lesson stays done
    assert run.content.evaluate(OUTLINE)[1] == ["Practice", "Done · Pages viewed: 1 of 1", True]


def test_french_typography_and_plurals(page, lms, tmp_path, every_kind_dir):
    folder = tmp_path / "fr"
    shutil.copytree(every_kind_dir, folder)
    course = folder / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("language: en", "language: fr")
                      .replace("duration_minutes: 5", "duration_minutes: 1"), encoding="utf-8")
    url, _ = build_served(lms, tmp_path / "out", folder, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    meta = run.content.evaluate("() => Array.from(document.querySelectorAll('.meta li')).map(l => l.textContent)")
    assert meta == ["Environ 1 minute", "2 leçons", "Évaluation à la fin"]
    Learner(run.content).click("Commencer")
    assert run.content.evaluate(PERCENT) == ["25\u00a0%", "25"]
    Learner(run.content).click("Suivant")
    assert run.content.evaluate("document.querySelector('.context strong').textContent") == "Contexte\u00a0:"
    assert run.content.evaluate(OUTLINE)[0] == ["Basics", "Pages vues\u00a0: 2 sur 2 · 1 activité à terminer", False]


# -- 8. failing is not a dead end ----------------------------------------------------------------
REVIEW = """() => Array.from(document.querySelectorAll('.rv-item')).filter(li => li.offsetParent !== null).map(li => [
    li.querySelector('.verdict').textContent, Array.from(li.querySelectorAll('.rv-label')).map(l => l.textContent),
    Array.from(li.querySelectorAll('ol, ul')).map(list => list.tagName.toLowerCase())])"""


def test_the_review_marks_each_answer_and_can_show_the_incorrect_ones_only(page, lms, packages, every_kind_dir, key):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("Check your understanding")
    learner.take_assessment({**ALL_RIGHT, "q-match": False, "q-steps": False})
    learner.click("Review answers")
    right, wrong = ["Your answer, the right one"], ["Your answer", "Correct answer"]
    assert run.content.evaluate(REVIEW) == [
        ["✓ Correct", right, ["ul"]], ["✓ Correct", right, ["ul"]], ["✓ Correct", right, ["ul"]],
        ["✗ Incorrect", wrong, ["ul", "ul"]], ["✗ Incorrect", wrong, ["ol", "ol"]]]  # ordering answers numbered
    run.content.get_by_label("Show incorrect answers only").check()
    assert [row[0] for row in run.content.evaluate(REVIEW)] == ["✗ Incorrect", "✗ Incorrect"]
    learner.click("Back to results")
    learner.click("Retry")
    learner.answer_attempt({q: False for q in ALL_RIGHT})
    assert run.content.evaluate("document.querySelector('.notice').innerText") == (
        "No attempts left.\n\nYour best score is recorded. If you need another attempt, ask the people who run your training.")


MISSED = """() => { const box = document.querySelector('.missed');
    return box ? [box.querySelector('h3').textContent].concat(Array.from(box.querySelectorAll('li')).map(li =>
        li.querySelector('.pr-title').textContent + ' | ' + (li.querySelector('button') ? li.querySelector('button').textContent : '')))
        : null; }"""


def test_results_list_the_principles_behind_missed_questions_with_the_way_to_their_lessons(page, lms, packages,
                                                                                          every_kind_dir, key, tmp_path):
    """Course data "principle" on a question ({id, title}, and optionally the lesson id that teaches
    it; without one, the lesson of the first scenario with that principle)."""
    _, folder = packages.get(every_kind_dir, STANDARD)
    acknowledge = {"id": "acknowledge", "title": "Acknowledge the feeling first"}

    def principled(data: dict[str, Any]) -> None:
        questions = {q["id"]: q for q in data["assessment"]["questions"]}
        questions["q-first"]["principle"] = questions["q-signals"]["principle"] = acknowledge
        questions["q-steps"]["principle"] = {"id": "ownership", "title": "Own the next step", "lesson": "practice"}
        questions["q-script"]["principle"] = {"id": "scripts", "title": "Scripts sound hollow"}  # answered right

    run = open_course(page, lms, lms.mount(rewritten(folder, tmp_path / "principled", principled)), STANDARD)
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("Check your understanding")
    learner.take_assessment({**ALL_RIGHT, "q-first": False, "q-signals": False, "q-steps": False})
    missed = run.content.evaluate(MISSED)
    assert missed == ["What to look at again", "Acknowledge the feeling first | Go to the lesson Basics",
                      "Own the next step | Go to the lesson Practice"]
    assert run_axe(run.content, lms) == []
    learner.click("Go to the lesson Practice")
    assert learner.heading(2) == "The outage call"
    learner.next()
    assert run.content.evaluate(MISSED) == missed  # the results again, as they were
    learner.click("Retry")
    learner.answer_attempt(ALL_RIGHT)
    assert run.content.evaluate(MISSED) is None  # nothing missed, nothing listed

