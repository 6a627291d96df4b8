"""Course-format additions the player reads: reveal_answer, a question's principle, shuffle: false on
scenarios, dialogues and nodes, and the draw per principle (format, rules, player data, outline, suspend bound)."""
from __future__ import annotations

from pathlib import Path

import pytest

from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.render.player_data import assessment_data, page_data, principle_titles
from scorm_builder.render.suspend import worst_case
from scorm_builder.tools.lint_tells import tell_warnings
from scorm_builder.tools.outline import context

HEAD = """\
id: unit
title: Unit
principles:
  - id: timing
    title: Timing matters
  - id: words
    title: Words matter
lessons:
  - id: intro
    title: Intro
    pages:
      - type: scenario
        id: parcel
        title: Parcel
        channel: chat
        shuffle: false
        customer: {says: Where is it?}
        prompt: Reply?
        options:
          - {text: Checking now., verdict: best, feedback: Good.}
          - {text: Wait., verdict: poor, feedback: Vague.}
      - type: dialogue
        id: call
        title: Call
        scores: [rapport]
        shuffle: false
        nodes:
          - id: open
            customer: Hello?
            shuffle: false
            choices:
              - {text: Hi., next: end, effects: {rapport: 1}}
              - {text: What., next: end}
          - id: end
            ending: {outcome: good, title: Done, debrief: Fine.}
"""


def question(ident: str, principle: str = "") -> str:
    line = f"\n      principle: {principle}" if principle else ""
    return f"""\
    - id: {ident}
      type: true-false
      text: Is it {ident}?
      answer: true{line}
"""


def course(tmp_path: Path, assessment: str, questions: list[str]) -> Path:
    folder = tmp_path / "unit"
    folder.mkdir(parents=True, exist_ok=True)
    text = HEAD + "assessment:\n" + assessment + "  questions:\n" + "".join(questions)
    (folder / "course.yaml").write_text(text, encoding="utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(CourseInvalid) as info:
        load_course(folder)
    return [str(p) for p in info.value.problems]


POOL = [question("t1", "timing"), question("w1", "words"), question("t2", "timing"), question("n1")]


def test_reveal_answer_and_a_questions_principle_in_the_player_data(tmp_path: Path) -> None:
    loaded = load_course(course(tmp_path, "  reveal_answer: false\n", POOL[:2] + POOL[3:]))
    data = assessment_data(loaded.assessment, principle_titles(loaded))
    assert (data["reveal_answer"], data["draw"], data["per_principle"]) == (False, 3, 0)
    assert [q["principle"] for q in data["questions"]] == [
        {"id": "timing", "title": "Timing matters"}, {"id": "words", "title": "Words matter"}, None]
    assert assessment_data(load_course(course(tmp_path, "  pass_mark: 50\n", POOL)).assessment, {})[
        "reveal_answer"] is True


def test_shuffle_false_on_a_scenario_a_dialogue_and_a_node(tmp_path: Path) -> None:
    loaded = load_course(course(tmp_path, "", POOL))
    scenario, dialogue = (page_data(p, {}) for p in loaded.pages)
    assert scenario["shuffle"] is False
    assert dialogue["shuffle"] is False
    assert {name: node["shuffle"] for name, node in dialogue["nodes"].items()} == {"open": False, "end": True}
    assert (loaded.pages[0].shuffle, loaded.pages[1].shuffle, loaded.pages[1].nodes[1].shuffle) == (False, False, True)


def test_an_unknown_question_principle_is_positioned_with_did_you_mean(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert problems(course(tmp_path, "", [question("t1", "timeing"), question("w1", "speed")])) == [
        "unit/course.yaml:42:18: assessment.questions[0].principle: unknown principle 'timeing' "
        "(expected one of: timing, words) \u2014 did you mean 'timing'?",
        "unit/course.yaml:47:18: assessment.questions[1].principle: unknown principle 'speed' "
        "(expected one of: timing, words) \u2014 add it under 'principles:' or use one that is declared",
    ]


def test_a_draw_per_principle(tmp_path: Path) -> None:
    loaded = load_course(course(tmp_path, "  draw:\n    per_principle: 1\n", POOL))
    a = loaded.assessment
    assert (a.draw, a.per_principle) == (3, 1)
    assert {k: [q.id for q in v] for k, v in a.principle_groups().items()} == {
        "timing": ["t1", "t2"], "words": ["w1"], "": ["n1"]}
    data = assessment_data(a, principle_titles(loaded))
    assert (data["draw"], data["per_principle"]) == (3, 1)
    outline = context(loaded)["assessment"]
    assert outline["draw"] == ("3 (1 question of each of: timing (2 in the pool), words (1 in the pool), "
                               "the questions with no principle (1 in the pool))")


def test_each_principle_group_must_hold_the_draw(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert problems(course(tmp_path, "  draw:\n    per_principle: 2\n", POOL)) == [
        "unit/course.yaml:38:20: assessment.draw.per_principle: too few questions with no principle for a draw "
        "of 2 per principle (expected at least 2, got 1) \u2014 add 1 question with no principle, or give each "
        "question a 'principle:', or lower 'per_principle'",
        "unit/course.yaml:38:20: assessment.draw.per_principle: too few questions with principle 'words' for a "
        "draw of 2 per principle (expected at least 2, got 1) \u2014 add 1 question with 'principle: words', "
        "or lower 'per_principle'",
    ]
    assert problems(course(tmp_path, "  draw: {per_principle: 0}\n", POOL)) == [
        "unit/course.yaml:37:25: assessment.draw.per_principle: out of range (expected a whole number of at "
        "least 1, got 0) \u2014 use a whole number of at least 1"]
    assert problems(course(tmp_path, "  draw: {each: 1}\n", POOL)) == [
        "unit/course.yaml:37:9: assessment.draw.per_principle: missing required key 'per_principle' in draw "
        "\u2014 add 'per_principle:' (a whole number of at least 1)",
        "unit/course.yaml:37:10: assessment.draw.each: unknown key 'each' in draw \u2014 remove it; allowed keys: "
        "per_principle"]
    assert problems(course(tmp_path, "  draw: [1]\n", POOL)) == [
        "unit/course.yaml:37:9: assessment.draw: wrong type (expected a whole number of at least 1, or a mapping "
        "with keys (per_principle), got a list) \u2014 write a whole number of at least 1, or a mapping with keys "
        "(per_principle) here"]
    assert problems(course(tmp_path, "  draw: 5\n", POOL))[0].endswith("got 5) \u2014 add 1 question or lower 'draw'")


def _data(loaded) -> dict:
    titles = principle_titles(loaded)
    return {"course": {"id": loaded.id}, "lessons": [{"pages": [page_data(p, titles) for p in loaded.pages]}],
            "assessment": assessment_data(loaded.assessment, titles)}


def test_the_suspend_bound_of_a_draw_per_principle_takes_the_longest_of_each_group(tmp_path: Path) -> None:
    long_id = "t" * 40
    pool = [question(long_id, "timing"), question("t2", "timing"), question("w1", "words"), question("n1")]
    per_principle = worst_case(_data(load_course(course(tmp_path, "  draw: {per_principle: 1}\n", pool))))
    counted = worst_case(_data(load_course(course(tmp_path, "  draw: 3\n", pool))))
    drawn = per_principle.text.split('"q":')[1]
    assert [name for name in (long_id, "t2", "w1", "n1") if f'"{name}"' in drawn] == [long_id, "w1", "n1"]
    assert per_principle.length == counted.length  # the three longest are one of each group here


def test_items_with_shuffling_off_get_the_answer_position_tell(tmp_path: Path) -> None:
    loaded = load_course(course(tmp_path, "", POOL))
    found = [(d.rule, d.key) for d in tell_warnings(loaded) if d.rule == "answer-position-tell"]
    assert found == [("answer-position-tell", "lessons[0].pages[0]"),
                     ("answer-position-tell", "lessons[0].pages[1].nodes[0]")]
    shuffled = (tmp_path / "unit" / "course.yaml").read_text(encoding="utf-8").replace("shuffle: false", "shuffle: true")
    (tmp_path / "unit" / "course.yaml").write_text(shuffled, encoding="utf-8")
    assert [d for d in tell_warnings(load_course(tmp_path / "unit")) if d.rule == "answer-position-tell"] == []
