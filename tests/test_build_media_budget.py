"""The media size budget at build time: above the course's ``media_budget_mb``, `build` prints lint's warning (the
same text, at the media's file:line:column) and still writes the package; above the hard cap, the build fails with
the positioned error and writes nothing."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.load import load_course
from scorm_builder.tools.lint import check as lint_check

MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00"  # an MP3's first bytes: enough for the content check
MB = 1024 * 1024
COURSE = """\
id: small
title: Small
{top}lessons:
  - id: l
    title: L
    pages:
      - type: media
        title: Listen
        media:
          src: assets/a.mp3
          transcript: A caller explains that her card was blocked.
"""
WARNING = ("c/course.yaml:11:16: lessons[0].pages[0].media.src: [media-over-budget] the course's sound and video add "
           "up to 2.0 MB, above its media budget of 1 MB (the largest, 'assets/a.mp3', is 2.0 MB) \u2014 make the "
           "files smaller (e.g. ffmpeg -crf 28, or mono sound at 32 kbit/s), stream long videos from your video "
           "platform, or raise 'media_budget_mb'")


def course(tmp_path: Path, size: int, top: str = "") -> Path:
    folder = tmp_path / "c"
    (folder / "assets").mkdir(parents=True)
    (folder / "course.yaml").write_text(COURSE.format(top=top), encoding="utf-8")
    (folder / "assets" / "a.mp3").write_bytes(MP3)
    os.truncate(folder / "assets" / "a.mp3", size)  # sparse: nothing is written
    return Path("c")


def test_build_warns_above_the_budget_and_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = course(tmp_path, 2 * MB, top="media_budget_mb: 1\n")
    result = CliRunner().invoke(main, ["build", str(folder), "-s", "scorm12", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"warning: {WARNING}"]
    assert result.stdout.splitlines()[0].startswith("built out/small-1.0.0-scorm12.zip (")
    with zipfile.ZipFile(tmp_path / "out" / "small-1.0.0-scorm12.zip") as zf:
        assert zf.getinfo("assets/a.mp3").file_size == 2 * MB
    lint = [str(d) for d in lint_check(load_course(folder)) if d.rule == "media-over-budget"]
    assert lint == [WARNING.replace(": [media-over-budget]", ": warning: [media-over-budget]")]  # lint's words


def test_build_says_nothing_within_the_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = course(tmp_path, 2 * MB, top="media_budget_mb: 3\n")
    result = CliRunner().invoke(main, ["build", str(folder), "-s", "scorm12", "-o", "out"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_build_fails_above_the_hard_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = course(tmp_path, 201 * MB)
    result = CliRunner().invoke(main, ["build", str(folder), "-s", "scorm12", "-o", "out"])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "c/course.yaml:10:16: lessons[0].pages[0].media.src: the course's sound and video add up to 201.0 MB, above "
        "the 200 MB cap on a course's media (the largest, 'assets/a.mp3', is 201.0 MB) \u2014 stream long videos from "
        "your video platform and link to them, or make the files smaller (e.g. ffmpeg -crf 28, or a lower "
        "resolution)", "1 problem found."]
    assert not (tmp_path / "out").exists()
