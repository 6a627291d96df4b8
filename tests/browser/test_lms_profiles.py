"""The LMS profiles (scorm_builder/lms.py, docs/lms-profiles.md) in the browser, against scorm-again:
Cornerstone's Exit without a Commit right before Terminate (the calls counted), Docebo's SCORM 2004
3rd Edition by default, the status after the last failed attempt under rise-up ("incomplete")
against generic ("failed"), Moodle's grouped interaction ids and its untrusted cmi.entry, Bridge's
suspend exit once complete, and legacy-2004's suspend_data budget. Each run asserts the exact CMI
the LMS received."""
from __future__ import annotations

import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest

from scorm_builder import lms as lms_profiles
from scorm_builder import standards

from .harness import check_session, interactions, open_course, relaunch_cmi, status
from .learner import CourseKey, Learner
from .test_tracking import ALL_RIGHT, ALL_WRONG, HALF, QUESTIONS, final, q_rows

STANDARDS = ("scorm12", "scorm2004-4")
COMMIT = {"scorm12": "LMSCommit", "scorm2004": "Commit"}
TERMINATE = {"scorm12": "LMSFinish", "scorm2004": "Terminate"}
SET = {"scorm12": "LMSSetValue", "scorm2004": "SetValue"}


class ProfilePackages:
    """Each (LMS profile, standard) of the every-kind course built once, as `build --lms NAME` does."""

    def __init__(self, lms: Any, base: Path, course: Path):
        self.lms, self.base, self.course = lms, base, course
        self._built: dict[tuple[str, str], tuple[str, Path]] = {}
        self._lock = threading.Lock()

    def get(self, name: str, standard: str) -> tuple[str, Path]:
        from scorm_builder.pack.pipeline import build

        with self._lock:
            if (name, standard) not in self._built:
                out = self.base / f"{name}-{standard}"
                with lms_profiles.choosing(name):
                    built = build([self.course], [standard], out / "zip")
                assert [b.plan.lms for b in built] == [name]
                with zipfile.ZipFile(built[0].path) as zf:
                    zf.extractall(out / "unpacked")
                self._built[(name, standard)] = (self.lms.mount(out / "unpacked"), out / "unpacked")
            return self._built[(name, standard)]


@pytest.fixture(scope="module")
def built(lms, tmp_path_factory, every_kind_dir) -> ProfilePackages:
    return ProfilePackages(lms, tmp_path_factory.mktemp("lms-profiles"), every_kind_dir)


@pytest.fixture(scope="module")
def key(every_kind_dir) -> CourseKey:
    return CourseKey(every_kind_dir)


def family(standard: str) -> str:
    return "scorm12" if standard == "scorm12" else "scorm2004"


def fail_twice(run, key: CourseKey) -> Learner:
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("Check your understanding")
    learner.take_assessment(ALL_WRONG)
    learner.click("Retry")
    learner.answer_attempt(HALF)
    assert learner.sees("No attempts left.")
    return learner


def finish_counting(run, learner: Learner) -> tuple[list[str], dict[str, Any]]:
    """Finish; the API methods called from the click on (error queries left out), and the CMI of the
    LMS server's termination commit."""
    before = len(run.methods())
    learner.finish()
    cmi = run.terminated()
    return run.methods()[before:], cmi


@pytest.mark.parametrize("standard", STANDARDS)
def test_cornerstone_exits_without_a_commit_right_before_terminate(page, lms, built, key, standard):
    """Cornerstone answers error 391 to a Commit during unload and commits inside Terminate."""
    fam = family(standard)
    runs = {}
    for name in ("generic", "cornerstone"):
        url, _ = built.get(name, standard)
        run = open_course(page, lms, url, standard)
        learner = fail_twice(run, key)
        tail, cmi = finish_counting(run, learner)
        check_session(run)
        runs[name] = (tail, cmi, run.methods())
    generic_tail, generic_cmi, generic_all = runs["generic"]
    tail, cmi, methods = runs["cornerstone"]
    assert generic_tail[-2:] == [COMMIT[fam], TERMINATE[fam]]
    assert generic_tail.count(COMMIT[fam]) == 1
    assert set(tail) == {SET[fam], TERMINATE[fam]} and tail[-1] == TERMINATE[fam]
    assert tail.count(COMMIT[fam]) == 0 and tail.count(TERMINATE[fam]) == 1
    # the sessions differ by that one Commit only, and the LMS holds the same record through Terminate
    assert methods.count(COMMIT[fam]) == generic_all.count(COMMIT[fam]) - 1
    assert methods.count(SET[fam]) == generic_all.count(SET[fam])
    assert status(cmi, standard) == status(generic_cmi, standard) == final(standard, "failed", 50)
    assert interactions(cmi, standard) == q_rows(standard, ALL_WRONG) + q_rows(standard, HALF, attempt=2)


def test_docebo_takes_the_2004_3rd_edition_by_default(page, lms, built, key):
    """Docebo plays SCORM 1.2 and 2004 3rd Edition only: `build --lms docebo` writes 3rd by default."""
    assert lms_profiles.default_standards("docebo", standards.DEFAULT) == ("scorm12", "scorm2004-3")
    url, folder = built.get("docebo", "scorm2004-3")
    manifest = (folder / "imsmanifest.xml").read_text(encoding="utf-8")
    assert "<schemaversion>2004 3rd Edition</schemaversion>" in manifest
    run = open_course(page, lms, url, "scorm2004-3")
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("Check your understanding")
    learner.take_assessment(ALL_RIGHT)
    assert learner.sees("Your score: 100%")
    tail, cmi = finish_counting(run, learner)
    check_session(run)
    assert tail[-2:] == ["Commit", "Terminate"]
    assert status(cmi, "scorm2004-3") == final("scorm2004-4", "passed", 100)
    assert interactions(cmi, "scorm2004-4") == q_rows("scorm2004-4", ALL_RIGHT)
    assert [q[0] for q in interactions(cmi, "scorm2004-4")] == [f"q_{q}" for q in QUESTIONS]


@pytest.mark.parametrize("standard", STANDARDS)
def test_final_failure_incomplete_never_reports_failed_as_the_status(page, lms, built, key, standard):
    """rise-up (a "Passed/Incomplete" reporting setting): after the last failed attempt 1.2 says
    incomplete and 2004 leaves completion incomplete; success stays failed in 2004, and the exit is
    normal either way, so the LMS starts a new attempt instead of resuming a finished one."""
    url, _ = built.get("rise-up", standard)
    run = open_course(page, lms, url, standard)
    learner = fail_twice(run, key)
    _, cmi = finish_counting(run, learner)
    check_session(run)
    if standard == "scorm12":
        want = {"lesson_status": "incomplete", "score": {"raw": "50", "min": "0", "max": "100"}, "exit": "",
                "location": "assessment"}
    else:
        want = {"completion_status": "incomplete", "success_status": "failed",
                "score": {"scaled": "0.5", "raw": "50", "min": "0", "max": "100"}, "progress_measure": "1",
                "exit": "normal", "location": "assessment"}
    assert status(cmi, standard) == want
    sent = [value for _, value in run.set_calls(r"lesson_status|completion_status")]
    assert "failed" not in sent and "completed" not in sent, sent


def expected_after_last_failure(profile: lms_profiles.Profile, standard: str) -> dict[str, Any]:
    """What the table says the record is after the last failed attempt (50%), in this standard."""
    incomplete = profile.final_failure.value == "incomplete"
    if standard == "scorm12":
        return {"lesson_status": "incomplete" if incomplete else "failed",
                "score": {"raw": "50", "min": "0", "max": "100"}, "exit": "", "location": "assessment"}
    return {"completion_status": "incomplete" if incomplete else "completed", "success_status": "failed",
            "score": {"scaled": "0.5", "raw": "50", "min": "0", "max": "100"}, "progress_measure": "1",
            "exit": "normal", "location": "assessment"}


@pytest.mark.parametrize("name", lms_profiles.NAMES)
@pytest.mark.parametrize("fam", ["scorm12", "scorm2004"])
def test_every_profile_fail_on_the_last_attempt(page, lms, built, key, name, fam):
    """Each profile in its own default standards: the exact record, and the calls at Finish in order."""
    profile = lms_profiles.get(name)
    standard = "scorm12" if fam == "scorm12" else str(profile.scorm2004_edition.value)
    url, _ = built.get(name, standard)
    run = open_course(page, lms, url, standard)
    learner = fail_twice(run, key)
    tail, cmi = finish_counting(run, learner)
    check_session(run)
    assert status(cmi, standard) == expected_after_last_failure(profile, standard)
    commit = [COMMIT[fam]] if profile.commit_before_terminate.value else []
    assert tail == [SET[fam]] * (len(tail) - 1 - len(commit)) + commit + [TERMINATE[fam]]


def pass_all(run, key: CourseKey) -> Learner:
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("Check your understanding")
    learner.take_assessment(ALL_RIGHT)
    assert learner.sees("Your score: 100%")
    return learner


def fmt(standard: str) -> str:
    """test_tracking's key for a standard's notation."""
    return "scorm12" if standard == "scorm12" else "scorm2004-4"


@pytest.mark.parametrize("standard", STANDARDS)
def test_moodle_writes_one_interaction_per_question_over_both_attempts(page, lms, built, key, standard):
    """interaction_ids grouped: the second attempt writes over the first attempt's records, at the same
    indexes and with the same ids; generic appends a record per answer, _a2 from the second attempt."""
    fam = family(standard)
    records = {}
    for name in ("generic", "moodle"):
        url, _ = built.get(name, standard)
        run = open_course(page, lms, url, standard)
        learner = fail_twice(run, key)
        _, cmi = finish_counting(run, learner)
        check_session(run)
        assert status(cmi, standard) == expected_after_last_failure(lms_profiles.get(name), standard)
        records[name] = (interactions(cmi, standard), run.set_calls(r"^cmi\.interactions\.\d+\.id$"))
    rows, ids = records["moodle"]
    assert rows == q_rows(fmt(standard), HALF)
    assert ids == [(f"cmi.interactions.{i}.id", f"q_{q}") for i, q in enumerate(QUESTIONS)] * 2
    rows, ids = records["generic"]
    assert rows == q_rows(fmt(standard), ALL_WRONG) + q_rows(fmt(standard), HALF, attempt=2)
    assert [element for element, _ in ids] == [f"cmi.interactions.{i}.id" for i in range(10)]
    assert fam in ("scorm12", "scorm2004")


def test_moodle_in_2004_writes_over_an_earlier_sessions_records(page, lms, built, key):
    """SCORM 2004's interactions can be read: a later session finds the records by id."""
    standard = "scorm2004-4"
    url, _ = built.get("moodle", standard)
    run = open_course(page, lms, url, standard)
    learner = Learner(run.content, key)
    learner.start()
    learner.next_until("Check your understanding")
    learner.take_assessment(ALL_WRONG)
    learner.exit()
    stored = run.terminated()
    check_session(run)
    run = open_course(page, lms, url, standard, preload=relaunch_cmi("scorm2004", stored))
    learner = Learner(run.content, key)
    learner.resume()
    learner.click("Retry")
    learner.answer_attempt(HALF)
    assert learner.sees("No attempts left.")
    _, cmi = finish_counting(run, learner)
    check_session(run)
    assert interactions(cmi, standard) == q_rows(fmt(standard), HALF)
    assert run.set_calls(r"^cmi\.interactions\.\d+\.id$") == [(f"cmi.interactions.{i}.id", f"q_{q}")
                                                                  for i, q in enumerate(QUESTIONS)]


def test_moodle_resumes_from_its_saved_state_at_ab_initio(page, lms, built, key):
    """entry_trusted false: Moodle answers ab-initio in an attempt whose suspend_data it holds, and the
    player resumes from that state; generic (trusted) starts a new attempt."""
    standard = "scorm2004-4"
    seen = {}
    for name in ("generic", "moodle"):
        url, _ = built.get(name, standard)
        run = open_course(page, lms, url, standard)
        learner = Learner(run.content, key)
        learner.start()
        learner.next_until("Check your understanding")
        learner.exit()
        stored = run.terminated()
        check_session(run)
        assert (stored["exit"], stored["location"]) == ("suspend", "assessment")
        preload = relaunch_cmi("scorm2004", stored)
        preload["entry"] = "ab-initio"
        run = open_course(page, lms, url, standard, preload=preload)
        learner = Learner(run.content, key)
        learner.button("Resume" if name == "moodle" else "Start").wait_for(state="visible")
        reads = [c["args"][0] for c in run.calls() if c["method"] == "GetValue"]
        seen[name] = (learner.button("Resume").count(), "cmi.entry" in reads, run.set_calls(r"^cmi\.location$")[0][1])
        if name == "moodle":
            learner.resume()
            assert learner.heading(2) == "Check your understanding"
        else:
            learner.start()
            assert learner.heading(2) == "Welcome"
        learner.exit()
        run.terminated()
        check_session(run)
    assert seen == {"generic": (0, True, "welcome"), "moodle": (1, False, "assessment")}


@pytest.mark.parametrize("standard", STANDARDS)
def test_bridge_exits_suspend_once_the_course_is_complete(page, lms, built, key, standard):
    """exit_on_completion suspend: the record is the same as generic's but for the exit, so Bridge keeps
    the run-time data, and the next launch resumes the completed course."""
    cmis = {}
    for name in ("generic", "bridge"):
        url, _ = built.get(name, standard)
        run = open_course(page, lms, url, standard)
        learner = pass_all(run, key)
        _, cmi = finish_counting(run, learner)
        check_session(run)
        cmis[name] = cmi
        exits = [value for _, value in run.set_calls(r"^cmi\.(core\.)?exit$")]
        assert exits[0] == "suspend" and exits[-1] == ("suspend" if name == "bridge" else
                                                       "" if standard == "scorm12" else "normal"), exits
    want = final(fmt(standard), "passed", 100)
    assert status(cmis["generic"], standard) == want
    assert status(cmis["bridge"], standard) == {**want, "exit": "suspend"}
    url, _ = built.get("bridge", standard)
    run = open_course(page, lms, url, standard, preload=relaunch_cmi(family(standard), cmis["bridge"]))
    learner = Learner(run.content, key)
    learner.resume()
    assert learner.sees("Your score: 100%")
    learner.exit()
    assert status(run.terminated(), standard) == {**want, "exit": "suspend"}
    check_session(run)


def test_legacy_2004_budgets_4000_characters_of_suspend_data(page, lms, built, key):
    """suspend_budget 4000: the player data says so, and a course that fits (the build refuses one that
    doesn't: tests/test_lms_profiles.py) is saved whole, as under generic."""
    import json
    import re

    from scorm_builder.check.course_data import with_lesson_files
    from scorm_builder.render.suspend import worst_case

    standard = "scorm2004-4"
    saved = {}
    for name in ("generic", "legacy-2004"):
        url, folder = built.get(name, standard)
        page_html = (folder / "index.html").read_text(encoding="utf-8")
        data = with_lesson_files(json.loads(re.search(r'id="course-data">(.*?)</script>', page_html, re.S).group(1)),
                                 lambda src, at=folder: (at / src).read_bytes())  # each page whole, for worst_case
        assert data["lms"]["suspendBudget"] == (4000 if name == "legacy-2004" else 64000)
        assert worst_case(data).length <= 4000
        run = open_course(page, lms, url, standard)
        learner = fail_twice(run, key)
        _, cmi = finish_counting(run, learner)
        check_session(run)
        saved[name] = json.loads(cmi["suspend_data"])
        assert status(cmi, standard) == expected_after_last_failure(lms_profiles.get(name), standard)
    assert saved["legacy-2004"]["a"]["q"] == saved["generic"]["a"]["q"] != []
    assert {k: v for k, v in saved["legacy-2004"]["a"].items() if k != "sd"} == {
        k: v for k, v in saved["generic"]["a"].items() if k != "sd"}
