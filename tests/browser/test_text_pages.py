"""Text pages and linear navigation, asserted exactly in light and dark schemes: where an image goes (above,
beside at 1280 and stacked at 375, full width; no overflow at 320), the statistic call-out's accessible text,
axe-core, and `navigation: linear` (Next held with its reason, later lessons locked in the outline, the
keyboard flow from answering to the next lesson)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .harness import format_violations, open_course, run_axe
from .learner import Learner
from .screens import OVERFLOW, build_served, new_page

STANDARD = "scorm2004-4"
FIGURE = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 400" width="600" height="400">'
          '<rect width="600" height="400" fill="#dbe8f5"/><circle cx="300" cy="200" r="120" fill="#1f4fd1"/></svg>\n')
BODY = "Customers reach us more anxious than they used to be, and they remember how they felt. " * 4
COURSE = f"""id: text-pages
title: Text pages
navigation: linear
lessons:
  - id: reading
    title: Reading
    pages:
      - type: text
        id: beside-page
        title: Beside
        body: "{BODY}"
        image: {{src: assets/figure.svg, alt: A blue circle on a pale square, placement: beside}}
        stats:
          - figure: "59 %"
            caption: of consumers felt companies had lost the human element
            source: PwC, 2018
          - figure: "8 %"
            caption: of customers say companies exceed their expectations
            source: McKinsey
      - type: text
        id: above-page
        title: Above
        body: "{BODY}"
        image: {{src: assets/figure.svg, alt: A blue circle, placement: above, caption: The circle}}
      - type: text
        id: full-page
        title: Full
        body: "{BODY}"
        image: {{src: assets/figure.svg, decorative: true, placement: full}}
      - type: scenario
        id: check
        title: A quick check
        channel: chat
        customer: {{says: My parcel is a week late and I need it for Friday.}}
        prompt: What do you write first?
        options:
          - {{text: "A week late with Friday close: I am checking where it is now.", verdict: best,
              feedback: It names the deadline and acts.}}
          - {{text: "Please send me your order number and I will look into it.", verdict: poor,
              feedback: It asks before it shows it heard the deadline.}}
  - id: practice
    title: Practice
    pages:
      - type: text
        id: after
        title: After the check
        body: The second lesson.
"""
STATS_SNAPSHOT = """- list:
  - listitem:
    - paragraph: 59 % of consumers felt companies had lost the human element
    - paragraph: "Source: PwC, 2018"
  - listitem:
    - paragraph: 8 % of customers say companies exceed their expectations
    - paragraph: "Source: McKinsey\""""
# the boxes of the page's parts, rounded: prose, figure and the page itself
BOXES = """() => {
    const box = (sel) => { const e = document.querySelector(sel); if (!e) return null;
        const r = e.getBoundingClientRect(); return {left: Math.round(r.left), right: Math.round(r.right),
        top: Math.round(r.top), bottom: Math.round(r.bottom), width: Math.round(r.width)}; };
    return {prose: box('.page .prose'), figure: box('.page .figure'), img: box('.page .figure img'),
            page: box('.page')};
}"""
OUTLINE = """() => Array.from(document.querySelectorAll('.outline-list li')).map(li => ({
    locked: li.classList.contains('locked'), button: !!li.querySelector('button'),
    text: li.querySelector('.ol-sub').textContent}))"""


@pytest.fixture(scope="module")
def served(lms, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("text-pages")
    course = folder / "course"
    (course / "assets").mkdir(parents=True)
    (course / "assets" / "figure.svg").write_text(FIGURE, encoding="utf-8")
    (course / "course.yaml").write_text(COURSE, encoding="utf-8")
    url, _ = build_served(lms, folder, course, STANDARD)
    return url


def launch(browser: Any, lms: Any, url: str, width: int, scheme: str = "light") -> tuple[Any, Learner]:
    page = new_page(browser, width, scheme=scheme)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content)
    learner.start()
    learner.wait_heading("Beside")
    return run.content, learner


def boxes(content: Any) -> dict[str, Any]:
    content.locator(".page .figure img").evaluate("img => img.decode()")
    return content.evaluate(BOXES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_beside_is_beside_at_1280_and_stacked_at_375(browser, lms, served, scheme):
    wide, _ = launch(browser, lms, served, 1280, scheme)
    b = boxes(wide)
    assert b["figure"]["left"] >= b["prose"]["right"] + 20  # the grid's gap: the figure is to the right
    assert (b["figure"]["top"], b["figure"]["right"] <= b["page"]["right"]) == (b["prose"]["top"] + 4, True)
    wide.page.context.close()
    phone, _ = launch(browser, lms, served, 375, scheme)
    b = boxes(phone)
    assert b["figure"]["top"] >= b["prose"]["bottom"]  # below the text
    assert (b["figure"]["left"], b["figure"]["width"]) == (b["prose"]["left"], b["prose"]["width"])
    assert phone.evaluate(OVERFLOW) == []
    phone.page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_above_and_full_placements_and_no_overflow_at_320(browser, lms, served, scheme):
    content, learner = launch(browser, lms, served, 1280, scheme)
    learner.next()
    learner.wait_heading("Above")
    b = boxes(content)
    assert b["figure"]["bottom"] <= b["prose"]["top"]
    assert content.locator(".page figcaption").text_content() == "The circle"
    learner.next()
    learner.wait_heading("Full")
    b = boxes(content)
    assert (b["figure"]["bottom"] <= b["prose"]["top"], b["img"]["width"]) == (True, b["page"]["width"])
    assert content.locator(".page .figure img").get_attribute("alt") == ""  # decorative: skipped by readers
    content.page.context.close()
    narrow, learner = launch(browser, lms, served, 320, scheme)
    for title in ("Above", "Full", None):
        assert narrow.evaluate(OVERFLOW) == []
        if title:
            learner.next()
            learner.wait_heading(title)
    narrow.page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_statistic_reads_as_one_sentence_with_its_source_cited(browser, lms, served, scheme):
    content, _ = launch(browser, lms, served, 1280, scheme)
    assert content.locator(".stats").aria_snapshot() == STATS_SNAPSHOT
    assert content.locator(".stat-source cite").all_text_contents() == ["PwC, 2018", "McKinsey"]
    colours = content.evaluate("""() => { const f = getComputedStyle(document.querySelector('.stat-figure'));
        const s = getComputedStyle(document.querySelector('.stat')); return [f.color, s.borderTopColor]; }""")
    assert colours == (["rgb(31, 79, 209)"] * 2 if scheme == "light" else ["rgb(143, 176, 255)"] * 2)
    violations = run_axe(content, lms)
    assert violations == [], format_violations(violations)
    content.page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_linear_navigation_holds_next_until_answered_and_locks_later_lessons(browser, lms, served, scheme):
    content, learner = launch(browser, lms, served, 1280, scheme)
    nxt = learner.button("Next")
    assert (nxt.is_enabled(), content.locator(".next-why").is_hidden()) == (True, True)  # a text page: viewed
    assert content.evaluate(OUTLINE) == [
        {"locked": False, "button": True, "text": "Pages viewed: 1 of 4 · 1 activity to finish"},
        {"locked": True, "button": False, "text": "Locked until lesson 1 is done"}]
    for title in ("Above", "Full", "A quick check"):
        learner.next()
        learner.wait_heading(title)
    why = content.locator(".next-why")
    assert (nxt.is_disabled(), why.text_content(), nxt.get_attribute("aria-describedby")) == (
        True, "Answer the scenario to go on.", why.get_attribute("id"))
    assert content.locator(".outline-list li.locked .ol-item").evaluate("e => e.tabIndex") == -1
    violations = run_axe(content, lms)
    assert violations == [], format_violations(violations)
    # by keyboard: the first option, Submit, then Next is the way on
    content.locator("fieldset.choices input[type=radio]").first.focus()
    content.page.keyboard.press("Space")
    submit = learner.button("Submit")
    while not submit.evaluate("b => b === document.activeElement"):
        content.page.keyboard.press("Tab")
    content.page.keyboard.press("Enter")
    content.locator(".feedback.show").wait_for()
    assert (nxt.is_enabled(), why.is_hidden(), nxt.get_attribute("aria-describedby")) == (True, True, None)
    assert content.evaluate(OUTLINE)[1] == {"locked": False, "button": True, "text": "Pages viewed: 0 of 1"}
    for _ in range(30):
        if nxt.evaluate("b => b === document.activeElement"):
            break
        content.page.keyboard.press("Tab")
    content.page.keyboard.press("Enter")
    learner.wait_heading("After the check")
    violations = run_axe(content, lms)
    assert violations == [], format_violations(violations)
    content.page.context.close()


def test_free_navigation_has_no_hold_and_no_locks(browser, lms, tmp_path):
    course = tmp_path / "course"
    (course / "assets").mkdir(parents=True)
    (course / "assets" / "figure.svg").write_text(FIGURE, encoding="utf-8")
    (course / "course.yaml").write_text(COURSE.replace("navigation: linear\n", ""), encoding="utf-8")
    url, _ = build_served(lms, tmp_path, Path(course), STANDARD)
    content, learner = launch(browser, lms, url, 1280)
    assert (content.locator(".next-why").count(), content.locator(".outline-list li.locked").count()) == (0, 0)
    for title in ("Above", "Full", "A quick check", "After the check"):
        learner.next()
        learner.wait_heading(title)
    content.page.context.close()
