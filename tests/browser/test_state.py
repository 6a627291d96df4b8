"""Saved state across package versions and at SCORM 1.2's 4,096-character suspend_data limit."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from .harness import check_session, interactions, open_course, relaunch_cmi
from .learner import CourseKey, Learner
from .test_tracking import BEST, final, status

SUSPEND_LIMIT = 4096


@pytest.fixture(scope="module")
def changed_every_kind(tmp_path_factory, every_kind_dir) -> Path:
    """The every-kind course, updated: its scenario gets a fourth option (a new structure)."""
    folder = tmp_path_factory.mktemp("changed") / "every-kind"
    shutil.copytree(every_kind_dir, folder)
    course = yaml.safe_load((folder / "course.yaml").read_text(encoding="utf-8"))
    course["version"] = "1.1.0"
    scenario = course["lessons"][0]["pages"][1]
    assert scenario["id"] == "double-charge"
    scenario["options"].append({"text": "Let me transfer you to billing.", "verdict": "poor",
                                "feedback": "A hand-off without ownership."})
    (folder / "course.yaml").write_text(yaml.safe_dump(course, sort_keys=False), encoding="utf-8")
    return folder


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_a_rebuilt_course_does_not_misread_an_older_saved_state(page, lms, packages, every_kind_dir,
                                                                changed_every_kind, standard):
    key = CourseKey(every_kind_dir)
    old_url, _ = packages.get(every_kind_dir, standard)
    first = open_course(page, lms, old_url, standard)
    learner = Learner(first.content, key)
    learner.start()
    learner.next_until("The double charge")
    learner.answer_scenario(BEST)
    learner.next()
    learner.exit()
    stored = first.terminated()
    old_state = json.loads(stored["suspend_data"])

    new_url, _ = packages.get(changed_every_kind, standard)
    second = open_course(page, lms, new_url, standard, preload=relaunch_cmi(standard, stored))
    learner = Learner(second.content, CourseKey(changed_every_kind))
    # The saved detail belongs to another structure: no Resume into it, a fresh start.
    assert learner.button("Start").is_visible() and learner.button("Resume").count() == 0
    state = second.player_state()
    assert state["f"] != old_state["f"] and state["l"] == 0 and state["sc"] == {} and state["dg"] == {}
    learner.start()
    assert learner.heading(2) == "Welcome"
    learner.next()
    radio = second.content.get_by_role("radio", name=BEST)
    assert not radio.is_checked() and not radio.is_disabled()
    learner.answer_scenario("Let me transfer you to billing.")
    learner.exit()
    cmi = second.terminated()
    check_session(second)
    wrong = "wrong" if standard == "scorm12" else "incorrect"
    # The LMS's earlier interaction stays; the new one is appended after it, with the new key d.
    assert interactions(cmi, standard) == [
        ("scn_double-charge", "choice", ("a",), "a", "correct", "1"),
        ("scn_double-charge", "choice", ("a",), "d", wrong, "1"),
    ]
    assert status(cmi, standard) == final(standard, "incomplete", None, location="double-charge", progress="0.5")
    assert json.loads(cmi["suspend_data"])["f"] == state["f"]


def large_course(folder: Path, scenarios: int) -> Path:
    """A course of many scenarios (and a short assessment), big enough that a learner who
    answered them all has more state than SCORM 1.2's suspend_data holds."""
    pages = [{"type": "text", "id": "start-here", "title": "Start here", "body": "Many scenarios follow."}]
    for n in range(1, scenarios + 1):
        pages.append({"type": "scenario", "id": f"s{n}", "title": f"Situation {n}", "channel": "chat",
                      "customer": {"says": f"Message number {n}."}, "prompt": "Your reply?",
                      "options": [{"text": f"Good reply {n}", "verdict": "best", "feedback": "Yes."},
                                  {"text": f"Weak reply {n}", "verdict": "poor", "feedback": "No."}]})
    pages.append({"type": "text", "id": "the-end", "title": "The end", "body": "Done."})
    course = {"id": "large-course", "title": "A large course", "version": "1.0.0", "completion": "both",
              "lessons": [{"id": "all", "title": "Everything", "pages": pages}],
              "assessment": {"pass_mark": 50, "attempts": 0, "shuffle_questions": False,
                             "shuffle_choices": False, "questions": [
                                 {"id": "q-one", "type": "true-false", "text": "Is this large?", "answer": True}]}}
    folder.mkdir(parents=True)
    (folder / "course.yaml").write_text(yaml.safe_dump(course, sort_keys=False), encoding="utf-8")
    return folder


def test_a_large_course_stays_within_the_1_2_limit_and_keeps_the_bookmark(page, lms, packages, tmp_path):
    """275 answered scenarios are more state than 4,096 characters (about 4,140): the player
    drops detail (the answers shown on screen) but keeps the bookmark, the viewed pages and the
    answer counts, and a relaunch resumes on the same page. The answers are put into the player's
    live state directly (answering them through the UI would take minutes); two are real."""
    standard = "scorm12"
    n = 275
    folder = large_course(tmp_path / "large-course", n)
    url, _ = packages.get(folder, standard)
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content, CourseKey(folder))
    learner.start()
    learner.next()
    learner.answer_scenario("Good reply 1")
    learner.next()
    learner.answer_scenario("Weak reply 2")
    run.content.evaluate("""() => {
        const st = window.scormPlayer.state();
        for (let k = 3; k <= %d; k++) st.sc[String(k)] = [1, 'a'];
        st.vw = st.vw.split('').map((c, i) => i <= %d ? '1' : c).join('');
    }""" % (n, n))
    full = run.content.evaluate("JSON.stringify(window.scormPlayer.state()).length")
    assert full > SUSPEND_LIMIT
    learner.next()  # to s3: a page change saves the state
    assert learner.heading(2) == "Situation 3"
    sent = [v for el, v in run.set_calls(r"^cmi\.suspend_data$")]
    assert len(sent[-1]) <= SUSPEND_LIMIT
    state = json.loads(sent[-1])
    assert state["l"] == 3 and state["vw"] == "1" * (n + 1) + "0"
    assert state["sc"] == {str(k): [1, ""] for k in range(1, n + 1)}
    learner.exit()
    stored = run.terminated()
    assert stored["suspend_data"] == sent[-1]
    check_session(run)

    again = open_course(page, lms, url, standard, preload=relaunch_cmi(standard, stored))
    learner = Learner(again.content, CourseKey(folder))
    learner.resume()
    assert learner.heading(2) == "Situation 3"
    learner.previous()
    assert learner.heading(2) == "Situation 2"
    learner.answer_scenario("Good reply 2")  # the count survived: this is the second answer
    assert interactions(again.cmi(), standard)[-1] == ("scn_s2_a2", "choice", ("a",), "a", "correct", "1")
    assert status(again.cmi(), standard)["location"] == "s2"
    assert again.api_errors() == []
