"""A company package (essentials for Northwind Mobile) run through in the test LMS."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO
from .harness import check_interaction_formats, check_session, first_launch_cmi, interactions, open_course
from .walkthrough import Walk, Walker, best_choice, best_option, key_for

COURSE = REPO / "courses" / "empathy-essentials"
PROFILE = REPO / "courses" / "companies" / "northwind-mobile.yaml"
ROAMING = "northwind-roaming-bill"
ROAMING_TITLE = "A roaming bill after a holiday"
NORTHWIND_PRIMARY = "#0b5394"


@pytest.fixture(scope="module")
def northwind(lms, tmp_path_factory) -> dict:
    """The Northwind package of essentials in both standards, built by the batch builder,
    unpacked and served by the test LMS; plus the course as the profile customises it."""
    from scorm_builder.load import load_course
    from scorm_builder.pack.batch import build_matrix

    out = tmp_path_factory.mktemp("northwind")
    entries, failures = build_matrix([COURSE], [PROFILE], ["scorm12", "scorm2004-4"], out / "zip", workers=1)
    assert failures == []
    packages = {}
    for entry in entries:
        assert Path(entry.path).name == f"empathy-essentials-northwind-mobile-1.0.0-{entry.standard}.zip"
        folder = out / entry.standard
        with zipfile.ZipFile(entry.path) as zf:
            zf.extractall(folder)
        packages[entry.standard] = (lms.mount(folder), folder)
    return {"course": load_course(COURSE, PROFILE), "packages": packages}


def test_northwind_package_runs_through_to_a_pass(page, lms, northwind):
    """SCORM 2004: the LMS hands back the manifest's pass mark (0.85) as cmi.scaled_passing_score."""
    course = northwind["course"]
    url, folder = northwind["packages"]["scorm2004-4"]
    manifest = (folder / "imsmanifest.xml").read_text(encoding="utf-8")
    assert "<imsss:minNormalizedMeasure>0.85</imsss:minNormalizedMeasure>" in manifest
    preload = first_launch_cmi("scorm2004")
    preload["scaled_passing_score"] = "0.85"
    run = open_course(page, lms, url, "scorm2004-4", preload=preload)
    learner = Walker(run.content, key_for(course))
    assert learner.heading() == course.title
    learner.start()
    walk = Walk(learner, course, "scorm2004-4")
    roaming = walk.page_index(ROAMING)
    assert course.pages[roaming - 1].id == "timing-on-hold"  # where the profile puts it
    walk.pages_from(0, roaming, best_option, best_choice)
    assert learner.heading(2) == ROAMING_TITLE
    assert learner.sees("Just back from Lisbon and there's a £210 roaming charge on my bill?? "
                        "I bought the travel add-on before I left!!")
    walk.pages_from(roaming, None, best_option, best_choice)
    assert learner.sees("10 questions. Pass mark: 85%.")
    asked, pct = walk.attempt(lambda n: True, 1, "Start assessment")
    assert pct == 100 and "core-promoter-detractor" not in asked  # removed by the profile
    assert learner.sees(re.compile(r"^Passed$"))
    learner.finish()
    stored = run.terminated()
    check_session(run)
    check_interaction_formats(run, stored)
    assert learner.heading() == "Course complete"
    assert (stored["completion_status"], stored["success_status"], stored["exit"]) == ("completed", "passed", "normal")
    assert stored["score"] == {"scaled": "1", "raw": "100", "min": "0", "max": "100"}
    rows = interactions(stored, "scorm2004")
    assert rows == walk.expected.rows
    assert ("scn_northwind-roaming-bill", "choice", ("a",), "a", "correct", "1") in rows
    description = [i["description"] for i in stored["interactions"].values() if i["id"] == f"scn_{ROAMING}"]
    assert description == ["What do you write first?"]
    print(f"\nsuspend_data northwind scorm2004-4 pass: {len(stored['suspend_data'])} characters")


def test_northwind_pass_mark_is_85_so_80_percent_fails_the_attempt(page, lms, northwind):
    """SCORM 1.2 with no mastery score from the LMS: the profile's pass mark (85) is the player's."""
    course = northwind["course"]
    assert course.assessment.pass_mark == 85 and course.assessment.draw == 10
    url, _ = northwind["packages"]["scorm12"]
    run = open_course(page, lms, url, "scorm12")
    learner = Walker(run.content, key_for(course))
    assert run.content.evaluate("window.scormPlayer.passMark()") == 85
    learner.start()
    learner.next_until(course.assessment.title, limit=len(course.pages) + 1)
    assert learner.sees("10 questions. Pass mark: 85%.")
    walk = Walk(learner, course, "scorm12")
    asked, pct = walk.attempt(lambda n: n < 8, 1, "Start assessment")  # 8 of 10 right
    assert pct == 80
    assert learner.sees("Not passed") and learner.sees("Pass mark: 85%") and learner.sees("Attempts used: 1 of 3")
    core = run.cmi()["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("incomplete", "")  # attempts left: open, no score
    asked2, pct2 = walk.attempt(lambda n: True, 2, "Retry")
    assert pct2 == 100 and learner.sees(re.compile(r"^Passed$"))
    learner.finish()
    stored = run.terminated()
    check_session(run)
    assert (stored["core"]["lesson_status"], stored["core"]["exit"]) == ("passed", "")
    assert stored["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert interactions(stored, "scorm12") == walk.expected.rows
    assert [r[4] for r in walk.expected.rows[:10]] == ["correct"] * 8 + ["wrong"] * 2


def test_northwind_brand_css_reaches_the_learner(page, lms, northwind):
    """The profile's colours are in player/brand.css, which the player loads: Northwind's primary
    colour is the background of the primary buttons, behind white text (what company.py checks)."""
    url, folder = northwind["packages"]["scorm12"]
    css = (folder / "player" / "brand.css").read_text(encoding="utf-8")
    assert f"--accent: {NORTHWIND_PRIMARY};" in css
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    run = open_course(page, lms, url, "scorm12")
    start = run.content.get_by_role("button", name="Start")
    start.wait_for(state="visible")
    assert url + "player/brand.css" in fetched, (
        "the player never fetched player/brand.css, so the company's colours don't reach the learner; "
        f"fetched: {[u for u in fetched if u.startswith(url)]}")
    accent = run.content.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
    assert accent == NORTHWIND_PRIMARY
    colours = start.evaluate("b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]")
    assert colours == ["rgb(11, 83, 148)", "rgb(255, 255, 255)"], f"the Start button is {colours}"
