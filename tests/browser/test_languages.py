"""The player in each of its languages: driven by its translated control names, no English word
of the player left on any screen, axe-clean on every page kind, and the LMS data the same as in
English; Arabic mirrored right to left; and at 320 px, with the pseudo-locale's longer texts
around each language's own words, no screen scrolls sideways."""
from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.render.strings import PLAYER_LANGUAGES

from .conftest import REPO
from .harness import check_session, format_violations, interactions, open_course, run_axe
from .learner import CourseKey, Learner, template_pattern
from .screens import OVERFLOW, Explorer, course_data, new_page
from .test_tracking import BEST, DLG_BEST, HALF, final, q_rows, status

STANDARD = "scorm2004-4"
STRINGS = REPO / "templates" / "player" / "strings"
PSEUDO_OPEN = "\u27e6"  # the pseudo-locale's bracket (scorm_builder/translate/pseudo.py)

TEXTS = """() => {
    const out = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        const text = walker.currentNode.textContent.trim();
        if (text && el && el.closest('script, style') === null) out.add(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
        for (const a of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(a)) out.add(el.getAttribute(a).trim());
    }
    return Array.from(out);
}"""


def strings(lang: str) -> dict[str, str]:
    return json.loads((STRINGS / f"{lang}.json").read_text(encoding="utf-8"))


def english_only(lang: str) -> set[str]:
    """The player's English words that the other language says differently (whole strings
    without placeholders: a screen showing one of them exactly has an untranslated word)."""
    en, other = strings("en"), strings(lang)
    return {v for k, v in en.items() if "{" not in v and other.get(k) not in (None, v) and len(v) > 2}


def course_in(lang: str, parent: Path, every_kind_dir: Path) -> Path:
    """The browser tests' course with `language: <lang>` (its own text stays English)."""
    folder = parent / "every-kind"
    shutil.copytree(every_kind_dir, folder)
    course = yaml.safe_load((folder / "course.yaml").read_text(encoding="utf-8"))
    course["language"] = lang
    (folder / "course.yaml").write_text(yaml.safe_dump(course, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


class LanguageLearner(Learner):
    """Learner, matching a template's no-break spaces (Polish "w\u00a0górę") to an accessible name,
    where the browser has made them plain spaces."""

    def move_button(self, item: str, direction: str) -> Any:
        pattern = template_pattern(self.w[f"move_{direction}"], item).pattern.replace("\u00a0", r"\s")
        return self.c.get_by_role("button", name=re.compile(pattern))


@pytest.fixture(scope="module", params=PLAYER_LANGUAGES)
def translated(request, tmp_path_factory, every_kind_dir) -> tuple[str, Path]:
    lang = request.param
    return lang, course_in(lang, tmp_path_factory.mktemp(lang), every_kind_dir)


def test_the_player_speaks_the_course_language(page, lms, packages, translated):
    lang, folder = translated
    words = strings(lang)
    url, _ = packages.get(folder, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    assert run.content.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        lang, "rtl" if lang == "ar" else "ltr"]
    learner = LanguageLearner(run.content, CourseKey(folder), words=words)
    leftovers: dict[str, list[str]] = {}
    english = english_only(lang)
    assert len(english) > 40 or lang == "en"  # the check below has something to find (in English, nothing)
    violations: dict[str, str] = {}

    def visit(name: str) -> None:
        shown = set(run.content.evaluate(TEXTS))
        left = sorted(shown & english)
        if left:
            leftovers[name] = left

    def axe(name: str) -> None:
        found = run_axe(run.content, lms)
        if found:
            violations[name] = format_violations(found)

    visit("title")
    axe("title")
    learner.start()
    visit("text page")
    axe("text page")
    learner.next()
    axe("scenario")
    learner.answer_scenario(BEST)
    assert learner.sees(words["verdict_best"])
    visit("scenario feedback")
    axe("scenario feedback")
    learner.next()
    learner.say(DLG_BEST)
    assert learner.sees(words["outcome_good"])
    visit("dialogue ending")
    axe("dialogue ending")
    learner.next()
    visit("assessment start")
    axe("assessment start")
    learner.click(words["start_assessment"])
    for n, qid in enumerate(("q-first", "q-signals", "q-script", "q-match", "q-steps")):
        assert learner.current_question() == qid
        visit(f"question {qid}")
        if qid in ("q-first", "q-match"):  # a choice question, a matching one
            axe(f"question {qid}")
        learner.answer(qid, learner.key.correct(qid) if HALF[qid] else learner.key.wrong(qid))
        learner.click(words["submit"])
        visit(f"question {qid} feedback")
        learner.click(words["see_results"] if n == 4 else words["next_question"])
    assert learner.sees(words["your_score"].replace("{n}", "50"))
    assert learner.sees(re.compile("^" + re.escape(words["not_passed"]) + "$"))
    visit("results")
    learner.click(words["review_answers"])
    visit("review")
    learner.click(words["back_to_results"])
    axe("results")
    assert violations == {}, "\n".join(f"{name}:\n{text}" for name, text in violations.items())
    learner.finish()
    visit("end screen")
    assert leftovers == {}

    cmi = run.terminated()
    check_session(run)
    # The words change, the tracking doesn't.
    assert status(cmi, STANDARD) == final(STANDARD, "incomplete", None, progress="0.75")
    assert interactions(cmi, STANDARD) == [
        ("scn_double-charge", "choice", ("a",), "a", "correct", "1"),
        ("dlg_outage_opening", "choice", ("a",), "a", "correct", "1"),
        *q_rows(STANDARD, HALF),
    ]


# -- right to left ----------------------------------------------------------------------------------

# Each part's left and right edge, the page's width, and the sides that have a border.
BOXES = """(parts) => {
    const out = {width: document.documentElement.clientWidth};
    for (const [name, selector] of Object.entries(parts)) {
        const el = document.querySelector(selector);
        if (!el) { out[name] = null; continue; }
        const r = el.getBoundingClientRect();
        out[name] = [Math.round(r.left), Math.round(r.right)];
    }
    return out;
}"""
TEXT_PAGE = {"nav": "nav", "page": "main .page", "title": ".course-title", "progress": ".progress",
             "bar": ".bar-fill", "exit": "header.top .btn.ghost", "previous": "footer.foot .btn:not(.primary)",
             "next": "footer.foot .btn.primary", "current": ".current .ol-item", "callout": ".callout",
             "quote": ".quote", "list": ".prose ul li"}
SCENARIO = {"radio": "fieldset.choices .choice input", "label": "fieldset.choices .choice label"}
SIDES = """(selector) => { const s = getComputedStyle(document.querySelector(selector));
    return [s.borderLeftWidth, s.borderRightWidth, s.textAlign, s.direction]; }"""


def mirrored(content: Any, parts: dict[str, str]) -> tuple[dict, dict]:
    """The parts' boxes as the page is (right to left), and again with the page turned left to right."""
    rtl = content.evaluate(BOXES, parts)
    content.evaluate("document.documentElement.dir = 'ltr'")
    ltr = content.evaluate(BOXES, parts)
    content.evaluate("document.documentElement.dir = 'rtl'")
    return rtl, ltr


def flipped(box: list[int], width: int) -> list[int]:
    return [width - box[1], width - box[0]]


def test_arabic_mirrors_the_layout(page, lms, packages, tmp_path, every_kind_dir):
    """Every part sits where the left-to-right page has it, mirrored: the same boxes flipped
    around the middle of the page (the same words, only the direction turned)."""
    words = strings("ar")
    url, _ = packages.get(course_in("ar", tmp_path, every_kind_dir), STANDARD)
    run = open_course(page, lms, url, STANDARD)
    c = run.content
    assert c.evaluate("[document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]") == [
        "ar", "rtl", "rtl"]
    learner = Learner(c, words=words)
    learner.start()
    learner.wait_heading("Welcome")
    rtl, ltr = mirrored(c, TEXT_PAGE)
    width = rtl["width"]
    assert width == ltr["width"] == 1280 - c.evaluate("window.innerWidth - document.documentElement.clientWidth")
    assert {k: v for k, v in rtl.items() if k != "width"} == {
        k: flipped(v, width) for k, v in ltr.items() if k != "width"}
    # and, spelled out: the outline on the right, its 19rem from the right edge; Next left of
    # Previous; Exit left of the course title; the bar fills from the right
    assert rtl["nav"] == [width - 304, width]
    assert rtl["next"][1] < rtl["previous"][0]
    assert rtl["exit"][1] < rtl["title"][0]
    assert rtl["bar"][1] == rtl["progress"][1] and rtl["bar"][0] > rtl["progress"][0]
    assert c.evaluate(SIDES, ".callout") == ["0px", "5px", "start", "rtl"]
    assert c.evaluate(SIDES, ".quote") == ["0px", "4px", "start", "rtl"]
    # Arabic letters join, so no letter spacing on the upper-case labels; and no italics
    assert c.evaluate("""[getComputedStyle(document.querySelector('.eyebrow')).letterSpacing,
        getComputedStyle(document.querySelector('.quote blockquote')).fontStyle]""") == ["normal", "normal"]
    assert c.evaluate("getComputedStyle(document.querySelector('.current .ol-item')).boxShadow").startswith(
        "rgb(31, 79, 209) -3px 0px 0px 0px inset")
    learner.next()
    rtl, ltr = mirrored(c, SCENARIO)
    assert {k: v for k, v in rtl.items() if k != "width"} == {
        k: flipped(v, width) for k, v in ltr.items() if k != "width"}
    assert rtl["radio"][0] > (rtl["label"][0] + rtl["label"][1]) / 2  # the radio at the label's right end
    learner.answer_scenario(BEST)
    assert learner.sees(words["verdict_best"])
    assert c.evaluate(SIDES, ".feedback.show") == ["1px", "6px", "start", "rtl"]


def test_left_to_right_keeps_its_sides(page, lms, packages, every_kind_dir):
    """The same checks in English: the outline on the left, Previous left of Next, borders on the left."""
    url, _ = packages.get(every_kind_dir, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    c = run.content
    assert c.evaluate("document.documentElement.dir") == "ltr"
    learner = Learner(c)
    learner.start()
    boxes = c.evaluate(BOXES, TEXT_PAGE)
    assert boxes["nav"] == [0, 304]
    assert boxes["previous"][1] < boxes["next"][0]
    assert boxes["title"][1] < boxes["exit"][0]
    assert boxes["bar"][0] == boxes["progress"][0]
    assert c.evaluate(SIDES, ".callout") == ["5px", "0px", "start", "ltr"]
    assert c.evaluate("""[getComputedStyle(document.querySelector('.eyebrow')).letterSpacing,
        getComputedStyle(document.querySelector('.quote blockquote')).fontStyle]""") == ["0.768px", "italic"]
    assert c.evaluate("getComputedStyle(document.querySelector('.current .ol-item')).boxShadow").startswith(
        "rgb(31, 79, 209) 3px 0px 0px 0px inset")


# -- the pseudo-locale at 320 px --------------------------------------------------------------------

@pytest.mark.parametrize("lang", PLAYER_LANGUAGES)
def test_no_screen_scrolls_sideways_at_320_px_in_the_pseudo_locale(browser, lms, tmp_path, monkeypatch,
                                                                    every_kind_dir, lang):
    """The course in the pseudo-locale (every text accented, 40 % longer, bracketed) with the
    player's words in each language: every screen Explorer reaches, at 320 px."""
    course_in(lang, tmp_path, every_kind_dir)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["translate", "pseudo", "every-kind"])
    assert (result.exit_code, result.output) == (0, "wrote every-kind/translations/qps.xlf: 65 units (65 filled)\n")
    result = runner.invoke(main, ["build", "every-kind", "--language", "qps", "-s", STANDARD, "-o", "out"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(tmp_path / "out" / f"every-kind-qps-1.0.0-{STANDARD}.zip") as zf:
        zf.extractall(folder)
    data = course_data(folder)
    assert (data["course"]["language"], data["strings"]["next"]) == (lang, strings(lang)["next"])
    assert data["lessons"][0]["title"].startswith(PSEUDO_OPEN)
    phone = new_page(browser, 320)
    try:
        run = open_course(phone, lms, lms.mount(folder), STANDARD)
        c = run.content
        assert c.evaluate("[document.documentElement.clientWidth, document.documentElement.dir]") == [
            320, "rtl" if lang == "ar" else "ltr"]
        overflow: dict[str, list[str]] = {}
        pseudo_shown: list[str] = []

        def visit(name: str) -> None:
            problems = c.evaluate(OVERFLOW)
            if problems:
                overflow[name] = problems
            if PSEUDO_OPEN in c.evaluate("document.body.innerText"):
                pseudo_shown.append(name)

        screens = Explorer(c, visit, words=strings(lang)).run()
        assert screens == 4  # the text page, the scenario, the dialogue and the assessment
        assert overflow == {}
        assert "results" in pseudo_shown and len(pseudo_shown) > 10
    finally:
        phone.context.close()
