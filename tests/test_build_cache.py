"""The caches a build keeps between processes: Jinja's compiled templates and the Markdown memo."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from repo import REPO
from test_markdown_plain import parsed_by_markdown_it

from scorm_builder.render import markdown_memo, template_cache
from scorm_builder.render.markdown_memo import Memo

COURSE = REPO / "courses" / "empathy-essentials"
BUILD = ("import sys; from scorm_builder.cli import main\n"
         "try: main(['build', sys.argv[1], '-o', sys.argv[2], '-s', 'scorm12'])\n"
         "except SystemExit as e: code = e.code\n"
         "print('markdown_it' in sys.modules, code)")


def build(cache: str, out: Path) -> tuple[str, bytes]:
    env = {**os.environ, "SCORM_BUILDER_CACHE_DIR": cache}
    done = subprocess.run([sys.executable, "-c", BUILD, str(COURSE), str(out)], capture_output=True, text=True,
                          env=env, cwd=REPO, check=True)
    return done.stdout.splitlines()[-1], (out / "empathy-essentials-1.0.0-scorm12.zip").read_bytes()


def memo_file(cache: Path) -> Path:
    found = sorted(cache.glob("markdown-*.json"))
    assert len(found) == 1, found
    return found[0]


def test_a_rebuild_reads_the_memo_and_writes_the_same_bytes(tmp_path):
    cache = tmp_path / "cache"
    first, zip_first = build(str(cache), tmp_path / "a")
    second, zip_second = build(str(cache), tmp_path / "b")
    assert (first, second) == ("True 0", "False 0")  # the second build never imports markdown-it
    assert zip_second == zip_first
    entries = json.loads(memo_file(cache).read_text(encoding="utf-8"))
    assert len(entries) > 20  # the course's texts with Markdown marks (plain one-line texts skip the parser)
    wrong = {text: got for text, got in entries.items() if parsed_by_markdown_it(text) != (got[0], tuple(got[1]))}
    assert wrong == {}
    assert sorted(p.name for p in (cache / "jinja-" f"{__import__('jinja2').__version__}").iterdir())[0].startswith("__jinja2_")
    assert oct(cache.stat().st_mode & 0o777) == "0o700"


def test_a_broken_memo_is_ignored_and_replaced(tmp_path):
    cache = tmp_path / "cache"
    _, expected = build(str(cache), tmp_path / "a")
    memo = memo_file(cache)
    for broken in (b"{not json", b'["a list"]', json.dumps({"text": ["<p>x</p>", [1]]}).encode(), b"\xff\xfe"):
        memo.write_bytes(broken)
        said, got = build(str(cache), tmp_path / "b")
        assert (said, got == expected) == ("True 0", True)
        assert json.loads(memo.read_text(encoding="utf-8"))  # written again, whole


def test_no_cache_when_the_folder_is_off_or_unwritable(tmp_path):
    off, zip_off = build("", tmp_path / "a")
    assert off == "True 0" and not list(tmp_path.glob("**/markdown-*.json"))
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    said, zip_blocked = build(str(blocked), tmp_path / "b")
    assert (said, zip_blocked == zip_off) == ("True 0", True)


def test_the_memo_name_follows_the_renderer_and_markdown_it(monkeypatch, tmp_path):
    monkeypatch.setenv("SCORM_BUILDER_CACHE_DIR", str(tmp_path))
    origin = importlib.util.find_spec("markdown_it").origin
    renderer = Path(markdown_memo.__file__).with_name("markdown.py").read_bytes()
    key = hashlib.sha256(renderer + Path(origin).read_bytes()).hexdigest()[:16]
    assert markdown_memo.memo_path() == tmp_path / f"markdown-{key}.json"
    assert template_cache.cache_base() == tmp_path
    monkeypatch.setenv("SCORM_BUILDER_CACHE_DIR", " ")
    assert (markdown_memo.memo_path(), template_cache.bytecode_cache()) == (None, None)


def test_a_memo_too_big_keeps_only_this_builds_texts(monkeypatch, tmp_path):
    path = tmp_path / "markdown-x.json"
    path.write_text(json.dumps({"old " * 50: ["<p>old</p>", []]}), encoding="utf-8")
    assert Memo(path).get("old " * 50) == ("<p>old</p>", ())
    memo = Memo(path)
    memo.add("**new**", ("<p><strong>new</strong></p>", ()))
    monkeypatch.setattr(markdown_memo, "MAX_BYTES", 100)
    memo.save()
    assert json.loads(path.read_text(encoding="utf-8")) == {"**new**": ["<p><strong>new</strong></p>", []]}
    assert Memo(path).get("old " * 50) is None


VALIDATE = ("import sys; from scorm_builder.cli import main\n"
            "try: main(['validate', sys.argv[1]])\n"
            "except SystemExit as e: print('exit', e.code)")


def validate(cache: str, course: Path) -> str:
    env = {**os.environ, "SCORM_BUILDER_CACHE_DIR": cache}
    done = subprocess.run([sys.executable, "-c", VALIDATE, str(course)], capture_output=True, text=True, env=env,
                          cwd=REPO, check=True)
    return done.stdout + done.stderr


def test_a_parsed_file_is_read_back_with_the_same_positions_and_messages(tmp_path):
    shutil.copytree(COURSE.parent, tmp_path / "courses")  # with the shared files it includes
    course = tmp_path / "courses" / COURSE.name
    (course / "course.yaml").write_text((course / "course.yaml").read_text(encoding="utf-8").replace(
        "\ntitle:", "\ntitel: typo\ntitle:", 1), encoding="utf-8")
    cache = tmp_path / "cache"
    off, first, second = validate("", course), validate(str(cache), course), validate(str(cache), course)
    assert "titel" in off and "exit 1" in off
    assert first == off and second == off  # a cached tree gives the same message at the same line:column
    entries = sorted(cache.glob("yaml-*/*.pickle"))
    assert len(entries) > 10  # the course file and the shared files it includes
    for entry in entries:
        entry.write_bytes(b"not a pickle")
    assert validate(str(cache), course) == off


def test_a_cached_file_still_counts_against_the_course_limits(tmp_path, monkeypatch):
    from scorm_builder.source import limits, loader, tree_cache

    monkeypatch.setenv("SCORM_BUILDER_CACHE_DIR", str(tmp_path / "cache"))
    tree_cache._folder.cache_clear()
    path = tmp_path / "course.yaml"
    path.write_text("id: x\ntitle: y\nitems: [1, 2, 3]\n", encoding="utf-8")
    loader.clear_cache()
    fresh = loader.load_yaml(path)
    loader.clear_cache()
    budget = limits.Budget()
    again = loader.load_yaml(path, budget=budget)
    assert (again, again.val_pos, again["items"].item_pos) == (fresh, fresh.val_pos, fresh["items"].item_pos)
    assert budget.used == fresh.loaded and fresh.loaded.values > 0
    tree_cache._folder.cache_clear()
