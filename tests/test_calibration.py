"""Calibration pages (issue 13, section 4) through every stage: the model, the player's data, the saved-state
bound and the ids the player sends, the outline, lint, the duration estimate and the preview; and
empathy-coaching's calibration practice, with no run of more than six text pages (issue 11)."""
from __future__ import annotations

from pathlib import Path

import pytest

from scorm_builder.course.duration import estimate
from scorm_builder.course.model_calibration import CalibrationPage, course_rubric
from scorm_builder.load import load_course
from scorm_builder.render.player_data import player_data
from scorm_builder.render.suspend import interaction_ids, worst_case
from scorm_builder.tools.lint import lint
from scorm_builder.tools.outline import render_outline

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "calibration"
COACHING = REPO / "courses" / "empathy-coaching"
PROFILES = [None, REPO / "courses" / "companies" / "harbor-health.yaml",
            REPO / "courses" / "companies" / "northwind-mobile.yaml"]


@pytest.fixture(scope="module")
def course():
    return load_course(FIXTURE)


def test_the_model_holds_the_rubric_the_transcript_and_the_expert_in_the_rubrics_order(course):
    assert [(c.id, c.top) for c in course_rubric(course).criteria] == [("timing", 2), ("words", 2), ("action", 2)]
    page = course.pages[2]
    assert isinstance(page, CalibrationPage)
    assert [(t.speaker, t.lines, t.key) for t in page.transcript] == [
        ("customer", ("my card was declined twice", "in front of a queue!!"), "1"),
        ("agent", ("I'm sorry about that. A fraud check blocked it; I've cleared it, so it works now.",), "2")]
    assert [(e.criterion, e.score) for e in page.expert] == [("timing", 2), ("words", 1), ("action", 2)]
    assert (page.tolerance, page.retry, page.scored, page.source.line) == (1, False, True, 56)
    assert page.calibrated([1, 2, 2]) and not page.calibrated([0, 1, 2]) and not page.calibrated([2, 1])


def test_the_players_data(course):
    data = player_data(course, "scorm12")
    assert data["rubric"]["criteria"][0] == {"id": "timing", "title": "Timing",
                                             "question": "Did the response come when it was needed?",
                                             "levels": ["Never, or only at the close", "Later in the contact",
                                                        "In the next turn after the cue"]}
    assert data["lessons"][0]["pages"][2] == {
        "kind": "calibration", "id": "chat-card", "title": "Calibrate: the declined card", "channel": "chat",
        "customer": "Ama", "agent": "", "intro_html": "",
        "transcript": [{"who": "customer", "says": ["my card was declined twice", "in front of a queue!!"]},
                       {"who": "agent", "says": "I'm sorry about that. A fraud check blocked it; I've cleared it, "
                                                "so it works now."}],
        "expert": [{"criterion": "timing", "score": 2, "reason_html": "<p>The reply answers at once.</p>"},
                   {"criterion": "words", "score": 1, "reason_html": "<p>A mild stock line beside a specific fact; "
                                                                     "the queue is never mentioned.</p>"},
                   {"criterion": "action", "score": 2, "reason_html": "<p>The block is cleared.</p>"}],
        "tolerance": 1, "principle": None, "retry": False, "scored": True, "interaction_id": "cal_chat-card",
        "h": "24036"}


def test_the_saved_state_bound_and_the_interaction_ids(course):
    data = player_data(course, "scorm12")
    bound = worst_case(data)
    assert bound.text == ('{"v":2,"c":"calibration-kind","l":"late-sorry","vw":"welcome late-sorry chat-card",'
                          '"sc":{},"dg":{},"cb":{"late-sorry":[999,"022","522b7"],"chat-card":[1,"212","24036"]},'
                          '"s":1}')
    assert bound.parts["calibrations"] == 69
    assert interaction_ids(data) == [("interaction", "cal_late-sorry_a999"), ("interaction", "cal_chat-card")]


def test_the_outline_shows_the_transcript_and_the_expert_scores(course):
    text = render_outline(course, "markdown")
    assert ("**The transcript:**\n\n"
            "> **Ama:** my card was declined twice\\\n"
            "> **Ama:** in front of a queue!!\\\n"
            "> **Agent:** I'm sorry about that. A fraud check blocked it; I've cleared it, so it works now.\n\n"
            "**The expert's scores** (5 of 6):\n\n"
            "- **Timing: 2 of 2** (In the next turn after the cue). The reply answers at once.\n") in text
    assert "- **Channel:** chat · **Tolerance:** 1 point per criterion" in text
    html = render_outline(course, "html")
    assert "<tr><td>Words</td><td>1 of 2</td><td>Partly personal</td>" in html


def test_a_calibration_is_an_interaction_for_the_text_run_lint(tmp_path):
    text = FIXTURE.joinpath("course.yaml").read_text(encoding="utf-8")
    extra = "".join(f"      - type: text\n        id: read-{k}\n        title: Read {k}\n        body: Text {k}.\n"
                    for k in range(6))
    (tmp_path / "course.yaml").write_text(text.replace("    pages:\n", "    pages:\n" + extra, 1), encoding="utf-8")
    warnings = [d for d in lint([tmp_path])[0].warnings if d.rule == "text-run"]
    assert [(d.line, d.reason) for d in warnings] == [(
        59, "the course opens with 7 text pages in a row before its first interaction (the calibration "
            "'late-sorry', page 8); this is text page 7 (expected at most 6)")]


def test_the_duration_estimate_counts_a_calibration_as_an_interaction(course):
    found = estimate(course)
    assert (found.scenarios, found.words) == (2, 258)


def test_the_preview_builds_a_calibration_course():
    from scorm_builder.tools.preview import Preview

    for standard in ("scorm12", "scorm2004-4"):
        preview = Preview(FIXTURE, standard=standard)
        preview.rebuild()
        assert preview.error is None
        script = preview.files["player/player.js"].decode("utf-8")
        assert "/* --- view-calibration.js --- */" in script and "/* --- calibration-score.js --- */" in script


def test_a_course_without_calibration_pages_leaves_their_modules_out():
    from scorm_builder.pack.plan import plan

    files = plan(load_course(REPO / "courses" / "empathy-essentials"), "scorm12").files
    assert "view-calibration.js" not in files["player/player.js"].decode("utf-8")


@pytest.mark.parametrize("profile", PROFILES, ids=["plain", "harbor-health", "northwind-mobile"])
def test_empathy_coaching_practises_calibration_with_no_long_run_of_text(profile):
    built = load_course(COACHING, profile)
    kinds = [p.kind for p in built.pages]
    runs, run = [], 0
    for kind in kinds:
        run = run + 1 if kind == "text" else 0
        runs.append(run)
    assert max(runs) <= 6
    assert [p.id for p in built.pages if p.kind == "calibration"] == [
        "calibrate-hire-car", "calibrate-first-flat", "calibrate-charged-twice-again", "calibrate-statement-request"]
    assert [sum(e.score for e in p.expert) for p in built.pages if p.kind == "calibration"] == [5, 7, 6, 8]


def test_empathy_coaching_lints_clean():
    assert [str(d) for d in lint([COACHING])[0].warnings] == []


def test_translation_units_cover_the_rubric_and_every_calibration_text(tmp_path):
    import re
    import shutil

    from click.testing import CliRunner

    from scorm_builder.cli import main

    shutil.copytree(FIXTURE, tmp_path / "calibration")
    result = CliRunner().invoke(main, ["translate", "extract", str(tmp_path / "calibration"), "--to", "es"])
    assert result.exit_code == 0, result.output
    ids = re.findall(r'<trans-unit [^>]*id="([^"]+)"', (tmp_path / "calibration" / "translations" / "es.xlf").read_text())
    assert [i for i in ids if i.startswith(("rubric.timing", "chat-card"))] == [
        "rubric.timing.title", "rubric.timing.question", "rubric.timing.levels.0", "rubric.timing.levels.1",
        "rubric.timing.levels.2", "chat-card.title", "chat-card.customer", "chat-card.transcript.1.1",
        "chat-card.transcript.1.2", "chat-card.transcript.2", "chat-card.expert.timing.reason",
        "chat-card.expert.words.reason", "chat-card.expert.action.reason"]
