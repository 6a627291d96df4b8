"""Lint rules of the curriculum issue (tools/lint_tells.py, tools/lint_curriculum.py, course/duration.py): each
rule's exact warning at its place, the near misses that must not warn, and the shipped courses."""
from __future__ import annotations

from pathlib import Path

import pytest

from scorm_builder.cli import main
from scorm_builder.course.duration import count_words, estimate
from scorm_builder.errors import render_text
from scorm_builder.load import load_course
from scorm_builder.tools.lint import lint
from scorm_builder.tools.lint_tells import correct_answer_warnings

HEAD = ("id: cur\ntitle: Curriculum\nversion: '1.0.0'\nlanguage: en\n{duration}lessons:\n"
        "  - id: lesson\n    title: Lesson\n    pages:\n")
TEXT = "      - type: text\n        id: {pid}\n        title: {title}\n        body: |\n{body}"
LONG = "I have refunded the second charge now, and you will see it back on your card by Friday."  # 87
SHORT = "Please send your order number."  # 30
LENGTH_FIX = "shorten it, or give the other answers as much detail, so that length gives nothing away"
POOL_FIX = "vary which answer is the longest: shorten some correct answers, or give the wrong ones as much detail"


def single(qid: str, right: str, wrong: str) -> str:
    return (f"    - id: {qid}\n      type: single-choice\n      text: What do you say?\n      choices:\n"
            f"        - text: {wrong}\n          feedback: No.\n        - text: {right}\n          correct: true\n"
            "      feedback:\n        incorrect: Say what you will do.\n")


def write(tmp_path: Path, pages: str, questions: str = "", duration: str = "") -> Path:
    text = HEAD.format(duration=duration) + pages
    if questions:
        text += "assessment:\n  title: Check\n  pass_mark: 80\n  questions:\n" + questions
    (tmp_path / "course.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def body(*paragraphs: str) -> str:
    return "\n".join(f"          {line}" if line else "" for p in paragraphs for line in (*p.split("\n"), "")) + "\n"


READ = TEXT.format(pid="read", title="Read", body=body("Some words to read."))


# -- correct-answer-length-tell ---------------------------------------------------------------------------
def test_a_correct_answer_much_longer_and_a_pool_where_it_is_mostly_the_longest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    questions = (single("q1", LONG, SHORT) + single("q2", "Refund it now, by Friday.", SHORT)
                 + single("q3", "Say sorry and refund the charge.", "Say it is the bank's fault."))
    course = load_course(write(tmp_path, READ, questions))
    assert render_text(correct_answer_warnings(course)) == [
        "course.yaml:19:5: assessment.questions: warning: [correct-answer-length-tell] the correct answer is the "
        "longest one in 2 of 3 single-choice questions (67 %, more than 40 %): learners learn to pick the longest "
        f"answer — {POOL_FIX}",
        "course.yaml:25:17: assessment.questions[0].choices[1].text: warning: [correct-answer-length-tell] the "
        "correct answer is 2.9 times as long as the longest other one (87 characters against 30): learners can "
        f"pick it by its length — {LENGTH_FIX}",
    ]


def test_near_misses_of_the_correct_answer_length_tell(tmp_path):
    """Longer but not 1.5 times, or 1.5 times but by fewer than 20 characters; longest in 1 of 3 (33 %)."""
    questions = (single("q1", "Refund it now, and say when it lands.", "Please send your order number.")
                 + single("q2", "Refund it.", "No refund today.") + single("q3", "Refund.", "Ask for the order number."))
    assert correct_answer_warnings(load_course(write(tmp_path, READ, questions))) == []


# -- duration-estimate ------------------------------------------------------------------------------------
def test_words_are_counted_as_a_reader_counts_them():
    assert count_words("Don't pay £12.50 for a face-to-face **visit**, Sam.") == 8


def test_duration_estimate_and_its_warning(tmp_path, monkeypatch):
    """400 words of reading (2 minutes at 200 a minute) and one question (half a minute): 3 minutes rounded up."""
    monkeypatch.chdir(tmp_path)
    words = " ".join(["word"] * 395)  # + the lesson's title (1), the page's title (1) = 397
    pages = TEXT.format(pid="read", title="Read", body=body(words))
    question = single("q1", "Refund.", "Wait.")  # text 4, answers 1 + 1, answer feedback 1, its feedback 5
    course = load_course(write(tmp_path, pages, question, duration="duration_minutes: 10\n"))
    e = estimate(course)
    assert (e.words, e.scenarios, e.decisions, e.questions, e.minutes) == (397 + 4 + 2 + 1 + 5, 0, 0, 1, 3)
    [warning] = [w for w in lint([tmp_path])[0].warnings if w.rule == "duration-estimate"]
    assert str(warning) == (
        "course.yaml:5:19: duration_minutes: warning: [duration-estimate] the course declares 10 minutes, 233 % more "
        "than the estimate of 3: 409 words to read (2 minutes at 200 words a minute) and 0 scenarios, 0 dialogue "
        "decisions and 1 question (0.5 minutes to answer) — set 'duration_minutes: 3'")


def test_a_duration_within_a_quarter_of_the_estimate_or_none_is_not_warned(tmp_path):
    pages = TEXT.format(pid="read", title="Read", body=body(" ".join(["word"] * 795)))  # 797 words: 4 minutes
    for number, duration in enumerate(("duration_minutes: 5\n", "duration_minutes: 3\n", "")):
        course_dir = tmp_path / str(number)
        course_dir.mkdir()
        assert [w for w in lint([write(course_dir, pages, duration=duration)])[0].warnings
                if w.rule == "duration-estimate"] == []


def test_a_dialogue_counts_one_path_and_its_decisions(tmp_path):
    """The shortest way to the farthest ending: start, middle, end-far (not the branch to end-near)."""
    dialogue = """\
      - type: dialogue
        id: call
        title: Call
        scores: [rapport]
        nodes:
          - id: start
            customer: One two three.
            choices:
              - {text: Four five., next: middle, effects: {rapport: 1}, feedback: Six seven.}
              - {text: Eight., next: end-near, effects: {rapport: -1}, feedback: Nine ten eleven twelve.}
          - id: middle
            customer: Thirteen.
            choices:
              - {text: Fourteen., next: end-far, effects: {rapport: 1}, feedback: Fifteen.}
          - id: end-near
            ending: {outcome: poor, title: Near, debrief: Not read.}
          - id: end-far
            ending: {outcome: good, title: Far, debrief: Read here.}
"""
    e = estimate(load_course(write(tmp_path, dialogue)))
    # lesson 1, page title 1; start: 3 + 2 + 1 + average feedback 3 = 9; middle: 1 + 1 + 1 = 3; end-far: 1 + 2
    assert (e.words, e.decisions) == (1 + 1 + 9 + 3 + 3, 2)


# -- untaught-but-assessed --------------------------------------------------------------------------------
BARRIERS = ("Training gaps leave agents unsure. Emotional exhaustion drains energy. Cultural comfort zones "
            "make naming feelings awkward. Metrics dashboards squeeze quality out.")


def profile_course(tmp_path: Path) -> Path:
    pages = (TEXT.format(pid="welcome", title="Welcome", body=body(
                 "You will learn to listen and to apologise.",
                 "- what gets in the way: training gaps, exhaustion and cultural comfort zones")) +
             TEXT.format(pid="listen", title="Listening", body=body("Listen for the refund worry behind a parcel "
                                                                     "question, then apologise plainly.")) +
             "  - id: barriers\n    title: Barriers\n    pages:\n" +
             TEXT.format(pid="barriers-four", title="Four barriers", body=body(BARRIERS)))
    q = ("    - id: q-barriers\n      type: true-false\n      text: Emotional exhaustion drains energy, and "
         "metrics dashboards squeeze quality out.\n      answer: true\n"
         "      feedback:\n        incorrect: All four are barriers.\n"
         "    - id: q-listen\n      type: true-false\n      text: Listen for the refund worry behind a parcel "
         "question.\n      answer: true\n      feedback:\n        incorrect: Listen first.\n")
    return write(tmp_path / "course", pages, q)


PROFILE = """\
id: acme
name: Acme
remove: [barriers]
add_questions:
  - id: acme-callback
    type: true-false
    text: At Acme, a refund is confirmed within two hours of the parcel question.
    answer: true
    feedback:
      incorrect: Within two hours.
"""


def test_what_a_profile_removes_but_still_assesses_or_promises(tmp_path, monkeypatch):
    (tmp_path / "course").mkdir()
    profile_course(tmp_path)
    (tmp_path / "acme.yaml").write_text(PROFILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [linted] = lint([Path("course")], Path("acme.yaml"))
    assert [str(w) for w in linted.warnings if w.rule == "untaught-but-assessed"] == [
        "acme.yaml:5:5: assessment.questions[2]: warning: [untaught-but-assessed] the profile's question states "
        "'two hours', which no page of the course states: learners are tested on a rule they were never taught — "
        "add a page (add_pages) that teaches it, or take it out of the question",
        "course/course.yaml:15:11: lessons[0].pages[0].body: warning: [untaught-but-assessed] this paragraph is "
        "about the page 'barriers-four', which the profile removes (6 key words in common: comfort, cultural, "
        "exhaustion, gaps, train, ...; at most 0 with any page left) — rewrite or drop the paragraph for this "
        "company (an override of the page's body), or keep the page",
        "course/course.yaml:36:7: assessment.questions[0]: warning: [untaught-but-assessed] this question is about "
        "the page 'barriers-four', which the profile removes (8 key words in common: dashboard, drain, emotional, "
        "energy, exhaustion, ...; at most 1 with any page left) — remove the question in the profile too "
        "(remove: [...]), or keep the page",
    ]


def test_a_profile_that_removes_nothing_taught_elsewhere_is_not_warned(tmp_path, monkeypatch):
    (tmp_path / "course").mkdir()
    profile_course(tmp_path)
    (tmp_path / "acme.yaml").write_text("id: acme\nname: Acme\nremove: [q-barriers]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [linted] = lint([Path("course")], Path("acme.yaml"))
    assert [w for w in linted.warnings if w.rule == "untaught-but-assessed"] == []


# -- the shipped courses ----------------------------------------------------------------------------------
SHIPPED = ["empathy-essentials", "empathy-sales", "empathy-written-channels", "empathy-coaching"]


@pytest.mark.parametrize("course", SHIPPED)
def test_shipped_courses_lint_without_errors(runner, repo_root: Path, monkeypatch, course: str):
    """Every line is a warning of a known rule (the courses' content is another issue's), and lint exits 0."""
    from scorm_builder.tools.lint import RULES

    monkeypatch.chdir(repo_root)
    result = runner.invoke(main, ["lint", f"courses/{course}"])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    lines = result.stdout.splitlines()
    rules = {line.split("warning: [", 1)[1].split("]", 1)[0] for line in lines[:-1]}
    assert rules <= set(RULES), lines
    assert lines[-1] in (f"ok {course}", f"{len(lines) - 1} warning{'s' if len(lines) != 2 else ''} found.")


@pytest.mark.parametrize("company", ["harbor-health", "northwind-mobile"])
def test_shipped_profiles_lint_without_errors(runner, repo_root: Path, monkeypatch, company: str):
    monkeypatch.chdir(repo_root)
    result = runner.invoke(main, ["lint", "courses/empathy-essentials", "--company", company])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
