"""An LMS that refuses every SetValue (it answers "false", SCORM 2004 error 351, or the call throws):
the player sends the values again with each save, tells the learner plainly once the retries
failed, and its exit screen never says "Your progress is saved" while the LMS holds nothing."""
from __future__ import annotations

from typing import Any

import pytest

from .harness import interactions, open_course, status
from .learner import CourseKey, Learner
from .test_tracking import BEST, final

STANDARDS = ("scorm12", "scorm2004-4")
SAVE_FAILED = "Your progress couldn't be saved to the learning system just now."
NOT_SAVED_TITLE = "Your progress may not be saved"
NOT_SAVED = ("The learning system did not confirm that it saved your progress, so next time the course may start "
             "from an earlier point. If this happens again, tell the learning system's administrator.")
# The general failure of each standard: 2004's 351 (general set failure); 1.2 has only 101.
REFUSAL = {"scorm12": "101", "scorm2004-4": "351"}
SET = {"scorm12": "LMSSetValue", "scorm2004-4": "SetValue"}

# Installed in the LMS page before its scripts run: wraps the run-time's SetValue (scorm-again's
# lmsSetValue, which its constructor makes the API's LMSSetValue / SetValue) as its class is
# defined, so every call the package makes goes through it; window.__refuse says how to answer:
# an error code (answer "false" with it), "throw", or "" (the run-time's own answer).
REFUSING_LMS = """(() => {
  if (window !== window.top) return;
  window.__refuse = %s;
  for (const name of ["Scorm12API", "Scorm2004API"]) {
    let runtime;
    Object.defineProperty(window, name, { configurable: true, get() { return runtime; }, set(Runtime) {
      const original = Runtime.prototype.lmsSetValue;
      Runtime.prototype.lmsSetValue = function (element, value) {
        if (window.__refuse === "throw") throw new Error("LMS connection lost");
        if (window.__refuse) { this.lastErrorCode = window.__refuse; return "false"; }
        return original.call(this, element, value);
      };
      runtime = Runtime;
    } });
  }
})();"""

# What the run-time holds for a learner whose every value was refused: its own defaults.
NOTHING = {
    "scorm12": {"lesson_status": "not attempted", "score": {"raw": "", "min": "", "max": "100"}, "exit": "",
                "location": ""},
    "scorm2004-4": {"completion_status": "unknown", "success_status": "unknown",
                    "score": {"scaled": "", "raw": "", "min": "", "max": ""}, "progress_measure": "", "exit": "",
                    "location": ""},
}


@pytest.fixture(scope="module")
def key(every_kind_dir) -> CourseKey:
    return CourseKey(every_kind_dir)


def refusing(page: Any, how: str) -> None:
    page.add_init_script(REFUSING_LMS % ('"%s"' % how))


def answer_a_scenario(run, key: CourseKey) -> Learner:
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("The double charge")
    learner.answer_scenario(BEST)
    assert learner.sees("Best response")
    return learner


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("how", ["code", "throw"])
def test_an_lms_that_refuses_every_value_is_never_reported_as_saved(page, lms, packages, every_kind_dir, key,
                                                                   standard, how):
    refusing(page, REFUSAL[standard] if how == "code" else "throw")
    url, _ = packages.get(every_kind_dir, standard)
    run = open_course(page, lms, url, standard)
    learner = answer_a_scenario(run, key)
    notice = run.content.get_by_text(SAVE_FAILED, exact=False)
    notice.first.wait_for(state="visible", timeout=10_000)  # after a save and its two retries failed
    learner.exit()
    assert learner.heading() == NOT_SAVED_TITLE
    assert learner.sees(NOT_SAVED)
    assert not learner.sees("Your progress is saved", timeout=300)
    cmi = run.terminated()
    assert status(cmi, standard) == NOTHING[standard] and cmi["suspend_data"] == ""
    assert interactions(cmi, standard) == []
    sets = [c for c in run.player_log() if c["method"] == SET[standard]]
    expected = ("false", REFUSAL[standard]) if how == "code" else ("false", "exception: LMS connection lost")
    assert sets and {(c["result"], c["error"]) for c in sets} == {expected}
    methods = run.methods()
    assert methods.count("LMSFinish" if standard == "scorm12" else "Terminate") == 1
    warning = f'[scorm] {SET[standard]}("cmi.suspend_data"'
    assert [m for m in run.console if m.startswith(warning)], run.console


@pytest.mark.parametrize("standard", STANDARDS)
def test_refused_values_are_sent_again_once_the_lms_accepts_them(page, lms, packages, every_kind_dir, key, standard):
    refusing(page, REFUSAL[standard])
    url, _ = packages.get(every_kind_dir, standard)
    run = open_course(page, lms, url, standard)
    learner = answer_a_scenario(run, key)
    notice = run.content.get_by_text(SAVE_FAILED, exact=False)
    notice.first.wait_for(state="visible", timeout=10_000)
    assert status(run.cmi(), standard) == NOTHING[standard]
    run.page.evaluate("window.__refuse = ''")  # the LMS is back
    learner.next()  # the next step sends everything again, and the notice goes
    notice.first.wait_for(state="hidden", timeout=5_000)
    assert status(run.last_commit(), standard) == final(standard, "incomplete", None, location="outage",
                                                        progress="0.75")
    learner.exit()
    assert learner.heading() == "Your progress is saved"
    cmi = run.terminated()
    assert status(cmi, standard) == final(standard, "incomplete", None, location="outage", progress="0.75")
    assert cmi["suspend_data"].startswith('{"v":2,"c":"every-kind","l":"outage"')
    # the scenario's interaction, refused with its id, was sent again once the LMS accepted
    assert interactions(cmi, standard) == [("scn_double-charge", "choice", ("a",), "a", "correct", "1")]
    check_session_but_refusals(run, standard)


def check_session_but_refusals(run, standard: str) -> None:
    """check_session, with the refused SetValues of the first part set aside."""
    refused = [c for c in run.calls() if c["method"] == SET[standard] and c["error"] == REFUSAL[standard]]
    assert refused
    others = [c for c in run.api_errors() if c not in refused]
    assert others == []
    init, term = ("LMSInitialize", "LMSFinish") if standard == "scorm12" else ("Initialize", "Terminate")
    assert run.methods()[0] == init and run.methods()[-1] == term and run.methods().count(term) == 1
    assert [e for e in run.player_log() if not e["ok"] and e["method"] != SET[standard]] == []
