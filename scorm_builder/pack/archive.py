"""Stage 5: a deterministic zip, written atomically (temp file in the same folder, then rename)."""
from __future__ import annotations

import os
import tempfile
import time
import zipfile
from pathlib import Path

DEFAULT_EPOCH = 1577836800  # 2020-01-01T00:00:00Z, when SOURCE_DATE_EPOCH is not set
ZIP_MIN_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def build_time() -> tuple[int, int, int, int, int, int]:
    """The timestamp every entry gets: SOURCE_DATE_EPOCH if set, else a fixed date."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = int(raw) if raw.strip().isdigit() else DEFAULT_EPOCH
    return time.gmtime(max(epoch, ZIP_MIN_EPOCH))[:6]


def zip_bytes_to(files: dict[str, bytes], target: Path) -> None:
    """Write ``files`` as a zip at ``target``: sorted entries, fixed times and modes.

    The zip is written to a temporary file beside ``target`` and renamed over it only
    when complete, so ``target`` is either the old package or the new one, never half.
    """
    tmp = write_temp_zip(files, target)
    try:
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_temp_zip(files: dict[str, bytes], target: Path) -> Path:
    """The complete zip in a temporary file beside ``target`` (same folder, so the rename is atomic).

    The caller renames it over ``target`` with ``os.replace``; on any failure here no file is left.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = build_time()
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o100644 & 0xFFFF) << 16
                info.create_system = 3  # unix, so the mode above is read
                zf.writestr(info, files[name])
        os.chmod(tmp, 0o644)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp
