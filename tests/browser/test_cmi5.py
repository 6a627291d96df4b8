"""A cmi5 package in chromium, launched by the test LMS (cmi5_launcher.py) in front of Ralph, a real LRS:
the exact statements Ralph stores for each way a learner goes through the course."""
from __future__ import annotations

import copy
import json
import re
import urllib.request
import zipfile
from dataclasses import dataclass
from typing import Any

import pytest

from .cmi5_launcher import Cmi5Launcher, Registration, Session
from .conftest import require
from .learner import CourseKey, Learner
from .ralph import DEFAULT_VENV, USER, Ralph, ralph_executable
from .test_tracking import ACCEPTABLE, ALL_RIGHT, ALL_WRONG, BEST, DLG_BEST, FORMATS, HALF, QUESTIONS

ADL = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/cmi5/"
SESSION_ID = CMI5 + "context/extensions/sessionid"
MASTERY = CMI5 + "context/extensions/masteryscore"
CATEGORIES = {"cmi5": {"id": CMI5 + "context/categories/cmi5", "objectType": "Activity"},
              "moveon": {"id": CMI5 + "context/categories/moveon", "objectType": "Activity"}}
AU_ID = "https://scorm-builder.invalid/courses/every-kind/au"  # the publisher id in the package's cmi5.xml
DIALOGUE_SCORES = "https://scorm-builder.invalid/xapi/extensions/dialogue-scores"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z")
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\Z")
DURATION = re.compile(r"PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S\Z")  # ISO 8601, as the player writes it
DESCRIPTIONS = {"q-first": "What do you do first with an upset customer?",
                "q-signals": "Which of these are signs of frustration?", "q-script": "A scripted apology is always enough.",
                "q-match": "Match each customer line with what it signals.",
                "q-steps": "Put the steps of a good reply in order."}
SAVE_FAILED = "Your progress couldn't be saved to the learning system just now."


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory):
    executable = ralph_executable()
    require(executable is not None, f"Ralph (ralph-malph) not found at {DEFAULT_VENV / 'bin' / 'ralph'} "
                                    "(or SCORM_TEST_RALPH)")
    server = Ralph(executable, tmp_path_factory.mktemp("ralph"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def launcher(ralph: Ralph, browser, every_kind_dir, tmp_path_factory: pytest.TempPathFactory):
    from scorm_builder.pack.pipeline import build

    out = tmp_path_factory.mktemp("cmi5")
    built = build([every_kind_dir], ["cmi5"], out / "zip")
    with zipfile.ZipFile(built[0].path) as zf:
        zf.extractall(out / "every-kind")
    server = Cmi5Launcher(ralph)
    server.start()
    server.mount("every-kind", out / "every-kind")
    yield server
    server.stop()


@pytest.fixture
def lms(launcher: Cmi5Launcher):
    launcher.violations.clear()
    launcher.refused.clear()
    launcher.refuse = 0
    yield launcher
    assert launcher.violations == []


@pytest.fixture(scope="module")
def key(every_kind_dir) -> CourseKey:
    return CourseKey(every_kind_dir)


@dataclass
class Launched:
    """One launch in chromium: the registration, its session, the page and the learner on it."""

    reg: Registration
    session: Session
    learner: Learner
    console: list[str]


def open_au(page: Any, lms: Cmi5Launcher, key: CourseKey, reg: Registration, **launch: Any) -> Launched:
    url = lms.launch(reg, **launch)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(url)
    return Launched(reg, reg.sessions[-1], Learner(page, key), console)


# -- what Ralph should hold -------------------------------------------------------------------------
def plain(statement: dict[str, Any]) -> dict[str, Any]:
    """A stored statement with what varies checked and taken out: id, timestamp, duration, what Ralph adds."""
    s = copy.deepcopy(statement)
    assert UUID.match(s.pop("id")) and STAMP.match(s.pop("timestamp")), statement
    assert s.pop("authority") == {"objectType": "Agent", "account": {"homePage": "http://127.0.0.1", "name": USER}}
    s.pop("stored")
    if "duration" in s.get("result", {}):
        assert DURATION.match(s["result"].pop("duration")), statement
        s["result"]["duration"] = "PT"
    return s


def verbs(statements: list[dict[str, Any]]) -> list[str]:
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]


def of_session(statements: list[dict[str, Any]], session: Session) -> list[dict[str, Any]]:
    return [s for s in statements if s["context"]["extensions"][SESSION_ID] == session.id]


def defined(t: Launched, verb: str, result: dict[str, Any] | None = None, mastery: float | None = None,
            moveon: bool = False) -> dict[str, Any]:
    """A cmi5 defined statement as the AU must send it (cmi5 section 9)."""
    extensions = {SESSION_ID: t.session.id, **({MASTERY: mastery} if mastery is not None else {})}
    out = {"actor": t.reg.actor, "verb": {"id": ADL + verb, "display": {"en-US": verb}},
           "object": {"id": t.reg.activity_id, "objectType": "Activity"},
           "context": {"registration": t.reg.id, "extensions": extensions, "contextActivities": {
               "grouping": [{"id": AU_ID, "objectType": "Activity"}],
               "category": [CATEGORIES["cmi5"], *([CATEGORIES["moveon"]] if moveon else [])]}}}
    if result is not None:
        out["result"] = result
    return out


def judged(t: Launched, verb: str, score: int, mastery: float | None = 0.8) -> dict[str, Any]:
    return defined(t, verb, {"success": verb == "passed", "duration": "PT",
                             "score": {"scaled": score / 100, "raw": score, "min": 0, "max": 100}},
                   mastery=mastery, moveon=True)


def answered(t: Launched, item: str, kind: str, pattern: str, response: str, success: bool | None,
             description: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A cmi5 allowed "answered" statement: an xAPI interaction, child of the AU."""
    result = {"response": response, "duration": "PT", **({"success": success} if success is not None else {}),
              **(extra or {})}
    return {"actor": t.reg.actor, "verb": {"id": ADL + "answered", "display": {"en-US": "answered"}},
            "object": {"id": f"{t.reg.activity_id}/{item}", "objectType": "Activity",
                       "definition": {"type": INTERACTION, "interactionType": kind, "correctResponsesPattern": [pattern],
                                      "description": {"en": description}}},
            "result": result,
            "context": {"registration": t.reg.id, "extensions": {SESSION_ID: t.session.id}, "contextActivities": {
                "grouping": [{"id": AU_ID, "objectType": "Activity"}],
                "parent": [{"id": t.reg.activity_id, "objectType": "Activity"}]}}}


def questions(t: Launched, answers: dict[str, bool]) -> list[dict[str, Any]]:
    rows = []
    for qid in QUESTIONS:
        kind, pattern, right, wrong = FORMATS["scorm2004-4"][qid]
        rows.append(answered(t, f"q_{qid}", kind, pattern, right if answers[qid] else wrong, answers[qid],
                             DESCRIPTIONS[qid]))
    return rows


def launched(t: Launched, mode: str = "Normal", mastery: float | None = 0.8) -> dict[str, Any]:
    """The LMS's own "launched" statement (the launcher writes it, Ralph stores it)."""
    extensions = {SESSION_ID: t.session.id, CMI5 + "context/extensions/launchmode": mode,
                  CMI5 + "context/extensions/launchurl": f"{t.reg.actor['account']['homePage']}/au/every-kind/index.html",
                  CMI5 + "context/extensions/moveon": "CompletedAndPassed",
                  **({MASTERY: mastery} if mastery is not None else {})}
    return {"actor": t.reg.actor, "verb": {"id": ADL + "launched", "display": {"en-US": "launched"}},
            "object": {"id": t.reg.activity_id, "objectType": "Activity"},
            "context": {"registration": t.reg.id, "extensions": extensions, "contextActivities": {
                "grouping": [{"id": AU_ID, "objectType": "Activity"}], "category": [CATEGORIES["cmi5"]]}}}


def state_document(reg: Registration) -> dict[str, Any]:
    doc = json.loads(reg.states["scorm-builder.state"])
    doc["state"] = json.loads(doc["state"])
    return doc


def through_lessons(learner: Learner) -> None:
    learner.start()
    learner.next_until("Check your understanding")


# -- the tests ------------------------------------------------------------------------------------
def test_complete_and_pass(page, lms, key):
    t = open_au(page, lms, key, lms.register("every-kind", preferences={"languagePreference": "en-US,fr-FR"}))
    learner = t.learner
    assert learner.heading() == "Every kind of page"
    learner.start()
    learner.next_until("The double charge")
    learner.answer_scenario(ACCEPTABLE)
    learner.click("Try again")
    learner.answer_scenario(BEST)
    learner.next_until("The outage call")
    learner.say(DLG_BEST)
    assert learner.sees("Lee feels looked after")
    learner.next_until("Check your understanding")
    learner.take_assessment(ALL_RIGHT)
    assert learner.sees("Your score: 100%") and learner.sees(re.compile(r"^Passed$"))
    learner.finish()
    page.wait_for_url(re.compile(r"/lms/return\?registration="))  # the LaunchData's returnURL
    assert page.get_by_role("heading", level=1).inner_text() == "Back at the LMS"

    stored = lms.wait_for(t.reg, "terminated")
    scenario = ("scn_double-charge", "choice", "a")
    dialogue = {"extensions": {DIALOGUE_SCORES: {"rapport": {"raw": 2, "min": -3, "max": 2},
                                                 "resolution": {"raw": 1, "min": 0, "max": 1}}},
                "completion": True}  # the decision reached an ending
    assert [plain(s) for s in stored] == [
        launched(t), defined(t, "initialized"),
        answered(t, *scenario, "b", None, "How do you open your reply?"),  # acceptable: neither right nor wrong
        answered(t, *scenario, "a", True, "How do you open your reply?"),
        answered(t, "dlg_outage_opening", "choice", "a", "a", True,
                 "My internet has been down all day and I work from home!", dialogue),
        *questions(t, ALL_RIGHT),
        judged(t, "passed", 100),
        defined(t, "completed", {"completion": True, "duration": "PT"}, moveon=True),
        defined(t, "terminated", {"duration": "PT"}),
    ]
    assert t.session.fetches == 1  # the fetch URL was used exactly once
    assert json.loads(t.reg.states["LMS.LaunchData"])["launchMode"] == "Normal"  # never written by the AU
    doc = state_document(t.reg)
    assert doc["sent"] == {"completed": 1, "passed": 1, "failed": 0, "score": 100}
    assert doc["state"]["a"]["ps"] == 1 and doc["state"]["a"]["sc"] == [100]


def test_fail_then_pass(page, lms, key):
    t = open_au(page, lms, key, lms.register("every-kind"))
    through_lessons(t.learner)
    t.learner.take_assessment(HALF)
    assert t.learner.sees("Your score: 50%") and t.learner.sees("Attempts used: 1 of 2")
    t.learner.click("Retry")
    t.learner.answer_attempt(ALL_RIGHT)
    assert t.learner.sees(re.compile(r"^Passed$"))
    t.learner.finish()
    stored = lms.wait_for(t.reg, "terminated")
    # no "failed" for the first attempt: one was left, so the assessment wasn't decided (only one of
    # passed and failed may be sent in a session)
    assert [plain(s) for s in stored] == [
        launched(t), defined(t, "initialized"), *questions(t, HALF), *questions(t, ALL_RIGHT),
        judged(t, "passed", 100), defined(t, "completed", {"completion": True, "duration": "PT"}, moveon=True),
        defined(t, "terminated", {"duration": "PT"})]


def test_fail_on_the_last_attempt(page, lms, key):
    t = open_au(page, lms, key, lms.register("every-kind"))
    through_lessons(t.learner)
    t.learner.take_assessment(ALL_WRONG)
    t.learner.click("Retry")
    t.learner.answer_attempt(HALF)
    assert t.learner.sees("No attempts left.")
    t.learner.finish()
    stored = lms.wait_for(t.reg, "terminated")
    # failed, with the best score, the moment no attempt is left; never completed (it needs a pass)
    assert [plain(s) for s in stored] == [
        launched(t), defined(t, "initialized"), *questions(t, ALL_WRONG), *questions(t, HALF),
        judged(t, "failed", 50), defined(t, "terminated", {"duration": "PT"})]
    assert state_document(t.reg)["sent"] == {"completed": 0, "passed": 0, "failed": 1, "score": 50}


def test_leave_and_resume(page, lms, key, shared_context):
    reg = lms.register("every-kind")
    first = open_au(page, lms, key, reg)
    first.learner.start()
    first.learner.next_until("The double charge")
    first.learner.answer_scenario(BEST)
    page.goto("about:blank")  # the learner closes the window: pagehide sends the rest with keepalive
    lms.wait_for(reg, "terminated")
    assert state_document(reg)["state"]["l"] == "double-charge"

    second = open_au(shared_context.new_page(), lms, key, reg)
    assert second.learner.sees("Welcome back. You can pick up where you left off.")
    second.learner.resume()
    assert second.learner.heading(2) == "The double charge"
    second.learner.next_until("Check your understanding")
    second.learner.take_assessment(ALL_RIGHT)
    second.learner.exit()
    lms.wait_for(reg, "terminated", count=2)

    third = open_au(shared_context.new_page(), lms, key, reg)  # completed and passed: nothing more to send
    third.learner.resume()
    third.learner.exit()
    stored = [plain(s) for s in lms.wait_for(reg, "terminated", count=3)]
    assert of_session(stored, first.session) == [
        launched(first), defined(first, "initialized"),
        answered(first, "scn_double-charge", "choice", "a", "a", True, "How do you open your reply?"),
        defined(first, "terminated", {"duration": "PT"})]
    assert of_session(stored, second.session) == [
        launched(second), defined(second, "initialized"), *questions(second, ALL_RIGHT),
        judged(second, "passed", 100), defined(second, "completed", {"completion": True, "duration": "PT"}, moveon=True),
        defined(second, "terminated", {"duration": "PT"})]
    assert of_session(stored, third.session) == [launched(third), defined(third, "initialized"),
                                                 defined(third, "terminated", {"duration": "PT"})]
    assert verbs(stored).count("completed") == verbs(stored).count("passed") == 1


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_record_no_result(page, lms, key, mode, shared_context):
    reg = lms.register("every-kind")
    if mode == "Review":  # a learner who passed, back to look at the course
        done = open_au(shared_context.new_page(), lms, key, reg)
        through_lessons(done.learner)
        done.learner.take_assessment(ALL_RIGHT)
        done.learner.finish()
        lms.wait_for(reg, "terminated")
    before = reg.states.get("scorm-builder.state")
    t = open_au(page, lms, key, reg, mode=mode)
    if mode == "Browse":
        t.learner.start()
        t.learner.next_until("The outage call")  # a look around, past the scenario
    else:
        t.learner.resume()
    t.learner.exit()
    stored = [plain(s) for s in lms.wait_for(reg, "terminated", count=2 if mode == "Review" else 1)]
    # only initialized and terminated: no answer, no completed, passed or failed, no state written
    assert of_session(stored, t.session) == [launched(t, mode), defined(t, "initialized"),
                                             defined(t, "terminated", {"duration": "PT"})]
    assert reg.states.get("scorm-builder.state") == before


def test_a_mastery_score_from_the_lms_overrides_the_course(page, lms, key):
    t = open_au(page, lms, key, lms.register("every-kind"), mastery=0.5)
    through_lessons(t.learner)
    t.learner.take_assessment(HALF)  # 50%: below the course's 80, at the LMS's 0.5
    assert t.learner.sees("Your score: 50%") and t.learner.sees(re.compile(r"^Passed$"))
    t.learner.finish()
    stored = [plain(s) for s in lms.wait_for(t.reg, "terminated")]
    assert stored[-3:] == [judged(t, "passed", 50, mastery=0.5),
                           defined(t, "completed", {"completion": True, "duration": "PT"}, moveon=True),
                           defined(t, "terminated", {"duration": "PT"})]
    assert stored[0] == launched(t, mastery=0.5)


def test_a_second_use_of_the_fetch_url_is_an_error(page, lms, key):
    reg = lms.register("every-kind")
    url = lms.launch(reg)
    fetch = json.loads(urllib.request.urlopen(urllib.request.Request(  # noqa: S310 - 127.0.0.1
        re.search(r"fetch=([^&]+)", url).group(1).replace("%3A", ":").replace("%2F", "/"), data=b"",
        method="POST")).read())
    assert set(fetch) == {"auth-token"}  # someone else took the token
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(url)
    learner = Learner(page, key)
    assert learner.sees("Progress isn't being recorded")
    assert "[cmi5] the fetch URL gave no token: error 1 The authorization token has already been returned." in console
    assert reg.sessions[-1].fetches == 2
    assert verbs(lms.statements(reg)) == ["launched"]  # nothing sent without a token


def test_an_lrs_that_refuses_statements_is_retried_then_the_learner_is_told(page, lms, key):
    lms.refuse = 3  # the first save and its two retries
    t = open_au(page, lms, key, lms.register("every-kind"))
    t.learner.start()
    assert t.learner.sees(SAVE_FAILED, timeout=10000)
    assert len(lms.refused) == 3 and {r["statement"]["id"] for r in lms.refused} == {lms.refused[0]["statement"]["id"]}
    assert verbs(lms.statements(t.reg)) == ["launched"]
    t.learner.next()  # the next step saves again, and the LRS takes it now
    t.learner.exit()
    stored = [plain(s) for s in lms.wait_for(t.reg, "terminated")]
    assert stored == [launched(t), defined(t, "initialized"), defined(t, "terminated", {"duration": "PT"})]
    assert [(r["statement"]["verb"]["id"], r["why"]) for r in lms.refused] == [
        (ADL + "initialized", "refused by the test")] * 3
