"""Validation: the broken-course corpus (exact messages and positions) and the checker's unit rules."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid, Diagnostic, source_error
from scorm_builder.load import load_course

REPO = Path(__file__).resolve().parent.parent
BROKEN = REPO / "tests" / "fixtures" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "expected.txt").is_file())
LINE = re.compile(r"^tests/fixtures/broken/[a-z0-9-]+/[a-z0-9/_-]+\.yaml:[1-9][0-9]*:[1-9][0-9]*: .+ \u2014 .+$")

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
    assert a.questions[0]["weight"] == 1


def test_asset_path_is_normalised_and_collected(tmp_path: Path) -> None:
    folder = write(tmp_path / "unit", BASE + "        image:\n          src: assets/./call.png\n          alt: A call\n")
    (folder / "assets").mkdir()
    (folder / "assets" / "call.png").write_bytes(b"png")
    course = load_course(folder)
    assert [(a.href, a.source) for a in course.assets] == [("assets/call.png", (folder / "assets" / "call.png").resolve())]
    assert course.lessons[0].pages[0].data["image"]["src"] == "assets/call.png"


def test_symlink_inside_the_course_is_allowed(tmp_path: Path) -> None:
    folder = write(tmp_path / "unit", BASE + "        image:\n          src: assets/link.png\n          alt: A call\n")
    (folder / "assets").mkdir()
    (folder / "assets" / "call.png").write_bytes(b"png")
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
        "empty-folder/course.yaml:1:1: file not found \u2014 check the path, or create the file with "
        "`scorm-builder new`"]


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
    assert profile_format.PROFILE.owners["name"] == ["company profile"]
