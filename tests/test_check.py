"""scorm-builder check: clean packages stay clean, each broken zip or manifest gives its exact finding."""
from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

from scorm_builder.check.course_data import read_course_data, with_lesson_files
from scorm_builder.check.findings import render
from scorm_builder.check.report import check_package
from scorm_builder.cli import main

PKG = "pkg.zip"
STAMP = (2020, 1, 1, 0, 0, 0)

# A SCORM 1.2 package the way other tools write one: a manifest, a launch page, a style sheet,
# and the schema files its xsi:schemaLocation names at the root.
MANIFEST_12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.golf" version="1"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="golf_org">
    <organization identifier="golf_org">
      <title>Golf Explained</title>
      <item identifier="item_1" identifierref="res_1">
        <title>Playing the game</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res_1" type="webcontent" adlcp:scormtype="sco" href="shared/launch.html">
      <file href="shared/launch.html"/>
      <file href="shared/style.css"/>
    </resource>
  </resources>
</manifest>
"""

# SCORM 2004 3rd Edition, two items in a folder item, one SCO and one asset sharing a dependency.
MANIFEST_2004 = """\
<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="MANIFEST-golf" version="1.3"
          xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
          xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 3rd Edition</schemaversion>
  </metadata>
  <organizations default="ORG-golf">
    <organization identifier="ORG-golf">
      <title>Golf Explained</title>
      <item identifier="folder">
        <title>Basics</title>
        <item identifier="play" identifierref="RES-play">
          <title>Playing the game</title>
          <imsss:sequencing>
            <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
          </imsss:sequencing>
        </item>
        <item identifier="glossary" identifierref="RES-glossary">
          <title>Glossary</title>
        </item>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-play" type="webcontent" adlcp:scormType="sco" href="play/index.html?start=1">
      <file href="play/index.html"/>
      <dependency identifierref="RES-common"/>
    </resource>
    <resource identifier="RES-glossary" type="webcontent" adlcp:scormType="asset" href="glossary.html">
      <file href="glossary.html"/>
    </resource>
    <resource identifier="RES-common" type="webcontent" adlcp:scormType="asset">
      <file href="common/style.css"/>
      <file href="common/photo%201.png"/>
    </resource>
  </resources>
</manifest>
"""
PAGE = b"<!DOCTYPE html><html><head><title>Golf</title></head><body><p>Golf</p></body></html>"
XSD = b'<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>'


def files_12(manifest: str = MANIFEST_12) -> list[tuple[str, bytes]]:
    return [("imsmanifest.xml", manifest.encode()), ("shared/launch.html", PAGE), ("shared/style.css", b"p{}"),
            ("imscp_rootv1p1p2.xsd", XSD), ("adlcp_rootv1p2.xsd", XSD)]


def files_2004(manifest: str = MANIFEST_2004) -> list[tuple[str, bytes]]:
    return [("imsmanifest.xml", manifest.encode()), ("play/index.html", PAGE), ("glossary.html", PAGE),
            ("common/style.css", b"p{}"), ("common/photo 1.png", b"\x89PNG"), ("imscp_v1p1.xsd", XSD),
            ("adlcp_v1p3.xsd", XSD), ("imsss_v1p0.xsd", XSD)]


def write_zip(path: Path, files: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip holding exactly these entries, in this order (duplicates and odd names kept)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names some cases need
        with zipfile.ZipFile(path, "w", method) as zf:
            for name, data in files:
                info = zipfile.ZipInfo(name, STAMP)
                info.compress_type = method
                zf.writestr(info, data)
    return path


def lines(path: Path, schemas: Path | None = None) -> list[str]:
    return [render(f) for f in check_package(path, schemas, PKG)]


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of ``text`` containing ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def at(manifest: str, needle: str) -> str:
    return f"{PKG}:imsmanifest.xml:{line_of(manifest, needle)}"


# --- clean packages --------------------------------------------------------------------------

def course_folders() -> list[Path]:
    return sorted(p.parent for p in (REPO / "courses").glob("*/course.yaml"))


def test_there_are_courses_to_check():
    """The clean-build test below must not pass by iterating over nothing."""
    assert course_folders(), "no courses/*/course.yaml found"


@pytest.mark.parametrize("course", course_folders(), ids=lambda p: p.name)
def test_every_course_builds_clean_packages(course, build_into):
    """Every package built from courses/ checks clean: no error, no warning, only the expected notes."""
    built = build_into(course)
    expected = {"scorm12": {("info", "lms-pass-mark")}, "scorm2004-3": set(), "scorm2004-4": {("info", "lms-edition")},
                "cmi5": set()}
    assert set(built) == set(expected)
    for standard, path in built.items():
        found = check_package(path)
        assert {(f.severity, f.rule) for f in found} == expected[standard], standard


@pytest.mark.parametrize("course", course_folders(), ids=lambda p: p.name)
def test_courses_built_with_schemas_pass_the_xsds_with_no_finding(course, build_into, schemas_dir):
    """With the schema files in the package and XSD validation on: nothing to report but the 1.2 note."""
    built = build_into(course, ("scorm12", "scorm2004-3"), schemas=schemas_dir)
    assert [(d.severity, d.rule) for d in check_package(built["scorm12"], schemas_dir)] == [("info", "lms-pass-mark")]
    assert lines(built["scorm2004-3"], schemas_dir) == []


def test_the_pass_mark_note_names_the_mark_and_goes_with_a_masteryscore(tmp_path, demo_course, build_into):
    from scorm_builder.lms import choosing
    from scorm_builder.pack.pipeline import build

    (plain,) = build([demo_course], ["scorm12"], tmp_path / "plain")
    assert lines(plain.path) == [
        f"{PKG}:index.html: info [lms-pass-mark] the pass mark (80 %) is not in the manifest: the LMS records "
        "the passed or failed the course reports, but can't show or apply the mark itself \u2014 for an LMS that "
        "needs it (Moodle), build with --lms moodle, or set lms_mastery_score: true"]
    with choosing("moodle"):  # build --lms moodle
        (moodle,) = build([demo_course], ["scorm12"], tmp_path / "moodle")
    assert [d.rule for d in check_package(moodle.path)] == ["lms-masteryscore"]


def test_course_2004_4th_passes_the_xsd(demo_course, build_into, schemas_dir):
    path = build_into(demo_course, ("scorm2004-4",), schemas=schemas_dir)["scorm2004-4"]
    assert [f.rule for f in check_package(path, schemas_dir)] == ["lms-edition"]


def test_hand_written_12_package_is_clean(tmp_path):
    assert lines(write_zip(tmp_path / PKG, files_12())) == []


def test_hand_written_2004_package_is_clean(tmp_path):
    """Folder items, a query string on the launch href, a dependency, a %-escaped file name."""
    path = write_zip(tmp_path / PKG, files_2004())
    assert lines(path) == [
        f"{PKG}:common/photo 1.png: warning [file-name] common/photo 1.png has spaces; some LMS servers store "
        "or serve such names differently, and the link then breaks — use lower-case ASCII names with '-' "
        "instead of spaces"]


def test_hand_written_packages_pass_the_xsds(tmp_path, schemas_dir):
    assert lines(write_zip(tmp_path / "a.zip", files_12()), schemas_dir) == []
    assert [f.rule for f in check_package(write_zip(tmp_path / "b.zip", files_2004()), schemas_dir)] == ["file-name"]


# --- files that are not usable zips ----------------------------------------------------------

def test_not_a_zip(tmp_path):
    path = tmp_path / PKG
    path.write_text("<html>not a zip</html>")
    assert lines(path) == [f"{PKG}: error [zip-invalid] not a zip file (it starts with b'<htm', a zip starts "
                           "with b'PK\\x03\\x04') — give the .zip the authoring tool exported"]


def test_empty_file(tmp_path):
    path = tmp_path / PKG
    path.write_bytes(b"")
    assert lines(path) == [f"{PKG}: error [zip-empty] the file is empty (0 bytes) — export or build the "
                           "package again"]


def test_missing_file(tmp_path):
    assert lines(tmp_path / PKG) == [f"{PKG}: error [package-file] cannot read the package: No such file or "
                                     "directory — give the path of a .zip file"]


def test_truncated_zip(tmp_path):
    whole = write_zip(tmp_path / "whole.zip", files_12()).read_bytes()
    path = tmp_path / PKG
    path.write_bytes(whole[: len(whole) // 2])
    assert lines(path) == [f"{PKG}: error [zip-truncated] the zip is truncated or damaged: its central "
                           "directory (the table of contents at the end) is missing or unreadable (File is not "
                           "a zip file) — copy or download the package again; the transfer was cut short"]


def _set_flag(data: bytes, bit: int) -> bytes:
    """Set a general-purpose flag bit in every local and central header (zipfile can't encrypt)."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at_ := out.find(sig, start)) != -1:
            out[at_ + offset] |= bit
            start = at_ + 4
    return bytes(out)


def test_encrypted_zip(tmp_path):
    path = write_zip(tmp_path / PKG, files_12())
    path.write_bytes(_set_flag(path.read_bytes(), 0x01))
    assert lines(path) == [f"{PKG}:imsmanifest.xml: error [zip-encrypted] 5 of 5 entries are encrypted (first: "
                           "imsmanifest.xml); an LMS cannot unpack a password-protected zip — export the "
                           "package without a password"]


def test_compression_lms_cannot_unpack(tmp_path):
    path = write_zip(tmp_path / PKG, files_12(), zipfile.ZIP_BZIP2)
    assert lines(path) == [f"{PKG}:imsmanifest.xml: error [zip-compression] 5 entries use bzip2 compression "
                           "(first: imsmanifest.xml); LMSes unpack only stored and deflate entries — zip the "
                           "package again with standard (deflate) compression"]


def test_no_manifest(tmp_path):
    path = write_zip(tmp_path / PKG, [("index.html", PAGE)])
    assert lines(path) == [f"{PKG}: error [manifest-at-root] the zip has no imsmanifest.xml, so it is not a "
                           "SCORM package — export the course as SCORM 1.2 or SCORM 2004 from your authoring tool"]


def test_manifest_in_a_subfolder(tmp_path):
    path = write_zip(tmp_path / PKG, [("golf/" + n, d) for n, d in files_12()])
    assert lines(path) == [f"{PKG}:golf/imsmanifest.xml: error [manifest-at-root] imsmanifest.xml is not at the "
                           "root of the zip but in 'golf/' — zip the contents of 'golf', not the folder itself"]


def test_manifest_name_in_wrong_case(tmp_path):
    files = [("IMSManifest.xml" if n == "imsmanifest.xml" else n, d) for n, d in files_12()]
    found = lines(write_zip(tmp_path / PKG, files))
    assert found[0] == (f"{PKG}:IMSManifest.xml: error [manifest-at-root] the manifest is named "
                        "'IMSManifest.xml'; LMSes look for exactly 'imsmanifest.xml' — rename it in lower case")


def test_malformed_manifest(tmp_path):
    broken = MANIFEST_12.replace("</title>\n      <item", "</titel>\n      <item", 1)
    assert lines(write_zip(tmp_path / PKG, files_12(broken))) == [
        f"{at(broken, '</titel>')}: error [manifest-xml] the manifest is not well-formed XML: Opening and ending "
        "tag mismatch: title line 13 and titel (column 36) — fix the XML near this line (an unclosed tag or a bare '&' is "
        "the usual cause)"]


def test_manifest_that_is_not_a_scorm_manifest(tmp_path):
    other = '<?xml version="1.0"?>\n<course xmlns="urn:example"/>\n'
    assert lines(write_zip(tmp_path / PKG, files_12(other))) == [
        f"{PKG}:imsmanifest.xml:2: error [manifest-root] the root element is <course> in namespace 'urn:example' "
        "(expected <manifest> in http://www.imsproject.org/xsd/imscp_rootv1p1p2 for SCORM 1.2 or "
        "http://www.imsglobal.org/xsd/imscp_v1p1 for SCORM 2004) — export a SCORM manifest"]


# --- zip entry rules -------------------------------------------------------------------------

def test_absolute_path(tmp_path):
    path = write_zip(tmp_path / PKG, files_12() + [("/etc/cron.d/x.txt", b"x")])
    assert lines(path)[0] == (f"{PKG}:/etc/cron.d/x.txt: error [zip-absolute-path] the entry name "
                              "'/etc/cron.d/x.txt' is an absolute path — store paths relative to the package root")


def test_parent_path(tmp_path):
    path = write_zip(tmp_path / PKG, files_12() + [("shared/../../evil.html", PAGE)])
    assert lines(path)[0] == (f"{PKG}:shared/../../evil.html: error [zip-parent-path] the entry name "
                              "'shared/../../evil.html' climbs out of the package with '..' — store every file "
                              "inside the package folder")


def test_backslash_in_entry_name(tmp_path):
    files = [("shared\\style.css" if n == "shared/style.css" else n, d) for n, d in files_12()]
    found = lines(write_zip(tmp_path / PKG, files))
    assert found[0] == (f"{PKG}:shared\\style.css: error [zip-backslash] the entry name 'shared\\\\style.css' uses "
                        "backslashes; Linux LMSes unpack it as one file with backslashes in its name — zip with "
                        "forward slashes (a tool other than the old Windows 'Send to > Compressed folder')")


def test_duplicate_entry(tmp_path):
    path = write_zip(tmp_path / PKG, files_12() + [("shared/style.css", b"q{}")])
    assert lines(path) == [f"{PKG}:shared/style.css: error [zip-duplicate] the entry 'shared/style.css' appears "
                           "twice; LMSes keep one copy or the other — zip the package again from a folder"]


@pytest.mark.parametrize("name", [".htaccess", "api/save.php", "x.PHP5", "cgi/run.cgi", "go.sh", "a.shtml",
                                  "b.asp", "b.aspx", "c.jsp", "d.py", "e.rb", "f.pl"])
def test_server_side_files(tmp_path, name):
    found = check_package(write_zip(tmp_path / PKG, files_12() + [(name, b"x")]), label=PKG)
    assert render(found[0]) == (
        f"{PKG}:{name}: error [zip-server-file] {name} is a server-side file; LMSes such as Docebo refuse a "
        "package that holds .htaccess, .php, .cgi, .sh, .shtml, .asp(x), .jsp, .py, .rb or .pl files — remove "
        "it from the package")
    assert [f.rule for f in found[1:]] in (["file-unlisted"], ["file-unlisted", "file-name"])


def test_zip_bomb_entry(tmp_path):
    """A 4 MiB file of zeros deflates about 1000 times: refused from the central directory alone."""
    path = write_zip(tmp_path / PKG, files_12() + [("shared/zeros.bin", bytes(4 * 1024 ** 2))])
    info = zipfile.ZipFile(path).getinfo("shared/zeros.bin")
    ratio = info.file_size / info.compress_size
    assert lines(path)[0] == (
        f"{PKG}:shared/zeros.bin: error [zip-bomb] shared/zeros.bin unpacks {ratio:.0f} times larger "
        f"(4194304 bytes from {info.compress_size}), above the 100x limit for a real file — remove the entry; "
        "real course files don't compress this much")


def _set_sizes(data: bytes, name: bytes, size: int) -> bytes:
    """Make the central directory claim ``size`` bytes unpacked for entry ``name`` (data untouched)."""
    out = bytearray(data)
    at_ = out.find(b"PK\x01\x02")
    while at_ != -1:
        name_len = int.from_bytes(out[at_ + 28:at_ + 30], "little")
        if out[at_ + 46:at_ + 46 + name_len] == name:
            out[at_ + 24:at_ + 28] = size.to_bytes(4, "little")
        at_ = out.find(b"PK\x01\x02", at_ + 4)
    return bytes(out)


def test_zip_bomb_total_size(tmp_path):
    """Entries claiming 4 GB in all (3 x 1.4 GB stored, per the central directory) exceed the 1 GiB total."""
    path = write_zip(tmp_path / PKG, files_12() + [(f"v{i}.mp4", b"x") for i in range(3)], zipfile.ZIP_STORED)
    data = path.read_bytes()
    for i in range(3):
        data = _set_sizes(data, f"v{i}.mp4".encode(), 1_400_000_000)
    path.write_bytes(data)
    found = check_package(path, label=PKG)
    total = 4_200_000_000 + sum(len(d) for _, d in files_12())
    bombs = [render(f) for f in found if f.rule == "zip-bomb"]
    assert len(bombs) == 4  # each stored entry also claims a 1.4e9x ratio
    assert bombs[3:] == [
        f"{PKG}: error [zip-bomb] the package unpacks to {total} bytes, above the 1 GiB limit — split the "
        "course or move large media out of it"]


def test_package_size_warning(tmp_path):
    manifest = MANIFEST_12.replace('<file href="shared/style.css"/>',
                                   '<file href="shared/style.css"/><file href="shared/video.mp4"/>')
    path = write_zip(tmp_path / PKG, files_12(manifest) + [("shared/video.mp4", bytes(51 * 1024 ** 2))],
                     zipfile.ZIP_STORED)
    assert lines(path) == [f"{PKG}: warning [zip-size] the package is 53 MB; several LMSes refuse uploads above "
                           "about 50 MB — keep video out of the package and stream it from your video platform"]


# --- manifest rules --------------------------------------------------------------------------

def broken_12(tmp_path: Path, old: str, new: str, extra: list[tuple[str, bytes]] = ()) -> tuple[list[str], str]:
    assert old in MANIFEST_12, old
    manifest = MANIFEST_12.replace(old, new, 1)
    return lines(write_zip(tmp_path / PKG, files_12(manifest) + list(extra))), manifest


def broken_2004(tmp_path: Path, old: str, new: str) -> tuple[list[str], str]:
    assert old in MANIFEST_2004, old
    manifest = MANIFEST_2004.replace(old, new, 1)
    return lines(write_zip(tmp_path / PKG, files_2004(manifest))), manifest


ROOT_LINE = f"{PKG}:imsmanifest.xml:2"  # where <manifest> starts (libxml2 says 6, where the tag ends)
GLOSSARY = 'identifier="glossary"'
FOLDER = 'identifier="folder"'
PLAY = 'identifier="play"'
GLOSSARY_RES = 'identifier="RES-glossary"'
GLOSSARY_NO_EXT = 'href="glossary"'


def no_space_warning(found: list[str]) -> list[str]:
    return [line for line in found if "[file-name] common/photo 1.png" not in line]


def test_schema_value(tmp_path):
    found, m = broken_12(tmp_path, "<schema>ADL SCORM</schema>", "<schema>SCORM</schema>")
    assert found == [f"{at(m, '<schema>')}: error [manifest-schema] <schema> is 'SCORM' (expected 'ADL SCORM') — "
                     "write <schema>ADL SCORM</schema>"]


def test_schemaversion_value(tmp_path):
    found, m = broken_2004(tmp_path, "2004 3rd Edition", "2004")
    assert no_space_warning(found) == [
        f"{at(m, '<schemaversion>')}: error [manifest-schemaversion] <schemaversion> is '2004' in a SCORM 2004 "
        "manifest (expected '2004 4th Edition' or '2004 3rd Edition') — write <schemaversion>2004 4th "
        "Edition</schemaversion>"]


def test_schemaversion_of_the_other_version(tmp_path):
    """A 1.2 manifest (1.2 namespaces) that claims to be 2004 is read as 2004 and told about the namespace."""
    found, m = broken_12(tmp_path, "<schemaversion>1.2<", "<schemaversion>2004 4th Edition<")
    assert found[0] == (f"{ROOT_LINE}: warning [manifest-namespace] a SCORM 2004 manifest in the "
                        "namespace http://www.imsproject.org/xsd/imscp_rootv1p1p2 (expected "
                        "http://www.imsglobal.org/xsd/imscp_v1p1) — use "
                        "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"")


def test_duplicate_identifier(tmp_path):
    found, m = broken_2004(tmp_path, '<item identifier="glossary"', '<item identifier="play"')
    first, second = [n for n, line in enumerate(m.splitlines(), 1) if 'identifier="play"' in line]
    assert no_space_warning(found) == [
        f"{PKG}:imsmanifest.xml:{second}: error [identifier-unique] <item> identifier 'play' is already used on "
        f"line {first}; identifiers must be unique in the manifest — rename one of them"]


def test_identifier_not_an_xs_id(tmp_path):
    found, m = broken_12(tmp_path, 'identifier="item_1"', 'identifier="1 intro"')
    assert found == [f"{at(m, '1 intro')}: error [identifier-format] <item> identifier is not an xs:ID (expected "
                     "a name starting with a letter or '_', without spaces or ':', got '1 intro') — use letters, "
                     "digits, '_', '-' and '.', starting with a letter"]


def test_default_organization_dangling(tmp_path):
    found, m = broken_12(tmp_path, 'default="golf_org"', 'default="golf"')
    assert found == [f"{at(m, '<organizations')}: error [organization-default] <organizations default='golf'> "
                     "names no organization (expected one of: golf_org) — set default to an organization identifier"]


def test_identifierref_dangling(tmp_path):
    found, m = broken_12(tmp_path, 'identifierref="res_1"', 'identifierref="res_2"')
    assert found == [f"{at(m, 'res_2')}: error [item-identifierref] item 'item_1' has identifierref 'res_2', which "
                     "matches no resource (expected one of: res_1) — set identifierref to a resource identifier"]


def test_leaf_item_without_identifierref(tmp_path):
    found, m = broken_2004(tmp_path, '<item identifier="glossary" identifierref="RES-glossary">',
                           '<item identifier="glossary">')
    assert no_space_warning(found) == [
        f"{at(m, GLOSSARY)}: error [item-leaf] the leaf item 'glossary' has no identifierref, so "
        "it launches nothing — add identifierref=\"<resource identifier>\" or remove the item"]


def test_folder_item_with_identifierref(tmp_path):
    found, m = broken_2004(tmp_path, '<item identifier="folder">', '<item identifier="folder" identifierref="RES-glossary">')
    assert no_space_warning(found) == [
        f"{at(m, FOLDER)}: error [item-leaf] the item 'folder' has child items and an "
        "identifierref; only leaf items may reference a resource — move the reference to a child item"]


def test_scormtype_2004_casing_in_12(tmp_path):
    found, m = broken_12(tmp_path, 'adlcp:scormtype="sco"', 'adlcp:scormType="sco"')
    assert found == [f"{at(m, '<resource ')}: error [resource-scormtype] resource 'res_1' spells the attribute "
                     "adlcp:scormType; SCORM 1.2 spells it adlcp:scormtype — write adlcp:scormtype=\"sco\" (or \"asset\")"]


def test_scormtype_12_casing_in_2004(tmp_path):
    found, m = broken_2004(tmp_path, 'adlcp:scormType="asset" href', 'adlcp:scormtype="asset" href')
    assert no_space_warning(found) == [
        f"{at(m, GLOSSARY_RES)}: error [resource-scormtype] resource 'RES-glossary' spells the attribute "
        "adlcp:scormtype; SCORM 2004 spells it adlcp:scormType — write adlcp:scormType=\"sco\" (or \"asset\")"]


def test_scormtype_value(tmp_path):
    found, m = broken_12(tmp_path, 'adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"')
    assert found == [f"{at(m, '<resource ')}: error [resource-scormtype] resource 'res_1' has "
                     "adlcp:scormtype='SCO' (expected 'sco' or 'asset', in lower case) — write adlcp:scormtype=\"sco\""]


def test_sco_without_href(tmp_path):
    found, m = broken_12(tmp_path, ' href="shared/launch.html">', ">")
    assert found == [
        f"{at(m, '<resource ')}: error [resource-href] resource 'res_1' is launched (a SCO or referenced by an "
        "item) but has no href — add href=\"<launch file>\""]


def test_sco_href_without_its_file_element(tmp_path):
    found, m = broken_12(tmp_path, '<file href="shared/launch.html"/>', "")
    assert found == [
        f"{at(m, '<resource ')}: error [resource-file] resource 'res_1' launches 'shared/launch.html' but has no "
        "<file href='shared/launch.html'/> — add <file href=\"shared/launch.html\"/> to the resource",
        f"{PKG}:shared/launch.html: warning [file-unlisted] shared/launch.html is in the zip but in no <file> of "
        "the manifest; some LMSes don't copy unlisted files — list it in its resource, or remove it"]


def test_listed_file_missing_from_the_zip(tmp_path):
    found, m = broken_12(tmp_path, '<file href="shared/style.css"/>',
                         '<file href="shared/style.css"/><file href="shared/Logo.png"/>',
                         [("shared/logo.png", b"\x89PNG")])
    assert found == [
        f"{at(m, 'Logo.png')}: error [file-missing] <file href='shared/Logo.png'> is listed but not in the zip (the "
        "zip has 'shared/logo.png', which differs in case; LMS servers are case-sensitive) — add the file or "
        "remove the <file> element",
        f"{PKG}:shared/logo.png: warning [file-unlisted] shared/logo.png is in the zip but in no <file> of the "
        "manifest; some LMSes don't copy unlisted files — list it in its resource, or remove it"]


def test_file_in_zip_not_listed(tmp_path):
    path = write_zip(tmp_path / PKG, files_12() + [("shared/extra.js", b"1")])
    assert lines(path) == [
        f"{PKG}:shared/extra.js: warning [file-unlisted] shared/extra.js is in the zip but in no <file> of the "
        "manifest; some LMSes don't copy unlisted files — list it in its resource, or remove it"]


def test_launch_file_missing(tmp_path):
    files = [(n, d) for n, d in files_12() if n != "shared/launch.html"]
    assert lines(write_zip(tmp_path / PKG, files)) == [
        f"{at(MANIFEST_12, '<resource ')}: error [launch-missing] item 'item_1' launches 'shared/launch.html', "
        "which is not in the zip — add the file or fix the resource href"]


def test_external_sco_href(tmp_path):
    found, m = broken_12(tmp_path, 'href="shared/launch.html">', 'href="https://cdn.example.com/golf.html">')
    assert found == [
        f"{at(m, '<resource ')}: error [launch-external] resource 'res_1' launches "
        "'https://cdn.example.com/golf.html', outside the package; the LMS cannot serve it, and a page from another "
        "origin cannot reach the SCORM API — put the launch page in the package"]


@pytest.mark.parametrize("written, href", [
    ("https://evil.example.com/x.html", "https://evil.example.com/x.html"),
    (" HTTPS://evil.example.com/x.html", " HTTPS://evil.example.com/x.html"),
    ("java&#9;script:alert(1).html", "java\tscript:alert(1).html"),  # browsers drop the tab: javascript:
    ("//evil.example.com/x.html", "//evil.example.com/x.html")])
def test_external_launch_of_an_asset_is_an_error(tmp_path, written, href):
    """An item launching an asset at a URL (or what a browser reads as one) is as broken as a SCO there."""
    found, m = broken_12(tmp_path, 'adlcp:scormtype="sco" href="shared/launch.html"',
                         f'adlcp:scormtype="asset" href="{written}"')
    assert found == [
        f"{at(m, '<resource ')}: error [launch-external] resource 'res_1' launches {href!r}, outside the "
        "package; the LMS cannot serve it, and a page from another origin cannot reach the SCORM API — put the "
        "launch page in the package"]


def test_external_file_href(tmp_path):
    found, m = broken_12(tmp_path, '<file href="shared/style.css"/>',
                         '<file href="shared/style.css"/><file href="//fonts.example.com/a.css"/>')
    assert found == [
        f"{at(m, '//fonts')}: warning [href-external] <file> href '//fonts.example.com/a.css' is outside the "
        "package (the package then depends on the network) — put the file in the package"]


def test_href_without_extension(tmp_path):
    found, m = broken_2004(tmp_path, 'href="glossary.html">', 'href="glossary">')
    assert no_space_warning(found)[0] == (
        f"{at(m, GLOSSARY_NO_EXT)}: error [href-format] <resource> href 'glossary' has no file extension (the "
        "ADL test suite rejects it) — point to a file such as index.html")


def test_href_with_backslash(tmp_path):
    found, m = broken_12(tmp_path, '<file href="shared/style.css"/>', '<file href="shared\\style.css"/>')
    assert found[0] == (
        f"{at(m, 'shared' + chr(92))}: error [href-format] <file> href 'shared\\\\style.css' must be relative with "
        "forward slashes (no backslash, no leading '/') — write the path as it is in the zip")


def test_xml_base_without_trailing_slash(tmp_path):
    found, m = broken_12(tmp_path, "<resources>", '<resources xml:base="shared">')
    assert found[0] == (
        f"{at(m, 'xml:base')}: error [xml-base] xml:base 'shared' must be a relative folder ending in '/' (no "
        "backslash, no leading '/') — fix it, or drop xml:base and write full relative hrefs")


def test_xml_base_is_applied(tmp_path):
    """A correct xml:base is joined to the hrefs: no finding."""
    manifest = (MANIFEST_12.replace("<resources>", '<resources xml:base="shared/">')
                .replace('"shared/launch.html"', '"launch.html"').replace('"shared/style.css"', '"style.css"'))
    assert lines(write_zip(tmp_path / PKG, files_12(manifest))) == []


def test_namespace_not_in_schema_location(tmp_path):
    found, m = broken_2004(tmp_path, "<title>Glossary</title>",
                           '<title>Glossary</title><adlnav:presentation xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"/>')
    assert no_space_warning(found) == [
        f"{at(m, 'adlnav:presentation')}: error [schemalocation] the namespace http://www.adlnet.org/xsd/adlnav_v1p3 "
        "is used but not mapped in xsi:schemaLocation (the ADL test suite fails the package) — add "
        "'http://www.adlnet.org/xsd/adlnav_v1p3 <schema file>.xsd' to xsi:schemaLocation"]


def test_schema_files_missing_from_the_root(tmp_path):
    files = [(n, d) for n, d in files_12() if not n.endswith(".xsd")]
    assert lines(write_zip(tmp_path / PKG, files)) == [
        f"{ROOT_LINE}: warning [schemalocation-file] xsi:schemaLocation names 2 schema files that are "
        "not at the package root (imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd); the ADL test suite fails the "
        "package, most LMSes don't mind — build with --schemas to copy the official schema files in"]


def test_xsd_rejects_what_the_schema_forbids(tmp_path, schemas_dir):
    found, m = broken_12(tmp_path, "<title>Playing the game</title>", "<titel>Playing the game</titel>")
    assert lines(tmp_path / PKG, schemas_dir) == [
        f"{at(m, '<titel>')}: error [manifest-xsd] the official SCORM 1.2 schema rejects this: Element "
        "'{http://www.imsproject.org/xsd/imscp_rootv1p1p2}titel': This element is not expected. Expected is one "
        "of ( {http://www.imsproject.org/xsd/imscp_rootv1p1p2}title, {http://www.imsproject.org/xsd/imscp_rootv1p"
        "1p2}item, {http://www.imsproject.org/xsd/imscp_rootv1p1p2}metadata, ##other{http://www.imsproject.org/"
        "xsd/imscp_rootv1p1p2}* ). — fix the element as the message says"]
    assert found == []  # without the schemas, no rule of ours looks at item titles


# --- LMS readiness ---------------------------------------------------------------------------

def test_xsd_finding_points_at_the_start_of_a_multi_line_element(tmp_path, schemas_dir):
    broken = MANIFEST_12.replace('<resource identifier="res_1" type="webcontent"',
                                 '<resource identifier="res_1"\n              typo="webcontent"')
    write_zip(tmp_path / PKG, files_12(broken))
    line = line_of(broken, '<resource identifier="res_1"')
    assert lines(tmp_path / PKG, schemas_dir) == [
        f"{PKG}:imsmanifest.xml:{line}: error [manifest-xsd] the official SCORM 1.2 schema rejects this: Element "
        "'{http://www.imsproject.org/xsd/imscp_rootv1p1p2}resource', attribute 'typo': The attribute 'typo' is not "
        "allowed. — fix the element as the message says",
        f"{PKG}:imsmanifest.xml:{line}: error [manifest-xsd] the official SCORM 1.2 schema rejects this: Element "
        "'{http://www.imsproject.org/xsd/imscp_rootv1p1p2}resource': The attribute 'type' is required but missing. "
        "— fix the element as the message says"]


def test_docebo_and_2004_4th_edition(tmp_path):
    found, m = broken_2004(tmp_path, "2004 3rd Edition", "2004 4th Edition")
    assert no_space_warning(found) == [
        f"{ROOT_LINE}: info [lms-edition] SCORM 2004 4th Edition: Docebo imports SCORM 1.2 and 2004 "
        "3rd Edition only — for Docebo, build with --standard scorm2004-3 or scorm12"]


def test_sequencing_beyond_one_sco(tmp_path):
    found, m = broken_2004(tmp_path, 'adlcp:scormType="asset" href="glossary.html"',
                           'adlcp:scormType="sco" href="glossary.html"')
    assert no_space_warning(found) == [
        f"{ROOT_LINE}: warning [lms-sequencing] 2 SCOs rely on the LMS to move between them; Docebo "
        "has no sequencing support — keep one SCO with its own navigation",
        f"{at(m, GLOSSARY)}: warning [lms-delivery-controls] item 'glossary' launches a SCO without "
        '<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>; by the 2004 defaults '
        "the LMS sets the status itself, and SuccessFactors marks the SCO complete as soon as the learner exits — "
        "add it to the item's <imsss:sequencing>"]


def test_sequencing_rules_with_one_sco(tmp_path):
    manifest = (MANIFEST_2004.replace("<title>Golf Explained</title>", "<title>Golf Explained</title>\n      <imsss:sequencing>"
                         "<imsss:controlMode flow=\"true\"/></imsss:sequencing>"))
    path = write_zip(tmp_path / PKG, files_2004(manifest))
    assert no_space_warning(lines(path)) == [
        f"{at(manifest, 'imsss:controlMode')}: warning [lms-sequencing] <imsss:controlMode> needs LMS sequencing, "
        "which Docebo ignores — make the package work with sequencing ignored"]


def test_2004_sco_without_delivery_controls(tmp_path):
    found, m = broken_2004(tmp_path, 'completionSetByContent="true" objectiveSetByContent="true"',
                           'completionSetByContent="true"')
    assert no_space_warning(found) == [
        f"{at(m, PLAY)}: warning [lms-delivery-controls] item 'play' launches a SCO without "
        '<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>; by the 2004 defaults '
        "the LMS sets the status itself, and SuccessFactors marks the SCO complete as soon as the learner exits — "
        "add it to the item's <imsss:sequencing>"]


def test_masteryscore_in_12(tmp_path):
    found, m = broken_12(tmp_path, "<title>Playing the game</title>",
                         "<title>Playing the game</title><adlcp:masteryscore>80</adlcp:masteryscore>")
    assert found == [
        f"{at(m, 'masteryscore')}: warning [lms-masteryscore] adlcp:masteryscore '80': the LMS may set passed/failed "
        "from score.raw and override the status the course reports (Moodle does at LMSFinish) — leave it out "
        "unless your LMS needs it"]


def test_file_names_lms_servers_mangle(tmp_path):
    manifest = MANIFEST_12.replace('<file href="shared/style.css"/>',
                                   '<file href="shared/style.css"/><file href="shared/Café.png"/>')
    path = write_zip(tmp_path / PKG, files_12(manifest) + [("shared/Café.png", b"\x89PNG")])
    assert lines(path) == [
        f"{PKG}:shared/Café.png: warning [file-name] shared/Café.png has non-ASCII characters and upper-case "
        "letters; some LMS servers store or serve such names differently, and the link then breaks — use "
        "lower-case ASCII names with '-' instead of spaces"]


# --- our own player's data: suspend_data budget and interaction ids ---------------------------

def player_page(data: dict | str) -> bytes:
    text = data if isinstance(data, str) else json.dumps(data)
    return (f'<!DOCTYPE html><html><body><div id="app"></div>\n<script type="application/json" id="course-data">'
            f'{text}</script></body></html>').encode()


def course_data(pages: list[dict], assessment: dict | None = None, standard: str = "scorm12") -> dict:
    return {"format": 1, "standard": standard, "course": {"id": "big", "title": "Big", "fingerprint": "abcd1234"},
            "lessons": [{"id": "one", "title": "One", "pages": pages}], "assessment": assessment, "strings": {}}


def scenario(n: int, retry: bool = True, scored: bool = True) -> dict:
    return {"kind": "scenario", "id": f"s{n}", "title": "S", "retry": retry, "scored": scored,
            "interaction_id": f"scn_s{n}", "options": [{"key": "a"}, {"key": "b"}]}


def dialogue(ident: str, nodes: dict[str, list[str]], start: str = "n1") -> dict:
    """nodes: {node: [next node of each choice]}; a node with no choices is an ending."""
    return {"kind": "dialogue", "id": ident, "title": "D", "scored": True, "start": start,
            "interaction_prefix": f"dlg_{ident}", "scores": [{"id": "rapport"}],
            "nodes": {n: {"choices": [{"key": chr(97 + i), "next": nxt} for i, nxt in enumerate(nexts)]}
                      for n, nexts in nodes.items()}}


def question(ident: str, kind: str, size: int = 0) -> dict:
    q = {"id": ident, "kind": kind, "interaction_id": f"q_{ident}", "weight": 1}
    key = {"multiple-response": "choices", "single-choice": "choices", "matching": "pairs", "ordering": "items"}
    if kind in key:
        q[key[kind]] = [{"key": chr(97 + i)} for i in range(size)]
    return q


def test_worst_case_state_matches_the_players_format():
    """Every field at its largest, written out by hand in the player's compact JSON."""
    from scorm_builder.render.suspend import worst_case

    text = {"kind": "text", "id": "intro", "title": "T"}
    data = course_data(
        [text, scenario(1), dialogue("call", {"n1": ["n2", "end"], "n2": ["end"], "end": []})],
        {"attempts": 2, "draw": 1, "questions": [question("q1", "multiple-response", 3), question("q2", "true-false")]})
    expected = ('{"v":2,"c":"big","l":"intro","vw":"intro s1 call","sc":{"s1":[999,"b","00000"]},'
                '"dg":{"call":[999,"zz","00000"]},"a":{"sd":2147483646,"n":2,"ph":"r","qi":0,'
                '"q":[["q1","abc","00000"]],"sc":[100,100],"ps":1,"nr":1},"s":1}')
    estimate = worst_case(data)
    assert estimate.text == expected
    assert estimate.length == len(expected) == 219
    assert estimate.describe() == "pages 54, scenarios 29, dialogues 32, assessment 99"
    assert sum(estimate.parts.values()) + len("{,,,}") == estimate.length
    assert estimate.loops == ()


def test_worst_case_without_retry_unlimited_attempts_and_every_question():
    from scorm_builder.render.suspend import worst_case

    data = course_data([scenario(1, retry=False)],
                       {"attempts": 0, "draw": None, "questions": [question("m", "matching", 4),
                                                                   question("o", "ordering", 5)]})
    expected = ('{"v":2,"c":"big","l":"s1","vw":"s1","sc":{"s1":[1,"b","00000"]},"dg":{},"a":{"sd":2147483646,'
                '"n":10,"ph":"r","qi":1,"q":[["o","abcde","00000"],["m","abcd","00000"]],"sc":['
                + ",".join(["100"] * 10) + '],"ps":1,"nr":1},"s":1}')
    assert worst_case(data).text == expected
    assert worst_case(data).length == len(expected) == 233


def player_package(tmp_path: Path, data: dict | str, version: str = "1.2") -> Path:
    if version == "1.2":
        files = [(n, player_page(data) if n == "shared/launch.html" else d) for n, d in files_12()]
    else:
        files = [(n, player_page(data) if n == "play/index.html" else d) for n, d in files_2004()]
    return write_zip(tmp_path / PKG, files)


def test_suspend_data_over_the_12_limit(tmp_path):
    """300 scenarios a learner may retry: 300 x '"k":[999,"z"],' is over 4096 characters."""
    data = course_data([scenario(n) for n in range(300)])
    from scorm_builder.render.suspend import worst_case

    state = ('{"v":2,"c":"big","l":"s100","vw":"' + " ".join(f"s{n}" for n in range(300)) + '","sc":{'
             + ",".join(f'"s{n}":[999,"b","00000"]' for n in range(300)) + '},"dg":{},"s":1}')
    assert worst_case(data).text == state
    assert len(state) == 8836
    assert lines(player_package(tmp_path, data)) == [
        f"{PKG}:shared/launch.html: error [suspend-data] the saved state can reach 8836 characters (pages 1429, "
        "scenarios 7396, dialogues 7, assessment 0), above SCORM 1.2's suspend_data limit of 4096; the player then "
        "drops saved answers to keep the bookmark — split the course, or shorten dialogues and the question draw"]


def test_suspend_data_fits_the_2004_limit(tmp_path):
    data = course_data([scenario(n) for n in range(300)], standard="scorm2004")
    assert lines(player_package(tmp_path, data, "2004")) == [
        f"{PKG}:common/photo 1.png: warning [file-name] common/photo 1.png has spaces; some LMS servers store "
        "or serve such names differently, and the link then breaks — use lower-case ASCII names with '-' "
        "instead of spaces"]


def test_suspend_data_over_the_budget_of_the_lms_profile_the_package_was_built_for(tmp_path):
    """A 2004 package built for an LMS that keeps 4,000 characters (lms.py's legacy-2004) is measured
    against that budget, not the standard's 64,000; a budget above the standard's changes nothing."""
    data = course_data([scenario(n) for n in range(300)], standard="scorm2004")
    data["lms"] = {"name": "legacy-2004", "suspendBudget": 4000}
    assert [line for line in lines(player_package(tmp_path, data, "2004")) if "[suspend-data]" in line] == [
        f"{PKG}:play/index.html: error [suspend-data] the saved state can reach 8836 characters (pages 1429, "
        "scenarios 7396, dialogues 7, assessment 0), above the 4000 characters of suspend_data that LMS profile "
        "'legacy-2004' keeps; the player then drops saved answers to keep the bookmark — split the course, or "
        "shorten dialogues and the question draw"]
    for odd in (64000, 10 ** 9, "4000", True, -1):  # not below the standard's limit, or not a count
        data["lms"] = {"name": "x", "suspendBudget": odd}
        assert [line for line in lines(player_package(tmp_path, data, "2004")) if "[suspend-data]" in line] == []


def test_dialogue_with_a_loop(tmp_path):
    data = course_data([dialogue("call", {"n1": ["n2"], "n2": ["n1", "end"], "end": []})])
    assert lines(player_package(tmp_path, data)) == [
        f"{PKG}:shared/launch.html: warning [suspend-data] dialogue 'call' has a loop: each lap adds to its saved "
        "path, beyond the 88 characters counted with every choice taken once — give the loop's choices a way "
        "forward"]


def test_interaction_id_invalid_in_12(tmp_path):
    """A dot is fine in a 2004 id (URI-safe) but not in a 1.2 CMIIdentifier."""
    data = course_data([], {"attempts": 1, "draw": None, "questions": [question("v1.2", "true-false")]})
    assert lines(player_package(tmp_path, data)) == [
        f"{PKG}:shared/launch.html: error [interaction-id] interaction id 'q_v1.2' is not valid in SCORM 1.2 "
        "(expected CMIIdentifier: 1-255 of A-Z a-z 0-9 _ -); the player does not send it and the LMS records "
        "nothing — shorten or rename the question, scenario or dialogue id"]
    data["standard"] = "scorm2004"
    assert [f.rule for f in check_package(player_package(tmp_path, data, "2004"))] == ["file-name"]


def test_interaction_id_too_long_with_its_retry_suffix(tmp_path):
    """250 characters fit, but the player's '_a999' for the 999th try makes 255 + 5."""
    page = scenario(1) | {"interaction_id": "scn_" + "x" * 250}
    assert lines(player_package(tmp_path, course_data([page]))) == [
        f"{PKG}:shared/launch.html: error [interaction-id] interaction id 'scn_{'x' * 250}_a999' is not valid in "
        "SCORM 1.2 (expected CMIIdentifier: 1-255 of A-Z a-z 0-9 _ -); the player does not send it and the LMS "
        "records nothing — shorten or rename the question, scenario or dialogue id"]


def test_interaction_id_with_a_space_in_2004(tmp_path):
    page = dialogue("bad call", {"n1": ["end"], "end": []})
    found = lines(player_package(tmp_path, course_data([page], standard="scorm2004"), "2004"))
    assert no_space_warning(found) == [
        f"{PKG}:play/index.html: error [interaction-id] interaction id 'dlg_bad call_n1_a999' is not valid in SCORM "
        "2004 (expected 1-4000 of A-Z a-z 0-9 _ . : -, URI-safe); the player does not send it and the LMS records "
        "nothing — shorten or rename the question, scenario or dialogue id",
        f"{PKG}:play/index.html: error [interaction-id] objective id 'obj_bad call_rapport' is not valid in SCORM "
        "2004 (expected 1-4000 of A-Z a-z 0-9 _ . : -, URI-safe); the player does not send it and the LMS records "
        "nothing — shorten or rename the question, scenario or dialogue id"]


def test_player_data_not_json(tmp_path):
    assert lines(player_package(tmp_path, '{"format": 1, "lessons": [')) == [
        f"{PKG}:shared/launch.html:2: error [player-data] the course data in shared/launch.html is not valid JSON "
        "(Expecting value: line 1 column 27 (char 26)) — rebuild the package with scorm-builder"]


def test_player_data_of_the_wrong_shape(tmp_path):
    data = course_data([{"id": "no-kind"}])
    assert lines(player_package(tmp_path, data)) == [
        f"{PKG}:shared/launch.html: error [player-data] the course data in shared/launch.html is not shaped as "
        "format 1 expects (KeyError: 'kind'); the player would fail on it too — rebuild the package with "
        "scorm-builder"]


def test_player_data_of_an_unknown_format(tmp_path):
    assert lines(player_package(tmp_path, {"format": 2})) == [
        f"{PKG}:shared/launch.html:2: warning [player-data] the course data in shared/launch.html has format 2, "
        "which this checker doesn't know (expected 1); suspend_data and interactions not checked — check it with "
        "the scorm-builder that built it"]


def test_built_package_is_recognised_as_ours(demo_course, build_into, monkeypatch):
    """The checker finds the player data in a real build: with a tiny limit, the budget rule fires."""
    from scorm_builder import standards
    from scorm_builder.render.suspend import worst_case

    path = build_into(demo_course, ("scorm12",))["scorm12"]
    package = zipfile.ZipFile(path)
    found = read_course_data(package.read("index.html"))
    estimate = worst_case(with_lesson_files(found.data, package.read))  # each page whole, as check reads it
    monkeypatch.setitem(standards.SUSPEND_LIMIT, "scorm12", 100)
    assert [line for line in lines(path) if "[suspend-data]" in line] == [
        f"{PKG}:index.html: error [suspend-data] the saved state can reach {estimate.length} characters "
        f"({estimate.describe()}), above SCORM 1.2's suspend_data limit of 100; the player then drops saved answers "
        "to keep the bookmark — split the course, or shorten dialogues and the question draw"]
    assert estimate.length > 100 and estimate.parts["assessment"] > 4 and estimate.parts["dialogues"] > 2


# --- the command line --------------------------------------------------------------------------

def test_cli_clean_package_exits_0(tmp_path, runner):
    path = write_zip(tmp_path / PKG, files_12())
    result = runner.invoke(main, ["check", str(path)])
    assert (result.exit_code, result.output) == (0, f"{path}: ok\n")


def test_cli_errors_exit_1_with_one_line_each_and_a_summary(tmp_path, runner):
    good = write_zip(tmp_path / "good.zip", files_2004())
    bad = write_zip(tmp_path / "bad.zip", [(n, d) for n, d in files_12() if n != "shared/launch.html"])
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["check", str(good), str(bad), str(empty)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{good}:common/photo 1.png: warning [file-name] common/photo 1.png has spaces; some LMS servers store or "
        "serve such names differently, and the link then breaks — use lower-case ASCII names with '-' instead of "
        "spaces",
        f"{good}: ok (1 warning)",
        f"{bad}:imsmanifest.xml:{line_of(MANIFEST_12, '<resource ')}: error [launch-missing] item 'item_1' launches "
        "'shared/launch.html', which is not in the zip — add the file or fix the resource href",
        f"{bad}: 1 error, 0 warnings",
        f"{empty}: error [zip-empty] the file is empty (0 bytes) — export or build the package again",
        f"{empty}: 1 error, 0 warnings"]


def diagnostic(package: Path, severity: str, rule: str, entry: str | None, line: int | None, reason: str,
               fix: str) -> dict:
    """One object of the project's JSON diagnostics, as check writes it."""
    return {"severity": severity, "rule": rule, "file": str(package), "entry": entry, "line": line,
            "column": None, "key": "", "reason": reason, "fix": fix}


def test_cli_json(tmp_path, runner):
    path = write_zip(tmp_path / PKG, files_12() + [("shared/extra.js", b"1"), ("run.php", b"<?php")])
    result = runner.invoke(main, ["check", "--json", str(path)])
    assert result.exit_code == 1
    assert json.loads(result.output) == [
        diagnostic(path, "error", "zip-server-file", "run.php", None,
                   "run.php is a server-side file; LMSes such as Docebo refuse a package that holds .htaccess, "
                   ".php, .cgi, .sh, .shtml, .asp(x), .jsp, .py, .rb or .pl files", "remove it from the package"),
        diagnostic(path, "warning", "file-unlisted", "shared/extra.js", None,
                   "shared/extra.js is in the zip but in no <file> of the manifest; some LMSes don't copy unlisted "
                   "files", "list it in its resource, or remove it"),
        diagnostic(path, "warning", "file-unlisted", "run.php", None,
                   "run.php is in the zip but in no <file> of the manifest; some LMSes don't copy unlisted files",
                   "list it in its resource, or remove it")]


def test_cli_json_clean_is_an_empty_list(tmp_path, runner):
    result = runner.invoke(main, ["check", "--json", str(write_zip(tmp_path / PKG, files_12()))])
    assert (result.exit_code, result.output) == (0, "[]\n")


def test_cli_json_for_a_line_finding(tmp_path, runner):
    broken = MANIFEST_12.replace("<schema>ADL SCORM</schema>", "<schema>SCORM</schema>")
    path = write_zip(tmp_path / PKG, files_12(broken))
    result = runner.invoke(main, ["check", "--json", str(path)])
    assert json.loads(result.output) == [
        diagnostic(path, "error", "manifest-schema", "imsmanifest.xml", line_of(broken, "<schema>"),
                   "<schema> is 'SCORM' (expected 'ADL SCORM')", "write <schema>ADL SCORM</schema>")]


def test_cli_json_for_a_whole_zip_finding(tmp_path, runner):
    path = tmp_path / PKG
    path.write_bytes(b"")
    result = runner.invoke(main, ["check", "--json", str(path)])
    assert (result.exit_code, json.loads(result.output)) == (1, [
        diagnostic(path, "error", "zip-empty", None, None, "the file is empty (0 bytes)",
                   "export or build the package again")])


@pytest.mark.parametrize("content, rule", [(b"", "zip-empty"), (b"not a zip", "zip-invalid"),
                                           (b"PK\x03\x04\x14\x00\x00\x00", "zip-truncated")])
def test_cli_never_tracebacks_on_unusable_files(tmp_path, runner, content, rule):
    """One finding and the summary, exit 1: the only exception is the SystemExit carrying the status."""
    path = tmp_path / PKG
    path.write_bytes(content)
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert [line.split(" ")[1:3] for line in result.output.splitlines()] == [["error", f"[{rule}]"], ["1", "error,"]]


def test_cli_schemas_from_the_environment(tmp_path, runner, schemas_dir, monkeypatch):
    broken = MANIFEST_12.replace("<title>Playing the game</title>", "<titel>Playing the game</titel>")
    path = write_zip(tmp_path / PKG, files_12(broken))
    assert runner.invoke(main, ["check", str(path)]).exit_code == 0
    monkeypatch.setenv("SCORM_BUILDER_SCHEMAS", str(schemas_dir))
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "error [manifest-xsd]" in result.output.splitlines()[0]


def test_cli_schemas_folder_without_the_schemas(tmp_path, runner):
    path = write_zip(tmp_path / PKG, files_12())
    result = runner.invoke(main, ["check", "--schemas", str(tmp_path), str(path)])
    assert result.exit_code == 1
    assert result.output == (f"Error: schema folder {tmp_path.resolve()} has no scorm12/imscp_rootv1p1p2.xsd "
                             "(expected the layout of the official SCORM schema set: scorm12/ and scorm2004-4th/)\n")
