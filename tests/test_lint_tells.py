"""Lint rules for answers that give themselves away (scorm_builder/tools/lint_tells.py): each
rule's exact warning at its exact place, and the near misses that must not warn."""
from __future__ import annotations

from pathlib import Path

import pytest

from scorm_builder.course import record
from scorm_builder.course.model import Course, DialoguePage, ScenarioPage
from scorm_builder.errors import render_text
from scorm_builder.load import load_course
from scorm_builder.tools.lint_tells import RULES, course_items, tell_warnings

LONG_BEST = "I can see the charge was taken twice, so I have refunded one of them now and you will see it by Friday."  # 103
SHORT = "Please send your order number."  # 30
MIDDLE = "Could you tell me which of the two charges you want me to look at?"  # 66
TINY = "Not my problem."  # 15
LENGTH_FIX = "shorten it, or give the other answers as much detail, so that length gives nothing away"
STRAWMAN_FIX = "write a poor answer a real agent might give, with as much detail as the best one"
COURSE_FIX = "vary which answer is the longest: shorten some best answers, or give the others as much detail"
POSITION_FIX = "remove 'shuffle: false' unless the order itself matters"


def scenario(pid: str, options: list[tuple[str, str]]) -> str:
    lines = [f"      - type: scenario\n        id: {pid}\n        title: Scenario {pid}\n        channel: chat\n"
             "        customer:\n          says: I was charged twice.\n        prompt: What do you say?\n"
             "        options:\n"]
    for text, verdict in options:
        lines.append(f"          - text: {text}\n            verdict: {verdict}\n            feedback: Because it does.\n")
    return "".join(lines)


DIALOGUE = """\
      - type: dialogue
        id: call
        title: The call
        scores: [rapport]
        nodes:
          - id: opening
            customer: You charged me twice!
            choices:
              - text: {best}
                next: end
                effects: {{rapport: 2}}
                feedback: Good.
              - text: {other}
                next: end
                effects: {{rapport: -1}}
                feedback: Poor.
          - id: end
            ending:
              outcome: good
              title: Done
              debrief: It ended.
"""


def write_course(tmp_path: Path, pages: str) -> Path:
    head = "id: tells\ntitle: Tells\nversion: '1.0.0'\nlanguage: en\nlessons:\n  - id: lesson\n    title: Lesson\n    pages:\n"
    (tmp_path / "course.yaml").write_text(head + pages, encoding="utf-8")
    return tmp_path


def lines_for(tmp_path: Path, pages: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    return render_text(tell_warnings(load_course(write_course(tmp_path, pages))))


def test_the_rule_ids():
    assert RULES == ("answer-length-tell", "answer-position-tell", "strawman-option", "correct-answer-length-tell")


def test_a_best_answer_much_longer_than_the_others_and_a_strawman(tmp_path, monkeypatch):
    pages = scenario("one", [(SHORT, "acceptable"), (LONG_BEST, "best"), (TINY, "poor")])
    assert lines_for(tmp_path, pages, monkeypatch) == [
        "course.yaml:20:19: lessons[0].pages[0].options[1].text: warning: [answer-length-tell] the best answer is "
        "3.4 times as long as the longest other one (103 characters against 30): learners can pick it by its "
        f"length — {LENGTH_FIX}",
        "course.yaml:23:19: lessons[0].pages[0].options[2].text: warning: [strawman-option] this poor answer is 15 "
        "characters against 103 for the best one (less than a third): it reads as a strawman that nobody would "
        f"choose — {STRAWMAN_FIX}",
    ]


def test_near_misses_do_not_warn(tmp_path, monkeypatch):
    """1.5 times as long but under 20 characters more; a poor answer of exactly a third; a dialogue
    whose choices all score the same; an unscored option that is short but acceptable."""
    near = scenario("one", [("Sorry, twelve.", "acceptable"), ("Sorry, I'll fix it.", "best")])  # 14 / 19
    third = scenario("two", [("x" * 30, "poor"), ("y" * 90, "best"), ("z" * 80, "acceptable")])
    even = DIALOGUE.format(best="Let me look.", other="Let me check.").replace("rapport: -1", "rapport: 2")
    assert lines_for(tmp_path, near + third + even, monkeypatch) == []


def test_a_dialogue_decision_is_an_item_too(tmp_path, monkeypatch):
    pages = DIALOGUE.format(best=LONG_BEST, other=TINY)
    assert lines_for(tmp_path, pages, monkeypatch) == [
        "course.yaml:17:23: lessons[0].pages[0].nodes[0].choices[0].text: warning: [answer-length-tell] the best "
        "answer is 6.9 times as long as the longest other one (103 characters against 15): learners can pick it "
        f"by its length — {LENGTH_FIX}",
        "course.yaml:21:23: lessons[0].pages[0].nodes[0].choices[1].text: warning: [strawman-option] this poor "
        "answer is 15 characters against 103 for the best one (less than a third): it reads as a strawman that "
        f"nobody would choose — {STRAWMAN_FIX}",
    ]


def test_a_course_whose_best_answer_is_mostly_the_longest(tmp_path, monkeypatch):
    """Longest in 2 of 3 items (67 %, over 40 %), each by too little for the per-item rule."""
    longer = MIDDLE + " Now."  # 71 against 66
    pages = (scenario("one", [(MIDDLE, "acceptable"), (longer, "best")])
             + scenario("two", [(longer, "best"), (MIDDLE, "poor")])
             + scenario("three", [(longer, "acceptable"), (MIDDLE, "best")]))
    assert lines_for(tmp_path, pages, monkeypatch) == [
        "course.yaml:6:3: lessons: warning: [answer-length-tell] the best answer is the longest one in 2 of 3 "
        "scenarios and dialogue decisions (67 %, more than 40 %): learners learn to pick the longest answer — "
        f"{COURSE_FIX}",
    ]
    # two items make no pattern, however long their best answers are
    two = scenario("one", [(MIDDLE, "acceptable"), (longer, "best")]) + scenario("two", [(longer, "best"), (MIDDLE, "poor")])
    assert lines_for(tmp_path, two, monkeypatch) == []


# -- answer-position-tell: items with `shuffle: false` keep the course's order
def with_pages(course: Course, change) -> Course:
    lesson = course.lessons[0]
    return record.replace(course, lessons=(record.replace(lesson, pages=tuple(map(change, lesson.pages))),))


def fixed(page):
    if isinstance(page, ScenarioPage):
        return record.replace(page, shuffle=False)
    assert isinstance(page, DialoguePage)
    nodes = tuple(record.replace(n, shuffle=False) if n.choices else n for n in page.nodes)
    return record.replace(page, nodes=nodes)


def test_answers_in_a_fixed_order(tmp_path, monkeypatch):
    pages = scenario("one", [(MIDDLE, "acceptable"), (MIDDLE + "!", "best")]) + DIALOGUE.format(best=MIDDLE, other=MIDDLE)
    monkeypatch.chdir(tmp_path)
    course = with_pages(load_course(write_course(tmp_path, pages)), fixed)
    assert [item.shuffled for item in course_items(course)] == [False, False]
    assert render_text(tell_warnings(course)) == [
        "course.yaml:9:9: lessons[0].pages[0]: warning: [answer-position-tell] this scenario's answers are shown in "
        f"the course's order ('shuffle: false'), so its best answer is always in position 2 of 2 — {POSITION_FIX}",
        "course.yaml:28:13: lessons[0].pages[1].nodes[0]: warning: [answer-position-tell] this decision's answers "
        "are shown in the course's order ('shuffle: false'), so its best answer is always in position 1 of 2 — "
        f"{POSITION_FIX}",
    ]


def test_the_shipped_essentials_course_carries_no_tell(repo_root):
    course = load_course(repo_root / "courses" / "empathy-essentials")
    assert len(list(course_items(course))) == 30
    assert tell_warnings(course) == []
