"""What the LMS records, in both standards, for the ways a learner goes through a course."""
from __future__ import annotations

import re

import pytest

from .harness import (
    check_interaction_formats,
    check_session,
    first_launch_cmi,
    interactions,
    objectives,
    open_course,
    open_without_lms,
    relaunch_cmi,
    status,
)
from .learner import CourseKey, Learner

STANDARDS = ("scorm12", "scorm2004-4")

# The every-kind course (tests/browser/fixtures/every-kind/course.yaml).
BEST = "Being charged twice and then ignored is maddening. I have found both charges and I am refunding one now."
ACCEPTABLE = "Please send me your order number so I can look into this."
DLG_BEST = "A whole day without a connection when you work from home is serious. Let me check your line now."
DLG_ROUTER = "Have you tried restarting your router?"
DLG_RECOVER = "Sorry, that was the wrong first question. I am checking the line from here."
QUESTIONS = ("q-first", "q-signals", "q-script", "q-match", "q-steps")
ALL_RIGHT = dict.fromkeys(QUESTIONS, True)
ALL_WRONG = dict.fromkeys(QUESTIONS, False)
HALF = {"q-first": True, "q-signals": True, "q-script": True, "q-match": False, "q-steps": False}  # 3 of 6 = 50%

# (type, correct pattern, right response, wrong response) in each standard's own notation.
FORMATS = {
    "scorm12": {
        "q-first": ("choice", "b", "b", "a"),
        "q-signals": ("choice", "a,c", "a,c", "a,b"),
        "q-script": ("true-false", "f", "f", "t"),
        "q-match": ("matching", "a.a,b.b,c.c", "a.a,b.b,c.c", "a.b,b.c,c.a"),
        "q-steps": ("sequencing", "a,b,c", "a,b,c", "c,b,a"),
    },
    "scorm2004-4": {
        "q-first": ("choice", "b", "b", "a"),
        "q-signals": ("choice", "a[,]c", "a[,]c", "a[,]b"),
        "q-script": ("true-false", "false", "false", "true"),
        "q-match": ("matching", "a[.]a[,]b[.]b[,]c[.]c", "a[.]a[,]b[.]b[,]c[.]c", "a[.]b[,]b[.]c[,]c[.]a"),
        "q-steps": ("sequencing", "a[,]b[,]c", "a[,]b[,]c", "c[,]b[,]a"),
    },
}
WEIGHT = {"q-first": "1", "q-signals": "1", "q-script": "1", "q-match": "2", "q-steps": "1"}
WRONG = {"scorm12": "wrong", "scorm2004-4": "incorrect"}


def q_rows(standard: str, answers: dict[str, bool], attempt: int = 1) -> list[tuple]:
    suffix = f"_a{attempt}" if attempt >= 2 else ""
    rows = []
    for qid in QUESTIONS:
        kind, pattern, right, wrong = FORMATS[standard][qid]
        ok = answers[qid]
        rows.append((f"q_{qid}{suffix}", kind, (pattern,), right if ok else wrong,
                     "correct" if ok else WRONG[standard], WEIGHT[qid]))
    return rows


def final(standard: str, outcome: str, raw: int | None, location: str = "assessment",
          progress: str = "1") -> dict:
    """The expected status block: outcome is passed, failed or incomplete."""
    if standard == "scorm12":
        # an unscored 1.2 SCO: scorm-again's own default for score.max is "100"
        score = {"raw": str(raw), "min": "0", "max": "100"} if raw is not None else {"raw": "", "min": "", "max": "100"}
        # failed is the last attempt failed: the record is final, so no suspend (docs/player.md)
        return {"lesson_status": outcome, "score": score, "exit": "suspend" if outcome == "incomplete" else "",
                "location": location}
    score = ({"scaled": f"{raw / 100:g}", "raw": str(raw), "min": "0", "max": "100"} if raw is not None
             else {"scaled": "", "raw": "", "min": "", "max": ""})
    done = outcome in ("passed", "failed")
    return {"completion_status": "completed" if done else "incomplete",
            "success_status": {"passed": "passed", "failed": "failed"}.get(outcome, "unknown"),
            "score": score, "progress_measure": progress, "exit": "normal" if done else "suspend",
            "location": location}


@pytest.fixture(params=STANDARDS)
def standard(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def key(every_kind_dir) -> CourseKey:
    return CourseKey(every_kind_dir)


@pytest.fixture
def package(packages, every_kind_dir, standard) -> tuple[str, object]:
    return packages.get(every_kind_dir, standard)


def through_lessons(learner: Learner) -> None:
    """Start and page through every lesson page without answering, to the assessment."""
    learner.start()
    learner.next_until("Check your understanding")


def finish_and_check(run, learner: Learner) -> dict:
    """Finish, wait for the LMS's termination commit, check the session, return the CMI held."""
    learner.finish()
    stored = run.terminated()
    held = run.cmi()
    held_core = held["core"] if run.standard == "scorm12" else held
    stored_core = stored["core"] if run.standard == "scorm12" else stored
    stored_core.pop("total_time")
    held_core.pop("total_time", None)
    assert held == stored, "the termination commit differs from what the run-time holds"
    check_session(run)
    check_interaction_formats(run, held)
    return held


def test_complete_and_pass(page, lms, package, standard, key):
    url, _ = package
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content, key)
    assert learner.heading() == "Every kind of page"
    learner.start()
    learner.next_until("The double charge")
    learner.answer_scenario(ACCEPTABLE)
    assert learner.sees("Acceptable response")
    learner.click("Try again")
    learner.answer_scenario(BEST)
    assert learner.sees("Best response")
    assert learner.sees("Principle: Acknowledge the feeling first")
    # committed at once, not only at the end: the LMS server already has the answer
    assert [row[0] for row in interactions(run.last_commit(), standard)] == ["scn_double-charge",
                                                                             "scn_double-charge_a2"]
    learner.next_until("The outage call")
    learner.say(DLG_BEST)
    assert learner.sees("Lee feels looked after")
    assert interactions(run.last_commit(), standard)[-1][0] == "dlg_outage_opening"
    learner.next_until("Check your understanding")
    learner.click("Start assessment")
    assert learner.answer_current(ALL_RIGHT) == "q-first"
    assert interactions(run.last_commit(), standard)[-1][0] == "q_q-first"
    learner.click("Next question")
    assert learner.answer_attempt({q: True for q in QUESTIONS[1:]}) == list(QUESTIONS[1:])
    assert learner.sees("Your score: 100%") and learner.sees(re.compile(r"^Passed$"))
    assert learner.button("Retry").count() == 0
    cmi = finish_and_check(run, learner)
    assert learner.heading() == "Course complete"
    # The course fetched nothing from outside its own folder (no CDN, font or analytics).
    fetched = run.package_requests(url)
    assert url + "player/player.js" in fetched and url + "player/player.css" in fetched
    assert [u for u in fetched if not u.startswith(url)] == []

    assert status(cmi, standard) == final(standard, "passed", 100)
    wrong = WRONG[standard]
    assert interactions(cmi, standard) == [
        ("scn_double-charge", "choice", ("a",), "b", "neutral", "1"),
        ("scn_double-charge_a2", "choice", ("a",), "a", "correct", "1"),
        ("dlg_outage_opening", "choice", ("a",), "a", "correct", "1"),
        *q_rows(standard, ALL_RIGHT),
    ]
    assert wrong not in [row[4] for row in interactions(cmi, standard)]
    if standard == "scorm12":  # 1.2 objective scores are 0..100: rescaled over the score's range
        assert objectives(cmi, standard) == [("obj_outage_rapport", "completed", "100", "0", "100"),
                                             ("obj_outage_resolution", "completed", "100", "0", "100")]
    else:
        assert objectives(cmi, standard) == [("obj_outage_rapport", "completed", "2", "-3", "2"),
                                             ("obj_outage_resolution", "completed", "1", "0", "1")]
        descriptions = [cmi["interactions"][n]["description"] for n in sorted(cmi["interactions"], key=int)]
        assert descriptions == ["How do you open your reply?", "How do you open your reply?",
                                "My internet has been down all day and I work from home!",
                                "What do you do first with an upset customer?",
                                "Which of these are signs of frustration?", "A scripted apology is always enough.",
                                "Match each customer line with what it signals.",
                                "Put the steps of a good reply in order."]


def test_fail_retry_and_pass(page, lms, package, standard, key):
    url, _ = package
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content, key)
    through_lessons(learner)
    learner.take_assessment(HALF)
    assert learner.sees("Your score: 50%") and learner.sees("Not passed")
    assert learner.sees("Attempts used: 1 of 2")
    held = run.cmi()
    assert status(held, standard) == final(standard, "incomplete", None, progress="0.75")  # not failed: one attempt left
    learner.click("Retry")
    assert learner.answer_attempt(ALL_RIGHT) == list(QUESTIONS)
    assert learner.sees("Your score: 100%") and learner.sees(re.compile(r"^Passed$"))
    cmi = finish_and_check(run, learner)
    assert status(cmi, standard) == final(standard, "passed", 100)
    assert interactions(cmi, standard) == q_rows(standard, HALF) + q_rows(standard, ALL_RIGHT, attempt=2)


def test_fail_on_the_last_attempt(page, lms, package, standard, key):
    url, _ = package
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content, key)
    through_lessons(learner)
    learner.take_assessment(ALL_WRONG)
    assert learner.sees("Your score: 0%")
    assert status(run.cmi(), standard) == final(standard, "incomplete", None, progress="0.75")
    learner.click("Retry")
    learner.answer_attempt(HALF)
    assert learner.sees("Your score: 50%") and learner.sees("Not passed")
    assert learner.sees("No attempts left.") and learner.sees("Attempts used: 2 of 2")
    assert learner.button("Retry").count() == 0
    cmi = finish_and_check(run, learner)
    assert learner.heading() == "Your progress is saved"
    # The best score of the attempts is reported; failed only now that no attempt is left.
    assert status(cmi, standard) == final(standard, "failed", 50)
    assert interactions(cmi, standard) == q_rows(standard, ALL_WRONG) + q_rows(standard, HALF, attempt=2)


def test_leave_midway_and_resume(page, lms, package, standard, key):
    url, _ = package
    first = open_course(page, lms, url, standard)
    learner = Learner(first.content, key)
    learner.start()
    learner.next_until("The double charge")
    learner.answer_scenario(ACCEPTABLE)
    learner.next_until("The outage call")
    learner.say(DLG_ROUTER)
    assert learner.sees("Of course I have. Three times.")
    learner.exit()
    assert learner.heading() == "Your progress is saved"
    stored = first.terminated()
    check_session(first)
    assert status(stored, standard) == final(standard, "incomplete", None, location="outage", progress="0.75")
    suspend_data = stored["suspend_data"]
    assert suspend_data and len(suspend_data) < 4096

    second = open_course(page, lms, url, standard, preload=relaunch_cmi(standard, stored))
    learner = Learner(second.content, key)
    assert learner.sees("Welcome back. You can pick up where you left off.")
    learner.resume()
    assert learner.heading(2) == "The outage call"
    assert learner.sees("Of course I have. Three times.")  # the same point in the dialogue
    assert learner.button(DLG_RECOVER).is_visible() and learner.button(DLG_ROUTER).count() == 0
    learner.previous()
    assert learner.heading(2) == "The double charge"
    radio = second.content.get_by_role("radio", name=ACCEPTABLE)
    assert radio.is_checked() and radio.is_disabled()  # the same answer
    assert learner.sees("Acceptable response")
    learner.next()
    learner.say(DLG_RECOVER)
    assert learner.sees("Lee feels looked after")
    learner.next_until("Check your understanding")
    learner.take_assessment(ALL_RIGHT)
    cmi = finish_and_check(second, learner)
    assert (cmi["core"]["entry"] if standard == "scorm12" else cmi["entry"]) == "resume"
    assert status(cmi, standard) == final(standard, "passed", 100)
    wrong = WRONG[standard]
    assert interactions(cmi, standard) == [
        ("scn_double-charge", "choice", ("a",), "b", "neutral", "1"),
        ("dlg_outage_opening", "choice", ("a",), "b", wrong, "1"),
        ("dlg_outage_router", "choice", ("a",), "a", "correct", "1"),
        *q_rows(standard, ALL_RIGHT),
    ]
    if standard == "scorm12":  # rapport -1+1 = 0 over -3..2 is 60 of 100
        assert objectives(cmi, standard) == [("obj_outage_rapport", "completed", "60", "0", "100"),
                                             ("obj_outage_resolution", "completed", "100", "0", "100")]
    else:
        assert objectives(cmi, standard) == [("obj_outage_rapport", "completed", "0", "-3", "2"),
                                             ("obj_outage_resolution", "completed", "1", "0", "1")]


def test_leave_mid_assessment_and_resume_on_the_same_question(page, lms, package, standard, key):
    url, _ = package
    first = open_course(page, lms, url, standard)
    learner = Learner(first.content, key)
    through_lessons(learner)
    learner.click("Start assessment")
    learner.answer_current(ALL_RIGHT)
    learner.click("Next question")
    learner.answer_current(ALL_WRONG)  # q-signals, submitted
    learner.click("Next question")
    assert learner.sees("Question 3 of 5")
    learner.exit()
    stored = first.terminated()

    second = open_course(page, lms, url, standard, preload=relaunch_cmi(standard, stored))
    learner = Learner(second.content, key)
    learner.resume()
    assert learner.sees("Question 3 of 5") and learner.current_question() == "q-script"
    for n in range(3):
        learner.answer_current(ALL_RIGHT)
        learner.click("See results" if n == 2 else "Next question")
    assert learner.sees("Your score: 83%")  # 5 of 6 weighted points, rounded
    assert learner.sees(re.compile(r"^Passed$"))
    cmi = finish_and_check(second, learner)
    assert status(cmi, standard) == final(standard, "passed", 83)
    rows = q_rows(standard, {**ALL_RIGHT, "q-signals": False})
    assert interactions(cmi, standard) == rows


@pytest.mark.parametrize("mode", ["nested", "nested-cross-origin", "popup"])
def test_api_found_through_nested_frames_and_the_opener(page, lms, package, standard, key, mode):
    """Two frames deep (the middle one from another origin too: reading its API throws, and the
    search goes on), or in a popup whose opener holds the API."""
    url, _ = package
    run = open_course(page, lms, url, standard, mode=mode)
    if mode.startswith("nested"):
        assert run.content.evaluate("window.parent.parent === window.top && window.parent !== window.top")
    else:
        assert run.content.evaluate("window.opener !== null && window.parent === window")
    assert run.content.evaluate("window.scormPlayer.connected()") is True
    learner = Learner(run.content, key)
    through_lessons(learner)
    learner.take_assessment(ALL_RIGHT)
    cmi = finish_and_check(run, learner)
    assert status(cmi, standard) == final(standard, "passed", 100)
    assert interactions(cmi, standard) == q_rows(standard, ALL_RIGHT)


def test_closing_the_popup_midway_suspends(page, lms, package, standard, key):
    """The learner closes the course window: pagehide still saves and terminates with suspend."""
    url, _ = package
    run = open_course(page, lms, url, standard, mode="popup")
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("The double charge")
    learner.answer_scenario(BEST)
    run.content.evaluate("window.close()")
    stored = run.terminated()
    assert status(stored, standard) == final(standard, "incomplete", None, location="double-charge",
                                             progress="0.5")
    assert interactions(stored, standard) == [("scn_double-charge", "choice", ("a",), "a", "correct", "1")]
    assert stored["suspend_data"]
    assert run.api_errors() == []
    term = "LMSFinish" if standard == "scorm12" else "Terminate"
    assert run.methods()[-1] == term and run.methods().count(term) == 1


def test_no_lms_runs_fully_and_keeps_progress_in_the_browser(fresh_page, package, standard, key):
    page = fresh_page
    _, folder = package
    run = open_without_lms(page, folder)
    learner = Learner(run.content, key)
    assert learner.sees("Progress isn't being recorded")
    assert run.content.evaluate("window.scormPlayer.connected()") is False
    learner.start()
    assert learner.sees("Progress isn't being recorded")
    learner.next_until("The double charge")
    learner.answer_scenario(BEST)
    assert learner.sees("Best response")
    learner.next_until("The outage call")
    learner.say(DLG_BEST)
    assert learner.sees("Lee feels looked after")
    learner.next_until("Check your understanding")
    learner.take_assessment(HALF)
    assert learner.sees("Your score: 50%")
    page.reload()
    learner = Learner(page, key)
    assert learner.sees("Welcome back. You can pick up where you left off.")
    learner.resume()
    assert learner.sees("Your score: 50%") and learner.sees("Attempts used: 1 of 2")
    learner.click("Retry")
    learner.answer_attempt(ALL_RIGHT)
    assert learner.sees("Your score: 100%")
    learner.finish()
    assert learner.heading() == "Course complete"
    assert run.player_log() == []


def test_an_lms_that_rejects_a_commit_gets_it_again(page, lms, package, standard, key):
    url, _ = package
    run = open_course(page, lms, url, standard, reject=1)
    # No learner action: the launch commit is rejected, and the player retries it by itself.
    deadline = 50
    while len(run.launch.commits) < 2 and deadline:
        page.wait_for_timeout(100)
        deadline -= 1
    assert [c.rejected for c in run.launch.commits][:2] == [True, False]
    code = "101" if standard == "scorm12" else "391"
    commit = "LMSCommit" if standard == "scorm12" else "Commit"
    failed = [(e["method"], e["result"], e["error"]) for e in run.player_log() if e["method"] == commit]
    assert failed[:2] == [(commit, "false", code), (commit, "true", "0")]
    error_string = "General Exception" if standard == "scorm12" else "General Commit Failure"
    warnings = [m for m in run.console if commit in m and code in m]
    assert warnings and error_string in warnings[0], run.console


def test_an_lms_that_rejects_commits_for_a_while_does_not_stop_the_course(page, lms, package, standard, key):
    url, _ = package
    run = open_course(page, lms, url, standard, reject=10_000)
    learner = Learner(run.content, key)
    through_lessons(learner)
    learner.take_assessment(ALL_RIGHT)
    assert learner.sees("Your score: 100%")
    notice = run.content.get_by_text("Your progress couldn't be saved to the learning system just now.", exact=False)
    notice.first.wait_for(state="visible", timeout=10_000)  # after a commit and its two retries failed
    held = run.cmi()  # the run-time holds everything; only its commits failed
    assert status(held, standard) == final(standard, "passed", 100)
    assert interactions(held, standard) == q_rows(standard, ALL_RIGHT)
    assert all(c.rejected for c in run.launch.commits)
    code = "101" if standard == "scorm12" else "391"
    commit = "LMSCommit" if standard == "scorm12" else "Commit"
    assert {(c["method"], c["result"], c["error"]) for c in run.api_errors()} == {(commit, "false", code)}

    run.launch.reject = 0  # the LMS is back: the next step commits and the notice goes
    learner.click("Review answers")
    notice.first.wait_for(state="hidden", timeout=5_000)
    assert run.launch.commits[-1].rejected is False
    assert status(run.last_commit(), standard) == final(standard, "passed", 100)
    learner.click("Back to results")
    learner.finish()
    assert learner.heading() == "Course complete"
    stored = run.terminated()
    assert status(stored, standard) == final(standard, "passed", 100)
    assert interactions(stored, standard) == q_rows(standard, ALL_RIGHT)


def test_a_passed_learner_stays_passed_on_relaunch(page, lms, package, standard, key):
    url, _ = package
    first = open_course(page, lms, url, standard)
    learner = Learner(first.content, key)
    through_lessons(learner)
    learner.take_assessment(ALL_RIGHT)
    learner.finish()
    stored = first.terminated()
    assert status(stored, standard) == final(standard, "passed", 100)

    second = open_course(page, lms, url, standard, preload=relaunch_cmi(standard, stored))
    learner = Learner(second.content, key)
    learner.resume()
    assert learner.sees("Your score: 100%") and learner.button("Retry").count() == 0
    learner.previous()
    learner.next()
    cmi = finish_and_check(second, learner)
    assert status(cmi, standard) == final(standard, "passed", 100)
    assert [c for c in second.calls() if "SetValue" in c["method"] and "interactions" in c["args"][0]] == []


def test_the_lms_mastery_score_overrides_the_course_pass_mark(page, lms, package, standard, key):
    url, _ = package
    preload = first_launch_cmi("scorm12" if standard == "scorm12" else "scorm2004")
    if standard == "scorm12":
        preload["student_data"] = {"mastery_score": "50"}
    else:
        preload["scaled_passing_score"] = "0.5"
    run = open_course(page, lms, url, standard, preload=preload)
    learner = Learner(run.content, key)
    through_lessons(learner)
    assert learner.sees("5 questions. Pass mark: 50%.")
    learner.take_assessment(HALF)
    assert learner.sees("Your score: 50%") and learner.sees(re.compile(r"^Passed$"))
    cmi = finish_and_check(run, learner)
    assert status(cmi, standard) == final(standard, "passed", 50)


DEMO_BEST = "A week is a long time to wait for your own money. Let me find out where it is right now."
DEMO_DLG = "That's frustrating; I'll check its status while we talk."


def test_demo_course_with_shuffled_questions_and_choices(page, lms, packages, demo_course_dir, standard):
    """`scorm-builder new`'s course shuffles questions and choices: the keys reported stay the
    course's own (a = the first choice written), whatever the order on screen."""
    url, _ = packages.get(demo_course_dir, standard)
    key = CourseKey(demo_course_dir)
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("The late refund")
    learner.answer_scenario(DEMO_BEST)
    learner.next_until("Follow-up call")
    learner.say(DEMO_DLG)
    assert learner.sees("Sam feels heard")
    learner.next_until("Assessment")
    asked = learner.take_assessment({"q-timing": True, "q-scripted": True})
    assert sorted(asked) == ["q-scripted", "q-timing"]
    assert learner.sees("Your score: 100%")
    cmi = finish_and_check(run, learner)
    assert status(cmi, standard) == final(standard, "passed", 100)
    false = "f" if standard == "scorm12" else "false"
    rows = interactions(cmi, standard)
    assert rows[:2] == [("scn_late-refund", "choice", ("a",), "a", "correct", "1"),
                        ("dlg_refund-call_opening", "choice", ("a",), "a", "correct", "1")]
    assert sorted(rows[2:]) == [("q_q-scripted", "true-false", (false,), false, "correct", "1"),
                                ("q_q-timing", "choice", ("a",), "a", "correct", "1")]


def test_scorm12_resumes_from_its_own_state_when_the_lms_says_ab_initio(page, lms, packages, every_kind_dir, key):
    """Some 1.2 LMSes (Chamilo) hand back cmi.core.entry=ab-initio after exit=suspend: the
    player trusts its suspend_data instead and still resumes at the bookmark."""
    url, _ = packages.get(every_kind_dir, "scorm12")
    first = open_course(page, lms, url, "scorm12")
    learner = Learner(first.content, key)
    learner.start()
    learner.next_until("The double charge")
    learner.answer_scenario(ACCEPTABLE)
    learner.exit()
    stored = first.terminated()
    preload = relaunch_cmi("scorm12", stored)
    assert preload["core"]["entry"] == "resume"
    preload["core"]["entry"] = "ab-initio"
    second = open_course(page, lms, url, "scorm12", preload=preload)
    learner = Learner(second.content, key)
    learner.resume()
    assert learner.heading(2) == "The double charge"
    assert second.content.get_by_role("radio", name=ACCEPTABLE).is_checked()
    learner.exit()
    cmi = second.terminated()
    check_session(second)
    assert status(cmi, "scorm12") == final("scorm12", "incomplete", None, location="double-charge")
