"""Authoring issue, sections 7 and 9: messages that pointed the wrong way, and first contact (new -d, --help,
a default build that checks clean, Click 9)."""
from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder import cli
from scorm_builder.check.report import check_package
from scorm_builder.cli import main
from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.pack.pipeline import build

SCENARIO = """\
id: unit
title: Unit
language: {language}
lessons:
  - id: intro
    title: Intro
    pages:
      - type: scenario
        id: s
        title: S
        {channel}
        customer: {{says: Hi, subject: Re your bill}}
        prompt: P
        options:
          - {{text: A, verdict: best, feedback: Good because it acts.}}
          - {{text: B, verdict: poor, feedback: Poor because it waits.}}
"""


def scenario(tmp_path: Path, channel: str, language: str = "en") -> Path:
    folder = tmp_path / "unit"
    folder.mkdir(exist_ok=True)
    (folder / "course.yaml").write_text(SCENARIO.format(channel=channel, language=language), encoding="utf-8")
    return folder


@pytest.mark.parametrize("channel, expected", [
    ("channle: email", ["unit/course.yaml:11:9: lessons[0].pages[0].channle: unknown key 'channle' in scenario "
                        "\u2014 did you mean 'channel'?"]),
    ("channel: sms", ["unit/course.yaml:11:18: lessons[0].pages[0].channel: invalid value (expected one of: phone, "
                      "chat, email, got the text 'sms') \u2014 use one of: phone, chat, email"]),
    ("channel: chat", ["unit/course.yaml:12:39: lessons[0].pages[0].customer.subject: a subject line only applies "
                       "to email (got channel 'chat') \u2014 remove 'subject:' or set 'channel: email'"]),
])
def test_a_subject_without_a_real_channel_never_says_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          channel: str, expected: list[str]) -> None:
    """A missing or unknown channel is the format's problem alone; "got channel 'None'" is gone."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CourseInvalid) as info:
        load_course(scenario(tmp_path, channel))
    assert [str(p) for p in info.value.problems] == expected


def test_a_language_the_player_does_not_speak_is_a_warning_listing_those_it_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    scenario(tmp_path, "channel: chat\n        customer: {says: Hi}".replace("\n        customer: {says: Hi}", ""),
             "sv")
    text = (tmp_path / "unit" / "course.yaml").read_text(encoding="utf-8").replace(", subject: Re your bill", "")
    (tmp_path / "unit" / "course.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "unit"])
    assert result.output.splitlines() == [
        "unit/course.yaml:3:11: language: warning: [player-language] the player has no words in 'sv' (it speaks "
        "en, es, fr, de, pt-BR, it, nl, pl, ja, ar): its buttons and messages will be in English while the course "
        "text is not \u2014 set 'language:' to one of en, es, fr, de, pt-BR, it, nl, pl, ja, ar, or accept English "
        "buttons",
        "1 warning found."]
    (tmp_path / "unit" / "course.yaml").write_text(text.replace("language: sv", "language: fr-CA"), encoding="utf-8")
    assert CliRunner().invoke(main, ["lint", "unit"]).output == "ok unit\n"


# -- first contact ---------------------------------------------------------------------------------

def test_new_with_a_folder_writes_that_folder_in_its_comments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`new my-course -d .` made ./my-course but told the user `courses/my-course`; and no comment points to
    docs a wheel user doesn't have."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["new", "my-course", "-d", "."])
    assert result.output == "created my-course/course.yaml\nnext: scorm-builder build my-course\n"
    head = Path("my-course/course.yaml").read_text(encoding="utf-8").splitlines()[:4]
    assert head[2:] == ["# Check it with:  scorm-builder validate my-course",
                        "# Build it with:  scorm-builder build my-course"]
    runner.invoke(main, ["new", "other", "-d", "my courses"])
    text = Path("my courses/other/course.yaml").read_text(encoding="utf-8")
    assert "# Check it with:  scorm-builder validate 'my courses/other'\n" in text
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert not [c for c in comments if re.search(r"docs/|README|\.md\b", c)]
    assert runner.invoke(main, ["validate", "my courses/other"]).output == "ok other\n"


def test_help_lists_every_command_with_its_whole_short_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    assert listed == [
        "  build      Build SCORM zips, for company profiles too.",
        "  check      Check SCORM zips from any tool before upload.",
        "  lint       Warn about content that teaches badly or misleads.",
        "  lms        List the LMS profiles and what each one sets.",
        "  new        Create a commented course or company profile.",
        "  outline    Write the whole course on one page for review.",
        "  preview    Try a course beside a live LMS debug panel.",
        "  schema     Print the JSON Schema of a course or a profile.",
        "  translate  Send a course's texts to translators and back (XLIFF).",
        "  validate   Check courses as a build would, writing nothing.",
    ]


def test_a_default_build_checks_clean(demo_course: Path, tmp_path: Path) -> None:
    """No schemalocation-file on every default build: the manifest names schemas only when they are shipped.
    lms-edition is a note, not a warning: 4th Edition is the default, only Docebo refuses it; so is
    lms-pass-mark: the 1.2 manifest leaves the pass mark out unless an LMS profile needs it."""
    built = {b.plan.standard: b.path for b in build([demo_course], ["scorm12", "scorm2004-3", "scorm2004-4"],
                                                      tmp_path / "out")}
    found = {std: [(d.severity, d.rule) for d in check_package(path)] for std, path in built.items()}
    assert found == {"scorm12": [("info", "lms-pass-mark")], "scorm2004-3": [], "scorm2004-4": [("info", "lms-edition")]}
    for path in built.values():
        with zipfile.ZipFile(path) as zf:
            assert "schemaLocation" not in zf.read("imsmanifest.xml").decode()


def test_with_the_schemas_the_manifest_names_them_and_they_are_in_the_package(
        demo_course: Path, tmp_path: Path, schemas_dir: Path) -> None:
    built = build([demo_course], ["scorm12", "scorm2004-4"], tmp_path / "out", schemas_dir)
    for item in built:
        with zipfile.ZipFile(item.path) as zf:
            manifest = zf.read("imsmanifest.xml").decode()
            names = set(zf.namelist())
        named = re.search(r'xsi:schemaLocation="([^"]+)"', manifest).group(1).split()[1::2]
        assert named and set(named) <= names
        assert [d.rule for d in check_package(item.path, schemas_dir) if d.severity != "info"] == []


def test_the_batch_progress_bar_needs_no_api_click_9_drops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         demo_course: Path) -> None:
    """click.get_text_stream goes in Click 9: the bar writes to sys.stderr, and no warning is raised."""
    import inspect

    assert "get_text_stream" not in inspect.getsource(cli)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "courses" / "companies").mkdir(parents=True)
    (tmp_path / "courses" / "companies" / "acme.yaml").write_text("id: acme\nname: Acme\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        result = CliRunner().invoke(main, ["build", str(demo_course), "--company", "courses/companies/acme.yaml",
                                           "-s", "scorm12", "-j", "1", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert "Building" in result.stderr and "Building" not in result.stdout


def test_click_is_bounded_below_the_major_version_not_yet_tested() -> None:
    """A fresh install must not pick up Click 9 before the tests have run against it."""
    import tomllib

    from repo import REPO

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert [d for d in project["dependencies"] if d.startswith("click")] == ["click>=8.1,<9"]
