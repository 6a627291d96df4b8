"""The preview in chromium: a short learner run with the debug panel listing the calls, a rebuild on a
YAML change, a build error shown in the page, and the preview's own API answering like scorm-again."""
from __future__ import annotations

import re

import pytest

from scorm_builder.tools.scaffold import scaffold

from .harness import ERROR_QUERIES, first_launch_cmi, open_course
from .learner import Learner

SCENARIO_BEST = "A week is a long time to wait for your own money. Let me find out where it is right now."
DIALOGUE_FIRST = "That's frustrating; I'll check its status while we talk."
# values that depend on the clock or on a random draw, not on the API's behaviour
TIMING = re.compile(r"session_time|latency|timestamp|\.time$|suspend_data")


@pytest.fixture()
def preview(tmp_path, preview_server):
    course = scaffold("demo", tmp_path / "courses").parent
    state, base = preview_server(course)
    return state, base + "/", course


@pytest.fixture()
def preview_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(8000)
    yield context.new_page()
    context.close()


def short_run(learner: Learner) -> None:
    learner.start()
    learner.next_until("The late refund")
    learner.answer_scenario(SCENARIO_BEST)
    learner.next_until("Follow-up call")
    learner.say(DIALOGUE_FIRST)
    learner.exit()


def sco(page):
    frame = page.frame_locator("#sco")
    frame.get_by_role("button", name="Start").wait_for(state="visible")
    return frame


def test_short_run_shows_every_call_in_the_debug_panel(preview, preview_page):
    _, base, _ = preview
    preview_page.goto(base)
    short_run(Learner(sco(preview_page)))
    calls = preview_page.evaluate("window.previewCalls")
    methods = [c["method"] for c in calls]
    assert methods[0] == "Initialize" and methods[-1] == "Terminate"
    assert methods.count("Initialize") == 1 and methods.count("Terminate") == 1
    assert [c for c in calls if c["error"] != "0" and not (c["method"] == "GetValue" and c["error"] == "403")] == []
    sets = {c["element"]: c["value"] for c in calls if c["method"] == "SetValue"}
    assert sets["cmi.interactions.0.id"] == "scn_late-refund"
    assert sets["cmi.interactions.0.learner_response"] == "a"
    assert sets["cmi.interactions.0.result"] == "correct"
    assert sets["cmi.exit"] == "suspend"
    # the panel shows a row per call, and the current CMI
    rows = preview_page.locator("#calls tbody tr")
    assert rows.count() == len(calls)
    assert rows.nth(len(calls) - 1).locator("td").nth(1).inner_text() == "Terminate"
    cmi_rows = dict(zip(preview_page.locator("#cmi tbody tr td:first-child").all_inner_texts(),
                        preview_page.locator("#cmi tbody tr td:last-child").all_inner_texts(), strict=True))
    assert cmi_rows["cmi.interactions.0.id"] == "scn_late-refund"
    assert cmi_rows["cmi.completion_status"] == "incomplete"
    # relaunch resumes from what the preview LMS stored
    preview_page.get_by_role("button", name="Relaunch").click()
    frame = preview_page.frame_locator("#sco")
    frame.get_by_role("button", name="Resume").wait_for(state="visible")
    assert preview_page.evaluate("window.previewApi.cmi['cmi.entry']") == "resume"


def test_a_yaml_change_rebuilds_and_a_broken_file_shows_its_error(preview, preview_page):
    _, base, course = preview
    preview_page.goto(base)
    sco(preview_page)
    file = course / "course.yaml"
    file.write_text(file.read_text().replace("title: Why it matters", "title: Why timing matters"))
    preview_page.get_by_role("status").filter(has_text="Build 2").wait_for(state="visible")
    frame = preview_page.frame_locator("#sco")
    frame.get_by_role("button", name="Start").click()
    frame.get_by_role("heading", name="Why timing matters").wait_for(state="visible")
    file.write_text(file.read_text().replace("channel: chat", "channel: fax"))
    error = preview_page.locator("#build-error-text")
    error.wait_for(state="visible")
    assert error.inner_text() == (
        f"{course / 'course.yaml'}:37:18: lessons[0].pages[1].channel: invalid value (expected one of: phone, chat, "
        "email, got the text 'fax') \u2014 use one of: phone, chat, email\n1 problem found.")
    assert preview_page.locator("#build-state").inner_text() == "Build failed"


def flatten(value, prefix: str = "cmi") -> dict[str, str]:
    out: dict[str, str] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}"))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.update(flatten(item, f"{prefix}.{i}"))
    else:
        out[prefix] = "" if value is None else str(value)
    return out


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_the_preview_api_answers_like_scorm_again(preview, preview_page, page, lms, packages, standard):
    state, base, course = preview
    # the same learner run against scorm-again (the test LMS) ...
    url, _ = packages.get(course, standard)
    preload = first_launch_cmi("scorm12" if standard == "scorm12" else "scorm2004")
    if standard != "scorm12":
        preload["scaled_passing_score"] = "0.8"  # what an LMS takes from the manifest, as the preview does
    run = open_course(page, lms, url, standard, preload=preload)
    short_run(Learner(run.content))
    run.terminated()
    lms_calls = [(c["method"], c["args"][0] if c["args"] else "", c["result"], c["error"])
                 for c in run.calls() if c["method"] not in ERROR_QUERIES]
    lms_held = flatten(run.cmi())
    # ... and against the preview's own API
    if standard != "scorm2004-4":
        state.switch(standard)
    preview_page.goto(base)
    short_run(Learner(sco(preview_page)))
    preview_page.wait_for_function("window.previewCalls.some(c => /Terminate|LMSFinish/.test(c.method))")
    ours = preview_page.evaluate("window.previewCalls")
    preview_calls = [(c["method"], c["element"] if "GetValue" in c["method"] or "SetValue" in c["method"] else "",
                      c["result"] if "SetValue" in c["method"] or "GetValue" not in c["method"] else "", c["error"])
                     for c in ours]
    normalised = [(m, e, r if "GetValue" not in m else "", err) for m, e, r, err in lms_calls]
    assert preview_calls == normalised
    held = preview_page.evaluate("Object.assign({}, window.previewApi.cmi, window.previewApi.writes)")
    sets = {c["element"]: c["value"] for c in ours if "SetValue" in c["method"]}
    for element, value in sets.items():
        if TIMING.search(element):
            continue
        assert held[element] == value, element
        assert lms_held.get(element, value) == value, (element, lms_held.get(element))


def test_the_page_switches_standard_with_its_token(preview, preview_page):
    state, base, _ = preview
    preview_page.goto(base)
    sco(preview_page)
    preview_page.select_option("#standard", "scorm12")
    for _ in range(200):
        if b"<schemaversion>1.2</schemaversion>" in state.files["imsmanifest.xml"]:
            break
        preview_page.wait_for_timeout(50)
    assert state.standard == "scorm12"
    assert b"<schemaversion>1.2</schemaversion>" in state.files["imsmanifest.xml"]
