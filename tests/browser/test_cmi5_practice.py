"""Issue 14's page kinds in cmi5: the coached reply, the confidence check, calibration and weighted
practice, launched by the test LMS (cmi5_launcher.py) in front of Ralph, a real LRS, walked as
test_reply.py, test_practice.py and test_calibration.py walk them in SCORM, with the exact statements
Ralph stores (docs/player.md, sections 4, 13 and 15)."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from .cmi5_launcher import Cmi5Launcher
from .learner import CourseKey, Learner, exact
from .test_calibration import ACTION, CARD, LATE, TIMING, WORDS
from .test_cmi5 import ADL, CATEGORIES, CMI5, DIALOGUE_SCORES, INTERACTION, MASTERY, SESSION_ID, Launched, plain, ralph
from .test_practice import BEST, POOR, SHOCK
from .test_reply import HOLLOW, LONG

__all__ = ["ralph"]  # the module's Ralph, from test_cmi5.py

HERE = Path(__file__).resolve().parent
COURSES = {"reply-kinds": HERE / "fixtures" / "reply", "practice": HERE / "fixtures" / "practice",
           "calibration-kind": HERE.parent / "fixtures" / "calibration"}
PUBLISHER = "https://scorm-builder.invalid/courses"


@pytest.fixture(scope="module")
def launcher(ralph, browser, tmp_path_factory: pytest.TempPathFactory):
    from scorm_builder.pack.pipeline import build

    out = tmp_path_factory.mktemp("cmi5-practice")
    server = Cmi5Launcher(ralph)
    server.start()
    for name, folder in COURSES.items():
        built = build([folder], ["cmi5"], out / name / "zip")
        with zipfile.ZipFile(built[0].path) as zf:
            zf.extractall(out / name / "au")
        server.mount(name, out / name / "au")
    yield server
    server.stop()


@pytest.fixture
def lms(launcher: Cmi5Launcher):
    launcher.violations.clear()
    launcher.refused.clear()
    yield launcher
    assert launcher.violations == [] and launcher.refused == []


def open_au(page: Any, lms: Cmi5Launcher, course: str) -> Launched:
    reg = lms.register(course)
    url = lms.launch(reg)
    page.goto(url)
    return Launched(reg, reg.sessions[-1], Learner(page, CourseKey(COURSES[course])), [])


# -- what Ralph should hold -------------------------------------------------------------------------
def _context(t: Launched, **more: Any) -> dict[str, Any]:
    extensions = {SESSION_ID: t.session.id, **more.pop("extensions", {})}
    return {"registration": t.reg.id, "extensions": extensions, "contextActivities": {
        "grouping": [{"id": f"{PUBLISHER}/{t.reg.package}/au", "objectType": "Activity"}], **more}}


def launched(t: Launched) -> dict[str, Any]:
    au = t.reg.au
    extensions = {CMI5 + "context/extensions/launchmode": "Normal",
                  CMI5 + "context/extensions/launchurl": f"{t.reg.actor['account']['homePage']}/au/{t.reg.package}/index.html",
                  CMI5 + "context/extensions/moveon": au["moveOn"],
                  **({MASTERY: au["masteryScore"]} if au["masteryScore"] is not None else {})}
    return {"actor": t.reg.actor, "verb": {"id": ADL + "launched", "display": {"en-US": "launched"}},
            "object": {"id": t.reg.activity_id, "objectType": "Activity"},
            "context": _context(t, extensions=extensions, category=[CATEGORIES["cmi5"]])}


def defined(t: Launched, verb: str, result: dict[str, Any] | None = None, **extensions: Any) -> dict[str, Any]:
    moveon = result is not None and ("success" in result or "completion" in result)
    out = {"actor": t.reg.actor, "verb": {"id": ADL + verb, "display": {"en-US": verb}},
           "object": {"id": t.reg.activity_id, "objectType": "Activity"},
           "context": _context(t, extensions=extensions,
                               category=[CATEGORIES["cmi5"], *([CATEGORIES["moveon"]] if moveon else [])])}
    if result is not None:
        out["result"] = result
    return out


def answered(t: Launched, item: str, kind: str, patterns: list[str], response: str, success: bool | None,
             description: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A cmi5 allowed "answered" statement: an xAPI interaction of the course language ("en"), child of the AU."""
    result = {"response": response, "duration": "PT", **({"success": success} if success is not None else {}),
              **(extra or {})}
    return {"actor": t.reg.actor, "verb": {"id": ADL + "answered", "display": {"en-US": "answered"}},
            "object": {"id": f"{t.reg.activity_id}/{item}", "objectType": "Activity",
                       "definition": {"type": INTERACTION, "interactionType": kind, "correctResponsesPattern": patterns,
                                      "description": {"en": description}}},
            "result": result,
            "context": _context(t, parent=[{"id": t.reg.activity_id, "objectType": "Activity"}])}


CONFIDENCE = ["Not at all confident", "Slightly confident", "Somewhat confident", "Confident", "Very confident"]
CLOSENESS = ["Not close", "Partly", "Close", "Very close"]  # "How close was yours?"


def likert(t: Launched, item: str, rating: int, description: str) -> dict[str, Any]:
    """A likert statement with its scale: ids "1".. and the words the learner chose from, the response one of the ids."""
    out = answered(t, item, "likert", [], str(rating), None, description)
    words = CLOSENESS if item.endswith("_rating") else CONFIDENCE
    out["object"]["definition"]["scale"] = [{"id": str(n), "description": {"en": w}} for n, w in enumerate(words, 1)]
    return out


def rate(learner: Learner, ratings: dict[str, int]) -> None:
    for title, n in ratings.items():
        learner.c.get_by_role("group", name=title).get_by_role("radio").nth(n - 1).check()
    learner.click("Save my ratings")
    assert learner.sees("Your ratings are saved. Thank you.")


def score_rubric(learner: Learner, *labels: str) -> None:
    for label in labels:
        learner.c.get_by_role("radio", name=exact(label)).check()
    learner.click("Compare with the expert")


DELIMITED = " Pay by app[,]card[.]cash[:]fine."
TERMINATED = {"duration": "PT"}
COMPLETED = {"completion": True, "duration": "PT"}


# -- the tests ------------------------------------------------------------------------------------
def test_a_coached_reply_is_answered_long_fill_in_with_the_checklist_as_success_and_the_rating_likert(page, lms):
    t = open_au(page, lms, "reply-kinds")
    learner = t.learner
    learner.start()
    learner.wait_heading("A card blocked at the till")
    page.get_by_role("textbox", name="What do you send Dana?").fill(HOLLOW + DELIMITED)
    learner.click("Send reply")
    assert learner.sees("A model answer")
    page.get_by_role("radio", name="Close", exact=True).check()
    learner.click("Save my rating")
    assert learner.sees("Thank you. You rated yours: Close.")
    learner.next()
    learner.wait_heading("A parcel that never came")
    learner.answer_scenario("Missing the birthday you planned for is hard. Here's what I've done today.")
    page.get_by_role("textbox", name="Now write it in your own words").fill(LONG)
    assert page.get_by_text("Your LMS keeps the first 255 characters of your reply.").count() == 0  # 4,000 here
    learner.click("Send reply")
    assert learner.sees("A model answer")
    learner.exit()
    stored = lms.wait_for(t.reg, "terminated")
    assert [plain(s) for s in stored] == [
        launched(t), defined(t, "initialized"),
        # the act-first check is not met ("I'm so sorry" first): success false, the text whole
        # xAPI reads [,] as a second response: the learner's is sent as (,)
        answered(t, "rpl_blocked-card", "long-fill-in", [], HOLLOW + " Pay by app(,)card[.]cash[:]fine.", False,
                 "What do you send Dana?"),
        likert(t, "rpl_blocked-card_rating", 3, "How close was yours?"),
        answered(t, "scn_late-parcel", "choice", ["a"], "a", True, "How do you open your reply?"),
        # 356 characters, not cut as in SCORM 1.2; no "birthday" in it: success false
        answered(t, "rpl_late-parcel", "long-fill-in", [], LONG.strip(), False, "How do you open your reply?"),
        defined(t, "terminated", TERMINATED)]
    assert len(LONG.strip()) > 255


def test_weighted_practice_and_the_confidence_check_in_cmi5(page, lms):
    t = open_au(page, lms, "practice")
    learner = t.learner
    learner.start()
    rate(learner, {"Acknowledge the feeling first": 2, "Offer a concrete next step": 3})
    learner.next()
    learner.wait_heading("The blocked card")
    eyebrow = page.locator(".page .eyebrow")
    assert eyebrow.text_content() == "Lesson 1 · Start · Page 2 of 3"  # the remediation page, not open yet, not counted
    learner.answer_scenario(POOR)  # the first answer counts: 0 %
    learner.click("Try again")
    learner.answer_scenario(BEST)
    learner.next()
    learner.wait_heading("Why the feeling comes first")
    assert eyebrow.text_content() == "Lesson 1 · Start · Page 3 of 4"  # open to this learner now
    learner.next()
    learner.wait_heading("The fraud call")
    learner.say(SHOCK)
    learner.wait_heading("Ben is reassured")
    learner.next()
    learner.wait_heading("How confident are you now?")
    rate(learner, {"Acknowledge the feeling first": 4, "Offer a concrete next step": 3})
    learner.next()
    learner.take_assessment({"q-feeling": True, "q-policy": True})
    for _ in range(4):  # back to the dialogue, passed: practice after passing is still reported
        if page.get_by_role("heading", name="The fraud call", exact=True).is_visible():
            break
        learner.previous()
    learner.wait_heading("The fraud call")
    learner.click("Replay")
    learner.say(SHOCK)
    learner.wait_heading("Ben is reassured")
    learner.exit()
    stored = lms.wait_for(t.reg, "terminated")
    scenario = ("scn_blocked-card", "choice", ["a"])
    dialogue = {"extensions": {DIALOGUE_SCORES: {"rapport": {"raw": 2, "min": -1, "max": 2}}}, "completion": True}
    # (100 % x 2 questions + 0 % x 2 + 100 % x 1) / 5 = 60, at or above the masteryScore 0.5: on passed
    assert [plain(s) for s in stored] == [
        launched(t), defined(t, "initialized"),
        likert(t, "conf_before_acknowledge", 2, "Acknowledge the feeling first"),
        likert(t, "conf_before_next-step", 3, "Offer a concrete next step"),
        answered(t, *scenario, "c", False, "What do you send first?"),
        answered(t, *scenario, "a", True, "What do you send first?"),  # a retry keeps the object id
        answered(t, "dlg_fraud-call_open", "choice", ["a"], "a", True, "Why did you block my card?", dialogue),
        likert(t, "conf_after_acknowledge", 4, "Acknowledge the feeling first"),
        likert(t, "conf_after_next-step", 3, "Offer a concrete next step"),
        answered(t, "q_q-feeling", "true-false", ["true"], "true", True, "Acknowledge the feeling before the fix."),
        answered(t, "q_q-policy", "true-false", ["false"], "false", True, "Quoting the policy calms an upset customer."),
        defined(t, "passed", {"success": True, "duration": "PT",
                              "score": {"scaled": 0.6, "raw": 60, "min": 0, "max": 100}}, **{MASTERY: 0.5}),
        defined(t, "completed", COMPLETED),
        # "answered" is cmi5 allowed: sent after passed too (the Replay keeps the object id, its totals start again)
        answered(t, "dlg_fraud-call_open", "choice", ["a"], "a", True, "Why did you block my card?", dialogue),
        defined(t, "terminated", TERMINATED)]


def test_each_calibration_scoring_is_one_performance_statement(page, lms):
    t = open_au(page, lms, "calibration-kind")
    learner = t.learner
    learner.start()
    learner.next_until(LATE)
    score_rubric(learner, TIMING[0], WORDS[2], ACTION[1])
    learner.wait_heading("Not calibrated yet")
    learner.click("Score again")
    score_rubric(learner, TIMING[0], WORDS[2], ACTION[2])
    learner.wait_heading("Calibrated")
    learner.next_until(CARD)
    score_rubric(learner, TIMING[1], WORDS[2], ACTION[2])  # within the tolerance 1 of the expert's 2, 1, 2
    learner.wait_heading("Calibrated")
    learner.exit()
    stored = lms.wait_for(t.reg, "terminated")
    late = ("cal_late-sorry", "performance", ["timing[.]0[,]words[.]2[,]action[.]2"])
    assert [plain(s) for s in stored] == [
        launched(t), defined(t, "initialized"),
        answered(t, *late, "timing[.]0[,]words[.]2[,]action[.]1", False, LATE),
        answered(t, *late, "timing[.]0[,]words[.]2[,]action[.]2", True, LATE),
        defined(t, "completed", COMPLETED),  # moveOn Completed: every page viewed, on the last one's arrival
        answered(t, "cal_chat-card", "performance", ["timing[.]1[:]2[,]words[.]0[:]2[,]action[.]1[:]2"],
                 "timing[.]1[,]words[.]2[,]action[.]2", True, CARD),
        defined(t, "terminated", TERMINATED)]
