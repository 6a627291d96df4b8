"""What the LMS record holds across sessions: review and browse modes write nothing (found in Moodle
4.5.6: a passed SCORM 2004 attempt reopened in review mode with cmi.entry ab-initio lost its grade),
a later session never sends a lower status or score, and the last failed attempt is reported as
finished."""
from __future__ import annotations

import json
import re
from typing import Any

import pytest

from .harness import check_session, first_launch_cmi, interactions, open_course, relaunch_cmi, status
from .learner import CourseKey, Learner
from .test_state import family
from .test_tracking import ALL_RIGHT, ALL_WRONG, BEST, DLG_BEST, HALF, final, q_rows

STANDARDS = ("scorm12", "scorm2004-4")
WRITES = {"LMSSetValue", "SetValue", "LMSCommit", "Commit"}
REVIEW_NOTE = "Review mode: you can look through the course and your answers. Nothing you do here is recorded."
BROWSE_NOTE = "Browse mode: you can look through the course. Nothing you do here is recorded."


@pytest.fixture(scope="module")
def key(every_kind_dir) -> CourseKey:
    return CourseKey(every_kind_dir)


def passed_run(page, lms, url: str, standard: str, key: CourseKey) -> dict[str, Any]:
    """A first session: the scenario (best), the dialogue (best), the assessment passed at 100%."""
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("The double charge")
    learner.answer_scenario(BEST)
    learner.next_until("The outage call")
    learner.say(DLG_BEST)
    learner.next_until("Check your understanding")
    learner.take_assessment(ALL_RIGHT)
    learner.finish()
    stored = run.terminated()
    check_session(run)
    return stored


@pytest.fixture(scope="module")
def stored_pass(browser, lms, packages, every_kind_dir, key) -> dict[str, Any]:
    out = {}
    context = browser.new_context()
    try:
        for standard in STANDARDS:
            url, _ = packages.get(every_kind_dir, standard)
            out[standard] = passed_run(context.new_page(), lms, url, standard, key)
    finally:
        context.close()
    return out


def in_mode(preload: dict[str, Any], standard: str, mode: str) -> dict[str, Any]:
    if standard == "scorm12":
        preload["core"]["lesson_mode"] = mode
    else:
        preload["mode"] = mode
    return preload


def no_writes(run) -> None:
    """Initialize, GetValue only, Terminate once: no SetValue and no Commit at all."""
    methods = run.methods()
    assert [m for m in methods if m in WRITES] == []
    init, term = ("LMSInitialize", "LMSFinish") if run.standard == "scorm12" else ("Initialize", "Terminate")
    assert methods[0] == init and methods[-1] == term and methods.count(term) == 1
    assert run.api_errors() == []


def held(cmi: dict[str, Any], standard: str) -> dict[str, Any]:
    """The record, everything a session could change: status, score, exit, location, progress,
    suspend_data, interactions, objectives."""
    out = dict(status(cmi, standard), suspend_data=cmi["suspend_data"], interactions=interactions(cmi, standard),
               objectives=cmi["objectives"])
    return out


@pytest.mark.parametrize("standard", STANDARDS)
def test_review_mode_shows_the_result_and_writes_nothing(page, lms, packages, every_kind_dir, key, stored_pass,
                                                        standard):
    """Moodle's review of a passed attempt: cmi.mode review (1.2: lesson_mode), and for 2004 entry ab-initio."""
    url, _ = packages.get(every_kind_dir, standard)
    preload = in_mode(relaunch_cmi(family(standard), json.loads(json.dumps(stored_pass[standard]))), standard, "review")
    if standard != "scorm12":
        preload["entry"] = "ab-initio"
    run = open_course(page, lms, url, standard, preload=preload)
    before = held(run.cmi(), standard)
    learner = Learner(run.content, key)
    assert learner.sees(REVIEW_NOTE) and learner.sees("Your recorded result: Passed (100%)")
    learner.resume()  # the saved state is read, even at ab-initio: the learner looks at the attempt they made
    assert learner.sees("Review mode: nothing is recorded")
    assert learner.heading(2) == "Results" and learner.sees("Your recorded result: Passed (100%)")
    assert learner.sees("Your answer") and learner.button("Retry").count() == 0
    assert learner.button("Start assessment").count() == 0
    run.content.get_by_role("button", name=re.compile(r"^Basics")).click()
    learner.next_until("The double charge")
    radio = run.content.get_by_role("radio", name=BEST)
    assert radio.is_checked() and radio.is_disabled() and learner.button("Submit").is_disabled()
    assert learner.sees("Best response")
    learner.next()
    assert learner.sees("Lee feels looked after") and learner.button("Replay").is_disabled()
    learner.exit()
    assert learner.heading() == "Review finished"
    assert learner.sees("Your record was not changed. You can close this window now.")
    after = run.terminated()
    no_writes(run)
    assert held(after, standard) == before
    expected = final(standard, "passed", 100)
    expected["exit"] = ""  # exit is write-only: the LMS hands it back empty, and nothing set it
    assert status(after, standard) == expected
    assert interactions(after, standard)[-5:] == q_rows(standard, ALL_RIGHT)


@pytest.mark.parametrize("standard", STANDARDS)
def test_browse_mode_lets_the_learner_look_and_records_nothing(page, lms, packages, every_kind_dir, key, standard):
    url, _ = packages.get(every_kind_dir, standard)
    run = open_course(page, lms, url, standard, preload=in_mode(first_launch_cmi(family(standard)), standard, "browse"))
    learner = Learner(run.content, key)
    assert learner.sees(BROWSE_NOTE) and learner.sees("Your recorded result: Not started")
    learner.start()
    learner.next_until("The double charge")
    radio = run.content.get_by_role("radio", name=BEST)
    assert not radio.is_checked() and radio.is_disabled() and learner.button("Submit").is_disabled()
    learner.next()
    assert learner.button(DLG_BEST).is_disabled()
    learner.next()
    assert learner.heading(2) == "Results" and learner.button("Start assessment").count() == 0
    learner.finish()
    assert learner.heading() == "Review finished"
    after = run.terminated()
    no_writes(run)
    assert after["suspend_data"] == "" and interactions(after, standard) == []
    if standard == "scorm12":  # scorm-again marks a browsed 1.2 SCO itself, as the standard says an LMS may
        assert status(after, standard) == {"lesson_status": "browsed", "score": {"raw": "", "min": "", "max": "100"},
                                           "exit": "", "location": ""}
    else:
        assert status(after, standard) == {"completion_status": "unknown", "success_status": "unknown",
                                           "score": {"scaled": "", "raw": "", "min": "", "max": ""},
                                           "progress_measure": "", "exit": "", "location": ""}


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_passed_record_never_goes_lower_when_a_later_session_starts_afresh(page, lms, packages, every_kind_dir, key,
                                                                           stored_pass, standard):
    """The state lost (2004: entry ab-initio; 1.2: no suspend_data) and the assessment failed twice in
    normal mode: the record keeps completed, passed and 100."""
    url, _ = packages.get(every_kind_dir, standard)
    preload = relaunch_cmi(family(standard), json.loads(json.dumps(stored_pass[standard])))
    if standard == "scorm12":
        preload.pop("suspend_data")
    else:
        preload["entry"] = "ab-initio"
    run = open_course(page, lms, url, standard, preload=preload)
    learner = Learner(run.content, key)
    if standard == "scorm12":
        learner.resume()  # 1.2 has no new attempt: the LMS's bookmark (cmi.core.lesson_location) stands in
        assert learner.heading(2) == "Check your understanding"
    else:
        learner.start()
        learner.next_until("Check your understanding")
    learner.take_assessment(ALL_WRONG)
    learner.click("Retry")
    learner.answer_attempt(ALL_WRONG)
    assert learner.sees("Your score: 0%") and learner.sees("No attempts left.")
    learner.finish()
    cmi = run.terminated()
    check_session(run)
    assert status(cmi, standard) == final(standard, "passed", 100)
    sent = {el: v for el, v in run.set_calls(r"score|status")}
    assert "0" not in sent.values() and "failed" not in sent.values(), sent


def finished_failed(standard: str, raw: int) -> dict[str, Any]:
    """The record after the last failed attempt: 2004 completed, failed, exit normal; 1.2 failed, exit ""."""
    if standard == "scorm12":
        return {"lesson_status": "failed", "score": {"raw": str(raw), "min": "0", "max": "100"}, "exit": "",
                "location": "assessment"}
    return {"completion_status": "completed", "success_status": "failed",
            "score": {"scaled": f"{raw / 100:g}", "raw": str(raw), "min": "0", "max": "100"},
            "progress_measure": "1", "exit": "normal", "location": "assessment"}


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_last_failed_attempt_is_reported_as_finished(page, lms, packages, every_kind_dir, key, standard):
    """Moodle showed "in progress" and offered to resume a course with nothing left to do."""
    url, _ = packages.get(every_kind_dir, standard)
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("Check your understanding")
    learner.take_assessment(ALL_WRONG)
    assert status(run.cmi(), standard) == final(standard, "incomplete", None, progress="0.75")  # an attempt left
    learner.click("Retry")
    learner.answer_attempt(HALF)
    assert learner.sees("No attempts left.")
    learner.finish()
    cmi = run.terminated()
    check_session(run)
    assert status(cmi, standard) == finished_failed(standard, 50)

    # the next launch (entry "" after a normal exit) still shows the outcome, and sends it unchanged
    again = open_course(page, lms, url, standard, preload=relaunch_cmi(family(standard), cmi))
    learner = Learner(again.content, key)
    learner.resume()
    assert learner.sees("Your score: 50%") and learner.sees("No attempts left.")
    learner.finish()
    assert status(again.terminated(), standard) == finished_failed(standard, 50)
    check_session(again)
