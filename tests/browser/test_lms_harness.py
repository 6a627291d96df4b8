"""The test LMS itself, checked with a hand-written SCO: commits recorded, rejections, preloads,
API discovery through nested frames and a popup."""
from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .harness import open_course, relaunch_cmi

MINI_SCO = Path(__file__).resolve().parent / "fixtures" / "mini-sco"
STANDARDS = ("scorm12", "scorm2004")


@pytest.fixture(scope="module")
def mini_url(lms) -> str:
    return lms.mount(MINI_SCO)


@pytest.mark.parametrize("standard", STANDARDS)
def test_commits_reach_the_server_and_terminate_is_a_beacon(page, lms, mini_url, standard):
    run = open_course(page, lms, mini_url, standard)
    run.content.get_by_role("button", name="Answer").click()
    run.content.get_by_role("button", name="Finish").click()
    stored = run.terminated()
    assert [(c.terminate, c.rejected) for c in run.launch.commits] == [(False, False), (False, False), (True, False)]
    interaction = stored["interactions"]["0"]
    if standard == "scorm12":
        assert stored["core"]["lesson_status"] == "passed"
        assert stored["core"]["lesson_location"] == "page-2"
        assert stored["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
        assert (interaction["id"], interaction["student_response"]) == ("q_mini", "a,c")
        assert interaction["correct_responses"] == {"0": {"pattern": "a,c"}}
    else:
        assert (stored["completion_status"], stored["success_status"]) == ("completed", "passed")
        assert stored["score"] == {"scaled": "1", "raw": "100", "min": "0", "max": "100"}
        assert (interaction["id"], interaction["learner_response"]) == ("q_mini", "a[,]c")
        assert interaction["correct_responses"] == {"0": {"pattern": "a[,]c"}}
    held = run.cmi()
    # total_time is added by the run-time to the termination commit only (session + previous total)
    if standard == "scorm12":
        assert stored["core"].pop("total_time") == "00:01:02.5"
        held["core"].pop("total_time", None)
    else:
        assert stored.pop("total_time") == "PT1M2.5S"
        held.pop("total_time", None)
    assert held == stored
    assert run.api_errors() == []
    assert run.content.locator("#status").text_content() == "finished"


@pytest.mark.parametrize("standard", STANDARDS)
def test_a_rejected_commit_answers_false_with_the_lms_error_code(page, lms, mini_url, standard):
    run = open_course(page, lms, mini_url, standard, reject=1)
    run.content.get_by_role("button", name="Answer").click()
    assert run.content.locator("#status").text_content() == "committed false"
    code = "101" if standard == "scorm12" else "391"
    commit = "LMSCommit" if standard == "scorm12" else "Commit"
    assert [(c["method"], c["result"], c["error"]) for c in run.api_errors()] == [(commit, "false", code)]
    run.content.get_by_role("button", name="Answer").click()
    assert run.content.locator("#status").text_content() == "committed true"
    assert [c.rejected for c in run.launch.commits] == [True, False]


@pytest.mark.parametrize("mode", ["nested", "nested-cross-origin", "popup"])
@pytest.mark.parametrize("standard", STANDARDS)
def test_the_api_is_found_through_nested_frames_and_the_opener(page, lms, mini_url, standard, mode):
    run = open_course(page, lms, mini_url, standard, mode=mode)
    assert run.content.evaluate("sco.found") == ("1.2" if standard == "scorm12" else "2004")
    if mode.startswith("nested"):
        assert run.content.evaluate("window.parent !== window.top && window.parent.parent === window.top")
        middle_origin = "http://localhost:" if mode == "nested-cross-origin" else lms.base
        assert [f.url for f in page.frames if "/lms/frame.html" in f.url][0].startswith(middle_origin)
        # the middle frame's own API property can't even be read from the package
        assert run.content.evaluate(
            "(() => { try { return typeof window.parent.API; } catch (e) { return e.name; } })()"
        ) == ("SecurityError" if mode == "nested-cross-origin" else "undefined")
    else:
        assert run.content.evaluate("window.opener !== null && window.parent === window")
    run.content.get_by_role("button", name="Finish").click()
    run.terminated()
    assert run.api_errors() == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_relaunch_preloads_the_stored_cmi_with_entry_resume(page, lms, mini_url, standard):
    first = open_course(page, lms, mini_url, standard)
    first.content.get_by_role("button", name="Answer").click()
    stored = first.last_commit()
    second = open_course(page, lms, mini_url, standard, preload=relaunch_cmi(standard, stored))
    assert second.content.locator("#status").text_content() == "entry=resume suspend_data=v1;page-2"
    second.content.get_by_role("button", name="Answer").click()
    held = second.cmi()
    ids = [held["interactions"][k]["id"] for k in sorted(held["interactions"])]
    assert ids == ["q_mini", "q_mini_a2"]
    entry = held["core"]["entry"] if standard == "scorm12" else held["entry"]
    assert entry == "resume"
    assert second.api_errors() == []


def test_the_server_serves_only_its_own_folders(lms, mini_url):
    def status(path: str) -> int:
        try:
            with urllib.request.urlopen(lms.base + path) as response:
                return response.status
        except urllib.error.HTTPError as err:
            return err.code

    assert status("/node_modules/scorm-again/scorm12.js") == 200
    assert status("/node_modules/axe-core/axe.min.js") == 200
    assert status(mini_url.removeprefix(lms.base) + "index.html") == 200
    assert status("/node_modules/scorm-again/../package.json") == 404
    assert status("/node_modules/scorm-again/%2e%2e/package.json") == 404
    assert status("/lms/../../conftest.py") == 404
    assert status("/pkg/nope/index.html") == 404


def test_axe_and_the_overflow_check_do_report_problems(browser, lms, mini_url):
    """The accessibility checks can fail: an unlabelled field and a too-wide block are reported."""
    from .harness import run_axe
    from .test_accessibility import OVERFLOW

    ctx = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = ctx.new_page()
        page.goto(mini_url + "index.html")
        assert run_axe(page, lms) == []
        assert page.evaluate(OVERFLOW) == []
        page.evaluate("""() => {
            document.querySelector('main').insertAdjacentHTML('beforeend',
                '<input type="text"><div class="wide" style="width: 600px">wide</div>');
        }""")
        assert "label" in [v["id"] for v in run_axe(page, lms)]
        assert page.evaluate(OVERFLOW) == ["page scrolls: 608 > 320", "div.wide spans 8..608"]
    finally:
        ctx.close()
