"""scorm-builder check against hostile zips: each trick gives its own finding, never a traceback or a memory blow-up."""
from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

from test_check import MANIFEST_12, PAGE, PKG, STAMP, at, course_data, files_12, lines, player_page, question, write_zip

from scorm_builder.cli import main

LIMIT = 512 * 1024 ** 2  # address space for a check run: a normal one needs under 256 MiB
SYMLINK = 0o120777
REGULAR = 0o100644


def write_entries(path: Path, files: list[tuple[str, bytes]], modes: dict[str, int],
                  method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip like write_zip's, with Unix modes (file type and permissions) on the named entries."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w", method) as zf:
            for name, data in files:
                info = zipfile.ZipInfo(name, STAMP)
                info.compress_type = method
                info.create_system = 3  # Unix, as Info-ZIP writes it: unzip honours the mode
                info.external_attr = modes.get(name, REGULAR) << 16
                zf.writestr(info, data)
    return path


def check_limited(*args: str) -> tuple[int, str, str]:
    """`scorm-builder check ARGS` in a child process whose address space is capped at LIMIT."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))

    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "scorm_builder", "check", *args], capture_output=True,
                          preexec_fn=cap, timeout=120, env=env)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def with_page(tmp_path: Path, page: bytes, name: str = PKG) -> Path:
    """The 1.2 package with this launch page."""
    return write_zip(tmp_path / name, [(n, page if n == "shared/launch.html" else d) for n, d in files_12()])


# --- symbolic links and damaged data --------------------------------------------------------

def test_symlink_entry_is_an_error(tmp_path):
    files = [(n, b"/etc/passwd" if n == "shared/style.css" else d) for n, d in files_12()]
    path = write_entries(tmp_path / PKG, files, {"shared/style.css": SYMLINK})
    assert lines(path) == [
        f"{PKG}:shared/style.css: error [zip-symlink] shared/style.css is a symbolic link to '/etc/passwd'; unzip "
        "recreates the link, and the LMS then serves whatever it points to on its own server — put the file itself "
        "in the package, not a link to it"]


def test_unix_modes_of_regular_files_are_fine(tmp_path):
    assert lines(write_entries(tmp_path / PKG, files_12(), {})) == []


def corrupt(path: Path, entry: str, at_byte: int, value: int) -> Path:
    """Overwrite one byte of an entry's stored (compressed) data, leaving every header as it was."""
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo(entry)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + at_byte] = value
    path.write_bytes(bytes(data))
    return path


def test_crc_mismatch_in_any_entry(tmp_path):
    """style.css is never parsed, yet its damage is found: every entry is unpacked once."""
    path = corrupt(write_zip(tmp_path / PKG, files_12(), zipfile.ZIP_STORED), "shared/style.css", 0, ord("q"))
    assert lines(path) == [
        f"{PKG}:shared/style.css: error [zip-entry-crc] shared/style.css is damaged: its data does not match the "
        "CRC-32 checksum the zip records for it; an LMS refuses the zip or unpacks a broken file — copy or download "
        "the package again, or rebuild it"]


def test_crc_mismatch_in_the_manifest_is_reported_once(tmp_path):
    path = corrupt(write_zip(tmp_path / PKG, files_12(), zipfile.ZIP_STORED), "imsmanifest.xml", 0, ord("["))
    assert lines(path) == [
        f"{PKG}:imsmanifest.xml: error [zip-entry-crc] imsmanifest.xml is damaged: its data does not match the "
        "CRC-32 checksum the zip records for it; an LMS refuses the zip or unpacks a broken file — copy or download "
        "the package again, or rebuild it"]


def test_broken_deflate_stream(tmp_path):
    files = [(n, b"p { color: red; }\n" * 200 if n == "shared/style.css" else d) for n, d in files_12()]
    path = corrupt(write_zip(tmp_path / PKG, files), "shared/style.css", 0, 6)  # block type 3 does not exist
    assert lines(path) == [
        f"{PKG}:shared/style.css: error [zip-entry-unreadable] shared/style.css cannot be unpacked (Error -3 while "
        "decompressing data: invalid block type) — rebuild the zip"]


# --- entry names --------------------------------------------------------------------------

def test_empty_entry_name(tmp_path):
    path = write_zip(tmp_path / PKG, files_12() + [("", b"x")])
    assert lines(path) == [f"{PKG}: error [zip-empty-name] entry 6 of the zip has an empty name; unzip tools skip "
                           "it or stop with an error — zip the package again from a folder"]


def set_utf8_flag(data: bytes) -> bytes:
    """Set general-purpose flag bit 11 (names are UTF-8) in every local and central header."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 7), (b"PK\x01\x02", 9)):
        start = 0
        while (found := out.find(sig, start)) != -1:
            out[found + offset] |= 0x08
            start = found + 4
    return bytes(out)


def test_entry_name_that_is_not_the_utf8_it_claims(tmp_path):
    path = write_zip(tmp_path / PKG, files_12() + [("cafe.txt", b"x")])
    path.write_bytes(set_utf8_flag(path.read_bytes().replace(b"cafe.txt", b"caf\xe9.txt")))
    assert lines(path) == [
        f"{PKG}:caf\\xe9.txt: error [zip-name-encoding] the entry name b'caf\\xe9.txt' is marked as UTF-8 but is "
        "not valid UTF-8 (invalid continuation byte at byte 3); LMSes unpack it under a garbled name or refuse the "
        "zip — zip the package again with a tool that writes UTF-8 names"]


FORGED = "x\x1b[2K\rpkg.zip: ok\n.txt"  # erases the line, returns to its start, prints a fake verdict


def test_control_characters_in_names_are_escaped_and_reported(tmp_path, runner):
    path = write_zip(tmp_path / PKG, files_12() + [(FORGED, b"x")])
    result = runner.invoke(main, ["check", str(path)])
    shown = "x\\x1b[2K\\x0dpkg.zip: ok\\x0a.txt"
    assert (result.exit_code, result.output.splitlines()) == (1, [
        f"{path}:{shown}: error [zip-control-name] the entry name '{shown}' holds control characters, which "
        "terminals and log viewers act on: they can erase, reorder or fake lines of output — rename the file with "
        "letters, digits, '-', '_' and '.' only",
        f"{path}:{shown}: warning [file-unlisted] {shown} is in the zip but in no <file> of the manifest; some "
        "LMSes don't copy unlisted files — list it in its resource, or remove it",
        f"{path}:{shown}: warning [file-name] {shown} has spaces and upper-case letters; some LMS servers store or "
        "serve such names differently, and the link then breaks — use lower-case ASCII names with '-' instead of "
        "spaces",
        f"{path}: 1 error, 2 warnings"])
    assert "\x1b" not in result.output and "\r" not in result.output


def test_bidi_and_c1_controls_are_escaped_in_text_and_json(tmp_path, runner):
    name = "report\u202etxt.exe\x9b"
    path = write_zip(tmp_path / PKG, files_12() + [(name, b"x")])
    text = runner.invoke(main, ["check", str(path)]).output
    assert text.splitlines()[0] == (
        f"{path}:report\\u202etxt.exe\\x9b: error [zip-control-name] the entry name 'report\\u202etxt.exe\\x9b' "
        "holds control characters, which terminals and log viewers act on: they can erase, reorder or fake lines "
        "of output — rename the file with letters, digits, '-', '_' and '.' only")
    raw = runner.invoke(main, ["check", "--json", str(path)]).output
    assert "\u202e" not in raw and "\x9b" not in raw and "\\u202e" in raw and "\\u009b" in raw
    assert [d["entry"] for d in json.loads(raw)][:1] == [name]


def test_package_path_with_control_characters_is_escaped(tmp_path, runner):
    path = write_zip(tmp_path / "a\x1b[1A.zip", files_12())
    result = runner.invoke(main, ["check", str(path)])
    shown = str(path).replace("\x1b", "\\x1b")
    assert (result.exit_code, result.output) == (0, f"{shown}: ok\n")


# --- the manifest ---------------------------------------------------------------------------

ENTITY_MANIFEST = (MANIFEST_12.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
                                       '<?xml version="1.0" encoding="UTF-8"?>\n'
                                       '<!DOCTYPE manifest [<!ENTITY t SYSTEM "file:///etc/passwd">]>\n')
                   .replace("<title>Golf Explained</title>", "<title>&t;</title>"))
ENTITY_LINE = (f"{at(ENTITY_MANIFEST, '&t;')}: error [manifest-entity] the manifest uses the entity reference "
               "&t;; LMS XML parsers expand it, drop it or refuse the manifest, and entities are how XXE and "
               "'billion laughs' attacks work — write the text itself instead of the entity, and remove the "
               "<!DOCTYPE> that declares it")


def test_entity_reference_in_the_manifest(tmp_path):
    assert lines(write_zip(tmp_path / PKG, files_12(ENTITY_MANIFEST))) == [ENTITY_LINE]


def test_entity_reference_with_schemas_is_a_finding_not_a_traceback(tmp_path, schemas_dir, runner):
    path = write_zip(tmp_path / PKG, files_12(ENTITY_MANIFEST))
    assert lines(path, schemas_dir) == [
        ENTITY_LINE,
        f"{PKG}:imsmanifest.xml: error [manifest-xsd-failed] the official SCORM 1.2 schema could not validate the "
        "manifest (XMLSchemaValidateError: Internal error in XML Schema validation.) — fix the manifest's other "
        "errors first; then check it again"]
    result = runner.invoke(main, ["check", "--schemas", str(schemas_dir), str(path)])
    assert (result.exit_code, type(result.exception)) == (1, SystemExit)
    assert "root:" not in result.output  # /etc/passwd was never read


# --- course data that would exhaust memory or the stack -------------------------------------

def test_json_nested_50000_deep(tmp_path):
    path = with_page(tmp_path, player_page('{"format": 1, "x": ' + "[" * 50000 + "]" * 50000 + "}"))
    expected = (f"{PKG}:shared/launch.html:2: error [player-data-limit] the course data in shared/launch.html is "
                "nested 50001 levels deep, more than the 64 this reader parses; suspend_data and interactions not "
                "checked — rebuild the package with scorm-builder")
    assert lines(path) == [expected]
    assert check_limited(str(path)) == (1, f"{expected.replace(PKG, str(path), 1)}\n{path}: 1 error, 0 warnings\n", "")


def test_course_data_larger_than_the_reader_parses(tmp_path):
    filler = random.Random(7).randbytes(2_200_000).hex()  # incompressible: not a zip bomb
    page = player_page(course_data([{"kind": "text", "id": "t", "title": filler}]))
    size = len(page) - len(player_page(""))
    assert lines(with_page(tmp_path, page)) == [
        f"{PKG}:shared/launch.html:2: error [player-data-limit] the course data in shared/launch.html is {size} "
        "bytes, more than the 4194304 this reader parses; suspend_data and interactions not checked — rebuild the "
        "package with scorm-builder"]


def tiny_package(tmp_path: Path, attempts: int) -> Path:
    """A package of two small entries whose course data asks for ``attempts`` attempts."""
    data = course_data([], {"attempts": attempts, "draw": None, "questions": [question("q1", "true-false")]})
    manifest = MANIFEST_12.replace('<file href="shared/style.css"/>', "")
    return write_zip(tmp_path / f"tiny-{attempts}.zip", [("imsmanifest.xml", manifest.encode()),
                                                          ("shared/launch.html", player_page(data))])


SCHEMA_FILES_LINE = ("imsmanifest.xml:2: warning [schemalocation-file] xsi:schemaLocation names 2 schema files that "
                     "are not at the package root (imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd); the ADL test suite "
                     "fails the package, most LMSes don't mind — build with --schemas to copy the official schema "
                     "files in")


def test_attempts_in_the_billions_stay_within_memory(tmp_path):
    """Before the cap, a package under 1.5 KB asking for 10**9 attempts made check allocate 8 GB."""
    for attempts, shown in ((10 ** 9, "1000000000"), (10 ** 15, "1000000000000000"),
                            (10 ** 40, "a 41-digit number of")):
        path = tiny_package(tmp_path, attempts)
        assert path.stat().st_size < 1500
        assert check_limited(str(path)) == (1, (
            f"{path}:{SCHEMA_FILES_LINE}\n"
            f"{path}:shared/launch.html: error [player-data-limit] the course data in shared/launch.html allows "
            f"{shown} attempts, more than the 999 this checker counts (a course allows at most 99); suspend_data "
            "and interactions not checked — rebuild the package with scorm-builder\n"
            f"{path}: 1 error, 1 warning\n"), "")


def test_attempts_up_to_the_count_are_checked(tmp_path):
    """999 attempts is the most the bound counts: the suspend_data rule runs on it (999 scores of 100)."""
    assert lines(tiny_package(tmp_path, 999)) == [
        f"{PKG}:{SCHEMA_FILES_LINE}",
        f"{PKG}:shared/launch.html: error [suspend-data] the saved state can reach 4143 characters (pages 37, "
        "scenarios 7, dialogues 7, assessment 4087), above SCORM 1.2's suspend_data limit of 4096; the player then "
        "drops saved answers to keep the bookmark — split the course, or shorten dialogues and the question draw"]


def test_a_page_without_course_data_is_another_tools_page(tmp_path):
    assert lines(with_page(tmp_path, PAGE)) == []
