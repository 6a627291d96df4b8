"""Batch builds: courses x companies (x languages) x standards, in parallel, with a report of every package.

Workers build and write each package under a temp name; this process, through the one writer,
claims each name once, renames the packages into place in job order (so the result does not
depend on the number of workers) and writes build-report.json, whatever failed.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from scorm_builder import lms as lms_profiles
from scorm_builder.errors import BuilderError
from scorm_builder.pack.archive import build_time
from scorm_builder.pack.batch_load import CourseLoader
from scorm_builder.pack.writer import FIX, OutputFolder, Staged, discard, stage
from scorm_builder.render.environment import templates_fixed
from scorm_builder.translate.catalogs import languages_for

REPORT = "build-report.json"
JOBS_PER_WORKER = 8  # below this many course x company jobs per core, one process (bench/README.md)


@dataclass(frozen=True)
class Entry:
    course: str
    company: str
    standard: str
    version: str
    path: str
    size: int
    sha256: str
    warnings: tuple[str, ...] = ()
    lms: str = "generic"  # the LMS profile the package was built for (scorm_builder/lms.py)
    language: str = ""  # the translation it was built from (build --language), or ""


@dataclass(frozen=True)
class Failure:
    course: str
    company: str
    error: str
    language: str = ""


@dataclass(frozen=True)
class Job:
    course: str
    company: str | None
    standards: tuple[str, ...]
    out_dir: str
    schemas: str | None
    language: str = ""  # build from translations/<language>.xlf; "": the course as written
    strict: bool = False  # with a language: a text not translated is an error

    @property
    def company_name(self) -> str:
        return Path(self.company).stem if self.company else ""

    def failed(self, error: str) -> Outcome:
        return Outcome(self, (), Failure(self.course, self.company_name, error, self.language))


@dataclass(frozen=True)
class Package:
    """One package a worker wrote under a temp name, with what claims its name and its report entry."""

    staged: Staged
    source: str
    entry: Entry


@dataclass(frozen=True)
class Outcome:
    """What building one job gave: its packages (written, not yet renamed), or why it failed."""

    job: Job
    packages: tuple[Package, ...]
    failure: Failure | None = None


def run_job(job: Job) -> Outcome:
    """Build one course for one company (in one language) to every standard (in a worker process, or this one).

    Any exception is this job's failure, reported with its type; the other jobs go on.
    """
    from scorm_builder.pack.plan import course_file, plan

    try:
        profile = Path(job.company) if job.company else None
        said: list[str] = []  # the translation's warnings, on each of its packages
        if job.language:
            course, said = _loader().load_translated(Path(job.course), profile, job.language, job.strict)
            said = [f"{course_file(course)}: {w}" for w in said] + _profile_untranslated(profile, job)
        else:
            course = _loader().load(Path(job.course), profile)
        wanted = lms_profiles.standards_for(job.standards, course.company.lms if course.company else "")
        plans = [plan(course, std, (), Path(job.schemas) if job.schemas else None, job.language)
                 for std in wanted]
        source = course_file(course) + (f" with {course.company.source}" if course.company else "")
        packages: list[Package] = []
        try:
            for p in plans:
                staged = stage(Path(job.out_dir) / p.name, p.entries)
                packages.append(Package(staged, source, Entry(
                    course.id, course.company.id if course.company else "", p.standard, course.version,
                    staged.target.as_posix(), staged.size, staged.sha256, (*said, *p.warnings), p.lms,
                    job.language)))
        except BaseException:
            discard([pkg.staged for pkg in packages])
            raise
        return Outcome(job, tuple(packages))
    except BuilderError as err:
        return job.failed(err.message)
    except Exception as err:  # a bug, or an environment we did not foresee: this job's failure only
        return job.failed(f"unexpected {type(err).__name__}: {err}")


def _profile_untranslated(profile: Path | None, job: Job) -> list[str]:
    """The warning for a profile whose own texts have no section in the job's language (--strict: an error)."""
    from scorm_builder.source.loader import display_path, load_yaml
    from scorm_builder.source.profile_language import untranslated
    from scorm_builder.translate.apply import PSEUDO

    # a pseudo-locale build shows the profile's own texts as they are: that is what it is for
    said = untranslated(load_yaml(profile), job.language) if profile and not PSEUDO.fullmatch(job.language) else None
    if said and job.strict:
        raise BuilderError(f"{display_path(profile)}: {said} (--strict)")
    return [f"{display_path(profile)}: {said}"] if said else []


_LOADER: list[CourseLoader] = []  # the running batch's (a forked worker inherits it)


def _loader() -> CourseLoader:
    """The batch's loader; outside one (a worker started afresh, not forked), one for this job only."""
    return _LOADER[0] if _LOADER else CourseLoader()


def workers_for(jobs: int, requested: int | None = None) -> int:
    """Worker processes: as asked, else one per usable core once there are enough jobs to share."""
    if requested:
        return max(1, min(requested, jobs))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, jobs // JOBS_PER_WORKER))


def build_matrix(courses: Sequence[Path], profiles: Sequence[Path | None], standards: Sequence[str],
                 out_dir: Path, schemas: Path | None = None, workers: int | None = None,
                 progress: Callable[[int], None] | None = None, languages: Sequence[str] = (),
                 strict: bool = False) -> tuple[list[Entry], list[Failure]]:
    """Build every combination; one failure doesn't stop the others. Always writes the build report.
    ``languages`` (``*``: each course's translation files) makes it course x company x language x standard."""
    build_time()  # a SOURCE_DATE_EPOCH a zip can't hold fails before any work
    per_course = {str(c): languages_for(c, languages) if languages else [""] for c in courses}
    out = OutputFolder(Path(out_dir))
    out.open()
    standards = standards if isinstance(standards, tuple) else tuple(standards)  # lms.DefaultStandards stays
    jobs = [Job(str(c), str(p) if p else None, standards, str(out_dir), str(schemas) if schemas else None,
                language, strict)
            for c in courses for p in profiles for language in per_course[str(c)]]
    entries: list[Entry] = []
    failures: list[Failure] = []
    _LOADER[:] = [CourseLoader()]  # the course read once per batch; template files too (templates_fixed)
    try:
        with templates_fixed():
            for outcome in _outcomes(jobs, workers_for(len(jobs), workers)):
                _commit(out, outcome, entries, failures)
                if progress:
                    progress(1)
    finally:
        _LOADER.clear()
    entries.sort(key=lambda e: e.path)
    write_report(out, entries, failures)
    return entries, failures


def _outcomes(jobs: Sequence[Job], workers: int) -> Iterator[Outcome]:
    """Every job's outcome, in job order. The first job runs here, so the workers forked after it
    start with its imports, parsed YAML, compiled templates and compressed player files."""
    if workers < 2 or len(jobs) < 3:
        yield from map(run_job, jobs)
        return
    yield run_job(jobs[0])
    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs) - 1), mp_context=context) as pool:
        futures = [pool.submit(run_job, job) for job in jobs[1:]]
        try:
            for job, future in zip(jobs[1:], futures, strict=True):
                yield _result(job, future, context)
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def _result(job: Job, future: Future, context) -> Outcome:
    """A worker's outcome; when a worker process died (the pool is then broken for every job not
    yet done), the job is built again alone in a new process, so only the job that kills its
    process fails."""
    try:
        return future.result()
    except BrokenProcessPool:
        pass
    except Exception as err:  # e.g. an outcome that could not be sent back
        return job.failed(f"unexpected {type(err).__name__}: {err}")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as alone:
        try:
            return alone.submit(run_job, job).result()
        except BrokenProcessPool as err:
            return job.failed(f"the process building it died ({type(err).__name__}: {err})")
        except Exception as err:
            return job.failed(f"unexpected {type(err).__name__}: {err}")


def _commit(out: OutputFolder, outcome: Outcome, entries: list[Entry], failures: list[Failure]) -> None:
    """Rename one job's packages into place, unless another job already wrote one of their names."""
    if outcome.failure is not None:
        failures.append(outcome.failure)
        return
    staged = [pkg.staged for pkg in outcome.packages]
    names = [(item.target.name, pkg.source) for item, pkg in zip(staged, outcome.packages, strict=True)]
    try:
        out.claim_all(names)
    except BuilderError as err:
        discard(staged)
        failures.append(Failure(outcome.job.course, outcome.job.company_name, err.message, outcome.job.language))
        return
    try:
        out.commit(staged)
    except BuilderError as err:
        out.release([name for name, _ in names])
        failures.append(Failure(outcome.job.course, outcome.job.company_name, err.message, outcome.job.language))
        return
    entries.extend(pkg.entry for pkg in outcome.packages)


def write_report(out: OutputFolder | Path, entries: list[Entry], failures: list[Failure]) -> Path:
    """output/build-report.json: every package with its size and sha256 (and language, when built in
    one), and every failure."""
    out = out if isinstance(out, OutputFolder) else OutputFolder(out)
    report = {"packages": [_row(e) for e in entries], "failures": [_row(f) for f in failures]}
    text = json.dumps(report, indent=2, sort_keys=True) + "\n"
    try:
        return out.write_bytes(REPORT, text.encode("utf-8"))
    except BuilderError as err:
        raise BuilderError(f"{err.message} ({len(entries)} packages built, {len(failures)} failed, no report "
                           f"written) \u2014 {FIX}") from err


def _row(item: Entry | Failure) -> dict:
    """A report row; ``language`` only for a package (or failure) of a --language build."""
    row = asdict(item)
    if not row["language"]:
        del row["language"]
    return row


def summary_table(entries: list[Entry], failures: list[Failure]) -> str:
    """A row per package and per failure; with a language column when any was built in one."""
    languages = any(e.language for e in entries) or any(f.language for f in failures)
    rows = [("course", "company", *(("language",) if languages else ()), "standard", "size", "package")]
    rows += [(e.course, e.company or "-", *((e.language or "-",) if languages else ()), e.standard,
              f"{e.size / 1024:.0f} KB", Path(e.path).name) for e in entries]
    rows += [(Path(f.course).name, f.company or "-", *((f.language or "-",) if languages else ()), "-", "-",
              "FAILED") for f in failures]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines += [f"warning: {w}" for w in dict.fromkeys(w for e in entries for w in e.warnings)]
    lines.append(f"{len(entries)} packages built, {len(failures)} failed.")
    return "\n".join(lines)
