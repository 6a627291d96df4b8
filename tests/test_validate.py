"""Validation: the broken-course corpus (exact messages and positions) and the checker's unit rules."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid, Diagnostic, render_json, source_error
from scorm_builder.load import load_course

REPO = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n"  # a PNG's signature: enough for the content check an image passes
BROKEN = REPO / "tests" / "fixtures" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "expected.txt").is_file())
LINE = re.compile(r"^tests/fixtures/broken/[a-z0-9-]+/[a-z0-9/_.-]+\.(?:yaml|vtt):[1-9][0-9]*:[1-9][0-9]*: .+ \u2014 .+$")

# Every problem kind the pipeline issue (section 3) asks for, with the case that shows it.
REQUIRED_CASES = {
    "YAML syntax error with position": ["yaml-colon-in-text", "yaml-unclosed-quote", "yaml-bad-indent"],
    "tabs": ["tabs"],
    "empty file": ["empty-file", "only-comments"],
    "top-level list": ["top-level-list", "top-level-scalar"],
    "duplicate keys": ["duplicate-key", "duplicate-key-nested"],
    "unknown keys with did you mean": ["unknown-key-top", "unknown-key-page", "unknown-key-no-suggestion"],
    "wrong types": ["wrong-type-number-for-text", "wrong-type-text-for-list", "wrong-type-bool",
                    "wrong-type-version-number"],
    "missing required keys": ["missing-required-top", "missing-required-page", "missing-page-type"],
    "duplicate ids": ["duplicate-ids", "duplicate-id-include"],
    "dialogue next to a missing node": ["dialogue-next-missing"],
    "unreachable nodes": ["dialogue-unreachable"],
    "dialogue with no ending": ["dialogue-no-ending"],
    "cycle with no way out": ["dialogue-cycle"],
    "question with no correct answer": ["question-no-correct"],
    "single-choice with two": ["single-choice-two-correct"],
    "matching/ordering with fewer than 2": ["matching-one-pair", "ordering-one-item"],
    "pass mark outside 0-100": ["pass-mark-over-100", "pass-mark-negative"],
    "pool smaller than the draw": ["pool-smaller-than-draw"],
    "missing asset": ["asset-missing"],
    "asset path leaves the course": ["asset-absolute", "asset-dotdot", "asset-url", "asset-symlink-out"],
    "image without alt": ["image-no-alt"],
    "non-UTF-8 file": ["non-utf8"],
    "include missing or looping": ["include-missing", "include-loop", "include-outside"],
    "several problems at once": ["many-problems"],
    # the authoring issue, section 2
    "a link to a file that is missing or can't be packaged": ["link-missing", "link-file-type"],
    "an asset whose content is not its extension": ["asset-content-mismatch"],
}


def test_corpus_covers_every_required_problem() -> None:
    assert len(CASES) >= 35
    missing = [c for cases in REQUIRED_CASES.values() for c in cases if c not in CASES]
    assert missing == []


def test_symlink_case_is_a_real_symlink() -> None:
    """git holds the symlink; a checkout without symlink support would turn it into a text file."""
    link = BROKEN / "asset-symlink-out" / "assets" / "outside.png"
    assert link.is_symlink()
    assert os.readlink(link) == "../../empty-file/course.yaml"


@pytest.mark.parametrize("case", CASES)
def test_broken_course(case: str, runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """`scorm-builder validate` prints exactly expected.txt (message, line, column, count), exit 1."""
    monkeypatch.chdir(REPO)
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8")
    result = runner.invoke(main, ["validate", f"tests/fixtures/broken/{case}"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == expected
    assert result.stdout == ""
    assert result.exit_code == 1
    *problems, count = expected.splitlines()
    assert all(LINE.match(p) for p in problems), problems
    noun = "problem" if len(problems) == 1 else "problems"
    assert count == f"{len(problems)} {noun} found."


def test_several_courses_report_together(runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """All problems of all courses given, sorted by file, then one count."""
    monkeypatch.chdir(REPO)
    cases = ["tabs", "dialogue-cycle", "many-problems"]
    result = runner.invoke(main, ["validate", *(f"tests/fixtures/broken/{c}" for c in cases)])
    lines = []
    for case in sorted(cases):
        lines += (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]
    assert result.exit_code == 1
    assert result.stderr == "\n".join(lines) + "\n12 problems found.\n"


# -- unit rules, on small courses written into tmp_path -----------------------------------------

BASE = """\
id: unit
title: Unit
lessons:
  - id: intro
    title: Intro
    pages:
      - type: text
        title: Hello
        body: Hi
"""


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.yaml").write_text(text, encoding="utf-8")
    return folder


def problems_of(course: Path) -> list[Diagnostic]:
    with pytest.raises(CourseInvalid) as info:
        load_course(course)
    return info.value.problems


def test_minimal_course_gets_defaults(tmp_path: Path) -> None:
    course = load_course(write(tmp_path / "unit", BASE))
    assert (course.id, course.title, course.version, course.language) == ("unit", "Unit", "1.0.0", "en")
    assert course.completion == "lessons"
    assert course.lms_mastery_score is False
    assert course.scenario_retry is True
    assert course.assessment is None
    assert [(p.kind, p.id, p.title) for p in course.lessons[0].pages] == [("text", "intro-1", "Hello")]
    assert course.assets == ()


def test_completion_defaults_to_both_with_an_assessment(tmp_path: Path) -> None:
    text = BASE + """\
assessment:
  questions:
    - id: q1
      type: true-false
      text: Empathy matters.
      answer: true
"""
    course = load_course(write(tmp_path / "unit", text))
    assert course.completion == "both"
    a = course.assessment
    assert (a.title, a.pass_mark, a.attempts, a.draw) == ("Assessment", 80, 3, 1)
    assert (a.intro, a.shuffle_questions, a.shuffle_choices, a.feedback, a.review) == ("", True, True, "immediate", True)
    assert [(q.kind, q.id, q.weight, q.answer, q.feedback) for q in a.questions] == [
        ("true-false", "q1", 1, True, None)]


def test_asset_path_is_normalised_and_collected(tmp_path: Path) -> None:
    folder = write(tmp_path / "unit", BASE + "        image:\n          src: assets/./call.png\n          alt: A call\n")
    (folder / "assets").mkdir()
    (folder / "assets" / "call.png").write_bytes(PNG)
    course = load_course(folder)
    assert [(a.href, a.source) for a in course.assets] == [("assets/call.png", (folder / "assets" / "call.png").resolve())]
    image = course.lessons[0].pages[0].image
    assert (image.src, image.alt, image.caption) == ("assets/call.png", "A call", "")
    assert (image.source.file, image.source.line, image.source.column, image.source.key) == (
        str(folder / "course.yaml"), 11, 11, "lessons[0].pages[0].image")


def test_symlink_inside_the_course_is_allowed(tmp_path: Path) -> None:
    folder = write(tmp_path / "unit", BASE + "        image:\n          src: assets/link.png\n          alt: A call\n")
    (folder / "assets").mkdir()
    (folder / "assets" / "call.png").write_bytes(PNG)
    (folder / "assets" / "link.png").symlink_to("call.png")
    course = load_course(folder)
    assert [a.href for a in course.assets] == ["assets/call.png"]


def test_symlink_out_of_the_course_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The symlink is made here too, so the rule is tested even where git can't check out links."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.txt").write_text("secret")
    folder = write(tmp_path / "unit", BASE + "        image:\n          src: assets/link.png\n          alt: A call\n")
    (folder / "assets").mkdir()
    (folder / "assets" / "link.png").symlink_to(tmp_path / "secret.txt")
    assert [str(p) for p in problems_of(folder)] == [
        "unit/course.yaml:11:16: lessons[0].pages[0].image.src: the asset 'assets/link.png' is a link to a "
        "file outside the course folder (secret.txt) \u2014 copy the file into the course folder instead of "
        "linking to it"]


def test_asset_that_is_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = write(tmp_path / "unit", BASE + "        image:\n          src: assets\n          alt: A call\n")
    (folder / "assets").mkdir()
    assert [str(p) for p in problems_of(folder)] == [
        "unit/course.yaml:11:16: lessons[0].pages[0].image.src: the asset 'assets' is not a file "
        "\u2014 point at a file, not a folder"]


def test_windows_absolute_asset_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = write(tmp_path / "unit", BASE + "        image:\n          src: 'C:\\pics\\a.png'\n          alt: A\n")
    assert [(p.line, p.column, p.reason) for p in problems_of(folder)] == [
        (11, 16, "the asset path 'C:\\\\pics\\\\a.png' is absolute or a URL (expected a path inside the course folder)")]


def test_problems_are_sorted_and_deduplicated() -> None:
    a = source_error("r", "b.yaml", 2, 1, "x", "late")
    b = source_error("r", "a.yaml", 9, 9, "y", "other file")
    c = source_error("r", "b.yaml", 1, 5, "z", "early", "fix it")
    err = CourseInvalid([a, b, c, a])
    assert err.problems == [b, c, a]
    assert err.message == ("a.yaml:9:9: y: other file\nb.yaml:1:5: z: early \u2014 fix it\n"
                           "b.yaml:2:1: x: late\n3 problems found.")
    assert err.exit_code == 1


def test_one_problem_count_is_singular() -> None:
    assert CourseInvalid([source_error("empty-file", "c.yaml", 1, 1, "", "the file is empty")]).message == (
        "c.yaml:1:1: the file is empty\n1 problem found.")


def test_yaml_file_given_instead_of_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "solo.yaml").write_text(BASE.replace("title: Unit", "title: 5"), encoding="utf-8")
    assert [str(p) for p in problems_of(tmp_path / "solo.yaml")] == [
        "solo.yaml:2:8: title: wrong type (expected text, got the number 5) \u2014 put the value in quotes: \"5\""]


def test_missing_course_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty-folder").mkdir()
    assert [str(p) for p in problems_of(tmp_path / "empty-folder")] == [
        "empty-folder: this folder has no course.yaml \u2014 give the folder of a course, or create one with "
        "`scorm-builder new ID`"]


def test_unknown_principle_and_email_subject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = """\
id: unit
title: Unit
principles:
  - id: timing
    title: Timing
lessons:
  - id: intro
    title: Intro
    pages:
      - type: scenario
        id: parcel
        title: Parcel
        channel: chat
        principle: timeing
        customer:
          says: Where is it?
          subject: Parcel
        prompt: Reply?
        options:
          - {text: Checking now., verdict: best, feedback: Good.}
          - {text: Wait., verdict: poor, feedback: Vague.}
"""
    assert [str(p) for p in problems_of(write(tmp_path / "unit", text))] == [
        "unit/course.yaml:14:20: lessons[0].pages[0].principle: unknown principle 'timeing' "
        "(expected one of: timing) \u2014 did you mean 'timing'?",
        "unit/course.yaml:17:20: lessons[0].pages[0].customer.subject: a subject line only applies to "
        "email (got channel 'chat') \u2014 remove 'subject:' or set 'channel: email'",
    ]


def test_dialogue_start_must_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    case = (BROKEN / "dialogue-unreachable" / "course.yaml").read_text(encoding="utf-8")
    text = case.replace("        scores: [rapport]\n", "        scores: [rapport]\n        start: openng\n")
    assert [str(p) for p in problems_of(write(tmp_path / "unit", text))] == [
        "unit/course.yaml:11:16: lessons[0].pages[0].start: no node has id 'openng' \u2014 did you mean 'opening'?"]


def test_copied_corpus_case_reports_its_own_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths are shown relative to the working folder, whatever it is."""
    shutil.copytree(BROKEN / "pass-mark-over-100", tmp_path / "c")
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in problems_of(Path("c"))] == [
        "c/course.yaml:11:14: assessment.pass_mark: out of range (expected a whole number from 0 to 100, "
        "got 120) \u2014 use a whole number from 0 to 100"]


def test_key_hints_belong_to_one_format() -> None:
    """A course's indentation hint never names an object of the profile format, whatever was imported."""
    import scorm_builder.source.profile as profile_format
    from scorm_builder.format.course import COURSE

    assert COURSE.owners["name"] == ["customer"]
    assert "logo" not in COURSE.owners
    assert profile_format.PROFILE.owners["name"] == ["company profile", "language section"]


# -- rule ids -------------------------------------------------------------------------------------
DIAGNOSTICS = REPO / "docs" / "diagnostics.md"
DOC_RULE = re.compile(r"^\| `([a-z0-9-]+)`", re.MULTILINE)
# a rule id as the code writes it: rule="...", a local error("...", ...) helper, or AssetProblem("...", ...)
RULE_IN_CODE = re.compile(r"""(?:\brule=|\berror\(|\bAssetProblem\()\s*["']([a-z0-9]+(?:-[a-z0-9]+)+)["']""")


def documented_rules() -> set[str]:
    return set(DOC_RULE.findall(DIAGNOSTICS.read_text(encoding="utf-8")))


@pytest.mark.parametrize("case", CASES)
def test_broken_course_problems_have_documented_rule_ids(case: str) -> None:
    """Each problem of each corpus case has its own rule id (not the default), listed in docs/diagnostics.md."""
    with pytest.raises(CourseInvalid) as info:
        load_course(BROKEN / case)
    rules = {p.rule for p in info.value.problems}
    assert "invalid-value" not in rules
    assert rules - documented_rules() == set()


def test_every_rule_id_of_the_format_and_the_course_rules_is_documented() -> None:
    """The ids written in format/spec.py and course/*.py, found in the source, are all in docs/diagnostics.md."""
    written: set[str] = set()
    for path in [REPO / "scorm_builder" / "format" / "spec.py", *(REPO / "scorm_builder" / "course").glob("*.py")]:
        written |= set(RULE_IN_CODE.findall(path.read_text(encoding="utf-8")))
    assert len(written) >= 40
    assert written - documented_rules() == set()


# The rule of each problem, in the order of expected.txt, for the cases of the format and the course
# rules (the cases of reading and including files are source/'s).
RULES_OF_CASE = {
    "reply-no-model": ["missing-key"],
    "reply-check-no-test": ["reply-check-test"],
    "reply-check-two-tests": ["reply-check-test"],
    "reply-pattern-invalid": ["reply-pattern"],
    "reply-pattern-python-only": ["reply-pattern"],
    "reply-at-least-too-many": ["reply-check-test"],
    "reply-page-options": ["unknown-key"],
    "asset-absolute": ["asset-absolute"],
    "asset-content-mismatch": ["asset-content-mismatch"],
    "asset-dotdot": ["asset-parent-path"],
    "asset-missing": ["asset-not-found"],
    "asset-symlink-out": ["asset-link-outside"],
    "asset-unsafe-name": ["asset-unsafe-name"],
    "asset-url": ["asset-absolute"],
    "completion-needs-assessment": ["completion-needs-assessment"],
    "dialogue-cycle": ["dialogue-loop", "dialogue-loop"],
    "dialogue-next-missing": ["dialogue-unknown-node"],
    "dialogue-no-ending": ["dialogue-no-ending"],
    "dialogue-node-neither": ["dialogue-node-kind"],
    "dialogue-unknown-score": ["dialogue-unknown-score"],
    "dialogue-unreachable": ["dialogue-unreachable"],
    "duplicate-automatic-id": ["duplicate-automatic-id"],
    "duplicate-id-include": ["duplicate-id"],
    "duplicate-ids": ["duplicate-id", "duplicate-id"],
    "image-no-alt": ["missing-key"],
    "included-file-errors": ["unknown-key", "missing-key"],
    "invalid-choice-value": ["not-a-choice"],
    "invalid-id": ["pattern-mismatch"],
    "link-file-type": ["link-file-type"],
    "link-missing": ["asset-not-found"],
    "many-problems": ["wrong-type", "unknown-key", "missing-key", "asset-not-found", "duplicate-id", "too-few-items",
                      "out-of-range", "out-of-range", "no-correct-choice"],
    "matching-one-pair": ["too-few-items"],
    "misindented-key": ["missing-key", "unknown-key"],
    "missing-page-type": ["missing-key"],
    "missing-required-page": ["missing-key"],
    "missing-required-top": ["missing-key"],
    "ordering-one-item": ["too-few-items"],
    "page-type-not-text": ["unknown-type", "unknown-type"],
    "pages-without-dashes": ["wrong-type"],
    "pass-mark-negative": ["out-of-range"],
    "pass-mark-over-100": ["out-of-range"],
    "pool-smaller-than-draw": ["draw-exceeds-pool"],
    "principle-without-id": ["missing-key"],
    "question-no-correct": ["no-correct-choice"],
    "scenario-no-best": ["no-best-option"],
    "scores-not-a-list": ["wrong-type"],
    "single-choice-two-correct": ["several-correct-choices"],
    "unicode-positions": ["not-a-choice", "not-a-choice"],
    "unknown-key-no-suggestion": ["unknown-key"],
    "unknown-key-page": ["unknown-key"],
    "unknown-key-top": ["unknown-key"],
    "unknown-page-type": ["unknown-type"],
    "wrong-type-bool": ["wrong-type"],
    "wrong-type-number-for-text": ["wrong-type"],
    "wrong-type-text-for-list": ["wrong-type"],
    "wrong-type-version-number": ["wrong-type"],
    "yes-no-as-text": ["wrong-type", "wrong-type", "wrong-type"],
}


@pytest.mark.parametrize("case", sorted(RULES_OF_CASE))
def test_each_problem_has_its_rule(case: str) -> None:
    with pytest.raises(CourseInvalid) as info:
        load_course(BROKEN / case)
    assert [p.rule for p in info.value.problems] == RULES_OF_CASE[case]


def test_rule_ids_show_in_json(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text keeps its shape; the rule id is in the JSON form."""
    monkeypatch.chdir(REPO)
    with pytest.raises(CourseInvalid) as info:
        load_course(Path("tests/fixtures/broken/dialogue-unreachable"))
    assert json.loads(render_json(info.value.problems)) == [{
        "severity": "error", "rule": "dialogue-unreachable",
        "file": "tests/fixtures/broken/dialogue-unreachable/course.yaml", "entry": None, "line": 22, "column": 17,
        "key": "lessons[0].pages[0].nodes[2]",
        "reason": "node 'orphan' can never be reached from the start node 'opening'",
        "fix": "lead a choice to it with 'next:', or delete it"}]


# -- the typed model -------------------------------------------------------------------------------
FULL = BASE + """\
        image: {src: assets/call.png, alt: A call}
        callout: {text: Listen first.}
        quote: {text: They remember., by: Maya}
      - type: scenario
        id: parcel
        title: Parcel
        channel: email
        customer: {says: Where is it?, subject: Parcel}
        prompt: Reply?
        options:
          - {text: Checking now., verdict: best, feedback: Good.}
          - {text: Wait., verdict: poor, feedback: Vague.}
      - type: dialogue
        id: call
        title: Call
        scores: [rapport]
        nodes:
          - id: hello
            customer: Hi.
            choices:
              - {text: Hello!, next: bye, effects: {rapport: 2}}
              - {text: What?, next: bye}
          - id: bye
            ending: {outcome: good, title: Done, debrief: Well done.}
scenario_retry: false
lint: {scripted_phrases: [Rest assured]}
assessment:
  draw: 2
  questions:
    - id: q-order
      type: ordering
      text: Order them.
      items: [Acknowledge, Act]
    - id: q-pick
      type: multiple-response
      text: Which?
      feedback: {incorrect: Both.}
      choices:
        - {text: One, correct: true}
        - text: Two
          feedback: Not this.
"""


def where(source) -> tuple:
    return (source.file, source.line, source.column, source.key)


def test_model_is_typed_with_the_defaults_filled_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scorm_builder.course.model import DialoguePage, MultipleResponse, Ordering, ScenarioPage, TextPage

    monkeypatch.chdir(tmp_path)
    folder = write(tmp_path / "unit", FULL)
    (folder / "assets").mkdir()
    (folder / "assets" / "call.png").write_bytes(PNG)
    course = load_course(folder)
    text, scenario, dialogue = course.lessons[0].pages
    assert isinstance(text, TextPage) and isinstance(scenario, ScenarioPage) and isinstance(dialogue, DialoguePage)
    assert (text.image.src, text.image.caption, text.callout.style, text.quote.by) == ("assets/call.png", "", "note",
                                                                                       "Maya")
    assert (scenario.retry, scenario.scored, scenario.principle, scenario.customer.mood) == (False, True, "", "neutral")
    assert [(o.key, o.verdict) for o in scenario.options] == [("a", "best"), ("b", "poor")]
    assert (dialogue.start, dialogue.channel, dialogue.customer, dialogue.scores) == ("hello", "phone", "", ("rapport",))
    hello = dialogue.nodes[0]
    assert [(c.key, c.next, c.effects, c.feedback) for c in hello.choices] == [
        ("a", "bye", (("rapport", 2),), ""), ("b", "bye", (), "")]
    assert (dialogue.nodes[1].ending.outcome, dialogue.nodes[1].choices) == ("good", ())
    order, pick = course.assessment.questions
    assert isinstance(order, Ordering) and isinstance(pick, MultipleResponse)
    assert [(i.key, i.text) for i in order.items] == [("a", "Acknowledge"), ("b", "Act")]
    assert [(c.key, c.correct, c.feedback) for c in pick.choices] == [("a", True, ""), ("b", False, "Not this.")]
    assert (pick.feedback.correct, pick.feedback.incorrect, order.feedback) == ("", "Both.", None)
    assert course.assessment.draw == 2
    assert course.lint.scripted_phrases == ("Rest assured",)


def test_every_model_object_knows_where_it_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = write(tmp_path / "unit", FULL)
    (folder / "assets").mkdir()
    (folder / "assets" / "call.png").write_bytes(PNG)
    course = load_course(folder)
    src = "unit/course.yaml"
    text, scenario, dialogue = course.lessons[0].pages
    assert where(course.source) == (src, 1, 1, "")
    assert where(course.lessons[0].source) == (src, 4, 5, "lessons[0]")
    assert where(text.source) == (src, 7, 9, "lessons[0].pages[0]")
    assert where(text.callout.source) == (src, 11, 18, "lessons[0].pages[0].callout")
    assert where(scenario.options[1].source) == (src, 21, 13, "lessons[0].pages[1].options[1]")
    assert where(scenario.options[1].source.at("text")) == (src, 21, 20, "lessons[0].pages[1].options[1].text")
    # a key the object doesn't have: the object's own position, under that key
    assert where(scenario.options[1].source.at("image")) == (src, 21, 13, "lessons[0].pages[1].options[1].image")
    assert where(dialogue.nodes[0].choices[1].source) == (src, 31, 17, "lessons[0].pages[2].nodes[0].choices[1]")
    assert where(dialogue.nodes[1].ending.source) == (src, 33, 21, "lessons[0].pages[2].nodes[1].ending")
    order, pick = course.assessment.questions
    assert where(order.items[1].source) == (src, 42, 28, "assessment.questions[0].items[1]")
    assert where(pick.choices[1].source.at("feedback")) == (src, 50, 21, "assessment.questions[1].choices[1].feedback")
    assert where(course.lint.source.at("scripted_phrases")) == (src, 35, 26, "lint.scripted_phrases")


def test_included_objects_point_at_their_own_file(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    course = load_course(repo_root / "tests" / "fixtures" / "lint" / "included")
    page = course.lessons[0].pages[1]
    assert where(page.options[0].source.at("text")) == (
        "tests/fixtures/lint/shared/scripted-scenario.yaml", 10, 11, "lessons[0].pages[1].options[0].text")


def test_a_profile_value_points_at_the_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scorm_builder.tools.scaffold import scaffold

    monkeypatch.chdir(tmp_path)
    scaffold("demo", Path("courses"))
    (tmp_path / "courses" / "companies").mkdir()
    profile = tmp_path / "courses" / "companies" / "acme.yaml"
    profile.write_text("id: acme\nname: Acme\noverrides:\n  - id: late-refund\n    set:\n      title: Acme's refund\n",
                       encoding="utf-8")
    course = load_course(tmp_path / "courses" / "demo", profile)
    scenario = next(p for p in course.pages if p.id == "late-refund")
    assert scenario.title == "Acme's refund"
    assert where(scenario.source.at("title"))[:3] == ("courses/companies/acme.yaml", 6, 14)
    assert where(scenario.source.at("channel"))[0] == "courses/demo/course.yaml"


# -- dialogue graphs ------------------------------------------------------------------------------
def test_graph_walks() -> None:
    from scorm_builder.course import graph

    loop = {"a": ["b", "x"], "b": ["a", "c"], "c": [], "d": ["c"]}
    assert graph.reachable("a", loop) == {"a", "b", "c"}
    assert graph.can_finish(loop, {"c"}) == {"a", "b", "c", "d"}
    assert graph.longest_path("a", loop) == (3, True)  # a loop: the edges out of a, b and c
    assert graph.longest_path("a", {"a": ["b", "c"], "b": ["c"], "c": []}) == (2, False)
    assert graph.back_edges("a", {"a": ["b"], "b": ["a", "c", "b"], "c": []}) == {("b", "a")}  # b -> b stays
    assert graph.layer_depths({"a": [], "b": ["a"], "c": ["a", "b"]}) == {"a": 0, "b": 1, "c": 2}
    with pytest.raises(ValueError, match=r"the graph has a loop through \['a', 'b'\]"):
        graph.layer_depths({"a": ["b"], "b": ["a"]})
    with pytest.raises(KeyError):
        graph.longest_path("nowhere", loop)


def test_asset_link_loop_and_dangling_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Links are followed with asset_files.resolve_asset: a loop or a dangling link is a problem, not a traceback."""
    monkeypatch.chdir(tmp_path)
    folder = write(tmp_path / "unit", BASE + "        image:\n          src: assets/loop.png\n          alt: A call\n"
                   "      - type: text\n        title: Two\n        body: Hi\n"
                   "        image:\n          src: assets/gone.png\n          alt: Gone\n")
    (folder / "assets").mkdir()
    (folder / "assets" / "loop.png").symlink_to("loop.png")
    (folder / "assets" / "gone.png").symlink_to("nothing.png")
    assert [(p.rule, str(p)) for p in problems_of(folder)] == [
        ("asset-symlink-loop", "unit/course.yaml:11:16: lessons[0].pages[0].image.src: the asset 'assets/loop.png' "
         "is a symbolic link that leads back to itself (a link loop) \u2014 replace the link with the file it should "
         "point at"),
        ("asset-not-found", "unit/course.yaml:17:16: lessons[0].pages[1].image.src: the asset 'assets/gone.png' is a "
         "link to a file that does not exist \u2014 point the link at an existing file, or put the file itself there"),
    ]
