"""check's suspend_data bound against the real player: the worst-case state is one the player accepts
as it is, and covers every key a new learner's state holds."""
from __future__ import annotations

import json
import zipfile

from repo import folder_course_data

from scorm_builder.render.suspend import worst_case


def test_the_real_player_writes_the_worst_case_state_back_unchanged(browser, demo_course, build_into, tmp_path):
    """Loaded from storage by the real player in chromium (no LMS), the bound's state comes back from
    scormPlayer.suspendData() byte for byte."""
    path = build_into(demo_course, ("scorm12",))["scorm12"]
    folder = tmp_path / "unpacked"
    zipfile.ZipFile(path).extractall(folder)
    data = folder_course_data(folder)  # each page whole: the dialogues' nodes are in the lesson files
    estimate = worst_case(data)
    assert estimate.parts["scenarios"] > 2 and estimate.parts["dialogues"] > 2 and estimate.parts["assessment"] > 4
    context = browser.new_context()
    try:
        page = context.new_page()
        key = json.dumps(f"scorm-builder:{data['course']['id']}")
        page.add_init_script(f"localStorage.setItem({key}, {json.dumps(estimate.text)});")
        page.goto((folder / "index.html").as_uri())
        page.wait_for_function("window.scormPlayer")
        saved = page.evaluate("scormPlayer.suspendData()")
    finally:
        context.close()
    fresh_context = browser.new_context()  # a new learner: no stored state; every key the player writes
    try:
        fresh = fresh_context.new_page()
        fresh.goto((folder / "index.html").as_uri())
        fresh.get_by_role("button", name="Start", exact=True).click()
        live = json.loads(fresh.evaluate("scormPlayer.suspendData()"))
    finally:
        fresh_context.close()
    assert saved == estimate.text
    assert len(saved) == estimate.length
    bound = json.loads(estimate.text)
    assert set(live) <= set(bound) and set(live["a"]) <= set(bound["a"])
