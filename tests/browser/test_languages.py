"""The player in Spanish and French: driven by its translated control names, no English word of
the player left on any screen, and the LMS data the same as in English."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from .conftest import REPO
from .harness import check_session, format_violations, interactions, open_course, run_axe
from .learner import CourseKey, Learner
from .test_tracking import BEST, DLG_BEST, HALF, final, q_rows, status

STANDARD = "scorm2004-4"
STRINGS = REPO / "templates" / "player" / "strings"

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


@pytest.fixture(scope="module", params=["es", "fr"])
def translated(request, tmp_path_factory, every_kind_dir) -> tuple[str, Path]:
    lang = request.param
    folder = tmp_path_factory.mktemp(lang) / "every-kind"
    shutil.copytree(every_kind_dir, folder)
    course = yaml.safe_load((folder / "course.yaml").read_text(encoding="utf-8"))
    course["language"] = lang
    (folder / "course.yaml").write_text(yaml.safe_dump(course, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return lang, folder


def test_the_player_speaks_the_course_language(page, lms, packages, translated):
    lang, folder = translated
    words = strings(lang)
    url, _ = packages.get(folder, STANDARD)
    run = open_course(page, lms, url, STANDARD)
    assert run.content.evaluate("document.documentElement.lang") == lang
    learner = Learner(run.content, CourseKey(folder), words=words)
    leftovers: dict[str, list[str]] = {}
    english = english_only(lang)
    assert len(english) > 40  # the check below has something to find

    def visit(name: str) -> None:
        shown = set(run.content.evaluate(TEXTS))
        left = sorted(shown & english)
        if left:
            leftovers[name] = left

    visit("title")
    learner.start()
    visit("text page")
    learner.next()
    learner.answer_scenario(BEST)
    assert learner.sees(words["verdict_best"])
    visit("scenario feedback")
    learner.next()
    learner.say(DLG_BEST)
    assert learner.sees(words["outcome_good"])
    visit("dialogue ending")
    learner.next()
    visit("assessment start")
    learner.click(words["start_assessment"])
    for n, qid in enumerate(("q-first", "q-signals", "q-script", "q-match", "q-steps")):
        assert learner.current_question() == qid
        visit(f"question {qid}")
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
    violations = run_axe(run.content, lms)
    assert violations == [], format_violations(violations)
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
