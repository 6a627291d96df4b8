"""A course republished over learners' saved states (v1 -> v2), with every kind of change: what
still holds is kept by id, what changed is dropped cleanly and answered again, nothing is ever
read against changed content, and the LMS status floor holds."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from .harness import check_session, interactions, open_course, relaunch_cmi
from .learner import CourseKey, Learner
from .test_state import ALL, STANDARDS, H, expected_midway, family, midway
from .test_tracking import ALL_RIGHT, BEST, DLG_BEST, DLG_ROUTER, final, q_rows, status

NEW_PAGE = {"type": "text", "id": "before-you-start", "title": "Before you start", "body": "Read this first."}
POOR = "We apologise for any inconvenience caused."


def republished(base: Path, folder: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the every-kind course at version 1.1.0 with edit(course as YAML data) applied."""
    shutil.copytree(base, folder)
    course = yaml.safe_load((folder / "course.yaml").read_text(encoding="utf-8"))
    course["version"] = "1.1.0"
    edit(course)
    (folder / "course.yaml").write_text(yaml.safe_dump(course, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def pages(course: dict[str, Any], lesson: int) -> list[dict[str, Any]]:
    return course["lessons"][lesson]["pages"]


def reorder_options(course: dict[str, Any]) -> None:
    pages(course, 0)[1]["options"].reverse()  # the best option was a, it is now c


def change_question(course: dict[str, Any]) -> None:
    q = course["assessment"]["questions"][0]  # q-first: the right choice was b, it is now a
    q["choices"][0], q["choices"][1] = q["choices"][1], q["choices"][0]


def change_dialogue_node(course: dict[str, Any]) -> None:
    pages(course, 1)[0]["nodes"][0]["choices"].reverse()  # the opening's best choice was a, it is now b


CHANGES = {
    "page-added": lambda c: pages(c, 0).insert(0, dict(NEW_PAGE)),
    "page-removed": lambda c: pages(c, 0).pop(0),
    "page-moved": lambda c: pages(c, 1).append(pages(c, 0).pop(0)),
    "options-reordered": reorder_options,
    "question-changed": change_question,
    "dialogue-node-changed": change_dialogue_node,
}


@pytest.fixture(scope="module")
def key(every_kind_dir) -> CourseKey:
    return CourseKey(every_kind_dir)


@pytest.fixture(scope="module")
def versions(tmp_path_factory, every_kind_dir) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("republished")
    return {name: republished(every_kind_dir, base / name / "every-kind", edit) for name, edit in CHANGES.items()}


@pytest.fixture(scope="module")
def stored_v1(browser, lms, packages, every_kind_dir, key) -> dict[str, Any]:
    """A learner midway through version 1 (test_state.midway), once per standard."""
    out = {}
    context = browser.new_context()
    try:
        for standard in STANDARDS:
            url, _ = packages.get(every_kind_dir, standard)
            out[standard] = midway(context.new_page(), lms, url, standard, key)
    finally:
        context.close()
    return out


def relaunch_v2(page, lms, packages, versions, change: str, stored: dict[str, Any], standard: str):
    url, _ = packages.get(versions[change], standard)
    run = open_course(page, lms, url, standard, preload=relaunch_cmi(family(standard), json.loads(json.dumps(stored))))
    return run, Learner(run.content, CourseKey(versions[change]))


def launch_state(run) -> dict[str, Any]:
    """The state the player sent at launch, after reading the older one."""
    return json.loads(run.set_calls(r"^cmi\.suspend_data$")[0][1])


def exit_and_check(run, learner: Learner) -> dict[str, Any]:
    learner.exit()
    cmi = run.terminated()
    check_session(run)
    return cmi


V1_ROWS = {"scorm12": "wrong", "scorm2004-4": "incorrect"}


def v1_interactions(standard: str) -> list[tuple]:
    """What the LMS holds from the first session: the scenario, the router decision, q-first and q-signals."""
    return [("scn_double-charge", "choice", ("a",), "a", "correct", "1"),
            ("dlg_outage_opening", "choice", ("a",), "b", V1_ROWS[standard], "1"),
            *q_rows(standard, ALL_RIGHT)[:2]]


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("change", ["page-added", "page-removed", "page-moved"])
def test_pages_added_removed_or_moved_keep_everything_by_id(page, lms, packages, versions, stored_v1, standard, change):
    run, learner = relaunch_v2(page, lms, packages, versions, change, stored_v1[standard], standard)
    assert learner.sees("Welcome back. You can pick up where you left off.")
    learner.resume()
    assert learner.sees("Question 3 of 5") and learner.current_question() == "q-script"
    sent = launch_state(run)
    expected = expected_midway(sent)
    expected["vw"] = {"page-added": ALL, "page-removed": "double-charge outage",
                      "page-moved": "double-charge outage welcome"}[change]  # in the new build's page order
    assert sent == expected
    live = run.player_state()
    assert live["vw"] == {"page-added": "0111", "page-removed": "11", "page-moved": "111"}[change]
    assert live["sc"] == {{"page-added": "2", "page-removed": "0", "page-moved": "0"}[change]: [1, "a"]}
    cmi = exit_and_check(run, learner)
    progress = {"page-added": "0.6", "page-removed": "0.6667", "page-moved": "0.75"}[change]
    assert status(cmi, standard) == final(standard, "incomplete", None, progress=progress)
    assert interactions(cmi, standard) == v1_interactions(standard)


@pytest.mark.parametrize("standard", STANDARDS)
def test_reordered_options_drop_the_scenario_answer_instead_of_misreading_it(page, lms, packages, versions, stored_v1,
                                                                            standard):
    """The best answer (a) would have shown as the poor option now in its place."""
    run, learner = relaunch_v2(page, lms, packages, versions, "options-reordered", stored_v1[standard], standard)
    learner.resume()
    assert launch_state(run)["sc"] == {"double-charge": [1]}
    run.content.get_by_role("button", name=re.compile(r"^Basics")).click()
    learner.next_until("The double charge")
    for option in (BEST, POOR):
        radio = run.content.get_by_role("radio", name=option)
        assert not radio.is_checked() and not radio.is_disabled()
    assert not learner.sees("Poor response", timeout=300)
    learner.answer_scenario(BEST)
    assert learner.sees("Best response")
    cmi = exit_and_check(run, learner)
    # the count was kept: the second answer has a new id, and the new key c is the best one
    assert interactions(cmi, standard) == [*v1_interactions(standard),
                                           ("scn_double-charge_a2", "choice", ("c",), "c", "correct", "1")]


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_changed_question_is_asked_again_and_the_others_keep_their_answers(page, lms, packages, versions, stored_v1,
                                                                            standard):
    """The right answer to q-first (b) would have shown as Incorrect."""
    run, learner = relaunch_v2(page, lms, packages, versions, "question-changed", stored_v1[standard], standard)
    learner.resume()
    assert learner.sees("Question 1 of 5") and learner.current_question() == "q-first"
    assert not learner.sees("Incorrect", timeout=300)
    sent = launch_state(run)["a"]
    assert (sent["qi"], sent["q"][0], sent["q"][1]) == (0, ["q-first"], ["q-signals", "ac", H["q-signals"]])
    learner.answer_current(ALL_RIGHT)
    assert learner.sees("Correct")
    learner.click("Next question")
    assert learner.sees("Question 2 of 5") and learner.button("Submit").is_disabled()  # kept, answered
    learner.click("Next question")
    for n in range(3):
        learner.answer_current(ALL_RIGHT)
        learner.click("See results" if n == 2 else "Next question")
    assert learner.sees("Your score: 100%")
    learner.finish()
    cmi = run.terminated()
    check_session(run)
    assert status(cmi, standard) == final(standard, "passed", 100)
    rows = q_rows(standard, ALL_RIGHT)
    first = ("q_q-first", rows[0][1], ("a",), "a", "correct", "1")  # the new right key
    assert interactions(cmi, standard) == [*v1_interactions(standard), first, *rows[2:]]


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_changed_dialogue_restarts_as_a_new_play_through(page, lms, packages, versions, stored_v1, standard):
    run, learner = relaunch_v2(page, lms, packages, versions, "dialogue-node-changed", stored_v1[standard], standard)
    learner.resume()
    assert launch_state(run)["dg"] == {"outage": [2]}
    run.content.get_by_role("button", name=re.compile(r"^Practice")).click()
    learner.wait_heading("The outage call")
    assert learner.button(DLG_ROUTER).is_visible() and learner.button(DLG_BEST).is_visible()
    assert not learner.sees("Of course I have. Three times.", timeout=300)
    learner.say(DLG_BEST)
    assert learner.sees("Lee feels looked after")
    cmi = exit_and_check(run, learner)
    assert interactions(cmi, standard) == [*v1_interactions(standard),
                                           ("dlg_outage_opening_a2", "choice", ("b",), "b", "correct", "1")]


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_passed_learner_stays_passed_after_a_republish_that_changed_a_question(page, lms, packages, every_kind_dir,
                                                                                versions, key, standard):
    url, _ = packages.get(every_kind_dir, standard)
    first = open_course(page, lms, url, standard)
    learner = Learner(first.content, key)
    learner.start()
    learner.next_until("Check your understanding")
    learner.take_assessment(ALL_RIGHT)
    learner.finish()
    stored = first.terminated()
    assert status(stored, standard) == final(standard, "passed", 100, progress="1")

    run, learner = relaunch_v2(page, lms, packages, versions, "question-changed", stored, standard)
    learner.resume()
    # the attempt's review answers went with the changed question; its score and the pass stay
    assert learner.sees("Your score: 100%") and learner.button("Review answers").count() == 0
    sent = launch_state(run)["a"]
    assert sent == {"sd": sent["sd"], "n": 1, "ph": "r", "qi": 0, "sc": [100], "ps": 1, "nr": 1}
    learner.finish()
    cmi = run.terminated()
    check_session(run)
    assert status(cmi, standard) == final(standard, "passed", 100)
