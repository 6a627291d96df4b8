"""The build: deterministic zips, atomic writes, nothing written on failure, package names."""
from __future__ import annotations

import errno
import os
import shutil
import stat
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder import standards
from scorm_builder.errors import BuilderError, CourseInvalid
from scorm_builder.pack.pipeline import build, validate
from scorm_builder.pack.plan import PLAYER_STYLESHEET, plan
from scorm_builder.render.player_css import WHEN_BLOCK, without_comment_lines

REPO = Path(__file__).resolve().parent.parent
STANDARDS = standards.IDS
SCORM = ("scorm12", "scorm2004-3", "scorm2004-4")  # the packages with an imsmanifest.xml


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCORM_BUILDER_SCHEMAS", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden temp files included) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- names -----------------------------------------------------------------------------------------

def test_output_names(demo_course: Path, tmp_path: Path) -> None:
    built = build([demo_course], SCORM, tmp_path / "out")
    assert [b.path.name for b in built] == ["demo-course-1.0.0-scorm12.zip", "demo-course-1.0.0-scorm2004-3.zip",
                                            "demo-course-1.0.0-scorm2004-4.zip"]
    assert sorted(os.listdir(tmp_path / "out")) == [b.path.name for b in built]
    assert [b.size for b in built] == [b.path.stat().st_size for b in built]


def test_default_standards_are_12_and_2004_4th(demo_course: Path, tmp_path: Path) -> None:
    built = build([demo_course], out_dir=tmp_path)
    assert [b.path.name for b in built] == ["demo-course-1.0.0-scorm12.zip", "demo-course-1.0.0-scorm2004-4.zip"]


def test_version_is_in_the_name(demo_course: Path, tmp_path: Path) -> None:
    folder = shutil.copytree(demo_course, tmp_path / "v")
    text = (folder / "course.yaml").read_text(encoding="utf-8").replace('version: "1.0.0"', 'version: "2.3.1-beta"')
    (folder / "course.yaml").write_text(text, encoding="utf-8")
    assert [b.path.name for b in build([folder], ["scorm12"], tmp_path / "out")] == [
        "demo-course-2.3.1-beta-scorm12.zip"]


def test_two_courses_writing_the_same_name_fail_before_writing(demo_course: Path, tmp_path: Path) -> None:
    twin = shutil.copytree(demo_course, tmp_path / "twin")
    with pytest.raises(BuilderError) as info:
        build([demo_course, twin], ["scorm12"], tmp_path / "out")
    assert info.value.message == (f"{demo_course / 'course.yaml'} and {twin / 'course.yaml'} would both write "
                                  "demo-course-1.0.0-scorm12.zip; give them different ids or versions")
    assert not (tmp_path / "out").exists()


def test_unknown_standard(demo_course: Path, tmp_path: Path) -> None:
    with pytest.raises(BuilderError) as info:
        build([demo_course], ["scorm2004-2"], tmp_path / "out")
    assert info.value.message == f"unknown standard 'scorm2004-2' (expected one of: {', '.join(STANDARDS)})"
    assert not (tmp_path / "out").exists()


# -- contents and determinism --------------------------------------------------------------------

def test_package_contents(demo_course: Path, tmp_path: Path) -> None:
    for b in build([demo_course], SCORM, tmp_path):
        with zipfile.ZipFile(b.path) as zf:
            names = zf.namelist()
            assert {"imsmanifest.xml", "index.html", "player/player.js", "player/player.css"} <= set(names)
            # copied, not rendered, with only its whole-line comments and the blocks of features the demo
            # course doesn't use (reply, calibration...) left out
            source = (REPO / "templates" / PLAYER_STYLESHEET).read_bytes()
            shipped = zf.read(PLAYER_STYLESHEET)
            assert shipped == without_comment_lines(WHEN_BLOCK.sub(b"", source))
            assert b".reply-box" in source and b".reply-box" not in shipped
            assert zf.testzip() is None


def test_build_twice_gives_identical_bytes(demo_course: Path, tmp_path: Path) -> None:
    first = build([demo_course], STANDARDS, tmp_path / "a")
    second = build([demo_course], STANDARDS, tmp_path / "b")
    again = build([demo_course], STANDARDS, tmp_path / "a")
    for x, y, z in zip(first, second, again, strict=True):
        assert x.path.read_bytes() == y.path.read_bytes() == z.path.read_bytes()


def test_plan_is_independent_of_the_working_folder(demo_course: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    here = build([demo_course], ["scorm2004-4"], tmp_path / "a")[0].path.read_bytes()
    monkeypatch.chdir(tmp_path)
    there = build([Path(os.path.relpath(demo_course, tmp_path))], ["scorm2004-4"], Path("b"))[0].path.read_bytes()
    assert here == there


def test_entries_sorted_fixed_time_and_mode(demo_course: Path, tmp_path: Path) -> None:
    for b in build([demo_course], STANDARDS, tmp_path):
        with zipfile.ZipFile(b.path) as zf:
            infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert all(not n.endswith("/") for n in names)
        for info in infos:
            assert info.date_time == (2020, 1, 1, 0, 0, 0)
            assert info.external_attr >> 16 == 0o100644
            assert info.create_system == 3
            assert info.compress_type == zipfile.ZIP_DEFLATED
        assert stat.S_IMODE(b.path.stat().st_mode) == 0o644


@pytest.mark.parametrize(("epoch", "expected"), [
    ("1700000000", (2023, 11, 14, 22, 13, 20)),
    ("1700000001", (2023, 11, 14, 22, 13, 20)),  # zip times have 2-second steps
    ("0", (1980, 1, 1, 0, 0, 0)),  # before 1980 a zip cannot hold it: clamped
    ("4354819199", (2107, 12, 31, 23, 59, 58)),  # the last second a zip can hold
    ("not-a-number", (2020, 1, 1, 0, 0, 0)),
])
def test_source_date_epoch(epoch: str, expected: tuple, demo_course: Path, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    path = build([demo_course], ["scorm12"], tmp_path)[0].path
    with zipfile.ZipFile(path) as zf:
        assert {i.date_time for i in zf.infolist()} == {expected}


def test_source_date_epoch_changes_only_times(demo_course: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    plain = build([demo_course], ["scorm12"], tmp_path / "a")[0].path
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.mktime((2024, 5, 6, 7, 8, 10, 0, 0, 0)))))
    stamped = build([demo_course], ["scorm12"], tmp_path / "b")[0].path
    with zipfile.ZipFile(plain) as a, zipfile.ZipFile(stamped) as b:
        assert [(i.filename, i.CRC) for i in a.infolist()] == [(i.filename, i.CRC) for i in b.infolist()]
    assert plain.read_bytes() != stamped.read_bytes()


def test_source_date_epoch_after_2107_is_an_error_before_any_work(demo_course: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The year 2108 doesn't fit a zip's 7-bit year: a message, exit 1, nothing written (was a struct.error)."""
    from scorm_builder.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354819200")
    result = CliRunner().invoke(main, ["build", str(demo_course), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.output) == (1, (
        "Error: SOURCE_DATE_EPOCH=4354819200 is after 2107-12-31 23:59:59 UTC, the last time a zip entry can hold "
        "(expected seconds since 1970, at most 4354819199) \u2014 give the time in seconds, not milliseconds, or "
        "unset it to use 2020-01-01\n"))
    assert not (tmp_path / "out").exists()


def test_validate_writes_nothing(demo_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plans = validate([demo_course])
    assert [(p.course.id, p.standard) for p in plans] == [("demo-course", "scorm12"), ("demo-course", "scorm2004-4")]
    assert os.listdir(tmp_path) == []


def test_plan_lists_files_sorted(demo_course: Path) -> None:
    from scorm_builder.load import load_course

    p = plan(load_course(demo_course), "scorm12")
    assert list(p.files) == sorted(p.files)
    assert p.name == "demo-course-1.0.0-scorm12.zip"


# -- failures leave output/ as it was ----------------------------------------------------------------

def test_invalid_course_writes_nothing(demo_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(CourseInvalid):
        build([REPO / "tests" / "fixtures" / "broken" / "dialogue-cycle"], STANDARDS, out)
    assert not out.exists()


def test_one_invalid_course_stops_every_course(demo_course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(CourseInvalid) as info:
        build([demo_course, REPO / "tests" / "fixtures" / "broken" / "pass-mark-over-100"], STANDARDS, out)
    assert len(info.value.problems) == 1
    assert listing(out) == {"keep.txt": b"mine"}


class _Boom(Exception):
    pass


class _FailingFile:
    """A zip's temp file whose writes, from number ``limit + 1`` on (counted over every file), raise ``error``."""

    def __init__(self, raw, seen: list[int], limit: int, error: BaseException):
        self.raw, self.seen, self.limit, self.error = raw, seen, limit, error

    def write(self, data) -> int:
        if self.seen[0] >= self.limit:
            raise self.error
        self.seen[0] += 1
        return self.raw.write(data)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


def _fail_after(monkeypatch: pytest.MonkeyPatch, calls: int, error: BaseException) -> list[int]:
    """Make the writes to packages' temp files fail from number ``calls + 1`` on, as a full disk does;
    ``seen[0]`` counts the writes that succeeded."""
    from scorm_builder.pack import writer

    real = writer.write_zip
    seen = [0]
    monkeypatch.setattr(writer, "write_zip", lambda fp, contents: real(_FailingFile(fp, seen, calls, error), contents))
    return seen


@pytest.mark.parametrize("calls", [0, 3, 43])  # first entry, mid first zip, mid second zip (38 writes each)
def test_failure_mid_build_keeps_the_good_packages(calls: int, demo_course: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """An injected write failure: no temp file left, the good zips from before are untouched."""
    out = tmp_path / "out"
    build([demo_course], ["scorm12", "scorm2004-4"], out)
    before = listing(out)
    assert sorted(before) == ["demo-course-1.0.0-scorm12.zip", "demo-course-1.0.0-scorm2004-4.zip"]
    folder = shutil.copytree(demo_course, tmp_path / "changed")
    text = (folder / "course.yaml").read_text(encoding="utf-8").replace("title: Demo course", "title: Changed")
    (folder / "course.yaml").write_text(text, encoding="utf-8")
    seen = _fail_after(monkeypatch, calls, _Boom("injected"))
    with pytest.raises(_Boom):
        build([folder], ["scorm12", "scorm2004-4"], out)
    assert seen[0] == calls
    assert listing(out) == before


def test_disk_full_is_a_message_and_leaves_nothing(demo_course: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    _fail_after(monkeypatch, 43, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(BuilderError) as info:
        build([demo_course], ["scorm12", "scorm2004-4"], out)
    assert info.value.message == f"cannot write {out / 'demo-course-1.0.0-scorm2004-4.zip'}: No space left on device"
    assert not out.exists()


def test_failure_in_existing_output_keeps_other_files(demo_course: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "other-course-1.0.0-scorm12.zip").write_bytes(b"not mine")
    _fail_after(monkeypatch, 1, _Boom("injected"))
    with pytest.raises(_Boom):
        build([demo_course], ["scorm12"], out)
    assert listing(out) == {"other-course-1.0.0-scorm12.zip": b"not mine"}


def test_interrupted_rename_leaves_no_temp(demo_course: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C between writing and renaming: the temp files go, no half package appears."""
    out = tmp_path / "out"

    def replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        build([demo_course], ["scorm12", "scorm2004-4"], out)
    assert not out.exists()


# -- assets: checked and sized before reading, streamed into the zip ----------------------------------

MB = 1024 * 1024


def with_image(demo_course: Path, tmp_path: Path, name: str) -> Path:
    """A copy of the demo course whose first page shows assets/<name> (the file is not made here)."""
    folder = shutil.copytree(demo_course, tmp_path / "pictured")
    path = folder / "course.yaml"
    text = path.read_text(encoding="utf-8")
    assert "        callout:\n" in text
    path.write_text(text.replace("        callout:\n", f"        image:\n          src: assets/{name}\n"
                                 "          alt: A photo\n        callout:\n", 1), encoding="utf-8")
    (folder / "assets").mkdir(exist_ok=True)
    return folder


PNG = b"\x89PNG\r\n\x1a\n"  # what a .png file starts with (the course checks look)


def sparse(path: Path, size: int) -> Path:
    """A .png of ``size`` bytes, zeros after the signature, that takes no disk space (like `truncate -s`)."""
    with open(path, "wb") as f:
        f.write(PNG)
        f.truncate(size)
    return path


def test_a_large_asset_is_streamed_into_the_zip(demo_course: Path, tmp_path: Path) -> None:
    """Above 8 MB an asset goes through ZipFile.open(info, "w") in 1 MB chunks; the entry is the file."""
    import random

    folder = with_image(demo_course, tmp_path, "photo.png")
    blob = PNG + random.Random(7).randbytes(9 * MB - len(PNG))
    (folder / "assets" / "photo.png").write_bytes(blob)
    first = build([folder], ["scorm12"], tmp_path / "a")[0].path
    second = build([folder], ["scorm12"], tmp_path / "b")[0].path
    with zipfile.ZipFile(first) as zf:
        assert zf.read("assets/photo.png") == blob
        assert zf.getinfo("assets/photo.png").file_size == 9 * MB
    assert first.read_bytes() == second.read_bytes()


def test_the_size_warning_is_known_before_the_package_is_written(demo_course: Path, tmp_path: Path) -> None:
    from scorm_builder.course.asset_files import size_text
    from scorm_builder.load import load_course
    from scorm_builder.pack.pipeline import warnings_for

    folder = with_image(demo_course, tmp_path, "film.png")
    sparse(folder / "assets" / "film.png", 51 * MB)
    planned = plan(load_course(folder), "scorm12")
    total = planned.size
    assert 51 * MB < total < 52 * MB
    expected = [f"demo-course-1.0.0-scorm12.zip: {size_text(total)} before compression (the "
                "largest file, assets/film.png, is 51.0 MB), above the 50.0 MB several LMSes accept for upload "
                "\u2014 keep video out of the package and stream it from your video platform"]
    assert planned.warnings == expected
    assert not (tmp_path / "out").exists()
    (built,) = build([folder], ["scorm12"], tmp_path / "out")
    assert warnings_for(built) == expected


def _planned_with(demo_course: Path, folder: Path, *assets: str):
    """The demo course's plan inputs with extra assets, as if they changed after the course was checked."""
    from scorm_builder.course.model import Asset
    from scorm_builder.course.record import replace
    from scorm_builder.load import load_course

    course = load_course(demo_course)
    return replace(course, assets=tuple(Asset(folder / name, name) for name in assets))


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: os.mkfifo(p), "is a named pipe (FIFO) (expected a file) \u2014 point at a regular file"),
    (lambda p: p.mkdir(), "is a folder (expected a file) \u2014 point at a regular file"),
    (lambda p: sparse(p, 9 * 1024 * MB), "is 9.0 GB, above the 1.0 GB a package may hold \u2014 keep large media "
     "out of the package (link to a video host), or raise the limit with SCORM_BUILDER_MAX_PACKAGE_MB=<megabytes>"),
])
def test_an_asset_is_checked_before_any_byte_is_read(make, reason: str, demo_course: Path, tmp_path: Path) -> None:
    """A FIFO would hang the build, a 9 GB file was a MemoryError: both are refused from a stat."""
    make(tmp_path / "x.png")
    course = _planned_with(demo_course, tmp_path, "x.png")
    with pytest.raises(BuilderError) as info:
        plan(course, "scorm12")
    assert info.value.message == f"{demo_course / 'course.yaml'}: the asset 'x.png' {reason}"


def test_the_package_limit_counts_every_file_and_can_be_raised(demo_course: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from scorm_builder.course.asset_files import size_text

    for name in ("a.png", "b.png"):
        sparse(tmp_path / name, 2 * MB)
    course = _planned_with(demo_course, tmp_path, "a.png", "b.png")
    monkeypatch.setenv("SCORM_BUILDER_MAX_PACKAGE_MB", "5")
    total = plan(course, "scorm12").size
    monkeypatch.setenv("SCORM_BUILDER_MAX_PACKAGE_MB", "3")
    with pytest.raises(BuilderError) as info:
        plan(course, "scorm12")
    assert info.value.message == (
        f"{demo_course / 'course.yaml'}: the package demo-course-1.0.0-scorm12.zip would hold {size_text(total)} "
        "before compression, above the 3.0 MB a package may hold \u2014 keep large media out of the package, or "
        "raise the limit with SCORM_BUILDER_MAX_PACKAGE_MB=<megabytes>")
    monkeypatch.setenv("SCORM_BUILDER_MAX_PACKAGE_MB", "3 GB")
    with pytest.raises(BuilderError) as info:
        plan(course, "scorm12")
    assert info.value.message == (
        "SCORM_BUILDER_MAX_PACKAGE_MB='3 GB' is not a whole number of megabytes above 0 (expected e.g. 2048) "
        "\u2014 set it to the largest package size in MB, or unset it for 1024")


def test_an_asset_that_changed_since_planning_is_a_message(demo_course: Path, tmp_path: Path) -> None:
    asset = tmp_path / "x.png"
    asset.write_bytes(b"png")
    planned = plan(_planned_with(demo_course, tmp_path, "x.png"), "scorm12")
    asset.write_bytes(b"a longer png")
    out = tmp_path / "out"
    from scorm_builder.pack.writer import OutputFolder

    with pytest.raises(BuilderError) as info:
        OutputFolder(out).stage_zip(planned.name, planned.entries)
    assert info.value.message == (f"cannot read {asset}: it changed size since the build started (3 bytes, now 12) "
                                  "\u2014 check the file and build again")
    assert listing(out) == {}
