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

from scorm_builder.pack.pipeline import build, validate
from scorm_builder.errors import BuilderError, CourseInvalid
from scorm_builder.pack.plan import PLAYER_FILES, plan
from scorm_builder import standards

REPO = Path(__file__).resolve().parent.parent
STANDARDS = standards.IDS


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCORM_BUILDER_SCHEMAS", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden temp files included) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- names -----------------------------------------------------------------------------------------

def test_output_names(demo_course: Path, tmp_path: Path) -> None:
    built = build([demo_course], STANDARDS, tmp_path / "out")
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
    assert info.value.message == ("two courses would both write demo-course-1.0.0-scorm12.zip; "
                                  "give them different ids or versions")
    assert not (tmp_path / "out").exists()


def test_unknown_standard(demo_course: Path, tmp_path: Path) -> None:
    with pytest.raises(BuilderError) as info:
        build([demo_course], ["scorm2004-2"], tmp_path / "out")
    assert info.value.message == ("unknown standard 'scorm2004-2' (expected one of: scorm12, scorm2004-3, "
                                  "scorm2004-4)")
    assert not (tmp_path / "out").exists()


# -- contents and determinism --------------------------------------------------------------------

def test_package_contents(demo_course: Path, tmp_path: Path) -> None:
    for b in build([demo_course], STANDARDS, tmp_path):
        with zipfile.ZipFile(b.path) as zf:
            names = zf.namelist()
            assert {"imsmanifest.xml", "index.html", "player/player.js", "player/player.css"} <= set(names)
            for name in PLAYER_FILES:  # copied as they are, not rendered
                assert zf.read(name) == (REPO / "templates" / name).read_bytes(), name
            assert zf.testzip() is None


def test_build_twice_gives_identical_bytes(demo_course: Path, tmp_path: Path) -> None:
    first = build([demo_course], STANDARDS, tmp_path / "a")
    second = build([demo_course], STANDARDS, tmp_path / "b")
    again = build([demo_course], STANDARDS, tmp_path / "a")
    for x, y, z in zip(first, second, again):
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


def _fail_after(monkeypatch: pytest.MonkeyPatch, calls: int, error: BaseException) -> list[int]:
    """Make ZipFile.writestr raise ``error`` on call number ``calls + 1``."""
    real = zipfile.ZipFile.writestr
    seen = [0]

    def writestr(self, *args, **kwargs):
        seen[0] += 1
        if seen[0] > calls:
            raise error
        return real(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    return seen


@pytest.mark.parametrize("calls", [0, 2, 7])  # first entry, mid first zip, mid second zip
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
    assert seen[0] == calls + 1
    assert listing(out) == before


def test_disk_full_is_a_message_and_leaves_nothing(demo_course: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    _fail_after(monkeypatch, 6, OSError(errno.ENOSPC, "No space left on device"))
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
