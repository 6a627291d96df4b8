"""Every page kind in one course (tests/fixtures/every-kind-a11y: confidence before and after, a text page with
an image beside it, statistics and a glossary term, a voicemail and a captioned video, a scenario with a
recording and a way back to a remediation page, a coached reply page, an email scenario with a reply, a
calibration, a dialogue, every question kind, results, review, the Resources and Certificate dialogs and the end
screen): zero axe-core violations on every screen in light and dark schemes, in English and Spanish, unbranded
and with a company; no sideways scroll at 320 px and the header one row; the whole course by keyboard; and
screenshots of every screen at 320, 375 and 1280 px for people to review."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest

from scorm_builder.render.strings import strings_for
from tests.media_fixtures import make_video, make_voice

from .conftest import REPO
from .harness import first_launch_cmi, format_violations, open_course, run_axe
from .learner import CourseKey, Learner, exact
from .screens import HEADER_ROWS, OVERFLOW, Explorer, build_served, new_page, screenshot_dir
from .test_accessibility import arrow_to, focused, tab_to
from .test_brand_screens import shooter
from .test_languages import TEXTS, english_only

STANDARD = "scorm2004-4"
FIXTURE = REPO / "tests" / "fixtures" / "every-kind-a11y"
COMPANY = "Kestrel Care"
DARK_BODY = "rgb(18, 22, 28)"
# A 2x2x2 orthogonal array: each pair of (scheme, language, build) values meets in one of the four runs, so
# the brand's colours are checked in both schemes and the Spanish words in both schemes and both builds.
RUNS = {"light-en-plain": ("light", "en", False), "light-es-company": ("light", "es", True),
        "dark-en-company": ("dark", "en", True), "dark-es-plain": ("dark", "es", False)}
# every screen the walk visits, in order: the same in every run (the course's own text stays English)
SCREENS = [
    "title", "page 1: Before you start", "resources dialog", "Before you start: saved",
    "page 2: The gap customers notice", "page 2: The gap customers notice: glossary term open",
    "page 3: A voicemail from Dana", "page 4: At the counter",
    "page 5: Calling Dana back", "Calling Dana back: feedback",
    "page 6: Why the feeling comes first",
    "page 7: Locked out before a deadline", "Locked out before a deadline: coaching",
    "Locked out before a deadline: model answer",
    "page 8: A refund that never came", "A refund that never came: feedback",
    "A refund that never came: coaching", "A refund that never came: model answer",
    "page 9: Score it: the late apology", "Score it: the late apology: compared",
    "page 10: The outage call", "The outage call: decision 1",
    "page 11: How sure are you now?", "How sure are you now?: saved",
    "page 12: Check your understanding",
    *[f"question {n}{end}" for n in range(1, 6) for end in ("", ": feedback")],
    "results", "review", "certificate dialog", "end screen"]
# what the walk must have shown, by a selector for each: every page kind and the parts new ones add
KINDS = {"confidence check": "fieldset.confidence", "image beside the text": ".page .beside .figure.side img",
         "statistics": ".page .stat .stat-figure", "glossary definition": ".page .term-def:not([hidden])",
         "voicemail with transcript": ".page .media-audio details.transcript", "video with captions": ".page video track",
         "scenario choices": "fieldset.choices input[type=radio]", "way back to review": ".review-link button",
         "coached reply": "textarea.reply-text", "calibration": ".calib-form fieldset", "dialogue": ".dlg-choices",
         "dialogue ending": ".ending", "matching": "fieldset.choices select", "ordering": ".order-list .order-item",
         "resources": "dialog a[href='assets/phrases.csv']", "certificate": "dialog .cert-sheet"}
SEEN = "(kinds) => Object.keys(kinds).filter(k => document.querySelector(kinds[k]) !== null)"


@pytest.fixture(scope="module")
def courses(tmp_path_factory) -> dict[str, Path]:
    """The fixture with its sound and video made now, in English and with `language: es`."""
    out = {}
    for lang in ("en", "es"):
        folder = tmp_path_factory.mktemp(f"every-kind-a11y-{lang}") / "every-kind-a11y"
        shutil.copytree(FIXTURE, folder)
        make_voice(folder / "assets" / "voicemail.mp3")
        make_video(folder / "assets" / "branch.webm")
        course = folder / "course.yaml"
        course.write_text(course.read_text(encoding="utf-8").replace("\nlanguage: en\n", f"\nlanguage: {lang}\n"),
                          encoding="utf-8")
        out[lang] = folder
    return out


@pytest.fixture(scope="module")
def served(lms, courses, tmp_path_factory) -> Callable[[str, bool], str]:
    """The URL of the package in this language, unbranded or with the company; built once each."""
    built: dict[tuple[str, bool], str] = {}

    def get(lang: str, company: bool) -> str:
        if (lang, company) not in built:
            out = tmp_path_factory.mktemp(f"pkg-{lang}-{'company' if company else 'plain'}")
            profile = courses[lang] / "company.yaml" if company else None
            built[lang, company] = build_served(lms, out, courses[lang], STANDARD, profile)[0]
        return built[lang, company]
    return get


def walk(content: Any, lang: str, check: Callable[[str], None]) -> list[str]:
    """The whole course as Explorer goes through it, with the Resources dialog, a glossary term and the
    certificate opened on the way and the end screen last; check(name) on every screen. Returns the names,
    after checking that every kind of KINDS was on some screen."""
    words = strings_for(lang)
    names: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        names.append(name)
        check(name)
        seen.update(content.evaluate(SEEN, KINDS))
        if name.startswith("page 1: ") and "resources dialog" not in names:  # offered once the course has begun
            content.get_by_role("button", name=exact(words["resources"])).click()
            content.get_by_role("dialog", name=words["resources"]).wait_for()
            visit("resources dialog")
            content.page.keyboard.press("Escape")
        term = content.locator(".page button.term")
        if name.startswith("page ") and term.count() and term.first.get_attribute("aria-expanded") == "false":
            term.first.click()
            visit(f"{name}: glossary term open")
            content.page.keyboard.press("Escape")

    Explorer(content, visit, words=None if lang == "en" else words).run()
    content.get_by_role("button", name=exact(words["certificate"])).click()
    content.get_by_role("dialog", name="Certificate of empathy practice").wait_for()
    visit("certificate dialog")
    content.page.keyboard.press("Escape")
    Learner(content, words=words).finish()
    content.get_by_role("heading", level=1).wait_for()
    visit("end screen")
    assert sorted(set(KINDS) - seen) == []
    return names


@pytest.mark.parametrize("run_name", list(RUNS))
def test_every_page_kind_has_no_axe_violations(browser, lms, served, run_name):
    scheme, lang, company = RUNS[run_name]
    page = new_page(browser, 1280, scheme=scheme)
    run = open_course(page, lms, served(lang, company), STANDARD, preload=first_launch_cmi("scorm2004"))
    c = run.content
    lang_shown, body = c.evaluate("[document.documentElement.lang, getComputedStyle(document.body).backgroundColor]")
    assert (lang_shown, body == DARK_BODY) == (lang, scheme == "dark")
    assert c.evaluate("(document.querySelector('.brand-line .brand-name') || {}).textContent || null") == (
        COMPANY if company else None)
    found: dict[str, str] = {}
    english = english_only(lang)  # the player's English words that Spanish says otherwise (none in English)
    assert (len(english) > 40) == (lang != "en")  # the check below has something to find in Spanish
    leftovers: dict[str, list[str]] = {}

    def check(name: str) -> None:
        violations = run_axe(c, lms)
        if violations:
            found[name] = format_violations(violations)
        left = sorted(set(c.evaluate(TEXTS)) & english)
        if left:
            leftovers[name] = left

    names = walk(c, lang, check)
    stored = run.terminated()
    page.context.close()
    assert names == SCREENS
    assert leftovers == {}
    assert (stored["completion_status"], stored["success_status"]) == ("completed", "passed")
    assert found == {}, "\n".join(f"{name}:\n{text}" for name, text in found.items())


@pytest.mark.parametrize("run_name", ["light-en-plain", "light-es-company"])
def test_no_screen_of_any_page_kind_scrolls_sideways_at_320_px(browser, lms, served, run_name):
    _, lang, company = RUNS[run_name]
    page = new_page(browser, 320)
    run = open_course(page, lms, served(lang, company), STANDARD, preload=first_launch_cmi("scorm2004"))
    c = run.content
    assert c.evaluate("document.documentElement.clientWidth") == 320
    overflow: dict[str, list[str]] = {}
    headers: dict[str, dict] = {}

    def check(name: str) -> None:
        problems = c.evaluate(OVERFLOW)
        if problems:
            overflow[name] = problems
        header = c.evaluate(HEADER_ROWS)
        if header and header["rows"] != 1:
            headers[name] = header

    names = walk(c, lang, check)
    page.context.close()
    assert names == SCREENS
    assert overflow == {}
    assert headers == {}


# -- the keyboard alone -------------------------------------------------------------------------
REPLY = "A tax deadline tonight and two failed resets is stressful. I have unlocked your account now."
REFUND = "Priya, needing the refund for rent is worrying. I have sent it today."


def tab_until(page: Any, c: Any, test: str, what: str, limit: int = 40) -> None:
    """Press Tab until the focused element passes ``test`` (a JavaScript expression of ``el``); its focus
    must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if c.evaluate(f"() => {{ const el = document.activeElement; return !!({test}); }}"):
            assert focused(c)["visible"], f"focus on {what} is not visible"
            return
    raise AssertionError(f"Tab never reached {what}")


def press_on(page: Any, c: Any, name: str | re.Pattern[str], key: str = "Enter") -> None:
    tab_to(page, c, name)
    page.keyboard.press(key)


def rate_every_group(page: Any, c: Any, groups: str, arrows: list[int]) -> None:
    """Tab into each radio group of ``groups`` in turn; ArrowDown n times (n = 0: Space on the first)."""
    for i, n in enumerate(arrows):
        tab_until(page, c, f"el.closest('fieldset') === document.querySelectorAll({groups!r})[{i}]", f"group {i + 1}")
        for _ in range(n):
            page.keyboard.press("ArrowDown")
        if not n:
            page.keyboard.press("Space")
        assert c.evaluate(f"document.querySelectorAll({groups!r})[{i}].querySelectorAll('input')[{n}].checked")


def write_reply(page: Any, c: Any, learner: Learner, text: str) -> None:
    tab_until(page, c, "el.matches('textarea.reply-text')", "the reply box")
    page.keyboard.type(text)
    press_on(page, c, "Send reply")
    assert learner.sees("A model answer")


def play(page: Any, c: Any, tag: str) -> None:
    tab_until(page, c, f"el.matches('.page {tag}')", f"the {tag} player")
    page.keyboard.press("Space")
    c.wait_for_function(f"() => !document.querySelector('.page {tag}').paused")
    c.evaluate(f"document.querySelector('.page {tag}').pause()")


def test_every_page_kind_by_keyboard_alone(browser, lms, served, courses):
    page = new_page(browser, 1280)
    run = open_course(page, lms, served("en", False), STANDARD, preload=first_launch_cmi("scorm2004"))
    c, key = run.content, CourseKey(courses["en"])
    learner = Learner(c, key)
    press_on(page, c, "Start")
    learner.wait_heading("Before you start")
    press_on(page, c, "Resources")  # the dialog opens on its first file; Escape gives the focus back
    assert c.evaluate("document.activeElement.getAttribute('href')") == "assets/phrases.csv"
    page.keyboard.press("Escape")
    assert focused(c)["name"] == "Resources" and c.get_by_role("dialog").count() == 0
    rate_every_group(page, c, "fieldset.confidence", [0, 2])
    press_on(page, c, "Save my ratings")
    press_on(page, c, "Next")
    learner.wait_heading("The gap customers notice")
    press_on(page, c, "emotional clues")  # the glossary term: Enter opens, Escape closes, focus stays
    assert c.locator(".page button.term").get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert c.locator(".page button.term").get_attribute("aria-expanded") == "false"
    assert focused(c)["name"] == "emotional clues"
    press_on(page, c, "Next")
    learner.wait_heading("A voicemail from Dana")
    play(page, c, "audio")
    press_on(page, c, "Next")
    learner.wait_heading("At the counter")
    play(page, c, "video")
    tab_until(page, c, "el.matches('.page details.transcript summary')", "the transcript")
    page.keyboard.press("Enter")
    assert c.locator(".page details.transcript").evaluate("d => d.open") is True
    press_on(page, c, "Next")
    learner.wait_heading("Calling Dana back")  # the poor answer opens the way back to its review page
    play(page, c, "audio")
    poor = "Before we start, can you confirm your full address and date of birth for security?"
    tab_to(page, c, re.compile("Before we start|Being turned away"))
    arrow_to(page, c, poor)
    press_on(page, c, "Submit")
    press_on(page, c, "Review: Why the feeling comes first")
    learner.wait_heading("Why the feeling comes first")
    press_on(page, c, "Next")
    learner.wait_heading("Locked out before a deadline")
    write_reply(page, c, learner, REPLY)
    press_on(page, c, "Next")
    learner.wait_heading("A refund that never came")
    best = "Needing that money for rent and writing three times without an answer is worrying. I have sent the refund today."
    tab_to(page, c, re.compile("Needing that money|We apologise"))
    arrow_to(page, c, best)
    press_on(page, c, "Submit")
    assert learner.sees("Best response")
    write_reply(page, c, learner, REFUND)
    press_on(page, c, "Next")
    learner.wait_heading("Score it: the late apology")
    rate_every_group(page, c, ".calib-form fieldset", [0, 2])
    press_on(page, c, "Compare with the expert")
    assert learner.sees("The apology comes only in the last line.")
    press_on(page, c, "Next")
    learner.wait_heading("The outage call")
    press_on(page, c, "A whole day offline when you work from home is serious. I am checking your line now.")
    assert learner.sees("Lee feels looked after")
    press_on(page, c, "Next")
    learner.wait_heading("How sure are you now?")
    rate_every_group(page, c, "fieldset.confidence", [3, 4])
    press_on(page, c, "Save my ratings")
    press_on(page, c, "Next")
    press_on(page, c, "Start assessment")
    questions_by_keyboard(page, c, learner, key)
    press_on(page, c, "Certificate")
    dialog = c.get_by_role("dialog", name="Certificate of empathy practice")
    assert dialog.locator(".cert-sheet p").nth(1).text_content() == "Test Learner"
    page.keyboard.press("Escape")
    assert focused(c)["name"] == "Certificate" and c.get_by_role("dialog").count() == 0
    press_on(page, c, "Finish")
    stored = run.terminated()
    page.context.close()
    # the course score counts the weighted practice: five questions right, the poor first answer on the scenario
    # (0) and the good ending of the dialogue (100), each weight 1: 600 / 7
    assert (stored["completion_status"], stored["success_status"], stored["score"]["raw"]) == (
        "completed", "passed", "86")


def questions_by_keyboard(page: Any, c: Any, learner: Learner, key: CourseKey) -> None:
    """The five questions answered right with arrows, Space, Enter and the move buttons, then the results."""
    correct = re.compile(r"^Correct$")
    assert learner.current_question() == "q-first"
    tab_to(page, c, re.compile("Within seconds|At the end of the call"))
    arrow_to(page, c, "Within seconds of hearing the clue")
    press_on(page, c, "Submit")
    assert learner.sees(correct)
    press_on(page, c, "Next question")
    for choice in ("A password reset", "A billing error"):
        press_on(page, c, choice, "Space")
    press_on(page, c, "Submit")
    assert learner.sees(correct)
    press_on(page, c, "Next question")
    tab_to(page, c, re.compile("^(True|False)$"))
    arrow_to(page, c, "True")
    press_on(page, c, "Submit")
    assert learner.sees(correct)
    press_on(page, c, "Next question")
    answer = key.correct("q-match")
    for left, right in answer.items():
        tab_to(page, c, re.compile(re.escape(left)))
        select = c.get_by_role("combobox", name=exact(left))
        for _ in range(len(answer) + 1):
            if select.evaluate("s => s.options[s.selectedIndex].text") == right:
                break
            page.keyboard.press("ArrowDown")
        assert select.evaluate("s => s.options[s.selectedIndex].text") == right
    press_on(page, c, "Submit")
    assert learner.sees(correct)
    press_on(page, c, "Next question")
    target = key.correct("q-steps")
    for i, item in enumerate(target):
        while learner.order_on_screen(target).index(item) > i:
            press_on(page, c, re.compile(rf"{re.escape(item)}.*\bup\b", re.I))
    assert learner.order_on_screen(target) == target
    press_on(page, c, "Submit")
    assert learner.sees(correct)
    press_on(page, c, "See results")
    assert learner.sees("Your score: 100%")


def test_screenshots_of_every_page_kind_for_review(browser, lms, served):
    """Written under build/screenshots/every-kind-a11y (or $SCORM_TEST_SCREENSHOTS): every screen of the walk
    at 320, 375 and 1280 px, unbranded in English, and at 375 px dark, in Spanish, with the company."""
    folder = screenshot_dir() / "every-kind-a11y"
    written: list[Path] = []
    for width, scheme, lang, company in [(320, "light", "en", False), (375, "light", "en", False),
                                         (1280, "light", "en", False), (375, "dark", "es", True)]:
        page = new_page(browser, width, scheme=scheme)
        run = open_course(page, lms, served(lang, company), STANDARD, preload=first_launch_cmi("scorm2004"))
        where = folder / f"{width}-{scheme}-{lang}-{'company' if company else 'plain'}"
        names = walk(run.content, lang, shooter(page, where, written))
        page.context.close()
        assert names == SCREENS
    print(f"\nscreenshots for review: {folder} ({len(written)} files)")
    assert len(written) == 4 * len(SCREENS) and all(p.stat().st_size > 1000 for p in written)
