"""The wheel: it carries the default theme, installs into a fresh venv, and that install builds a course."""
from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from repo import REPO

from scorm_builder.load import load_course
from scorm_builder.render.player_css import for_package
from scorm_builder.render.player_js import package_features, player_script


def _can_build_without_isolation() -> bool:
    """Build offline with the installed setuptools when it meets pyproject's build requirement."""
    try:
        version = tuple(int(x) for x in metadata.version("setuptools").split(".")[:2])
    except (metadata.PackageNotFoundError, ValueError):
        return False
    if version < (68, 0):
        return False
    if version >= (70, 1):  # bdist_wheel moved into setuptools
        return True
    try:
        metadata.version("wheel")
        return True
    except metadata.PackageNotFoundError:
        return False


def run(args: list, cwd: Path, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SCORM_BUILDER_SCHEMAS")}
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env,
                            timeout=600, **kw)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    isolation = ["--no-isolation"] if _can_build_without_isolation() else []
    run([sys.executable, "-m", "build", "--wheel", *isolation, "--outdir", out, REPO], cwd=out)
    wheels = list(out.glob("scorm_builder-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed, not the repo.

    The dependencies come from the environment running the tests (which may itself be a venv,
    so --system-site-packages would not see them): a .pth file lists its site-packages folders as
    plain paths, which adds their modules without running their .pth files, so the checkout's
    editable install stays invisible.
    """
    base = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", base / "env"], cwd=base)
    py = base / "env" / "bin" / "python"
    site = Path(run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=base).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "test-dependencies.pth").write_text("".join(f"{path}\n" for path in sorted(ours)), encoding="utf-8")
    run([py, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", "--quiet", wheel], cwd=base)
    return base / "env"


def test_wheel_carries_the_default_theme(wheel: Path) -> None:
    tracked = subprocess.run(["git", "ls-files", "templates"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.split()
    assert tracked, "no tracked templates"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for path in tracked:
            inside = "scorm_builder/" + path
            assert inside in names, inside
            assert zf.read(inside) == (REPO / path).read_bytes(), inside
    assert not [n for n in names if n.lower().endswith((".xsd", ".dtd"))]
    assert not [n for n in names if n.startswith(("tests/", "courses/", "templates/"))]


def test_installed_wheel_builds_a_course(venv: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    py, tool = venv / "bin" / "python", venv / "bin" / "scorm-builder"
    where = run([py, "-c", "import scorm_builder, scorm_builder.render.environment as r; "
                           "print(scorm_builder.__file__); print(r.default_templates_dir())"], cwd=work)
    module_file, templates = (Path(line) for line in where.stdout.splitlines())
    assert module_file.is_relative_to(venv), module_file
    assert templates.is_relative_to(venv), templates
    assert not module_file.is_relative_to(REPO)

    assert run([tool, "new", "demo-course"], cwd=work).stdout.startswith("created courses/demo-course/course.yaml")
    result = run([tool, "build", "courses/demo-course", "-s", "scorm12", "-s", "scorm2004-4"], cwd=work)
    assert [line.split(" (")[0] for line in result.stdout.splitlines()] == [
        "built output/demo-course-1.0.0-scorm12.zip", "built output/demo-course-1.0.0-scorm2004-4.zip"]
    demo = load_course(work / "courses" / "demo-course")
    for name, family in (("demo-course-1.0.0-scorm12.zip", "scorm12"), ("demo-course-1.0.0-scorm2004-4.zip", "scorm2004")):
        with zipfile.ZipFile(work / "output" / name) as zf:
            names = set(zf.namelist())
            assert {"imsmanifest.xml", "index.html", "player/player.js", "player/player.css"} <= names
            assert zf.read("player/player.js") == player_script(features=package_features(demo, family))
            assert zf.read("player/player.css") == for_package((REPO / "templates/player/player.css").read_bytes(),
                                                               package_features(demo, family))
            assert b'<script src="player/player.js"></script>' in zf.read("index.html")


def test_installed_wheel_builds_the_same_bytes_as_the_checkout(venv: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from scorm_builder.pack.pipeline import build
    from scorm_builder.tools.scaffold import scaffold

    course = scaffold("same-bytes", tmp_path / "courses").parent
    env_sde = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    env_sde.pop("SCORM_BUILDER_SCHEMAS", None)
    subprocess.run([venv / "bin" / "scorm-builder", "build", course, "-o", tmp_path / "wheel-out"],
                   cwd=tmp_path, env=env_sde, check=True, capture_output=True, timeout=120)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("SCORM_BUILDER_SCHEMAS", raising=False)
    here = build([course], out_dir=tmp_path / "repo-out")
    assert len(here) == 2
    for b in here:
        assert (tmp_path / "wheel-out" / b.path.name).read_bytes() == b.path.read_bytes(), b.path.name


def test_python_dash_m_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    result = run([venv / "bin" / "python", "-m", "scorm_builder", "--help"], cwd=tmp_path)
    assert result.stdout.startswith("Usage: scorm-builder [OPTIONS] COMMAND [ARGS]...")
