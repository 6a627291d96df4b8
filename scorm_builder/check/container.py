"""Zip rules of the checker: a readable, safe archive with imsmanifest.xml at its root."""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from scorm_builder.check.report import Finding, error, warning

MANIFEST = "imsmanifest.xml"
SIZE_WARNING = 50 * 1024 * 1024  # several LMSes refuse uploads above about 50 MB
MAX_TOTAL = 1024 ** 3  # 1 GiB unpacked: no course needs it, an LMS's disk or memory may not survive it
MAX_ENTRY_RATIO = 100  # text compresses 3-20x; a 100x entry of 1 MiB or more is a bomb's signature
ENTRY_RATIO_FROM = 1024 ** 2
MAX_TOTAL_RATIO = 20  # the whole zip, once it unpacks to 100 MiB or more
TOTAL_RATIO_FROM = 100 * 1024 ** 2
MAX_READ = 32 * 1024 ** 2  # the most the checker reads of one entry (the manifest, the player page)
SUPPORTED_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
METHOD_NAMES = {9: "deflate64", zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma", 93: "zstandard", 99: "AES"}
# Docebo refuses a package holding any of these (SCORM-CONFORMANCE.md A1); other LMSes block some too.
SERVER_SIDE = re.compile(r"(^|/)\.htaccess$|\.(php\d*|phtml|cgi|sh|shtml|aspx?|jsp|py|rb|pl)$", re.IGNORECASE)


@dataclass
class Package:
    """An opened zip: its entries as the central directory lists them (read lazily)."""

    path: Path
    size: int
    zf: zipfile.ZipFile
    files: list[zipfile.ZipInfo]  # file entries (no folders), in zip order
    names: set[str] = field(default_factory=set)
    has_manifest: bool = False

    def read(self, name: str, findings: list[Finding]) -> bytes | None:
        """One entry's bytes, or None with a finding when it can't be read safely."""
        info = self.zf.getinfo(name)
        if info.file_size > MAX_READ:
            findings.append(error("zip-entry-size", f"{name} unpacks to {info.file_size} bytes, more than the "
                                  f"{MAX_READ // 1024 ** 2} MiB this checker reads", "make it smaller", name))
            return None
        try:
            with self.zf.open(info) as stream:
                return stream.read(MAX_READ + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as err:
            findings.append(error("zip-entry-unreadable", f"{name} cannot be unpacked ({err})",
                                  "rebuild the zip", name))
            return None


def open_package(path: Path, findings: list[Finding]) -> Package | None:
    """Open the zip and run the zip rules; None when nothing more can be checked."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder, not a zip file")
    except OSError as err:
        findings.append(error("package-file", f"cannot read the package: {err.strerror}",
                              "give the path of a .zip file"))
        return None
    if size == 0:
        findings.append(error("zip-empty", "the file is empty (0 bytes)", "export or build the package again"))
        return None
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as err:
        findings.append(_not_a_zip(path, err))
        return None
    infos = zf.infolist()
    if not _sound(infos, size, findings):
        return None
    files = [i for i in infos if not i.is_dir()]
    package = Package(path, size, zf, files, {i.filename for i in files})
    findings.extend(_entry_findings(infos))
    findings.extend(_bomb_findings(files))
    if size > SIZE_WARNING:
        findings.append(warning("zip-size", f"the package is {size / 1e6:.0f} MB; several LMSes refuse uploads "
                                "above about 50 MB", "keep video out of the package and stream it from your "
                                "video platform"))
    package.has_manifest = _manifest_at_root(files, findings)
    return package


def _not_a_zip(path: Path, err: Exception) -> Finding:
    with open(path, "rb") as raw:
        head = raw.read(4)
    if head in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return error("zip-truncated", "the zip is truncated or damaged: its central directory (the "
                     f"table of contents at the end) is missing or unreadable ({err})",
                     "copy or download the package again; the transfer was cut short")
    return error("zip-invalid", f"not a zip file (it starts with {head!r}, a zip starts with b'PK\\x03\\x04')",
                 "give the .zip the authoring tool exported")


def _sound(infos: list[zipfile.ZipInfo], size: int, findings: list[Finding]) -> bool:
    """Readable at all: entries inside the file, not encrypted, compressed in a way LMSes unpack."""
    past = [i.filename for i in infos if i.header_offset + i.compress_size > size]
    if past:
        findings.append(error("zip-truncated", f"the zip is truncated: {len(past)} entries lie past the end of the "
                              f"file (first: {past[0]})", "copy or download the package again", past[0]))
        return False
    locked = [i.filename for i in infos if i.flag_bits & 0x41]  # bit 0 encrypted, bit 6 strong encryption
    if locked:
        findings.append(error("zip-encrypted", f"{len(locked)} of {len(infos)} entries are encrypted "
                              f"(first: {locked[0]}); an LMS cannot unpack a password-protected zip",
                              "export the package without a password", locked[0]))
        return False
    odd = [i for i in infos if i.compress_type not in SUPPORTED_METHODS]
    if odd:
        method = METHOD_NAMES.get(odd[0].compress_type, f"method {odd[0].compress_type}")
        findings.append(error("zip-compression", f"{len(odd)} entries use {method} compression (first: "
                              f"{odd[0].filename}); LMSes unpack only stored and deflate entries",
                              "zip the package again with standard (deflate) compression", odd[0].filename))
        return False
    return True


def _entry_findings(infos: list[zipfile.ZipInfo]) -> list[Finding]:
    out = []
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        raw = getattr(info, "orig_filename", name)
        if "\\" in raw:
            out.append(error("zip-backslash", f"the entry name {raw!r} uses backslashes; Linux LMSes unpack it "
                             "as one file with backslashes in its name", "zip with forward slashes (a tool "
                             "other than the old Windows 'Send to > Compressed folder')", name))
        if name.startswith("/") or re.match(r"[A-Za-z]:", name):
            out.append(error("zip-absolute-path", f"the entry name {name!r} is an absolute path",
                             "store paths relative to the package root", name))
        if ".." in name.replace("\\", "/").split("/"):
            out.append(error("zip-parent-path", f"the entry name {name!r} climbs out of the package with '..'",
                             "store every file inside the package folder", name))
        if name in seen:
            out.append(error("zip-duplicate", f"the entry {name!r} appears twice; LMSes keep one copy or the "
                             "other", "zip the package again from a folder", name))
        seen.add(name)
        if not info.is_dir() and SERVER_SIDE.search(name):
            out.append(error("zip-server-file", f"{name} is a server-side file; LMSes such as Docebo refuse a "
                             "package that holds .htaccess, .php, .cgi, .sh, .shtml, .asp(x), .jsp, .py, .rb "
                             "or .pl files", "remove it from the package", name))
    return out


def _bomb_findings(files: list[zipfile.ZipInfo]) -> list[Finding]:
    """Zip-bomb signs, read from the central directory only (nothing is unpacked)."""
    out = []
    for info in files:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= ENTRY_RATIO_FROM and ratio > MAX_ENTRY_RATIO:
            out.append(error("zip-bomb", f"{info.filename} unpacks {ratio:.0f} times larger ({info.file_size} bytes "
                             f"from {info.compress_size}), above the {MAX_ENTRY_RATIO}x limit for a real file",
                             "remove the entry; real course files don't compress this much", info.filename))
    total = sum(i.file_size for i in files)
    packed = sum(i.compress_size for i in files)
    if total > MAX_TOTAL:
        out.append(error("zip-bomb", f"the package unpacks to {total} bytes, above the {MAX_TOTAL // 1024 ** 3} GiB "
                         "limit", "split the course or move large media out of it"))
    elif total >= TOTAL_RATIO_FROM and total / max(packed, 1) > MAX_TOTAL_RATIO:
        out.append(error("zip-bomb", f"the package unpacks {total / max(packed, 1):.0f} times larger ({total} bytes "
                         f"from {packed}), above the {MAX_TOTAL_RATIO}x limit for a whole package",
                         "remove the over-compressed entries"))
    return out


def _manifest_at_root(files: list[zipfile.ZipInfo], findings: list[Finding]) -> bool:
    names = [i.filename for i in files]
    if MANIFEST in names:
        return True
    wrong_case = [n for n in names if n.lower() == MANIFEST]
    nested = sorted((n for n in names if n.lower().endswith("/" + MANIFEST)), key=lambda n: (n.count("/"), n))
    if wrong_case:
        findings.append(error("manifest-at-root", f"the manifest is named {wrong_case[0]!r}; LMSes look for "
                              "exactly 'imsmanifest.xml'", "rename it in lower case", wrong_case[0]))
    elif nested:
        folder = nested[0].rsplit("/", 1)[0]
        findings.append(error("manifest-at-root", f"imsmanifest.xml is not at the root of the zip but in "
                              f"'{folder}/'", f"zip the contents of '{folder}', not the folder itself", nested[0]))
    else:
        findings.append(error("manifest-at-root", "the zip has no imsmanifest.xml, so it is not a SCORM package",
                              "export the course as SCORM 1.2 or SCORM 2004 from your authoring tool"))
    return False
