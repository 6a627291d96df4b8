"""A brand that shows (title page, buttons), dark mode and print, and the screenshots of every
page kind at 320, 375 and 1280 px that people review (written, not compared)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from .conftest import REPO
from .harness import format_violations, open_course, run_axe
from .learner import CourseKey, Learner
from .screens import SIZES, build_served, new_page, screenshot_dir, slug
from .test_accessibility import tour
from .test_tracking import DLG_ROUTER

STANDARD = "scorm2004-4"
ESSENTIALS = REPO / "courses" / "empathy-essentials"
NORTHWIND = REPO / "courses" / "companies" / "northwind-mobile.yaml"


@pytest.fixture(scope="module")
def northwind(lms, tmp_path_factory) -> tuple[str, Path]:
    return build_served(lms, tmp_path_factory.mktemp("northwind"), ESSENTIALS, STANDARD, NORTHWIND)


@pytest.fixture(scope="module")
def key(every_kind_dir) -> CourseKey:
    return CourseKey(every_kind_dir)


TITLE = """() => { const line = document.querySelector('.brand-line'), img = line && line.querySelector('img');
    return line ? {logo: img ? [img.getAttribute('src'), img.alt, img.naturalWidth > 0, img.getBoundingClientRect().height > 20] : null,
                   name: line.querySelector('.brand-name').textContent,
                   edge: getComputedStyle(document.querySelector('.title-screen')).borderTopColor} : null; }"""


def test_the_title_page_of_a_company_build_shows_its_logo_and_name(page, lms, northwind, packages, every_kind_dir):
    url, _ = northwind
    run = open_course(page, lms, url, STANDARD)
    run.content.wait_for_function("document.querySelector('.brand-line img') && document.querySelector('.brand-line img').complete")
    # the logo is decorative beside the name written out (axe: image-redundant-alt)
    assert run.content.evaluate(TITLE) == {"logo": ["player/logo.svg", "", True, True],
                                           "name": "Northwind Mobile", "edge": "rgb(11, 83, 148)"}
    plain, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, plain, STANDARD)
    assert run.content.evaluate(TITLE) is None


BUTTON = """(name) => { const b = Array.from(document.querySelectorAll('button')).find(x => x.textContent === name);
    const s = getComputedStyle(b); return [b.disabled, s.backgroundColor, s.color, s.borderTopColor]; }"""


def test_a_disabled_primary_button_keeps_its_grey_under_the_mouse_in_a_branded_build(page, lms, northwind):
    url, _ = northwind
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content)
    learner.start()
    while not run.content.locator("fieldset.choices input[type=radio]").count():
        learner.next()
    run.content.locator("fieldset.choices input[type=radio]").first.check()
    learner.button("Submit").hover()
    enabled = run.content.evaluate(BUTTON, "Submit")
    assert enabled[0] is False and enabled[1] != "rgb(11, 83, 148)"  # hover darkens the brand colour
    learner.click("Submit")
    learner.button("Submit").hover(force=True)
    assert run.content.evaluate(BUTTON, "Submit") == [True, "rgb(244, 246, 249)", "rgb(78, 89, 100)", "rgb(138, 150, 163)"]


@pytest.mark.parametrize("build", ["plain", "northwind"])
def test_dark_mode_has_no_axe_violations_on_every_page_kind(browser, lms, packages, every_kind_dir, key, northwind, build):
    page = new_page(browser, 1280, scheme="dark")
    if build == "plain":
        url, _ = packages.get(every_kind_dir, STANDARD)
    else:
        url, _ = northwind
    run = open_course(page, lms, url, STANDARD)
    assert run.content.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 22, 28)"
    found: dict[str, Any] = {}

    def visit(name: str) -> None:
        violations = run_axe(run.content, lms)
        if violations:
            found[name] = format_violations(violations)

    if build == "plain":
        tour(Learner(run.content, key), visit)
    else:
        northwind_pages(run.content, visit)
    page.context.close()
    assert found == {}, "\n".join(f"{name}:\n{text}" for name, text in found.items())


def northwind_pages(content: Any, visit) -> None:
    """The title, a text page, a scenario and its feedback, a dialogue, the confirmation: in the brand's dark colours."""
    learner = Learner(content)
    visit("title")
    learner.start()
    visit("text page")
    while not content.locator("fieldset.choices input[type=radio]").count():
        learner.next()
    visit("scenario")
    content.locator("fieldset.choices input[type=radio]").first.check()
    learner.click("Submit")
    visit("scenario feedback")
    while not content.locator(".dlg-choices").count():
        learner.next()
    content.locator(".dlg-choices .choice-btn").first.click()
    visit("dialogue")
    learner.click("Exit")
    visit("confirmation")


PRINTED = """() => { const shown = s => Array.from(document.querySelectorAll(s)).some(e => getComputedStyle(e).display !== 'none');
    const border = s => getComputedStyle(document.querySelector(s)).borderTopStyle;
    return {outline: shown('nav'), footer: shown('footer.foot'), exit: shown('header .btn'), choices: shown('.dlg-choices'),
            them: border('.bubble.them'), me: border('.bubble.me'),
            speakers: Array.from(document.querySelectorAll('.bubble .who')).map(w => w.textContent),
            ink: getComputedStyle(document.querySelector('.bubble.me')).color}; }"""


def test_print_shows_the_content_with_speakers_told_apart_without_colour(page, lms, packages, every_kind_dir):
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    learner = Learner(run.content)
    learner.start()
    learner.next_until("The outage call")
    learner.say(DLG_ROUTER)
    page.emulate_media(media="print")
    try:
        assert run.content.evaluate(PRINTED) == {
            "outline": False, "footer": False, "exit": False, "choices": False, "them": "solid", "me": "dashed",
            "speakers": ["Lee", "You", "Lee"], "ink": "rgb(0, 0, 0)"}
    finally:
        page.emulate_media(media="screen")


def shooter(page: Any, folder: Path, written: list[Path]) -> Callable[[str], None]:
    """visit(name) for a tour: a screenshot of what the page shows, numbered in the tour's order."""
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(name: str) -> None:
        path = folder / f"{len(written) + 1:03d}-{slug(name)}.png"
        page.screenshot(path=str(path))
        written.append(path)
    return shoot


def test_screenshots_of_every_page_kind_for_review(browser, lms, packages, every_kind_dir, key, northwind):
    """Written under build/screenshots (or $SCORM_TEST_SCREENSHOTS): every page kind of the every-kind
    course at 320, 375 and 1280 px, light, and at 375 px dark; the Northwind title and its confirmation."""
    folder = screenshot_dir()
    url, _ = packages.get(every_kind_dir, STANDARD)
    written = []
    for width, scheme in [(w, "light") for w in SIZES] + [(375, "dark")]:
        page = new_page(browser, width, scheme=scheme)
        run = open_course(page, lms, url, STANDARD)
        tour(Learner(run.content, key), shooter(page, folder / f"{width}-{scheme}", written))
        page.context.close()
    for width in SIZES:
        page = new_page(browser, width)
        run = open_course(page, lms, northwind[0], STANDARD)
        run.content.wait_for_function("document.querySelector('.brand-line img').complete")
        for name in ("title", "confirmation"):
            if name == "confirmation":
                Learner(run.content).start()
                Learner(run.content).click("Exit")
            path = folder / "northwind" / f"{width}-{name}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path))
            written.append(path)
        page.context.close()
    print(f"\nscreenshots for review: {folder} ({len(written)} files)")
    assert len(written) == 4 * 21 + 3 * 2 and all(p.stat().st_size > 1000 for p in written)
