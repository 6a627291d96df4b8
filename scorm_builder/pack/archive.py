"""Stage 5: the deterministic zip of one package, each identical entry compressed once per process."""
from __future__ import annotations

import os
import stat
import time
import zipfile
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any, BinaryIO, Mapping, Union

from scorm_builder.course.record import record
from scorm_builder.errors import BuilderError

DEFAULT_EPOCH = 1577836800  # 2020-01-01T00:00:00Z, when SOURCE_DATE_EPOCH is not set
ZIP_MIN_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold
ZIP_MAX_EPOCH = 4354819199  # 2107-12-31T23:59:59Z, the latest (the year is 7 bits from 1980)
CHUNK = 1024 * 1024  # bytes read from an asset at a time
CACHE_ENTRY_MAX = 8 * 1024 * 1024  # entries up to this size keep their compressed bytes for reuse
CACHE_TOTAL_MAX = 32 * 1024 * 1024  # bytes of content + compressed data the cache may hold
CHECKPOINT = 16 * 1024  # the finest step between compressor snapshots of an entry
SNAPSHOTS_MAX = 16  # snapshots per entry, about 270 KB each
SNAPSHOT_MIN = 64 * 1024  # smaller entries are compressed whole each time (too cheap to resume)
SNAPSHOT_NAMES = 2  # entry names whose last content keeps its snapshots
FILE_MODE = (0o100644 & 0xFFFF) << 16  # a regular file, rw-r--r--


@record
class SourceFile:
    """An asset copied from disk into the package, read in chunks when the zip is written."""

    path: Path
    size: int  # from stat when the package was planned, before any byte is read


Content = Union[bytes, SourceFile]


def build_time() -> tuple[int, int, int, int, int, int]:
    """The timestamp every entry gets: SOURCE_DATE_EPOCH if set, else a fixed date.

    Before 1980 is clamped to 1980-01-01 (a zip can't hold it; 0 and 1 are common "unknown"
    values); after 2107 is an error, as such a value is almost always milliseconds, not seconds.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = int(raw) if raw.strip().isdigit() else DEFAULT_EPOCH
    if epoch > ZIP_MAX_EPOCH:
        raise BuilderError(f"SOURCE_DATE_EPOCH={raw.strip()} is after 2107-12-31 23:59:59 UTC, the last time a zip "
                           f"entry can hold (expected seconds since 1970, at most {ZIP_MAX_EPOCH}) \u2014 give the "
                           "time in seconds, not milliseconds, or unset it to use 2020-01-01")
    return time.gmtime(max(epoch, ZIP_MIN_EPOCH))[:6]


@record
class Deflated:
    """One entry's data as a zip stores it: raw deflate stream, CRC-32 and uncompressed size."""

    data: bytes
    crc: int
    size: int


def _compressor():
    # exactly what zipfile uses for ZIP_DEFLATED (level -1 is zlib's default, 6), so the
    # bytes are those of ZipFile.writestr
    return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)


class DeflateCache:
    """Compressed entries by content, for one process: the player files of a batch are compressed once.

    Deflate's output does not depend on how its input is split, so a large entry that starts like
    the last one of its name (index.html for a company's second standard) resumes from a snapshot
    of the compressor at the last shared boundary: the same bytes for a fraction of the work.
    """

    def __init__(self, total_max: int = CACHE_TOTAL_MAX):
        self.total_max, self.held = total_max, 0
        self.done: OrderedDict[object, Deflated] = OrderedDict()  # content bytes or a file's identity
        self.snapshots: OrderedDict[str, tuple[bytes, list[_Snapshot]]] = OrderedDict()

    def deflate(self, name: str, content: bytes) -> Deflated:
        found = self.done.get(content)
        if found is not None:
            self.done.move_to_end(content)
            return found
        found = self._compress(name, content)
        self._keep(content, found, len(content))
        return found

    def deflate_file(self, source: SourceFile, fd: int, info: os.stat_result) -> Deflated:
        """A small asset, read from ``fd`` in chunks; reused while the file is unchanged."""
        key = (str(source.path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        found = self.done.get(key)
        if found is not None:
            self.done.move_to_end(key)
            return found
        comp, crc, out = _compressor(), 0, []
        for chunk in _chunks(fd, source):
            out.append(comp.compress(chunk))
            crc = zlib.crc32(chunk, crc)
        out.append(comp.flush())
        found = Deflated(b"".join(out), crc, source.size)
        self._keep(key, found, 0)
        return found

    def _compress(self, name: str, content: bytes) -> Deflated:
        previous, kept = self.snapshots.pop(name, (b"", []))
        resume = next((s for s in reversed(kept) if content[:s.offset] == previous[:s.offset]), None)
        if resume is None:
            start, comp, crc, out = 0, _compressor(), 0, []
        else:
            start, comp, crc, out = resume.offset, resume.compressor.copy(), resume.crc, [resume.out]
        kept = [s for s in kept if s.offset <= start]
        step = max(CHECKPOINT, len(content) // SNAPSHOTS_MAX + 1)
        for offset in range(start, len(content), step):
            piece = content[offset:offset + step]
            out.append(comp.compress(piece))
            crc = zlib.crc32(piece, crc)
            if len(content) >= SNAPSHOT_MIN and offset + step < len(content):
                kept.append(_Snapshot(offset + step, comp.copy(), crc, b"".join(out)))
        out.append(comp.flush())
        if kept:
            self.snapshots[name] = (content, kept)
            while len(self.snapshots) > SNAPSHOT_NAMES:
                self.snapshots.popitem(last=False)
        return Deflated(b"".join(out), crc, len(content))

    def _keep(self, key: object, deflated: Deflated, key_size: int) -> None:
        if deflated.size > CACHE_ENTRY_MAX:
            return
        self.done[key] = deflated
        self.held += key_size + len(deflated.data)
        while self.held > self.total_max:
            old, gone = self.done.popitem(last=False)
            self.held -= (len(old) if isinstance(old, bytes) else 0) + len(gone.data)


@record
class _Snapshot:
    offset: int  # bytes of the entry fed to the compressor
    compressor: Any  # a zlib compressor in that state (copied before use)
    crc: int  # CRC-32 of those bytes
    out: bytes  # what the compressor gave for them


CACHE = DeflateCache()


def write_zip(fp: BinaryIO, contents: Mapping[str, Content], cache: DeflateCache = CACHE) -> None:
    """The zip of ``contents`` into the seekable binary file ``fp``: sorted entries, fixed times and modes.

    The bytes are what ``ZipFile.writestr`` of every entry gives; assets are read in chunks.
    """
    stamp = build_time()
    with zipfile.ZipFile(fp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(contents):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = FILE_MODE
            info.create_system = 3  # unix, so the mode above is read
            content = contents[name]
            if isinstance(content, SourceFile):
                _write_file(zf, info, content, cache)
            else:
                _write_deflated(zf, info, cache.deflate(name, content))


def _write_deflated(zf: zipfile.ZipFile, info: zipfile.ZipInfo, deflated: Deflated) -> None:
    """Add an entry whose data is already compressed, as ZipFile.writestr would have written it.

    zipfile has no public call for this; it is what ZipFile.mkdir does for a directory entry
    (header at start_dir, then the entry recorded for the central directory), plus the data.
    """
    info.file_size, info.compress_size, info.CRC = deflated.size, len(deflated.data), deflated.crc
    info.flag_bits = 0
    zf.fp.seek(zf.start_dir)
    info.header_offset = zf.fp.tell()
    zf.fp.write(info.FileHeader(False))
    zf.fp.write(deflated.data)
    zf.start_dir = zf.fp.tell()
    zf.filelist.append(info)
    zf.NameToInfo[info.filename] = info
    zf._didModify = True  # noqa: SLF001 -- what mkdir sets, so close() writes the central directory


def _write_file(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: SourceFile, cache: DeflateCache) -> None:
    """An asset: opened without blocking (a FIFO never hangs the build), checked, streamed in chunks."""
    try:
        fd = os.open(source.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise AssetReadError(source, err.strerror or str(err)) from err
    try:
        stats = os.fstat(fd)
        if not stat.S_ISREG(stats.st_mode):
            raise AssetReadError(source, "not a regular file")
        if stats.st_size != source.size:
            raise AssetReadError(source, f"it changed size since the build started ({source.size} bytes, "
                                         f"now {stats.st_size})")
        os.set_blocking(fd, True)
        if source.size <= CACHE_ENTRY_MAX:
            _write_deflated(zf, info, cache.deflate_file(source, fd, stats))
            return
        info.file_size = source.size  # as writestr sets it: decides ZIP64 the same way
        with zf.open(info, "w") as dest:
            for chunk in _chunks(fd, source):
                dest.write(chunk)
    finally:
        os.close(fd)


def _chunks(fd: int, source: SourceFile):
    """The file's bytes in chunks, and an error if there are more or fewer than planned."""
    left = source.size
    while True:
        try:
            chunk = os.read(fd, min(CHUNK, left) if left > 0 else 1)
        except OSError as err:
            raise AssetReadError(source, err.strerror or str(err)) from err
        if not chunk:
            break
        left -= len(chunk)
        if left < 0:
            raise AssetReadError(source, f"it grew while being read (expected {source.size} bytes)")
        yield chunk
    if left:
        raise AssetReadError(source, f"it shrank while being read (expected {source.size} bytes)")


class AssetReadError(BuilderError):
    """An asset could not be read when the zip was written (it was fine when the course was checked)."""

    def __init__(self, source: SourceFile, why: str):
        super().__init__(f"cannot read {source.path}: {why} \u2014 check the file and build again")
