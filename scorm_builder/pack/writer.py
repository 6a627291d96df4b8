"""The one writer to output/: one file per name, temp files unique to the process, renamed only when complete.

Every file a build writes (packages, build-report.json, an outline) goes through here:
``.NAME.<pid>.<random>.tmp`` beside its target, renamed over it with ``os.replace`` once
complete. Temp files a killed build left behind (its pid is gone, or older than a day) are
removed when the folder is next written.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from pathlib import Path
from typing import Mapping, Sequence

from scorm_builder.course.record import record
from scorm_builder.errors import BuilderError
from scorm_builder.pack.archive import Content, write_zip

STALE_AFTER_HOURS = 24  # a temp file this old is stale whatever its pid says (pids get reused)
TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.(?P<token>[0-9a-f]{8})\.tmp$")
# what builds before this writer left: mkstemp names for zips, one fixed name for the report
LEGACY_TEMP_NAME = re.compile(r"^\.(.+\.zip\.[a-z0-9_]{8}|build-report\.json)\.tmp$")
FIX = "choose another folder with -o, or make this one writable"


@record
class Staged:
    """A complete file under its temp name, waiting to be renamed to ``target``."""

    temp: Path
    target: Path
    size: int
    sha256: str


def temp_path(target: Path) -> Path:
    """A temp name beside ``target`` no other process or call uses: ``.NAME.<pid>.<random>.tmp``."""
    return target.with_name(f".{target.name[:120]}.{os.getpid()}.{os.urandom(4).hex()}.tmp")


def _create(target: Path):
    """A new temp file for ``target``, opened for writing, mode 0644 whatever the umask."""
    while True:
        temp = temp_path(target)
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o644)
        except FileExistsError:  # pragma: no cover - 32 random bits collided
            continue
        try:
            os.chmod(temp, 0o644)
            return temp, os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            temp.unlink(missing_ok=True)
            raise


def _sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def stage(target: Path, data: bytes | Mapping[str, Content]) -> Staged:
    """Write ``data`` (bytes, or the entries of a zip) completely to a temp file beside ``target``.

    Any failure removes the temp file; an OSError about the temp file becomes a BuilderError.
    """
    temp = None
    try:
        temp, out = _create(target)
        with out:
            if isinstance(data, (bytes, bytearray)):
                out.write(data)
            else:
                write_zip(out, data)
        return Staged(temp, target, temp.stat().st_size, _sha256(temp))
    except OSError as err:
        _unlink(temp)
        raise BuilderError(f"cannot write {target}: {err.strerror or err}") from err
    except BaseException:
        _unlink(temp)
        raise


def commit(staged: Sequence[Staged]) -> None:
    """Rename every staged file over its target; on any failure the ones not yet renamed are removed."""
    done = 0
    try:
        for item in staged:
            try:
                os.replace(item.temp, item.target)
            except OSError as err:
                raise BuilderError(f"cannot write {item.target}: {err.strerror or err}") from err
            done += 1
    finally:
        discard(staged[done:])


def discard(staged: Sequence[Staged]) -> None:
    for item in staged:
        _unlink(item.temp)


def _unlink(path: Path | None) -> None:
    if path is not None:
        try:
            path.unlink(missing_ok=True)
        except OSError:  # pragma: no cover - the folder went away; nothing left to clean
            pass


def zip_bytes_to(files: Mapping[str, Content], target: Path) -> None:
    """Write ``files`` as a zip at ``target``: temp file, then rename (what bench/bench_build.py times)."""
    out = OutputFolder(Path(target).parent)
    out.commit([out.stage_zip(Path(target).name, files)])


def write_file(path: Path, data: bytes | str) -> Path:
    """Write one file atomically (temp file beside it, then rename): for outlines and other single files.

    Raises BuilderError("cannot write PATH: reason") on any OSError; stale temp files of the same
    name are removed first.
    """
    path = Path(path)
    blob = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_stale(path.parent, only=path.name)
    except OSError as err:
        raise BuilderError(f"cannot write {path}: {err.strerror or err}") from err
    commit([stage(path, blob)])
    return path


def _alive(pid: int) -> bool:
    """Whether a process with this pid runs on this machine (a pid we can't signal is alive)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there; only the age rule applies
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def sweep_stale(folder: Path, only: str | None = None, now: float | None = None) -> list[Path]:
    """Remove temp files left in ``folder`` by builds that died: the pid in the name is gone, or
    the file is older than STALE_AFTER_HOURS. ``only``: just the temp files of that target name.
    Returns what was removed, sorted."""
    now = time.time() if now is None else now
    removed = []
    for entry in os.scandir(folder):
        ours = TEMP_NAME.match(entry.name)
        if not ours and not LEGACY_TEMP_NAME.match(entry.name):
            continue
        if only is not None and not (ours and ours["name"] == only[:120]):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        dead = ours is not None and not _alive(int(ours["pid"]))
        if dead or now - info.st_mtime > STALE_AFTER_HOURS * 3600:
            Path(entry.path).unlink(missing_ok=True)
            removed.append(Path(entry.path))
    return sorted(removed)


class OutputFolder:
    """The output folder of one build: claims each name once, creates the folder when first written."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.sources: dict[str, str] = {}  # name -> what claimed it
        self.created = False
        self.opened = False
        self.swept: list[Path] = []

    def claim(self, name: str, source: str) -> Path:
        """The path for ``name``; a second claim of a name is an error naming both sources."""
        return self.claim_all([(name, source)])[0]

    def claim_all(self, claims: Sequence[tuple[str, str]]) -> list[Path]:
        """Claim every (name, source) or, when one of the names is taken, none of them."""
        taken = dict(self.sources)
        for name, source in claims:
            first = taken.get(name)
            if first is not None:
                raise BuilderError(f"{first} and {source} would both write {name}; "
                                   "give them different ids or versions")
            taken[name] = source
        self.sources = taken
        return [self.folder / name for name, _ in claims]

    def release(self, names: Sequence[str]) -> None:
        """Give up claims whose files were not written after all."""
        for name in names:
            self.sources.pop(name, None)

    def open(self) -> None:
        """Create the folder if needed, remove stale temp files, and check a file can be created in it."""
        if self.opened:
            return
        try:
            if not self.folder.is_dir():
                try:
                    self.folder.mkdir(parents=True)
                    self.created = True
                except FileExistsError:  # another build made it in the meantime
                    if not self.folder.is_dir():
                        raise
            self.swept = sweep_stale(self.folder)
            probe, out = _create(self.folder / ".probe")
            out.close()
            probe.unlink()
        except OSError as err:
            raise BuilderError(f"cannot write to {self.folder}: {err.strerror or err} \u2014 {FIX}") from err
        self.opened = True

    def stage_zip(self, name: str, contents: Mapping[str, Content]) -> Staged:
        self.open()
        return stage(self.folder / name, contents)

    def stage_bytes(self, name: str, data: bytes) -> Staged:
        self.open()
        return stage(self.folder / name, data)

    def write_bytes(self, name: str, data: bytes) -> Path:
        staged = self.stage_bytes(name, data)
        commit([staged])
        return staged.target

    def commit(self, staged: Sequence[Staged]) -> None:
        commit(staged)

    def remove_if_empty_and_new(self) -> None:
        """After a failed build: the folder goes again if this build created it and nothing is in it."""
        try:
            if self.created and self.folder.is_dir() and not any(self.folder.iterdir()):
                self.folder.rmdir()
        except OSError:  # pragma: no cover - someone else is writing there too
            pass
