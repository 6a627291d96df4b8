"""The saved state against whatever the LMS hands back: malformed fields, random type mutations, an
empty or unusable suspend_data with a bookmark in cmi.location, SCORM 1.2's 4,096-character limit,
and check's worst case, which the real player reads back unchanged."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from repo import folder_course_data

from scorm_builder.check.course_data import read_course_data
from scorm_builder.render.suspend import worst_case

from .harness import check_session, first_launch_cmi, interactions, open_course, relaunch_cmi
from .learner import CourseKey, Learner
from .test_tracking import ALL_RIGHT, BEST, DLG_BEST, DLG_ROUTER, QUESTIONS, final, status

SUSPEND_LIMIT = 4096
STANDARDS = ("scorm12", "scorm2004-4")
# every-kind's content hashes (scorm_builder/render/item_hashes.py), as the build writes them
H = {"double-charge": "09347", "outage": "0d61e", "q-first": "00f8b", "q-signals": "75d47", "q-script": "fea4d",
     "q-match": "317b6", "q-steps": "2173a"}
ALL = "welcome double-charge outage"


def family(standard: str) -> str:
    return "scorm12" if standard == "scorm12" else "scorm2004"


def midway(page, lms, url: str, standard: str, key: CourseKey) -> dict[str, Any]:
    """A first session: the scenario answered (best), the dialogue at its second node (the router
    question), two questions answered rightly, then Exit on question 3. The CMI the LMS stored."""
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("The double charge")
    learner.answer_scenario(BEST)
    learner.next_until("The outage call")
    learner.say(DLG_ROUTER)
    learner.next_until("Check your understanding")
    learner.click("Start assessment")
    for qid in QUESTIONS[:2]:
        assert learner.answer_current(ALL_RIGHT) == qid
        learner.click("Next question")
    assert learner.sees("Question 3 of 5")
    learner.exit()
    stored = run.terminated()
    check_session(run)
    return stored


MIDWAY = {"v": 2, "c": "every-kind", "l": "*", "vw": ALL,
          "sc": {"double-charge": [1, "a", H["double-charge"]]}, "dg": {"outage": [1, "b", H["outage"]]},
          "a": {"sd": None, "n": 1, "ph": "q", "qi": 2, "q": [["q-first", "b", H["q-first"]], ["q-signals", "ac", H["q-signals"]],
                ["q-script"], ["q-match"], ["q-steps"]], "sc": [], "ps": 0}, "s": 1}


def expected_midway(saved: dict[str, Any]) -> dict[str, Any]:
    out = json.loads(json.dumps(MIDWAY))
    out["a"]["sd"] = saved["a"]["sd"]  # the seed is random
    return out


@pytest.fixture(scope="module")
def key(every_kind_dir) -> CourseKey:
    return CourseKey(every_kind_dir)


@pytest.fixture(scope="module")
def stored_midway(browser, lms, packages, every_kind_dir, key) -> dict[str, Any]:
    """midway() once per standard for the module, in a page of its own."""
    out = {}
    context = browser.new_context()
    try:
        for standard in STANDARDS:
            url, _ = packages.get(every_kind_dir, standard)
            out[standard] = midway(context.new_page(), lms, url, standard, key)
    finally:
        context.close()
    return out


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_state_is_saved_by_ids_with_a_content_hash_beside_each_answer(stored_midway, standard):
    saved = json.loads(stored_midway[standard]["suspend_data"])
    assert saved == expected_midway(saved)


def relaunch_with(stored: dict[str, Any], standard: str, edit) -> dict[str, Any]:
    """The LMS's next launch, with the stored suspend_data changed by edit(state as JSON)."""
    preload = relaunch_cmi(family(standard), json.loads(json.dumps(stored)))
    saved = json.loads(stored["suspend_data"])
    edit(saved)
    preload["suspend_data"] = json.dumps(saved, separators=(",", ":"))
    return preload


def launch_sent_state(run) -> dict[str, Any]:
    """The state the player sent at launch, after reading what the LMS handed it."""
    return json.loads(run.set_calls(r"^cmi\.suspend_data$")[0][1])


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_bookmark_that_is_not_a_page_falls_back_to_the_lms_bookmark(page, lms, packages, every_kind_dir, key,
                                                                     stored_midway, standard):
    """'"l": 1.5' gave a blank page: no buttons, no status, no Terminate."""
    url, _ = packages.get(every_kind_dir, standard)
    run = open_course(page, lms, url, standard, preload=relaunch_with(stored_midway[standard], standard,
                                                                      lambda s: s.update(l=1.5)))
    learner = Learner(run.content, key)
    learner.resume()
    assert learner.sees("Question 3 of 5") and learner.current_question() == "q-script"
    sent = launch_sent_state(run)
    assert sent == expected_midway(sent), "the bookmark came back from cmi.location: the assessment"
    learner.exit()
    cmi = run.terminated()
    check_session(run)
    assert status(cmi, standard) == final(standard, "incomplete", None, progress="0.75")


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_dialogue_path_that_is_not_text_restarts_the_dialogue(page, lms, packages, every_kind_dir, key,
                                                              stored_midway, standard):
    """'"dg": {...: [1, 5]}' gave `s.split is not a function`."""
    url, _ = packages.get(every_kind_dir, standard)
    run = open_course(page, lms, url, standard, preload=relaunch_with(stored_midway[standard], standard,
                                                                      lambda s: s["dg"].update(outage=[1, 5])))
    learner = Learner(run.content, key)
    learner.resume()
    assert learner.sees("Question 3 of 5")
    assert launch_sent_state(run)["dg"] == {"outage": [2]}
    run.content.get_by_role("button", name=re.compile(r"^Practice")).click()  # the outline's lesson 2
    learner.wait_heading("The outage call")
    assert learner.button(DLG_ROUTER).is_visible(), "the dialogue is back at its first line"
    learner.say(DLG_BEST)
    assert learner.sees("Lee feels looked after")
    assert interactions(run.cmi(), standard)[-1] == ("dlg_outage_opening_a2", "choice", ("a",), "a", "correct", "1")
    learner.exit()
    run.terminated()
    check_session(run)


@pytest.mark.parametrize("standard", STANDARDS)
def test_an_answer_that_is_not_text_is_asked_again(page, lms, packages, every_kind_dir, key, stored_midway, standard):
    """'"an": [5]' gave `ans.indexOf is not a function`; the question is asked again, in order."""
    url, _ = packages.get(every_kind_dir, standard)
    run = open_course(page, lms, url, standard, preload=relaunch_with(
        stored_midway[standard], standard, lambda s: s["a"]["q"].__setitem__(0, ["q-first", 5, H["q-first"]])))
    learner = Learner(run.content, key)
    learner.resume()
    assert learner.sees("Question 1 of 5") and learner.current_question() == "q-first"
    assert learner.button("Submit").is_enabled()
    sent = launch_sent_state(run)
    # q-signals keeps its answer: the learner walks through it on the way to question 3
    assert sent["a"]["qi"] == 0 and sent["a"]["q"] == [["q-first"], ["q-signals", "ac", H["q-signals"]], ["q-script"],
                                                       ["q-match"], ["q-steps"]]
    learner.exit()
    run.terminated()
    check_session(run)


def test_an_unknown_key_over_the_12_budget_is_dropped_and_progress_is_saved_again(page, lms, packages, every_kind_dir,
                                                                                 key, stored_midway):
    """An unknown key pushing the state over 4,096 characters meant progress was never saved again."""
    standard = "scorm12"
    url, _ = packages.get(every_kind_dir, standard)
    preload = relaunch_with(stored_midway[standard], standard, lambda s: s.update(x="y" * 4000))
    assert len(preload["suspend_data"]) > SUSPEND_LIMIT
    run = open_course(page, lms, url, standard, preload=preload)
    learner = Learner(run.content, key)
    learner.resume()
    learner.answer_current(ALL_RIGHT)  # q-script
    learner.exit()
    cmi = run.terminated()
    check_session(run)
    saved = json.loads(cmi["suspend_data"])
    assert "x" not in saved and len(cmi["suspend_data"]) < 500
    assert saved["a"]["q"][2] == ["q-script", "f", H["q-script"]] and saved["a"]["qi"] == 2


MUTATIONS = [None, 0, -1, 1.5, 1e308, "", "x", "*", True, False, [], {}, [1, 5], ["b"], {"a": 1}, "y" * 300]


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value: (key, key, ...) down to it."""
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths(v, prefix + (i,))
    return out


@pytest.mark.parametrize("standard", STANDARDS)
def test_random_type_mutations_of_a_saved_state_never_break_the_player(page, lms, packages, every_kind_dir, key,
                                                                      stored_midway, standard):
    """8 of 100 such mutations crashed the player: each now gives a title screen, a first screen
    with its buttons, and a session that ends with Terminate."""
    url, _ = packages.get(every_kind_dir, standard)
    rng = random.Random(20261201 if standard == "scorm12" else 20261202)
    saved = json.loads(stored_midway[standard]["suspend_data"])
    places = paths(saved)
    for n in range(8):
        where, value = rng.choice(places), rng.choice(MUTATIONS)

        def edit(state, where=where, value=value):
            node = state
            for k in where[:-1]:
                node = node[k]
            node[where[-1]] = value
        run = open_course(page, lms, url, standard, preload=relaunch_with(stored_midway[standard], standard, edit))
        learner = Learner(run.content, key)
        start = learner.button("Resume") if learner.button("Resume").count() else learner.button("Start")
        start.click()
        run.content.get_by_role("heading", level=2).first.wait_for(state="visible")
        assert learner.button("Exit").is_visible(), (n, where, value)
        learner.exit()
        run.terminated()
        check_session(run)
        assert [e for e in run.console if "Uncaught" in e or "TypeError" in e] == [], (n, where, value)


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("suspend_data", ["", "not a saved state"])
def test_the_lms_bookmark_is_read_when_suspend_data_is_empty_or_unusable(page, lms, packages, every_kind_dir, key,
                                                                        stored_midway, standard, suspend_data):
    url, _ = packages.get(every_kind_dir, standard)
    preload = relaunch_with(stored_midway[standard], standard, lambda s: None)
    preload["suspend_data"] = suspend_data
    if not suspend_data:
        preload.pop("suspend_data")
    (preload["core"] if standard == "scorm12" else preload).update(
        {"lesson_location" if standard == "scorm12" else "location": "outage"})
    run = open_course(page, lms, url, standard, preload=preload)
    learner = Learner(run.content, key)
    assert learner.sees("Welcome back. You can pick up where you left off.")
    learner.resume()
    assert learner.heading(2) == "The outage call"
    learner.exit()
    cmi = run.terminated()
    check_session(run)
    assert status(cmi, standard)["location"] == "outage"
    assert json.loads(cmi["suspend_data"])["l"] == "outage"


def test_a_2004_new_attempt_ignores_the_earlier_bookmark_too(page, lms, packages, every_kind_dir, key, stored_midway):
    """cmi.entry ab-initio: suspend_data and cmi.location belong to an earlier attempt."""
    standard = "scorm2004-4"
    url, _ = packages.get(every_kind_dir, standard)
    preload = relaunch_with(stored_midway[standard], standard, lambda s: None)
    preload.update(entry="ab-initio", location="outage")
    run = open_course(page, lms, url, standard, preload=preload)
    learner = Learner(run.content, key)
    assert learner.button("Start").is_visible() and learner.button("Resume").count() == 0
    learner.start()
    assert learner.heading(2) == "Welcome"
    learner.exit()
    run.terminated()
    check_session(run)


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_real_player_reads_checks_worst_case_back_unchanged(page, lms, packages, every_kind_dir, standard):
    """scorm_builder/render/suspend.py's bound is a state of the player's own format, read and
    written back byte for byte (the first suspend_data the player sends at launch)."""
    url, folder = packages.get(every_kind_dir, standard)
    data = folder_course_data(Path(folder))  # each page whole, its lesson file merged
    bound = worst_case(data)
    assert bound.length < SUSPEND_LIMIT
    preload = first_launch_cmi(family(standard))
    (preload["core"] if standard == "scorm12" else preload)["entry"] = "resume"
    preload["suspend_data"] = bound.text
    run = open_course(page, lms, url, standard, preload=preload)
    Learner(run.content).button("Resume").wait_for(state="visible")
    assert run.set_calls(r"^cmi\.suspend_data$")[0][1] == bound.text
    assert run.api_errors() == []


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
    """275 answered scenarios are more state than 4,096 characters: the player drops detail (the
    answers shown on screen, then the viewed pages' ids for their positions) but keeps the bookmark,
    the viewed pages and the answer counts, and a relaunch resumes on the same page. The answers are put into the player's live state directly
    (answering them through the UI would take minutes); two are real."""
    standard = "scorm12"
    n = 275
    folder = large_course(tmp_path / "large-course", n)
    url, unpacked = packages.get(folder, standard)
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
    learner.next()  # to s3: a page change saves the state
    assert learner.heading(2) == "Situation 3"
    sent = [v for el, v in run.set_calls(r"^cmi\.suspend_data$")]
    assert len(sent[-1]) <= SUSPEND_LIMIT
    state = json.loads(sent[-1])
    fingerprint = read_course_data((unpacked / "index.html").read_bytes()).data["course"]["fingerprint"]
    # the keys on screen went, the counts stay; the viewed pages are kept by position, for this build
    assert state["l"] == "s3" and "vw" not in state and state["vb"] == "1" * (n + 1) + "0" and state["f"] == fingerprint
    assert state["sc"] == {f"s{k}": [1] for k in range(1, n + 1)}
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
