"""Batch builds: courses x companies x standards, in parallel, with a report of every package."""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

from scorm_builder.pack.archive import zip_bytes_to
from scorm_builder.errors import BuilderError, CourseInvalid

REPORT = "build-report.json"


@dataclass(frozen=True)
class Entry:
    course: str
    company: str
    standard: str
    version: str
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Failure:
    course: str
    company: str
    error: str


@dataclass(frozen=True)
class Job:
    course: str
    company: str | None
    standards: tuple[str, ...]
    out_dir: str
    schemas: str | None


def run_job(job: Job) -> tuple[list[Entry], list[Failure]]:
    """Build one course for one company to every standard (runs in a worker process)."""
    from scorm_builder.pack.plan import plan
    from scorm_builder.load import load_course

    company_name = Path(job.company).stem if job.company else ""
    try:
        course = load_course(Path(job.course), Path(job.company) if job.company else None)
        plans = [plan(course, std, (), Path(job.schemas) if job.schemas else None) for std in job.standards]
        entries = []
        for p in plans:
            target = Path(job.out_dir) / p.name
            zip_bytes_to(p.files, target)
            blob = target.read_bytes()
            entries.append(Entry(course.id, course.company.id if course.company else "", p.standard,
                                 course.version, target.as_posix(), len(blob), hashlib.sha256(blob).hexdigest()))
        return entries, []
    except CourseInvalid as err:
        return [], [Failure(str(job.course), company_name, err.message)]
    except BuilderError as err:
        return [], [Failure(str(job.course), company_name, err.message)]
    except OSError as err:
        return [], [Failure(str(job.course), company_name, f"cannot write: {err}")]


def build_matrix(courses: Sequence[Path], profiles: Sequence[Path | None], standards: Sequence[str],
                 out_dir: Path, schemas: Path | None = None, workers: int | None = None,
                 progress: Callable[[int], None] | None = None) -> tuple[list[Entry], list[Failure]]:
    """Build every combination; one failure doesn't stop the others. Writes the build report."""
    jobs = [Job(str(c), str(p) if p else None, tuple(standards), str(out_dir), str(schemas) if schemas else None)
            for c in courses for p in profiles]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    entries: list[Entry] = []
    failures: list[Failure] = []
    if workers == 1:
        results = map(run_job, jobs)
        for got, failed in results:
            entries += got
            failures += failed
            if progress:
                progress(1)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for got, failed in pool.map(run_job, jobs, chunksize=max(1, len(jobs) // (workers * 8))):
                entries += got
                failures += failed
                if progress:
                    progress(1)
    entries.sort(key=lambda e: e.path)
    write_report(Path(out_dir), entries, failures)
    return entries, failures


def write_report(out_dir: Path, entries: list[Entry], failures: list[Failure]) -> Path:
    """output/build-report.json: every package with its size and sha256, and every failure."""
    report = {"packages": [asdict(e) for e in entries], "failures": [asdict(f) for f in failures]}
    target = out_dir / REPORT
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{REPORT}.tmp")
    tmp.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target


def summary_table(entries: list[Entry], failures: list[Failure]) -> str:
    rows = [("course", "company", "standard", "size", "package")]
    rows += [(e.course, e.company or "-", e.standard, f"{e.size / 1024:.0f} KB", Path(e.path).name) for e in entries]
    rows += [(Path(f.course).name, f.company or "-", "-", "-", "FAILED") for f in failures]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"{len(entries)} packages built, {len(failures)} failed.")
    return "\n".join(lines)
