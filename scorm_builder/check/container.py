"""Zip rules of the checker: a readable, safe archive, every entry intact, imsmanifest.xml at its root."""
from __future__ import annotations

import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from scorm_builder.check.findings import CONTROL, Findings, printable

MANIFEST = "imsmanifest.xml"
COURSE_STRUCTURE = "cmi5.xml"  # a cmi5 course package's course structure, at the zip root (cmi5 section 14.1)
SIZE_WARNING = 50 * 1024 * 1024  # several LMSes refuse uploads above about 50 MB
MAX_TOTAL = 1024 ** 3  # 1 GiB unpacked: no course needs it, an LMS's disk or memory may not survive it
MAX_ENTRY_RATIO = 100  # text compresses 3-20x; a 100x entry of 1 MiB or more is a bomb's signature
ENTRY_RATIO_FROM = 1024 ** 2
MAX_TOTAL_RATIO = 20  # the whole zip, once it unpacks to 100 MiB or more
TOTAL_RATIO_FROM = 100 * 1024 ** 2
MAX_READ = 32 * 1024 ** 2  # the most the checker reads of one entry (the manifest, the player page)
CHUNK = 256 * 1024  # entries are verified this much at a time, so memory stays flat
LINK_READ = 1024  # the most of a symbolic link's target that is read to show it
SUPPORTED_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
METHOD_NAMES = {9: "deflate64", zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma", 93: "zstandard", 99: "AES"}
# Docebo refuses a package holding any of these (SCORM-CONFORMANCE.md A1); other LMSes block some too.
SERVER_SIDE = re.compile(r"(^|/)\.htaccess$|\.(php\d*|phtml|cgi|sh|shtml|aspx?|jsp|py|rb|pl)$", re.IGNORECASE)
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)


@dataclass
class Package:
    """An opened zip: its entries as the central directory lists them (read lazily)."""

    path: Path
    size: int
    zf: zipfile.ZipFile
    files: list[zipfile.ZipInfo]  # file entries (no folders, no nameless entry), in zip order
    names: set[str] = field(default_factory=set)
    has_manifest: bool = False
    is_cmi5: bool = False  # cmi5.xml at the root and no imsmanifest.xml: checked by check/cmi5.py
    unread: set[str] = field(default_factory=set)  # entries already reported as damaged or a bomb

    def read(self, name: str, findings: Findings) -> bytes | None:
        """One entry's bytes, or None (with a finding, unless one was given already) when it can't be read safely."""
        if name in self.unread:
            return None
        info = self.zf.getinfo(name)
        if info.file_size > MAX_READ:
            findings.error("zip-entry-size", f"{name} unpacks to {info.file_size} bytes, more than the "
                           f"{MAX_READ // 1024 ** 2} MiB this checker reads", "make it smaller", name)
            return None
        try:
            with self.zf.open(info) as stream:
                return stream.read(MAX_READ + 1)
        except ZIP_ERRORS as err:
            findings.error("zip-entry-unreadable", f"{name} cannot be unpacked ({err})", "rebuild the zip", name)
            return None


def open_package(path: Path, findings: Findings) -> Package | None:
    """Open the zip and run the zip rules; None when nothing more can be checked."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder, not a zip file")
    except OSError as err:
        findings.error("package-file", f"cannot read the package: {err.strerror}", "give the path of a .zip file")
        return None
    if size == 0:
        findings.error("zip-empty", "the file is empty (0 bytes)", "export or build the package again")
        return None
    try:
        zf = zipfile.ZipFile(path)
    except UnicodeDecodeError as err:  # a name flagged UTF-8 (bit 11) that is not
        _bad_name_encoding(err, findings)
        return None
    except ZIP_ERRORS as err:
        _not_a_zip(path, err, findings)
        return None
    infos = zf.infolist()
    if not _sound(infos, size, findings):
        zf.close()
        return None
    files = [i for i in infos if i.filename and not i.is_dir()]
    package = Package(path, size, zf, files, {i.filename for i in files})
    _entry_findings(zf, infos, findings)
    package.unread |= _bomb_findings(files, findings)
    _verify(package, findings)
    if size > SIZE_WARNING:
        findings.warning("zip-size", f"the package is {size / 1e6:.0f} MB; several LMSes refuse uploads above "
                         "about 50 MB", "keep video out of the package and stream it from your video platform")
    package.is_cmi5 = COURSE_STRUCTURE in package.names and MANIFEST not in package.names
    package.has_manifest = not package.is_cmi5 and _manifest_at_root(files, findings)
    return package


def _bad_name_encoding(err: UnicodeDecodeError, findings: Findings) -> None:
    raw = err.object if isinstance(err.object, bytes) else b""
    name = raw.decode("utf-8", "backslashreplace")
    findings.error("zip-name-encoding", f"the entry name {raw!r} is marked as UTF-8 but is not valid UTF-8 "
                   f"({err.reason} at byte {err.start}); LMSes unpack it under a garbled name or refuse the zip",
                   "zip the package again with a tool that writes UTF-8 names", name)


def _not_a_zip(path: Path, err: Exception, findings: Findings) -> None:
    with open(path, "rb") as raw:
        head = raw.read(4)
    if head in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        findings.error("zip-truncated", "the zip is truncated or damaged: its central directory (the table of "
                       f"contents at the end) is missing or unreadable ({err})",
                       "copy or download the package again; the transfer was cut short")
    else:
        findings.error("zip-invalid", f"not a zip file (it starts with {head!r}, a zip starts with "
                       "b'PK\\x03\\x04')", "give the .zip the authoring tool exported")


def _sound(infos: list[zipfile.ZipInfo], size: int, findings: Findings) -> bool:
    """Readable at all: entries inside the file, not encrypted, compressed in a way LMSes unpack."""
    past = [i.filename for i in infos if i.header_offset + i.compress_size > size]
    if past:
        findings.error("zip-truncated", f"the zip is truncated: {len(past)} entries lie past the end of the file "
                       f"(first: {past[0]})", "copy or download the package again", past[0])
        return False
    locked = [i.filename for i in infos if i.flag_bits & 0x41]  # bit 0 encrypted, bit 6 strong encryption
    if locked:
        findings.error("zip-encrypted", f"{len(locked)} of {len(infos)} entries are encrypted (first: {locked[0]}); "
                       "an LMS cannot unpack a password-protected zip", "export the package without a password",
                       locked[0])
        return False
    odd = [i for i in infos if i.compress_type not in SUPPORTED_METHODS]
    if odd:
        method = METHOD_NAMES.get(odd[0].compress_type, f"method {odd[0].compress_type}")
        findings.error("zip-compression", f"{len(odd)} entries use {method} compression (first: "
                       f"{odd[0].filename}); LMSes unpack only stored and deflate entries",
                       "zip the package again with standard (deflate) compression", odd[0].filename)
        return False
    return True


def _entry_findings(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], findings: Findings) -> None:
    seen: set[str] = set()
    for number, info in enumerate(infos, 1):
        name = info.filename
        if not name:
            findings.error("zip-empty-name", f"entry {number} of the zip has an empty name; unzip tools skip it "
                           "or stop with an error", "zip the package again from a folder")
            continue
        _name_findings(name, getattr(info, "orig_filename", name), findings)
        if name in seen:
            findings.error("zip-duplicate", f"the entry {name!r} appears twice; LMSes keep one copy or the other",
                           "zip the package again from a folder", name)
        seen.add(name)
        if not info.is_dir() and SERVER_SIDE.search(name):
            findings.error("zip-server-file", f"{name} is a server-side file; LMSes such as Docebo refuse a package "
                           "that holds .htaccess, .php, .cgi, .sh, .shtml, .asp(x), .jsp, .py, .rb or .pl files",
                           "remove it from the package", name)
        if stat.S_ISLNK(info.external_attr >> 16):
            findings.error("zip-symlink", f"{name} is a symbolic link to {_link_target(zf, info)!r}; unzip "
                           "recreates the link, and the LMS then serves whatever it points to on its own server",
                           "put the file itself in the package, not a link to it", name)


def _name_findings(name: str, raw: str, findings: Findings) -> None:
    """The rules on one entry's name."""
    if "\\" in raw:
        findings.error("zip-backslash", f"the entry name {raw!r} uses backslashes; Linux LMSes unpack it as one "
                       "file with backslashes in its name", "zip with forward slashes (a tool other than the old "
                       "Windows 'Send to > Compressed folder')", name)
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        findings.error("zip-absolute-path", f"the entry name {name!r} is an absolute path",
                       "store paths relative to the package root", name)
    if ".." in name.replace("\\", "/").split("/"):
        findings.error("zip-parent-path", f"the entry name {name!r} climbs out of the package with '..'",
                       "store every file inside the package folder", name)
    if CONTROL.search(name):
        findings.error("zip-control-name", f"the entry name '{printable(name)}' holds control characters, which "
                       "terminals and log viewers act on: they can erase, reorder or fake lines of output",
                       "rename the file with letters, digits, '-', '_' and '.' only", name)


def _link_target(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    try:
        with zf.open(info) as stream:
            return stream.read(LINK_READ).decode("utf-8", "backslashreplace")
    except ZIP_ERRORS:
        return "?"  # the data check below reports why it can't be read


def _bomb_findings(files: list[zipfile.ZipInfo], findings: Findings) -> set[str]:
    """Zip-bomb signs, read from the central directory only; returns the entries not to unpack."""
    bombs = set()
    for info in files:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= ENTRY_RATIO_FROM and ratio > MAX_ENTRY_RATIO:
            bombs.add(info.filename)
            findings.error("zip-bomb", f"{info.filename} unpacks {ratio:.0f} times larger ({info.file_size} bytes "
                           f"from {info.compress_size}), above the {MAX_ENTRY_RATIO}x limit for a real file",
                           "remove the entry; real course files don't compress this much", info.filename)
    total = sum(i.file_size for i in files)
    packed = sum(i.compress_size for i in files)
    if total > MAX_TOTAL:
        findings.error("zip-bomb", f"the package unpacks to {total} bytes, above the {MAX_TOTAL // 1024 ** 3} GiB "
                       "limit", "split the course or move large media out of it")
        return {i.filename for i in files}
    if total >= TOTAL_RATIO_FROM and total / max(packed, 1) > MAX_TOTAL_RATIO:
        findings.error("zip-bomb", f"the package unpacks {total / max(packed, 1):.0f} times larger ({total} bytes "
                       f"from {packed}), above the {MAX_TOTAL_RATIO}x limit for a whole package",
                       "remove the over-compressed entries")
        return {i.filename for i in files}
    return bombs


def _verify(package: Package, findings: Findings) -> None:
    """Unpack every entry (CHUNK bytes at a time, nothing kept) so damaged data is found before an LMS finds it."""
    for info in package.files:
        if info.filename in package.unread:
            continue
        try:
            with package.zf.open(info) as stream:
                while stream.read(CHUNK):
                    pass
        except ZIP_ERRORS as err:
            package.unread.add(info.filename)
            if str(err).startswith("Bad CRC-32"):
                findings.error("zip-entry-crc", f"{info.filename} is damaged: its data does not match the CRC-32 "
                               "checksum the zip records for it; an LMS refuses the zip or unpacks a broken file",
                               "copy or download the package again, or rebuild it", info.filename)
            else:
                findings.error("zip-entry-unreadable", f"{info.filename} cannot be unpacked ({err})",
                               "rebuild the zip", info.filename)


def _manifest_at_root(files: list[zipfile.ZipInfo], findings: Findings) -> bool:
    names = [i.filename for i in files]
    if MANIFEST in names:
        return True
    wrong_case = [n for n in names if n.lower() == MANIFEST]
    nested = sorted((n for n in names if n.lower().endswith(("/" + MANIFEST, "/" + COURSE_STRUCTURE))),
                    key=lambda n: (n.count("/"), n))
    if wrong_case:
        findings.error("manifest-at-root", f"the manifest is named {wrong_case[0]!r}; LMSes look for exactly "
                       "'imsmanifest.xml'", "rename it in lower case", wrong_case[0])
    elif nested:
        folder, name = nested[0].rsplit("/", 1)
        findings.error("manifest-at-root", f"{name} is not at the root of the zip but in '{folder}/'",
                       f"zip the contents of '{folder}', not the folder itself", nested[0])
    else:
        findings.error("manifest-at-root", "the zip has no imsmanifest.xml, so it is not a SCORM package",
                       "export the course as SCORM 1.2 or SCORM 2004 from your authoring tool")
    return False
