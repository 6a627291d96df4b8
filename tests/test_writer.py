"""The one writer (pack/writer.py) and its zips (pack/archive.py): temp names, stale temps, bytes as before."""
from __future__ import annotations

import errno
import io
import os
import random
import re
import signal
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from scorm_builder.errors import BuilderError
from scorm_builder.pack import archive
from scorm_builder.pack.archive import DeflateCache, SourceFile, build_time, write_zip
from scorm_builder.pack.writer import OutputFolder, commit, stage, sweep_stale, temp_path, write_file

REPO = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
HOUR = 3600


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SOURCE_DATE_EPOCH", "SCORM_BUILDER_SCHEMAS", "SCORM_BUILDER_MAX_PACKAGE_MB"):
        monkeypatch.delenv(name, raising=False)


def names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def dead_pid() -> int:
    """The pid of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def deny_creating_in(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The kernel refuses new files in ``folder``, as for a read-only folder (root ignores modes)."""
    real = os.open

    def refuse(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(os.path.abspath(path)).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)


# -- temp names and renames ---------------------------------------------------------------------------

def test_temp_names_are_unique_to_the_process_and_the_call(tmp_path: Path) -> None:
    first, second = temp_path(tmp_path / "a.zip"), temp_path(tmp_path / "a.zip")
    assert re.fullmatch(rf"\.a\.zip\.{os.getpid()}\.[0-9a-f]{{8}}\.tmp", first.name)
    assert first != second and first.parent == tmp_path


def test_stage_then_commit(tmp_path: Path) -> None:
    staged = stage(tmp_path / "report.json", b"{}\n")
    assert names(tmp_path) == [staged.temp.name]
    assert (staged.size, staged.sha256[:12]) == (3, "ca3d163bab05")
    commit([staged])
    assert names(tmp_path) == ["report.json"]
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == 0o644


def test_write_file_for_the_outline(tmp_path: Path) -> None:
    path = write_file(tmp_path / "review" / "outline.md", "# Outline\n")
    assert path.read_text() == "# Outline\n" and names(path.parent) == ["outline.md"]
    write_file(path, "# Again\n")
    assert path.read_text() == "# Again\n" and names(path.parent) == ["outline.md"]
    (tmp_path / "taken").mkdir()
    with pytest.raises(BuilderError) as info:
        write_file(tmp_path / "taken", "x")
    assert info.value.message == f"cannot write {tmp_path / 'taken'}: Is a directory"
    assert names(tmp_path) == ["review", "taken"]


def test_a_name_is_claimed_once(tmp_path: Path) -> None:
    out = OutputFolder(tmp_path / "out")
    out.claim("a.zip", "courses/a/course.yaml")
    with pytest.raises(BuilderError) as info:
        out.claim_all([("b.zip", "courses/b/course.yaml"), ("a.zip", "courses/b/course.yaml")])
    assert info.value.message == ("courses/a/course.yaml and courses/b/course.yaml would both write a.zip; "
                                  "give them different ids or versions")
    assert out.claim("b.zip", "courses/c/course.yaml") == tmp_path / "out" / "b.zip"  # nothing was claimed above
    assert not (tmp_path / "out").exists()


def test_a_read_only_output_folder_is_a_message(demo_course: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from scorm_builder.cli import main

    out = tmp_path / "out"
    out.mkdir()
    deny_creating_in(monkeypatch, out)
    result = CliRunner().invoke(main, ["build", str(demo_course), "-o", str(out)])
    assert (result.exit_code, result.output) == (1, f"Error: cannot write to {out}: Permission denied \u2014 "
                                                    "choose another folder with -o, or make this one writable\n")
    assert names(out) == []


# -- stale temp files -----------------------------------------------------------------------------------

def test_stale_temp_files_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    dead, now = dead_pid(), time.time()
    files = {
        f".a.zip.{dead}.0123abcd.tmp": now,  # its build was killed: removed
        f".a.zip.{os.getpid()}.0123abcd.tmp": now,  # a build running now: kept
        f".b.zip.{os.getpid()}.89abcdef.tmp": now - 25 * HOUR,  # a day old, whatever the pid: removed
        ".c.zip.k3x_9q2z.tmp": now - 25 * HOUR,  # left by a build before this writer, old: removed
        ".c.zip.m1n2b3v4.tmp": now,  # the same, recent: kept
        ".build-report.json.tmp": now - 25 * HOUR,  # the old report temp: removed
        f".notes.{dead}.txt": now,  # not a temp name: kept
        "a.zip": now - 25 * HOUR,  # a package: kept
    }
    for name, mtime in files.items():
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (mtime, mtime))
    (tmp_path / f".d.zip.{dead}.00000000.tmp").symlink_to("a.zip")  # not a regular file: kept
    assert sweep_stale(tmp_path) == sorted(tmp_path / n for n in (
        f".a.zip.{dead}.0123abcd.tmp", f".b.zip.{os.getpid()}.89abcdef.tmp", ".c.zip.k3x_9q2z.tmp",
        ".build-report.json.tmp"))
    assert names(tmp_path) == sorted([f".a.zip.{os.getpid()}.0123abcd.tmp", ".c.zip.m1n2b3v4.tmp",
                                      f".d.zip.{dead}.00000000.tmp", f".notes.{dead}.txt", "a.zip"])


def test_a_build_removes_the_temp_file_a_killed_build_left(demo_course: Path, tmp_path: Path) -> None:
    from scorm_builder.pack.pipeline import build

    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".demo-course-1.0.0-scorm12.zip.{dead_pid()}.5e1f0c2a.tmp"
    with open(stale, "wb") as f:
        f.truncate(46 * MB)
    build([demo_course], ["scorm12"], out)
    assert names(out) == ["demo-course-1.0.0-scorm12.zip"]


def test_kill_9_mid_write_leaves_a_temp_file_the_next_build_removes(demo_course: Path, tmp_path: Path) -> None:
    """A real `kill -9` while a 256 MB asset streams into the zip, then a build into the same folder."""
    import shutil

    course = shutil.copytree(demo_course, tmp_path / "pictured")
    text = (course / "course.yaml").read_text(encoding="utf-8")
    (course / "course.yaml").write_text(text.replace("        callout:\n", "        image:\n          src: "
                                                     "assets/film.png\n          alt: A film\n        callout:\n", 1))
    (course / "assets").mkdir(exist_ok=True)
    with open(course / "assets" / "film.png", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.truncate(256 * MB)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-m", "scorm_builder", "build", str(course), "-s", "scorm12", "-o",
                              str(out)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        temp = f".demo-course-1.0.0-scorm12.zip.{child.pid}."
        deadline = time.monotonic() + 120
        while not (out.is_dir() and any(n.startswith(temp) for n in os.listdir(out))):
            assert child.poll() is None and time.monotonic() < deadline, "the build ended before it was killed"
            time.sleep(0.01)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    (left,) = names(out)
    assert left.startswith(temp) and left.endswith(".tmp")
    from scorm_builder.pack.pipeline import build

    build([demo_course], ["scorm12"], out)
    assert names(out) == ["demo-course-1.0.0-scorm12.zip"]


# -- the zip's bytes --------------------------------------------------------------------------------------

def reference_zip(files: dict[str, bytes]) -> bytes:
    """How packages were written before the one writer: ZipFile.writestr of every entry."""
    buf, stamp = io.BytesIO(), build_time()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100644 & 0xFFFF) << 16
            info.create_system = 3
            zf.writestr(info, files[name])
    return buf.getvalue()


def zipped(entries, cache: DeflateCache) -> bytes:
    buf = io.BytesIO()
    write_zip(buf, entries, cache)
    return buf.getvalue()


@pytest.mark.parametrize("stream_above", [archive.CACHE_ENTRY_MAX, 1024])  # assets cached / streamed
def test_zips_are_byte_identical_to_writestr(stream_above: int, demo_course: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from scorm_builder.course.model import Asset
    from scorm_builder.course.record import replace
    from scorm_builder.load import load_course
    from scorm_builder.pack.plan import plan

    monkeypatch.setattr(archive, "CACHE_ENTRY_MAX", stream_above)
    rnd = random.Random(3)
    for name, size in (("photo.png", 300_000), ("empty.png", 0), ("note.txt", 5_000)):
        (tmp_path / name).write_bytes(rnd.randbytes(size // 2) + b"text " * (size // 10))
    course = load_course(demo_course)
    course = replace(course, assets=tuple(Asset(tmp_path / n, f"assets/{n}") for n in ("photo.png", "empty.png",
                                                                                       "note.txt")))
    cache = DeflateCache()
    for standard in ("scorm12", "scorm2004-3", "scorm2004-4", "scorm12"):
        planned = plan(course, standard)
        assert any(isinstance(c, SourceFile) for c in planned.entries.values())
        assert zipped(planned.entries, cache) == reference_zip(dict(planned.files)), standard


def test_an_entry_resumes_from_the_last_one_of_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """index.html for a company's second standard shares most of its start with the first."""
    rnd = random.Random(5)
    words = [rnd.choice(["learner", "empathy", "score", '"id": ', "{", "}", "\n"]) for _ in range(60_000)]
    first = " ".join(words).encode()
    second = first[:150_000] + b"the other standard" + first[150_000:]
    cache = DeflateCache()
    assert cache.deflate("index.html", first).data == zlib.compress(first, 6, -15)
    monkeypatch.setattr(archive, "_compressor", lambda: pytest.fail("compressed from the start again"))
    got = cache.deflate("index.html", second)
    assert (got.data, got.crc, got.size) == (zlib.compress(second, 6, -15), zlib.crc32(second), len(second))


def test_identical_content_is_compressed_once_and_the_cache_is_bounded() -> None:
    cache = DeflateCache(total_max=300_000)
    player = b"function play() {}\n" * 5000
    assert cache.deflate("player/player.js", player) is cache.deflate("other/name.js", player)
    for i in range(20):
        cache.deflate(f"page{i}.html", bytes([i]) * 50_000)
    assert cache.held <= 300_000
    assert player not in cache.done


def test_streaming_keeps_memory_flat(tmp_path: Path) -> None:
    """A 64 MB asset zipped under an address-space limit of 24 MB above what Python needs; reading it
    whole (as before) would be a MemoryError."""
    asset = tmp_path / "film.png"
    with open(asset, "wb") as f:
        f.truncate(64 * MB)
    script = f"""
import resource, sys
from pathlib import Path
from scorm_builder.pack.archive import SourceFile
from scorm_builder.pack.writer import stage
used = int(next(l for l in open("/proc/self/status") if l.startswith("VmSize")).split()[1]) * 1024
resource.setrlimit(resource.RLIMIT_AS, (used + 24 * 2**20, resource.RLIM_INFINITY))
try:
    Path({str(asset)!r}).read_bytes()
    sys.exit("read whole")
except MemoryError:
    pass
staged = stage(Path({str(tmp_path / 'film.zip')!r}), {{"assets/film.png": SourceFile(Path({str(asset)!r}), {64 * MB})}})
print(staged.size)
"""
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(next(tmp_path.glob(".film.zip.*.tmp"))) as zf:
        info = zf.getinfo("assets/film.png")
    assert (info.file_size, info.CRC) == (64 * MB, zlib.crc32(bytes(64 * MB)))
