"""Asset files on disk (course/asset_files.py): link loops, unreadable files, sizes, all before reading."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from scorm_builder.course.asset_files import AssetProblem, inspect_asset, package_limit, resolve_asset, size_text
from scorm_builder.errors import BuilderError

MB = 1024 * 1024
LOOP = AssetProblem("asset-symlink-loop", "the asset 'assets/loop.png' is a symbolic link that leads back to "
                    "itself (a link loop)", "replace the link with the file it should point at")


@pytest.fixture(autouse=True)
def _no_limit_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCORM_BUILDER_MAX_PACKAGE_MB", raising=False)


def sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def test_a_link_to_itself_is_a_loop_not_a_runtime_error(tmp_path: Path) -> None:
    (tmp_path / "loop.png").symlink_to("loop.png")
    assert resolve_asset(tmp_path / "loop.png", "assets/loop.png") == LOOP


def test_two_links_to_each_other_are_a_loop(tmp_path: Path) -> None:
    (tmp_path / "loop.png").symlink_to("other.png")
    (tmp_path / "other.png").symlink_to("loop.png")
    assert resolve_asset(tmp_path / "loop.png", "assets/loop.png") == LOOP


def test_a_dangling_link_and_a_good_link(tmp_path: Path) -> None:
    (tmp_path / "gone.png").symlink_to("nowhere.png")
    assert resolve_asset(tmp_path / "gone.png", "assets/gone.png") == AssetProblem(
        "asset-not-found", "the asset 'assets/gone.png' is a link to a file that does not exist",
        "point the link at an existing file, or put the file itself there")
    (tmp_path / "real.png").write_bytes(b"png")
    (tmp_path / "link.png").symlink_to("real.png")
    assert resolve_asset(tmp_path / "link.png", "assets/link.png") == (tmp_path / "real.png").resolve()


def test_a_file_that_fits(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"x" * 1000)
    assert inspect_asset(tmp_path / "a.png", "assets/a.png") == (1000, None)


@pytest.mark.parametrize(("make", "kind"), [
    (os.mkfifo, "a named pipe (FIFO)"),
    (os.mkdir, "a folder"),  # a folder named like a file
])
def test_what_is_not_a_regular_file(make, kind: str, tmp_path: Path) -> None:
    """Checked from a stat: opening a FIFO to read it would block the build forever."""
    make(tmp_path / "x.png")
    assert inspect_asset(tmp_path / "x.png", "assets/x.png") == (0, AssetProblem(
        "asset-not-a-file", f"the asset 'assets/x.png' is {kind} (expected a file)", "point at a regular file"))


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests run as root, who can read any mode: the refusal is the kernel's answer to open()."""
    target = tmp_path / "locked.png"
    target.write_bytes(b"png")
    real_open = os.open

    def deny(path, flags, *args, **kwargs):
        if Path(path) == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    assert inspect_asset(target, "assets/locked.png") == (3, AssetProblem(
        "asset-unreadable", "the asset 'assets/locked.png' cannot be read (Permission denied)",
        "let the user running the build read the file (e.g. chmod a+r), or replace it"))


def test_a_9_gb_file_is_refused_from_its_size_alone(tmp_path: Path) -> None:
    huge = sparse(tmp_path / "huge.png", 9 * 1024 * MB)
    assert inspect_asset(huge, "assets/huge.png") == (9 * 1024 * MB, AssetProblem(
        "asset-too-large", "the asset 'assets/huge.png' is 9.0 GB, above the 1.0 GB a package may hold",
        "keep large media out of the package (link to a video host), or raise the limit with "
        "SCORM_BUILDER_MAX_PACKAGE_MB=<megabytes>"))


def test_the_limit_is_set_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = sparse(tmp_path / "big.png", 3 * 1024 * MB)
    assert package_limit() == 1024 * MB
    monkeypatch.setenv("SCORM_BUILDER_MAX_PACKAGE_MB", "4096")
    assert package_limit() == 4096 * MB
    assert inspect_asset(big, "assets/big.png") == (3 * 1024 * MB, None)
    assert inspect_asset(big, "assets/big.png", limit=2 * 1024 * MB)[1].rule == "asset-too-large"


@pytest.mark.parametrize("value", ["0", "-5", "1.5", "lots"])
def test_a_wrong_limit_is_a_message(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORM_BUILDER_MAX_PACKAGE_MB", value)
    with pytest.raises(BuilderError) as info:
        package_limit()
    assert info.value.message == (f"SCORM_BUILDER_MAX_PACKAGE_MB={value!r} is not a whole number of megabytes "
                                  "above 0 (expected e.g. 2048) \u2014 set it to the largest package size in MB, "
                                  "or unset it for 1024")


def test_size_text() -> None:
    assert [size_text(n) for n in (12 * 1024, 62 * MB, 1536 * MB)] == ["12 KB", "62.0 MB", "1.5 GB"]
