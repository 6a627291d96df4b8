"""Input that expands, nests or can't be encoded: each is one positioned problem naming the limit hit.

Every attack runs the real command in its own process with its time and memory bounded from
outside (``timeout`` and ``RLIMIT_AS``), so a regression shows as a failure, never as a hang
or a machine out of memory.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from repo import REPO

from scorm_builder.source.loader import LoadError, load_text

SECONDS = 5
BIG_INPUT_SECONDS = 20
MEMORY = 1 << 30  # 1 GB of address space for the whole process
HEAD = "id: limits\ntitle: Limits\nlessons:\n  - id: intro\n    title: Intro\n    pages:\n"
PAGE = "      - type: text\n        title: Welcome\n        body: Hello.\n"
DEEP = "lists and mappings nest more than 64 levels deep here (expected at most 64; a course needs about 12)"
DEEP_FIX = "check the indentation and the brackets: something is inside far too many others"


def run_bounded(args: list[str], cwd: Path, seconds: float = SECONDS, memory: int = MEMORY) -> subprocess.CompletedProcess:
    """`scorm-builder ARGS` in its own process, killed after ``seconds`` or at ``memory`` bytes."""
    def bound() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "scorm_builder", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=seconds, preexec_fn=bound, check=False)


def validate(tmp_path: Path, course_yaml: str, *extra: str, files: dict[str, str] | None = None,
             seconds: float = SECONDS) -> list[str]:
    """Write courses/c/course.yaml (and ``files`` beside it), validate it bounded; the lines it printed.

    ``seconds``: more for the inputs of several MB, which take 1-2 s of CPU to read and refuse, so
    that a busy machine does not make the test fail; the old code took minutes on them.
    """
    folder = tmp_path / "courses" / "c"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.yaml").write_text(course_yaml, encoding="utf-8")
    for name, text in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    done = run_bounded(["validate", "courses/c", *extra], tmp_path, seconds)
    assert done.stdout == "" and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 1
    return done.stderr.splitlines()


def test_bounded_run_really_bounds_memory(tmp_path: Path) -> None:
    """The bound the tests rely on: a process that wants 2 GB is stopped."""
    done = subprocess.run([sys.executable, "-c", "x = bytearray(2 << 30)"], capture_output=True, text=True,
                          timeout=SECONDS, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY)))
    assert done.returncode == 1 and done.stderr.endswith("MemoryError\n")


def test_one_big_text_aliased_into_a_thousand_pages(tmp_path: Path) -> None:
    """1 MB anchored once and aliased 1,000 times (a 1 MB file) reached 6.7 GB: now the second alias stops it."""
    pages = "      - type: text\n        title: P0\n        body: &big " + "x" * 1_000_000 + "\n"
    pages += "".join(f"      - {{type: text, title: P{i}, body: *big}}\n" for i in range(1, 1001))
    assert validate(tmp_path, HEAD + pages, seconds=BIG_INPUT_SECONDS) == [
        "courses/c/course.yaml:11:39: lessons[0].pages[2].body: YAML aliases (*name) add more than 1000000 "
        "characters of text to the course (expected at most 1000000; each alias copies everything under its "
        "anchor) \u2014 write the repeated parts out, or use fewer aliases",
        "1 problem found."]


def test_aliases_count_across_the_files_of_a_course(tmp_path: Path) -> None:
    """Each file alone stays under the alias limit; together they pass it, in the file that does."""
    piece = "pages:\n  - type: text\n    title: T\n    body: &b " + "y" * 400_000 + "\n" + \
        "".join(f"  - {{type: text, title: T{i}, body: *b}}\n" for i in range(1, 3))
    course = HEAD + "".join(f"      - include: p{i}.yaml\n" for i in range(2))
    assert validate(tmp_path, course, files={"p0.yaml": piece, "p1.yaml": piece.replace("&b", "&c")
                                             .replace("*b", "*c")}) == [
        "courses/c/p1.yaml:5:35: pages[1].body: YAML aliases (*name) add more than 1000000 characters of text to "
        "the course (expected at most 1000000; each alias copies everything under its anchor) \u2014 write the "
        "repeated parts out, or use fewer aliases",
        "1 problem found."]


def test_alias_bomb_of_values(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    assert validate(tmp_path, HEAD + PAGE + "\n".join(lines) + "\n") == [
        "courses/c/course.yaml:14:36: e[7]: YAML aliases (*name) add more than 100000 values to the course "
        "(expected at most 100000; each alias copies everything under its anchor) \u2014 write the repeated "
        "parts out, or use fewer aliases",
        "1 problem found."]


def test_include_diamond_is_stopped_by_the_include_count(tmp_path: Path) -> None:
    """18 files, each including the next twice (2**17 copies of the last) took 61 s: now a count stops it."""
    files = {f"d/f{i}.yaml": f"pages:\n  - include: f{i + 1}.yaml\n  - include: f{i + 1}.yaml\n" for i in range(17)}
    files["d/f17.yaml"] = "type: text\ntitle: Leaf\nbody: " + "Some text about empathy. " * 40 + "\n"
    assert validate(tmp_path, HEAD + "      - include: d/f0.yaml\n", files=files, seconds=BIG_INPUT_SECONDS) == [
        "courses/c/d/f16.yaml:2:14: pages[0].include: the course includes files more than 10000 times in all "
        "(expected at most 10000; a file that includes another twice doubles the count at each level) \u2014 "
        "include each shared piece once, from the course or the lesson that uses it",
        "1 problem found."]


def test_deep_flow_nesting(tmp_path: Path) -> None:
    """330 levels of [ gave a RecursionError traceback."""
    assert validate(tmp_path, HEAD + PAGE + "deep: " + "[" * 330 + "]" * 330 + "\n") == [
        f"courses/c/course.yaml:10:70: deep{'[0]' * 63}: {DEEP} \u2014 {DEEP_FIX}", "1 problem found."]


def test_deep_block_nesting(tmp_path: Path) -> None:
    """A block list 3,000 levels deep (`- - - ... x`) gave a RecursionError traceback."""
    assert validate(tmp_path, HEAD + PAGE + "deep:\n  " + "- " * 3000 + "x\n") == [
        f"courses/c/course.yaml:11:129: deep{'[0]' * 63}: {DEEP} \u2014 {DEEP_FIX}", "1 problem found."]


def test_deep_nesting_through_includes(tmp_path: Path) -> None:
    """Each file is shallow, but the include puts it 40 levels down: the depth counts both."""
    nest = "x: " + "[" * 30 + "]" * 30 + "\n"
    course = HEAD + "      - type: text\n        title: T\n        body: B\n        x: " + "[" * 40 + \
        "{pages: [{include: p.yaml}]}" + "]" * 40 + "\n"
    assert validate(tmp_path, course, files={"p.yaml": "type: text\ntitle: P\nbody: B\n" + nest}) == [
        "courses/c/course.yaml:10:71: lessons[0].pages[0].x" + "[0]" * 40 + ".pages[0].include: "
        f"{DEEP} \u2014 {DEEP_FIX}", "1 problem found."]


def test_five_thousand_digit_number(tmp_path: Path) -> None:
    """Python refuses to read it (int max str digits): it was a ValueError traceback."""
    assert validate(tmp_path, HEAD + PAGE + "duration_minutes: " + "9" * 5000 + "\n") == [
        "courses/c/course.yaml:10:19: duration_minutes: the number 99999999999999999999\u2026 has more than 100 "
        "digits (expected at most 100) \u2014 put the value in quotes if it is text, or shorten it",
        "1 problem found."]


@pytest.mark.parametrize("merge, got", [("1", "the value 1"), ("[1, 2]", "a list holding the value 1")])
def test_merge_key_with_a_scalar(tmp_path: Path, merge: str, got: str) -> None:
    """pyyaml's own message named '<unicode string>' instead of the file."""
    course = HEAD + "      - type: text\n        title: Welcome\n        body: Hello.\n        <<: " + merge + "\n"
    assert validate(tmp_path, course) == [
        "courses/c/course.yaml:10:13: lessons[0].pages[0].<<: a merge key '<<' takes a mapping or a list of "
        f"mappings (expected '<<: *name' where '&name' marks a mapping, got {got}) \u2014 remove the '<<' line, "
        "or point it at a mapping",
        "1 problem found."]


CHARACTERS = [
    ("\\x01", "0001", "an invisible control character"),
    ("\\0", "0000", "an invisible control character"),
    ("\\x0B", "000B", "an invisible control character"),
    ("\\e", "001B", "an invisible control character"),
    ("\\x7F", "007F", "an invisible control character"),
    ("\\x85", "0085", "an invisible control character"),
    ("\\x9F", "009F", "an invisible control character"),
    ("\\uFFFE", "FFFE", "a noncharacter, reserved by Unicode"),
    ("\\uFDD0", "FDD0", "a noncharacter, reserved by Unicode"),
    ("\\U0010FFFF", "10FFFF", "a noncharacter, reserved by Unicode"),
    ("\\uD800", "D800", "half of a surrogate pair, not a character on its own"),
]
CHARACTER_FIX = ("delete it: in double quotes it comes from an escape such as \\x01, \\0, \\e or \\uFFFE; "
                 "otherwise it was pasted in with the text")


@pytest.mark.parametrize("escape, code, kind", CHARACTERS)
def test_characters_xml_and_html_cannot_hold(tmp_path: Path, escape: str, code: str, kind: str) -> None:
    """They built (exit 0) a manifest that was not well-formed XML; a lone surrogate was a traceback."""
    course = HEAD.replace("title: Limits", f'title: "A{escape}B"') + PAGE
    assert validate(tmp_path, course) == [
        f"courses/c/course.yaml:2:8: title: the text holds U+{code}, {kind} (character 2 of the text), which the "
        f"package's HTML and XML cannot hold \u2014 {CHARACTER_FIX}",
        "1 problem found."]


def test_character_in_a_key(tmp_path: Path) -> None:
    assert validate(tmp_path, HEAD + PAGE + '"x\\x01": 1\n') == [
        "courses/c/course.yaml:10:1: the text holds U+0001, an invisible control character (character 2 of the "
        f"text), which the package's HTML and XML cannot hold \u2014 {CHARACTER_FIX}",
        "1 problem found."]


def test_character_in_a_company_name(tmp_path: Path) -> None:
    (tmp_path / "courses" / "companies").mkdir(parents=True)
    (tmp_path / "courses" / "companies" / "acme.yaml").write_text('id: acme\nname: "Acme\\uD800"\n')
    assert validate(tmp_path, HEAD + PAGE, "--company", "acme") == [
        "courses/companies/acme.yaml:2:7: name: the text holds U+D800, half of a surrogate pair, not a character "
        f"on its own (character 5 of the text), which the package's HTML and XML cannot hold \u2014 {CHARACTER_FIX}",
        "1 problem found."]


def test_a_bad_company_name_fails_its_own_builds_only(tmp_path: Path) -> None:
    """A lone surrogate in one profile aborted the whole batch; now that profile fails and the rest build."""
    companies = tmp_path / "courses" / "companies"
    companies.mkdir(parents=True)
    (companies / "bad.yaml").write_text('id: bad\nname: "Bad\\uD800"\n')
    (companies / "good.yaml").write_text("id: good\nname: Good\n")
    folder = tmp_path / "courses" / "c"
    folder.mkdir()
    (folder / "course.yaml").write_text(HEAD + PAGE)
    done = run_bounded(["build", "courses/c", "--company", "*", "-s", "scorm12", "-j", "1", "-o", "out"], tmp_path,
                       seconds=20)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "courses/companies/bad.yaml:2:7: name: the text holds U+D800" in done.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.zip")) == ["limits-good-1.0.0-scorm12.zip"]


def text_pages(count: int) -> str:
    return "".join(f"""\
      - type: text
        id: page-{n}
        title: Page {n} of a long course
        body: |
          Customers remember **how you made them feel** (page {n}).
          An advisor names the feeling first, then solves the problem.

          - listen to the whole sentence
          - name the feeling in your own words
""" for n in range(count))


def test_45000_plain_pages_name_the_size_limit_not_aliases(tmp_path: Path) -> None:
    """They were refused with 'expands through aliases' though they hold no alias."""
    assert validate(tmp_path, HEAD + text_pages(45_000), seconds=BIG_INPUT_SECONDS) == [
        "courses/c/course.yaml:1:1: the file is 14.9 MB (expected at most 4 MB per file) \u2014 split it into "
        "smaller files joined with '- include:', or make the course smaller",
        "1 problem found."]


def test_the_course_size_limit_counts_every_file(tmp_path: Path) -> None:
    """Five files of 3.3 MB: each is within the limit per file, together they are not."""
    piece = "type: text\ntitle: T\nbody: " + "z" * 3_300_000 + "\n"
    course = HEAD + "".join(f"      - include: p{i}.yaml\n" for i in range(5))
    assert validate(tmp_path, course, files={f"p{i}.yaml": piece for i in range(5)}, seconds=BIG_INPUT_SECONDS) == [
        "courses/c/p4.yaml:1:1: with this file the course's files come to 16.5 MB (expected at most 16 MB in all, "
        "a file counted each time it is included) \u2014 make the course smaller, or split it into several courses",
        "1 problem found."]


def test_the_course_size_limit_counts_a_file_each_time_it_is_included(tmp_path: Path) -> None:
    """The same 3.3 MB file included five times: read once, counted five times."""
    piece = "type: text\ntitle: T\nbody: " + "z" * 3_300_000 + "\n"
    course = HEAD + "      - include: p.yaml\n" * 5
    assert validate(tmp_path, course, files={"p.yaml": piece}, seconds=BIG_INPUT_SECONDS) == [
        "courses/c/p.yaml:1:1: with this file the course's files come to 16.5 MB (expected at most 16 MB in all, "
        "a file counted each time it is included) \u2014 make the course smaller, or split it into several courses",
        "1 problem found."]


def test_values_limit_names_itself_and_is_reported_once(tmp_path: Path) -> None:
    """300,003 values per include: the second include passes the limit, the three after it are not read."""
    files = {"big.yaml": "pages:\n  - [" + "1, " * 300_000 + "]\n"}
    assert validate(tmp_path, HEAD + "      - include: big.yaml\n" * 5, files=files, seconds=BIG_INPUT_SECONDS) == [
        "courses/c/big.yaml:2:599934: pages[0][199976]: the course holds more than 500000 values in all its files "
        "(expected at most 500000 texts, numbers, lists and mappings) \u2014 make the course smaller, or split it "
        "into several courses",
        "1 problem found."]


def test_a_4000_page_file_without_aliases_is_within_every_limit() -> None:
    """It was refused with 'more than 200000 values through YAML aliases': the limit counted every value."""
    tree = load_text((HEAD + text_pages(4000)).encode(), "c.yaml")
    assert len(tree["lessons"][0]["pages"]) == 4000
    assert (tree.loaded.values, tree.loaded.alias_values, tree.loaded.depth) == (20_008, 0, 5)


def test_load_error_from_a_limit_is_a_load_error() -> None:
    with pytest.raises(LoadError) as info:
        load_text(b"a: " + b"[" * 100 + b"]" * 100 + b"\n", "c.yaml")
    assert [p.rule for p in info.value.problems] == ["nesting-too-deep"]
