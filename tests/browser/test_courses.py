"""Every shipped course run through in the test LMS: pass, fail on every attempt, leave and resume."""
from __future__ import annotations

import math
import re

import pytest

from .conftest import REPO
from .harness import check_interaction_formats, check_session, interactions, open_course, relaunch_cmi, status
from .learner import Learner
from .walkthrough import (
    Walk,
    Walker,
    acceptable_option,
    best_choice,
    best_option,
    key_for,
    other_choice,
    poor_option,
    std_family,
)

COURSES = ("empathy-essentials", "empathy-sales", "empathy-written-channels", "empathy-coaching")
STANDARDS = ("scorm12", "scorm2004-4")
SUSPEND_LIMIT = 4096  # SCORM 1.2's cmi.suspend_data


def _split(course_index: int) -> tuple[str, str]:
    """(standard of the pass and resume runs, standard of the fail run): alternated by course, so
    every course runs in both standards and every path runs in both standards."""
    first = STANDARDS[course_index % 2]
    return first, STANDARDS[(course_index + 1) % 2]


PASS_CASES = [pytest.param(c, _split(i)[0], id=f"{c}-{_split(i)[0]}") for i, c in enumerate(COURSES)]
FAIL_CASES = [pytest.param(c, _split(i)[1], id=f"{c}-{_split(i)[1]}") for i, c in enumerate(COURSES)]


@pytest.fixture(scope="module")
def loaded() -> dict:
    from scorm_builder.load import load_course

    return {c: load_course(REPO / "courses" / c) for c in COURSES}


def expected_status(standard: str, outcome: str, raw: int | None, location: str = "assessment",
                    progress: str = "1") -> dict:
    """outcome: passed | failed | open (attempts left, or not at the assessment yet)."""
    if std_family(standard) == "scorm12":
        score = {"raw": str(raw), "min": "0", "max": "100"} if raw is not None else {"raw": "", "min": "", "max": "100"}
        # failed is the last attempt failed: the record is final, so no suspend (docs/player.md)
        return {"lesson_status": "incomplete" if outcome == "open" else outcome, "score": score,
                "exit": "suspend" if outcome == "open" else "", "location": location}
    score = ({"scaled": f"{raw / 100:g}", "raw": str(raw), "min": "0", "max": "100"} if raw is not None
             else {"scaled": "", "raw": "", "min": "", "max": ""})
    done = outcome != "open"
    return {"completion_status": "completed" if done else "incomplete",
            "success_status": "unknown" if outcome == "open" else outcome, "score": score,
            "progress_measure": progress, "exit": "normal" if done else "suspend",
            "location": location}


def progress(viewed: int, pages: int, decided: bool) -> str:
    """cmi.progress_measure as the player writes it: at most 4 decimals, JavaScript's String()."""
    value = math.floor((viewed + (1 if decided else 0)) / (pages + 1) * 10000 + 0.5) / 10000
    return f"{value:g}"


def finish(run, learner: Learner) -> dict:
    """Finish, wait for the termination commit, check the session; the CMI the LMS stored."""
    learner.finish()
    stored = run.terminated()
    held = run.cmi()
    for cmi in (stored, held):
        (cmi["core"] if run.standard == "scorm12" else cmi).pop("total_time", None)
    assert held == stored, "the termination commit differs from what the run-time holds"
    check_session(run)
    check_interaction_formats(run, held)
    return stored


def report_suspend_data(course: str, standard: str, path: str, suspend_data: str) -> None:
    print(f"\nsuspend_data {course} {standard} {path}: {len(suspend_data)} characters")
    assert 0 < len(suspend_data) < SUSPEND_LIMIT


def scored_items(course) -> tuple[list[str], list[str]]:
    """(scored scenario ids, scored dialogue ids) in page order."""
    return ([p.id for p in course.pages if p.kind == "scenario" and p.scored],
            [p.id for p in course.pages if p.kind == "dialogue" and p.scored])


def check_ids(rows: list[tuple], course, asked: list[list[str]]) -> None:
    """One interaction per scenario, per dialogue decision and per question asked, ids of the
    documented form (scn_<id>, dlg_<dialogue>_<node>, q_<id> then q_<id>_a2...)."""
    scenarios, dialogues = scored_items(course)
    ids = [r[0] for r in rows]
    assert [i for i in ids if i.startswith("scn_")] == [f"scn_{s}" for s in scenarios]
    nodes = {p.id: {n.id for n in p.nodes} for p in course.pages if p.kind == "dialogue"}
    decisions = [i for i in ids if i.startswith("dlg_")]
    known = {f"dlg_{d}_{node}" for d in dialogues for node in nodes[d]}
    assert decisions and set(decisions) <= known, decisions
    for d in dialogues:
        assert any(i.startswith(f"dlg_{d}_") for i in decisions), f"no decision recorded for dialogue {d}"
    expected_q = [f"q_{q}" + (f"_a{n + 1}" if n else "") for n, attempt in enumerate(asked) for q in attempt]
    assert [i for i in ids if i.startswith("q_")] == expected_q
    assert all(re.fullmatch(r"[a-z0-9_-]+", i) for i in ids), ids


@pytest.mark.parametrize("course_id,standard", PASS_CASES)
def test_pass(page, lms, packages, loaded, course_id, standard):
    course = loaded[course_id]
    url, _ = packages.get(REPO / "courses" / course_id, standard)
    run = open_course(page, lms, url, standard)
    learner = Walker(run.content, key_for(course))
    assert learner.heading() == course.title
    learner.start()
    walk = Walk(learner, course, standard)
    walk.pages_from(0, None, best_option, best_choice)
    asked, pct = walk.attempt(lambda n: True, 1, "Start assessment")
    assert pct == 100
    assert learner.sees(re.compile(r"^Passed$")) and learner.button("Retry").count() == 0
    cmi = finish(run, learner)
    assert learner.heading() == "Course complete"

    assert status(cmi, standard) == expected_status(standard, "passed", 100)
    rows = interactions(cmi, std_family(standard))
    assert rows == walk.expected.rows
    check_ids(rows, course, [asked])
    report_suspend_data(course_id, standard, "pass", cmi["suspend_data"])


@pytest.mark.parametrize("course_id,standard", FAIL_CASES)
def test_fail_every_attempt(page, lms, packages, loaded, course_id, standard):
    course = loaded[course_id]
    a = course.assessment
    assert a.attempts == 3
    url, _ = packages.get(REPO / "courses" / course_id, standard)
    run = open_course(page, lms, url, standard)
    learner = Walker(run.content, key_for(course))
    learner.start()
    walk = Walk(learner, course, standard)
    walk.pages_from(0, None, poor_option, other_choice)
    pages = len(course.pages)
    open_progress = progress(pages, pages, decided=False)
    half = a.draw // 2
    rules = [lambda n: False, lambda n: n < half, lambda n: False]  # 0%, about 50%, 0%
    asked, scores = [], []
    for attempt, rule in enumerate(rules, start=1):
        ids, pct = walk.attempt(rule, attempt, "Start assessment" if attempt == 1 else "Retry")
        asked.append(ids)
        scores.append(pct)
        assert learner.sees("Not passed") and learner.sees(f"Attempts used: {attempt} of 3")
        if attempt < 3:
            # attempts left: neither failed nor scored yet
            assert status(run.cmi(), standard) == expected_status(standard, "open", None, progress=open_progress)
            assert learner.button("Retry").is_visible()
    assert learner.sees("No attempts left.") and learner.button("Retry").count() == 0
    assert 0 < scores[1] < a.pass_mark
    cmi = finish(run, learner)
    assert learner.heading() == "Your progress is saved"
    assert status(cmi, standard) == expected_status(standard, "failed", max(scores))
    rows = interactions(cmi, std_family(standard))
    assert rows == walk.expected.rows
    check_ids(rows, course, asked)
    wrong = "wrong" if std_family(standard) == "scorm12" else "incorrect"
    assert {r[4] for r in rows if r[0].startswith("scn_")} == {wrong}
    report_suspend_data(course_id, standard, "fail", cmi["suspend_data"])


@pytest.mark.parametrize("course_id,standard", PASS_CASES)
def test_leave_midway_and_resume(page, lms, packages, loaded, course_id, standard):
    course = loaded[course_id]
    url, _ = packages.get(REPO / "courses" / course_id, standard)
    scenarios = [i for i, p in enumerate(course.pages) if p.kind == "scenario"]
    middle = scenarios[len(scenarios) // 2]
    stop_page = course.pages[middle]
    answer = stop_page.options[acceptable_option(stop_page.options)].text

    first = open_course(page, lms, url, standard)
    learner = Walker(first.content, key_for(course))
    learner.start()
    walk = Walk(learner, course, standard)
    walk.pages_from(0, middle, best_option, best_choice)
    walk.answer_scenario(stop_page, acceptable_option(stop_page.options))
    learner.exit()
    assert learner.heading() == "Your progress is saved"
    stored = first.terminated()
    check_session(first)
    viewed = middle + 1
    assert status(stored, standard) == expected_status(
        standard, "open", None, location=stop_page.id, progress=progress(viewed, len(course.pages), False))
    assert interactions(stored, std_family(standard)) == walk.expected.rows
    report_suspend_data(course_id, standard, "exit midway", stored["suspend_data"])

    second = open_course(page, lms, url, standard, preload=relaunch_cmi(std_family(standard), stored))
    learner = Walker(second.content, key_for(course))
    assert learner.sees("Welcome back. You can pick up where you left off.")
    learner.resume()
    learner.wait_heading(stop_page.title)
    assert learner.heading(2) == stop_page.title
    radio = second.content.get_by_role("radio", name=answer, exact=True)
    assert radio.is_checked() and radio.is_disabled()  # the answer given before leaving
    assert learner.sees("Acceptable response")
    walk.learner = learner
    learner.next()
    walk.pages_from(middle + 1, None, best_option, best_choice)
    asked, pct = walk.attempt(lambda n: True, 1, "Start assessment")
    assert pct == 100
    cmi = finish(second, learner)
    assert learner.heading() == "Course complete"
    assert (cmi["core"]["entry"] if standard == "scorm12" else cmi["entry"]) == "resume"
    assert status(cmi, standard) == expected_status(standard, "passed", 100)
    rows = interactions(cmi, std_family(standard))
    assert rows == walk.expected.rows
    check_ids(rows, course, [asked])
    report_suspend_data(course_id, standard, "resume", cmi["suspend_data"])


def test_every_course_and_standard_runs_through():
    """The split above covers each course in both standards and each path in both standards."""
    combos = {(c.values[0], c.values[1]) for c in PASS_CASES + FAIL_CASES}
    assert combos == {(c, s) for c in COURSES for s in STANDARDS}
    assert {c.values[1] for c in PASS_CASES} == set(STANDARDS) == {c.values[1] for c in FAIL_CASES}
    assert sorted(p.name for p in (REPO / "courses").iterdir() if (p / "course.yaml").is_file()) == sorted(COURSES)
