"""The preview with cmi5 in chromium: the page launches the course against the preview's own LMS and LRS,
and its debug panel lists the statements, the state documents and the launch data."""
from __future__ import annotations

import json
import re

import pytest

from scorm_builder.tools.scaffold import scaffold

from .learner import CourseKey, Learner

SCENARIO_BEST = "A week is a long time to wait for your own money. Let me find out where it is right now."
DIALOGUE_FIRST = "That's frustrating; I'll check its status while we talk."


@pytest.fixture()
def preview(tmp_path, preview_server):
    course = scaffold("demo", tmp_path / "courses").parent
    state, base = preview_server(course, "cmi5")
    return state, base + "/", course


@pytest.fixture()
def preview_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(8000)
    yield context.new_page()
    context.close()


def panel_verbs(page) -> list[str]:
    return [v.split(" (")[0] for v in page.locator("#statements tbody tr td:nth-child(2)").all_inner_texts()]


def wait_for_verbs(page, count: int) -> list[str]:
    page.wait_for_function(f"document.querySelectorAll('#statements tbody tr').length >= {count}")
    return panel_verbs(page)


def test_the_first_page_shows_initialized_and_the_launch_data(preview, preview_page):
    _, base, _ = preview
    preview_page.goto(base)
    assert preview_page.locator("#scorm-panel").is_hidden()
    frame = preview_page.frame_locator("#sco")
    frame.get_by_role("button", name="Start").click()
    frame.get_by_role("heading", name="Why it matters").wait_for(state="visible")
    assert wait_for_verbs(preview_page, 2) == ["launched", "initialized"]
    record = preview_page.evaluate("window.previewLrs")
    assert [s["problem"] for s in record["statements"]] == ["", ""]
    launch_data = json.loads(preview_page.locator("#launch-data").inner_text())
    assert {k: launch_data[k] for k in ("launchMode", "moveOn", "masteryScore", "returnURL")} == {
        "launchMode": "Normal", "moveOn": "CompletedAndPassed", "masteryScore": 0.8,
        "returnURL": base + "preview/returned"}
    assert preview_page.locator("#states tbody tr td:first-child").all_inner_texts()[0] == "LMS.LaunchData"
    fetches = [r for r in record["requests"] if r["resource"] == "activities/state"]
    assert [(r["method"], r["stateId"], r["status"]) for r in fetches][:2] == [
        ("GET", "LMS.LaunchData", 200), ("GET", "scorm-builder.state", 404)]  # then the AU's own PUTs
    assert {(r["method"], r["stateId"], r["status"]) for r in fetches[2:]} == {("PUT", "scorm-builder.state", 204)}


def finish_the_course(preview, preview_page) -> Learner:
    """A Normal launch of the demo course played to the end, its assessment passed, back at the returnURL."""
    _, base, course = preview
    preview_page.goto(base)
    frame = preview_page.frame_locator("#sco")
    frame.get_by_role("button", name="Start").wait_for(state="visible")
    key = CourseKey(course)
    learner = Learner(frame, key)
    learner.start()
    learner.next_until("The late refund")
    learner.answer_scenario(SCENARIO_BEST)
    learner.next_until("Follow-up call")
    learner.say(DIALOGUE_FIRST)
    learner.next_until("Assessment")  # the demo course's assessment has the default title
    learner.take_assessment({qid: True for qid in key.questions})
    assert learner.sees("Your score: 100%")
    learner.finish()
    frame.get_by_role("heading", name="Back at the LMS").wait_for(state="visible")  # the returnURL
    return learner


def test_a_short_course_finished_gives_the_exact_verb_sequence(preview, preview_page):
    finish_the_course(preview, preview_page)
    assert wait_for_verbs(preview_page, 9) == [
        "launched", "initialized", "answered", "answered", "answered", "answered", "passed", "completed",
        "terminated"]
    record = preview_page.evaluate("window.previewLrs")
    assert [s["problem"] for s in record["statements"]] == [""] * 9
    assert [s["object"]["id"].removeprefix(record["activityId"]) for s in record["statements"][2:4]] == [
        "/scn_late-refund", "/dlg_refund-call_opening"]
    assert record["statements"][6]["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    own = record["states"]["scorm-builder.state"]
    assert own["sent"] == {"completed": 1, "passed": 1, "failed": 0, "score": 100}
    # Relaunch: a new session of the same registration, which resumes and records nothing new
    preview_page.get_by_role("button", name="Relaunch").click()
    assert wait_for_verbs(preview_page, 11)[9:] == ["launched", "initialized"]
    assert preview_page.evaluate("window.previewLrs.registration") == record["registration"]
    # Reset learner: a new registration, which starts over
    preview_page.get_by_role("button", name="Reset learner").click()
    preview_page.wait_for_function(f"window.previewLrs.registration !== {json.dumps(record['registration'])}")
    assert wait_for_verbs(preview_page, 2)[:1] == ["launched"]


CMI5_LAUNCHMODE = "https://w3id.org/xapi/cmi5/context/extensions/launchmode"


def own_requests(record) -> list[tuple[str, str, int]]:
    return [(r["method"], r["stateId"], r["status"]) for r in record["requests"] if r["resource"] == "activities/state"]


def test_browse_mode_sends_no_statement_that_changes_a_result(preview, preview_page):
    """`preview --mode browse`: LaunchData says Browse, and the player sends initialized and terminated
    only (cmi5 10.2.2), and writes no state document."""
    state, base, course = preview
    state.lrs.mode = "Browse"
    preview_page.goto(base)
    frame = preview_page.frame_locator("#sco")
    assert preview_page.locator("#cmi5-mode").input_value() == "browse"
    learner = Learner(frame, CourseKey(course))
    learner.start()
    learner.next_until("The late refund")
    learner.next_until("Follow-up call")
    learner.next()
    assert learner.sees("Your recorded result: Not started")
    learner.exit()
    frame.get_by_role("heading", name="Back at the LMS").wait_for(state="visible")
    assert wait_for_verbs(preview_page, 3) == ["launched", "initialized", "terminated"]
    record = preview_page.evaluate("window.previewLrs")
    assert [s["problem"] for s in record["statements"]] == ["", "", ""]
    assert record["statements"][0]["context"]["extensions"][CMI5_LAUNCHMODE] == "Browse"
    assert record["launchData"]["launchMode"] == "Browse"
    # terminated carries the session's duration only: no score, success or completion
    assert [sorted(s.get("result") or {}) for s in record["statements"]] == [[], [], ["duration"]]
    assert re.fullmatch(r"PT\d+(\.\d{1,2})?S", record["statements"][2]["result"]["duration"])
    assert sorted(record["states"]) == ["LMS.LaunchData"]
    assert own_requests(record) == [("GET", "LMS.LaunchData", 200), ("GET", "scorm-builder.state", 404)]


def test_review_mode_from_the_panel_shows_the_record_and_changes_nothing(preview, preview_page):
    """A finished Normal run, then Launch mode: Review in the panel: a new session of the registration
    whose statements are launched (Review), initialized and terminated, and the AU's state document
    stays as the Normal run left it."""
    learner = finish_the_course(preview, preview_page)
    frame = learner.c
    assert wait_for_verbs(preview_page, 9)[-1] == "terminated"
    before = preview_page.evaluate("window.previewLrs")
    preview_page.locator("#cmi5-mode").select_option("review")
    frame.get_by_role("button", name="Resume").wait_for(state="visible")
    assert wait_for_verbs(preview_page, 11)[9:] == ["launched", "initialized"]
    learner.resume()
    assert learner.sees("Review mode: nothing is recorded")
    assert learner.sees("Your recorded result: Passed (100%)")
    learner.exit()
    frame.get_by_role("heading", name="Back at the LMS").wait_for(state="visible")
    assert wait_for_verbs(preview_page, 12)[9:] == ["launched", "initialized", "terminated"]
    record = preview_page.evaluate("window.previewLrs")
    assert record["registration"] == before["registration"]
    assert [s["problem"] for s in record["statements"]] == [""] * 12
    assert record["statements"][9]["context"]["extensions"][CMI5_LAUNCHMODE] == "Review"
    assert [sorted(s.get("result") or {}) for s in record["statements"][9:]] == [[], [], ["duration"]]
    assert record["launchData"]["launchMode"] == "Review"
    assert record["states"]["scorm-builder.state"] == before["states"]["scorm-builder.state"]
    assert own_requests(record)[len(own_requests(before)):] == [("GET", "LMS.LaunchData", 200),
                                                                ("GET", "scorm-builder.state", 200)]
    assert preview_page.locator("#cmi5-mode").input_value() == "review"
