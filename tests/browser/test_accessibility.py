"""Every page kind: zero axe-core violations, no horizontal scroll at 320 px, and a keyboard-only
path through a scenario, a dialogue and questions."""
from __future__ import annotations

import re
from typing import Any, Callable, Iterator

import pytest

from .harness import format_violations, open_course, run_axe
from .learner import CourseKey, Learner, exact
from .test_tracking import ACCEPTABLE, ALL_RIGHT, BEST, DLG_BEST, HALF

STANDARD = "scorm2004-4"  # the player's screens are the same in both standards


@pytest.fixture(scope="module")
def key(every_kind_dir) -> CourseKey:
    return CourseKey(every_kind_dir)


def tour(learner: Learner, visit: Callable[[str], None]) -> None:
    """Every kind of screen of the every-kind course, calling visit(name) on each."""
    visit("title")
    learner.start()
    visit("text page (callout, quote)")
    toggle = learner.button("Course outline")
    if toggle.is_visible():  # on a phone the outline folds away behind this button
        toggle.click()
        visit("course outline open")
        toggle.click()
    learner.next()
    visit("scenario (email)")
    learner.answer_scenario(ACCEPTABLE)
    visit("scenario feedback with try again")
    learner.next()
    visit("dialogue")
    learner.say(DLG_BEST)
    visit("dialogue ending with debrief and scores")
    learner.next()
    visit("assessment start")
    learner.click("Start assessment")
    names = {"q-first": "single-choice", "q-signals": "multiple-response", "q-script": "true-false",
             "q-match": "matching", "q-steps": "ordering"}
    for n, qid in enumerate(names):
        assert learner.current_question() == qid
        visit(f"question: {names[qid]}")
        learner.answer(qid, learner.key.correct(qid) if HALF[qid] else learner.key.wrong(qid))
        learner.click("Submit")
        visit(f"question feedback: {names[qid]}")
        learner.click("See results" if n == len(names) - 1 else "Next question")
    visit("results: not passed, retry")
    learner.click("Review answers")
    visit("review of answers")
    learner.click("Back to results")
    learner.click("Retry")
    learner.answer_attempt(ALL_RIGHT)
    visit("results: passed")
    learner.finish()
    visit("end screen")


def test_every_page_kind_has_no_axe_violations(page, lms, packages, every_kind_dir, key):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    found: dict[str, Any] = {}
    visited = []

    def visit(name: str) -> None:
        visited.append(name)
        violations = run_axe(run.content, lms)
        if violations:
            found[name] = format_violations(violations)

    tour(Learner(run.content, key), visit)
    assert len(visited) == 21
    assert found == {}, "\n".join(f"{name}:\n{text}" for name, text in found.items())


def test_demo_course_and_the_no_lms_note_have_no_axe_violations(fresh_page, lms, packages, demo_course_dir):
    """The demo course's chat scenario and phone dialogue, and the title screen without an LMS."""
    page = fresh_page
    url, _ = packages.get(demo_course_dir, "scorm12")
    run = open_course(page, lms, url, "scorm12")
    learner = Learner(run.content)
    found = {}
    learner.start()
    learner.next()
    found["chat scenario"] = run_axe(run.content, lms)
    learner.answer_scenario("I apologize for any inconvenience.")
    found["chat scenario feedback"] = run_axe(run.content, lms)
    learner.next()
    found["phone dialogue"] = run_axe(run.content, lms)
    learner.say("Refunds take up to ten working days.", "Yes, please wait a few more days.")
    found["dialogue poor ending"] = run_axe(run.content, lms)
    page.goto(url + "index.html")  # the package on its own: no LMS
    assert Learner(page).sees("Progress isn't being recorded")
    found["title without LMS"] = run_axe(page, lms)
    learner = Learner(page)
    learner.start()
    found["text page without LMS"] = run_axe(page, lms)
    bad = {name: format_violations(v) for name, v in found.items() if v}
    assert bad == {}, "\n".join(f"{name}:\n{text}" for name, text in bad.items())


OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push('page scrolls: ' + document.documentElement.scrollWidth + ' > ' + width);
    for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (r.width < 2 || r.height < 2 || style.visibility === 'hidden') continue;
        if (r.right > width + 1 || r.left < -1) {
            out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') +
                     ' spans ' + Math.round(r.left) + '..' + Math.round(r.right));
        }
    }
    return out.slice(0, 8);
}"""


@pytest.fixture
def phone(browser) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=1, is_mobile=True,
                              has_touch=True, reduced_motion="reduce")
    ctx.set_default_timeout(5000)
    yield ctx.new_page()
    ctx.close()


def test_a_320_px_phone_never_scrolls_sideways(phone, lms, packages, every_kind_dir, key):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(phone, lms, url, STANDARD)
    assert run.content.evaluate("document.documentElement.clientWidth") == 320
    found = {}

    def visit(name: str) -> None:
        problems = run.content.evaluate(OVERFLOW)
        if problems:
            found[name] = problems

    tour(Learner(run.content, key), visit)
    assert found == {}


def focused(content: Any) -> dict[str, Any]:
    """The focused element: its accessible name as a user hears it, and whether focus is visible."""
    return content.evaluate("""() => {
        const el = document.activeElement;
        if (!el || el === document.body) return {name: '', role: '', visible: false};
        const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
        const name = (el.getAttribute('aria-label') || label || el.textContent || '').trim();
        const s = getComputedStyle(el);
        const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
        return {name, role: el.getAttribute('role') || el.type || el.tagName.toLowerCase(), visible};
    }""")


def tab_to(page: Any, content: Any, name: str | re.Pattern[str], limit: int = 40) -> None:
    """Press Tab until the control with this name has the focus; its focus must be visible."""
    pattern = name if isinstance(name, re.Pattern) else exact(name)
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(content)
        seen.append(now["name"][:40])
        if pattern.search(now["name"]):
            assert now["visible"], f"focus on {now['name']!r} is not visible"
            return
    raise AssertionError(f"Tab never reached {name!r}; focus went through {seen}")


def arrow_to(page: Any, content: Any, name: str, limit: int = 10) -> None:
    """In a radio group, press ArrowDown until this option is focused, then make sure it is
    checked (Tab into a group focuses its first option without checking it)."""
    for _ in range(limit):
        if focused(content)["name"] == name:
            if not content.evaluate("document.activeElement.checked"):
                page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"ArrowDown never reached {name!r}")


def test_keyboard_only_through_a_scenario_a_dialogue_and_questions(page, lms, packages, every_kind_dir, key):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    c = run.content
    learner = Learner(c, key)
    tab_to(page, c, "Start")
    page.keyboard.press("Enter")
    tab_to(page, c, "Next")
    page.keyboard.press("Enter")
    # scenario: into the radio group, arrows to the best option, Submit with Space
    learner.wait_heading("The double charge")
    tab_to(page, c, re.compile(r"charged twice|order number|apologise", re.I))
    arrow_to(page, c, BEST)
    assert c.get_by_role("radio", name=BEST).is_checked()
    tab_to(page, c, "Submit")
    page.keyboard.press("Space")
    assert learner.sees("Best response")
    # dialogue: the choices are buttons
    tab_to(page, c, "Next")
    page.keyboard.press("Enter")
    learner.wait_heading("The outage call")
    tab_to(page, c, DLG_BEST)
    page.keyboard.press("Enter")
    assert learner.sees("Lee feels looked after")
    tab_to(page, c, "Next")
    page.keyboard.press("Enter")
    tab_to(page, c, "Start assessment")
    page.keyboard.press("Enter")
    # single choice by arrows
    assert learner.current_question() == "q-first"
    tab_to(page, c, re.compile("Explain the policy|Acknowledge how they feel|Transfer the call"))
    arrow_to(page, c, "Acknowledge how they feel")
    tab_to(page, c, "Submit")
    page.keyboard.press("Enter")
    assert learner.sees(re.compile(r"^Correct$"))
    tab_to(page, c, "Next question")
    page.keyboard.press("Enter")
    # multiple response: Space toggles checkboxes
    for choice in ("Repeating the same point", "Raising their voice"):
        tab_to(page, c, choice)
        page.keyboard.press("Space")
    tab_to(page, c, "Submit")
    page.keyboard.press("Enter")
    assert learner.sees(re.compile(r"^Correct$"))
    tab_to(page, c, "Next question")
    page.keyboard.press("Enter")
    tab_to(page, c, re.compile("^(True|False)$"))
    arrow_to(page, c, "False")
    tab_to(page, c, "Submit")
    page.keyboard.press("Enter")
    tab_to(page, c, "Next question")
    page.keyboard.press("Enter")
    # matching: each select by keyboard (typing the first letters picks the option)
    answer = key.correct("q-match")
    for left, right in answer.items():
        tab_to(page, c, re.compile(re.escape(left)))
        for _ in range(len(answer) + 1):
            if c.get_by_role("combobox", name=exact(left)).evaluate("s => s.options[s.selectedIndex].text") == right:
                break
            page.keyboard.press("ArrowDown")
        selected = c.get_by_role("combobox", name=exact(left)).evaluate("s => s.options[s.selectedIndex].text")
        assert selected == right
    tab_to(page, c, "Submit")
    page.keyboard.press("Enter")
    assert learner.sees(re.compile(r"^Correct$"))
    tab_to(page, c, "Next question")
    page.keyboard.press("Enter")
    # ordering: Enter on the move buttons, focus stays on the moved item
    target = key.correct("q-steps")
    for i, item in enumerate(target):
        while learner.order_on_screen(target).index(item) > i:
            tab_to(page, c, re.compile(rf"{re.escape(item)}.*\bup\b", re.I))
            page.keyboard.press("Enter")
    assert learner.order_on_screen(target) == target
    tab_to(page, c, "Submit")
    page.keyboard.press("Enter")
    assert learner.sees(re.compile(r"^Correct$"))
    tab_to(page, c, "See results")
    page.keyboard.press("Enter")
    assert learner.sees("Your score: 100%")
    tab_to(page, c, "Finish")
    page.keyboard.press("Enter")
    stored = run.terminated()
    assert (stored["completion_status"], stored["success_status"], stored["score"]["raw"]) == \
        ("completed", "passed", "100")


def test_the_leave_dialog_works_by_keyboard(page, lms, packages, every_kind_dir):
    """Exit before the end: the dialog opens on its safe choice, Tab and Shift+Tab move between its
    buttons, Stay gives the focus back to Exit, Leave now ends the session."""
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    c = run.content
    tab_to(page, c, "Start")
    page.keyboard.press("Enter")
    tab_to(page, c, "Exit")
    page.keyboard.press("Enter")
    assert focused(c) == {"name": "Stay in the course", "role": "button", "visible": True}
    page.keyboard.press("Tab")
    assert focused(c)["name"] == "Leave now"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert c.evaluate("document.querySelector('dialog') === null") and focused(c)["name"] == "Exit"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert Learner(c).heading() == "Your progress is saved"
    assert run.terminated()["exit"] == "suspend"
