"""Batch builds (pack/batch.py): one writer, every failure reported per combination, the report always written."""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.cli import main
from scorm_builder.errors import BuilderError
from scorm_builder.pack import batch
from scorm_builder.pack.batch import Failure, build_matrix, workers_for
from scorm_builder.tools.scaffold import scaffold

REPO = Path(__file__).resolve().parent.parent
REAL_RUN_JOB = batch.run_job
DUPLICATE = ("courses/demo/course.yaml with courses/companies/acme.yaml and courses/demo-copy/course.yaml with "
             "courses/companies/acme.yaml would both write demo-acme-1.0.0-scorm12.zip; give them different ids "
             "or versions")


@pytest.fixture()
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The scaffolded demo course in tmp_path/courses/demo, four profiles, tmp_path the working folder."""
    for name in ("SOURCE_DATE_EPOCH", "SCORM_BUILDER_SCHEMAS", "SCORM_BUILDER_MAX_PACKAGE_MB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    scaffold("demo", Path("courses"))
    (tmp_path / "courses" / "companies").mkdir()
    for company in ("acme", "globex", "initech", "umbrella"):
        (tmp_path / "courses" / "companies" / f"{company}.yaml").write_text(
            f"id: {company}\nname: {company.title()}\n", encoding="utf-8")
    return Path("courses/demo")


def profiles(*ids: str) -> list[Path]:
    return [Path("courses/companies") / f"{i}.yaml" for i in ids]


def report(out: Path) -> dict:
    return json.loads((out / "build-report.json").read_text(encoding="utf-8"))


def names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_two_courses_with_one_id_write_one_package_and_report_the_other(demo: Path) -> None:
    """Was: "2 packages built", one zip, and the same path twice in the report."""
    shutil.copytree(demo, "courses/demo-copy")
    result = CliRunner().invoke(main, ["build", "courses/demo", "courses/demo-copy", "--company", "acme",
                                       "-s", "scorm12", "-o", "out"])
    assert result.exit_code == 1
    assert f"courses/demo-copy for company acme:\n{DUPLICATE}\n" in result.stderr
    assert result.stdout.splitlines()[-2:] == ["1 packages built, 1 failed.", "report: out/build-report.json"]
    got = report(Path("out"))
    assert [p["path"] for p in got["packages"]] == ["out/demo-acme-1.0.0-scorm12.zip"]
    assert got["failures"] == [{"course": "courses/demo-copy", "company": "acme", "error": DUPLICATE}]
    assert names(Path("out")) == ["build-report.json", "demo-acme-1.0.0-scorm12.zip"]


def test_the_first_combination_wins_whatever_the_worker_count(demo: Path) -> None:
    shutil.copytree(demo, "courses/demo-copy")
    runs = []
    for out, workers in (("one", 1), ("two", 2)):
        entries, failures = build_matrix([demo, Path("courses/demo-copy")], profiles("acme", "globex"), ["scorm12"],
                                         Path(out), workers=workers)
        runs.append(([(e.company, Path(e.path).name, e.sha256) for e in entries], failures))
    assert runs[0] == runs[1]
    assert [name for _, name, _ in runs[0][0]] == ["demo-acme-1.0.0-scorm12.zip", "demo-globex-1.0.0-scorm12.zip"]
    assert [(f.course, f.company) for f in runs[0][1]] == [("courses/demo-copy", "acme"),
                                                            ("courses/demo-copy", "globex")]


def test_an_unexpected_error_is_that_combinations_failure(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Was: one exception type the batch didn't list aborted every build, and no report was written."""
    from scorm_builder.pack import plan as plan_module

    real = plan_module.plan

    def plan(course, standard, *args):
        if course.company.id == "globex":
            raise ZeroDivisionError("division by zero")
        return real(course, standard, *args)

    monkeypatch.setattr(plan_module, "plan", plan)
    entries, failures = build_matrix([demo], profiles("acme", "globex", "initech"), ["scorm12"], Path("out"),
                                     workers=1)
    assert [e.company for e in entries] == ["acme", "initech"]
    assert failures == [Failure("courses/demo", "globex", "unexpected ZeroDivisionError: division by zero")]
    assert report(Path("out"))["failures"] == [
        {"course": "courses/demo", "company": "globex", "error": "unexpected ZeroDivisionError: division by zero"}]


def _dies_for_globex(job: batch.Job) -> batch.Outcome:
    """A worker process that ends at once (as a crash or the OOM killer would) when it builds globex."""
    if job.company and job.company.endswith("globex.yaml"):
        os._exit(3)
    return REAL_RUN_JOB(job)


def test_a_worker_that_dies_fails_only_its_combination(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "run_job", _dies_for_globex)
    entries, failures = build_matrix([demo], profiles("acme", "globex", "initech", "umbrella"), ["scorm12"],
                                     Path("out"), workers=2)
    assert [e.company for e in entries] == ["acme", "initech", "umbrella"]
    assert failures == [Failure("courses/demo", "globex", "the process building it died (BrokenProcessPool: A "
                                "process in the process pool was terminated abruptly while the future was "
                                "running or pending.)")]
    assert names(Path("out")) == ["build-report.json", "demo-acme-1.0.0-scorm12.zip",
                                  "demo-initech-1.0.0-scorm12.zip", "demo-umbrella-1.0.0-scorm12.zip"]


def test_a_read_only_output_folder_is_a_message_and_exit_1(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Was: an OSError traceback from the report writer. Root ignores modes, so the kernel's refusal is
    simulated where files are created."""
    out = Path("out").resolve()
    out.mkdir()
    real = os.open

    def refuse(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(os.path.abspath(path)).parent == out:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = CliRunner().invoke(main, ["build", "courses/demo", "--company", "*", "-o", "out"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == ("Error: cannot write to out: Permission denied \u2014 choose another "
                                              "folder with -o, or make this one writable")
    assert names(out) == []


def test_a_report_that_cannot_be_written_is_a_message(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.replace

    def replace(src, dst):
        if Path(dst).name == "build-report.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(BuilderError) as info:
        build_matrix([demo], profiles("acme", "globex"), ["scorm12"], Path("out"), workers=1)
    assert info.value.message == ("cannot write out/build-report.json: No space left on device (2 packages built, "
                                  "0 failed, no report written) \u2014 choose another folder with -o, or make this "
                                  "one writable")
    assert names(Path("out")) == ["demo-acme-1.0.0-scorm12.zip", "demo-globex-1.0.0-scorm12.zip"]


def test_a_batch_finishing_inside_another_leaves_both_complete(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two batches into one folder, the second run entirely while the first renames its report. With
    the old fixed temp name the first then failed with FileNotFoundError."""
    real, inner = os.replace, []

    def replace(src, dst):
        if Path(dst).name == "build-report.json" and not inner:
            inner.append("running")
            inner.append(build_matrix([demo], profiles("initech"), ["scorm12"], Path("out"), workers=1))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    entries, failures = build_matrix([demo], profiles("acme"), ["scorm12"], Path("out"), workers=1)
    assert ([e.company for e in entries], failures) == (["acme"], [])
    assert [e.company for e in inner[1][0]] == ["initech"]
    assert [p["company"] for p in report(Path("out"))["packages"]] == ["acme"]  # the last renamed wins
    assert names(Path("out")) == ["build-report.json", "demo-acme-1.0.0-scorm12.zip",
                                  "demo-initech-1.0.0-scorm12.zip"]


def test_two_batch_processes_into_one_folder_both_succeed(demo: Path) -> None:
    command = [sys.executable, "-m", "scorm_builder", "build", "courses/demo", "-s", "scorm12", "-o", "out",
               "--company"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.Popen(command + [company], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for company in ("acme", "globex")]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    assert results == [(0, results[0][1]), (0, results[1][1])] and "Error" not in results[0][1] + results[1][1]
    assert report(Path("out"))["failures"] == []
    assert names(Path("out")) == ["build-report.json", "demo-acme-1.0.0-scorm12.zip",
                                  "demo-globex-1.0.0-scorm12.zip"]


def test_a_batch_removes_stale_temp_files(demo: Path) -> None:
    Path("out").mkdir()
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    stale = Path("out") / f".demo-acme-1.0.0-scorm12.zip.{child.pid}.0badc0de.tmp"
    stale.write_bytes(b"half a zip")
    old = Path("out") / ".build-report.json.tmp"
    old.write_bytes(b"{")
    os.utime(old, (time.time() - 90_000, time.time() - 90_000))
    build_matrix([demo], profiles("acme"), ["scorm12"], Path("out"), workers=1)
    assert names(Path("out")) == ["build-report.json", "demo-acme-1.0.0-scorm12.zip"]


def test_source_date_epoch_after_2107_stops_a_batch_before_any_work(demo: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354819200000")  # milliseconds by mistake
    with pytest.raises(BuilderError) as info:
        build_matrix([demo], profiles("acme"), ["scorm12"], Path("out"))
    assert info.value.message.startswith("SOURCE_DATE_EPOCH=4354819200000 is after 2107-12-31 23:59:59 UTC")
    assert not Path("out").exists()


def test_a_package_above_the_lms_budget_is_warned_in_the_summary_and_report(demo: Path) -> None:
    from scorm_builder.pack.batch import summary_table

    text = (demo / "course.yaml").read_text(encoding="utf-8")
    (demo / "course.yaml").write_text(text.replace("        callout:\n", "        image:\n          src: "
                                                   "assets/film.png\n          alt: A film\n        callout:\n", 1))
    (demo / "assets").mkdir(exist_ok=True)
    with open(demo / "assets" / "film.png", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.truncate(51 * 1024 * 1024)
    entries, failures = build_matrix([demo], profiles("acme"), ["scorm12"], Path("out"), workers=1)
    (warning,) = entries[0].warnings
    assert warning.startswith("demo-acme-1.0.0-scorm12.zip: 51.")
    assert warning.endswith("MB before compression (the largest file, assets/film.png, is 51.0 MB), above the "
                            "50.0 MB several LMSes accept for upload \u2014 keep video out of the package and "
                            "stream it from your video platform")
    assert summary_table(entries, failures).splitlines()[-2:] == [f"warning: {warning}", "1 packages built, 0 failed."]
    assert report(Path("out"))["packages"][0]["warnings"] == [warning]


def test_workers_by_batch_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """By default one process until there are 8 jobs per core; -j N is taken as given (up to the jobs)."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert [workers_for(n) for n in (1, 3, 8, 15, 16, 100)] == [1, 1, 1, 1, 2, 2]
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    assert [workers_for(n) for n in (15, 16, 40, 64, 1000)] == [1, 2, 5, 8, 8]
    assert [workers_for(n, 3) for n in (1, 2, 5)] == [1, 2, 3]


def test_a_batch_loads_each_company_as_a_single_build_does(tmp_path: Path) -> None:
    """The batch reads and checks the course once, then applies each profile to a copy: the same Course."""
    from scorm_builder.load import load_course
    from scorm_builder.pack.batch_load import CourseLoader

    course = REPO / "courses" / "empathy-essentials"
    profiles = sorted((REPO / "courses" / "companies").glob("*.yaml"))
    loader = CourseLoader()
    loaded = [loader.load(course, profile) for profile in [*profiles, *profiles, None]]
    assert loaded == [load_course(course, profile) for profile in [*profiles, *profiles, None]]
    assert len({c.company.id for c in loaded[:len(profiles)]}) == len(profiles)


def test_a_batch_reports_a_courses_own_problem_as_a_single_build_does(tmp_path: Path) -> None:
    from scorm_builder.errors import CourseInvalid
    from scorm_builder.load import load_course
    from scorm_builder.pack.batch_load import CourseLoader

    course = scaffold("demo", tmp_path / "courses")
    text = course.read_text(encoding="utf-8")
    course.write_text(text.replace("title:", "titel:", 1), encoding="utf-8")
    profile = REPO / "courses" / "companies" / "harbor-health.yaml"
    with pytest.raises(CourseInvalid) as single:
        load_course(course.parent, profile)
    loader = CourseLoader()
    for _ in range(2):  # the first company, then one after it
        with pytest.raises(CourseInvalid) as batched:
            loader.load(course.parent, profile)
        assert [str(p) for p in batched.value.problems] == [str(p) for p in single.value.problems]
