"""check never tracebacks: thousands of seeded mutations of a real package's bytes, entries, manifest and course data."""
from __future__ import annotations

import io
import json
import multiprocessing
import random
import re
import resource
import traceback
import warnings
import zipfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterator

from conftest import REPO

from scorm_builder.check.course_data import COURSE_DATA_TAG, SCRIPT_END
from scorm_builder.check.findings import CONTROL, render
from scorm_builder.check.report import check_package

SEED = 20261125
# How many mutated packages of each kind; bounded by count so the run is the same everywhere (~10 s).
CASES = {"bytes": 500, "entries": 500, "manifest": 800, "course-data": 600}
STAMP = (2020, 1, 1, 0, 0, 0)
HOSTILE_NAMES = ["", "/", "/etc/cron.d/x", "C:\\x.html", "..\\x.html", "../x.html", "a/../../x.html", "dir/",
                 "x\x1b[2K\rpkg: ok\n.html", "a\u202eb.html", "caf\u00e9.html", "IMSMANIFEST.XML", "sub/imsmanifest.xml",
                 "x.php", ".htaccess", "a" * 300 + ".html", "index.html", "imsmanifest.xml", "\x00.html"]
HOSTILE_VALUES = ["", " ", "https://evil.example.com/x.html", "//evil.example.com/x", "java&#9;script:x.html",
                  "../../etc/passwd", "/abs.html", "C:\\x.html", "%2e%2e/x.html", "x?#", "index.html?x=1#y", "sco",
                  "asset", "SCO", "1 bad id", "a" * 5000, "&amp;", "&#x1b;", "\u202e", "res_1", "ITEM-1", "x:y",
                  "true", "false", "2004 4th Edition", "1.2", "CAM 1.3"]
HOSTILE_JSON: list[Any] = [10 ** 9, 10 ** 15, 10 ** 40, -1, 0, 1, 999, 1000, 1e308, float("nan"), None, True, False,
                           "", "x" * 300, "a b", [], {}, [[]], {"kind": "dialogue"}, [1, "z", None]]


@dataclass(frozen=True)
class Entry:
    name: str
    data: bytes
    method: int = zipfile.ZIP_DEFLATED
    mode: int = 0o100644


def entries_of(path: Path) -> list[Entry]:
    with zipfile.ZipFile(path) as zf:
        return [Entry(i.filename, zf.read(i)) for i in zf.infolist()]


def zip_bytes(entries: list[Entry]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(out, "w", compresslevel=1) as zf:  # fast: the mutants need not be small
            for e in entries:
                info = zipfile.ZipInfo(e.name or "x", STAMP)
                info.filename = e.name  # ZipInfo refuses nothing here; an empty name is written as is
                info.compress_type, info.create_system, info.external_attr = e.method, 3, e.mode << 16
                zf.writestr(info, e.data)
    return out.getvalue()


# --- mutations --------------------------------------------------------------------------------

def mutate_bytes(rnd: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    kind = rnd.randrange(7)
    if kind == 0:
        for _ in range(rnd.randint(1, 8)):
            out[rnd.randrange(len(out))] = rnd.randrange(256)
    elif kind == 1:
        del out[rnd.randrange(len(out)):]
    elif kind == 2:
        at, size = rnd.randrange(len(out)), rnd.randint(1, 64)
        out[at:at] = out[rnd.randrange(len(out)):][:size]
    elif kind == 3:
        at = rnd.randrange(len(out))
        out[at:at + rnd.randint(1, 32)] = bytes(rnd.randint(1, 32))
    elif kind == 4:
        heads = [m.start() for m in re.finditer(rb"PK\x01\x02|PK\x03\x04|PK\x05\x06", bytes(out))]
        at = rnd.choice(heads) + rnd.randrange(4, 46)
        out[at % len(out)] = rnd.randrange(256)
    elif kind == 5:
        at = len(out) - rnd.randint(1, max(2, len(out) // 5))
        out[at] = rnd.randrange(256)
    else:
        out[rnd.randrange(4)] = rnd.randrange(256)
    return bytes(out)


def mutate_entries(rnd: random.Random, entries: list[Entry]) -> list[Entry]:
    out = list(entries)
    k = rnd.randrange(len(out))
    kind = rnd.randrange(7)
    if kind == 0:
        out[k] = replace(out[k], name=rnd.choice(HOSTILE_NAMES + [e.name for e in out]))
    elif kind == 1:
        out[k] = replace(out[k], mode=0o120777, data=rnd.choice([b"/etc/passwd", b"../../x", b"\x1b[2K"]))
    elif kind == 2:
        del out[k]
    elif kind == 3:
        out.insert(rnd.randrange(len(out) + 1), out[k])
    elif kind == 4:
        out[k] = replace(out[k], method=zipfile.ZIP_STORED if out[k].method == zipfile.ZIP_DEFLATED
                         else zipfile.ZIP_DEFLATED)
    elif kind == 5:
        out.append(Entry(f"media/zeros-{k}.bin", bytes(rnd.choice([10, 1024 ** 2 + 1]))))
    else:
        out[k] = replace(out[k], data=rnd.randbytes(rnd.randint(0, 300)))
    return out


def mutate_manifest(rnd: random.Random, text: str) -> str:
    for _ in range(rnd.randint(1, 3)):
        kind = rnd.randrange(8)
        at = rnd.randrange(len(text))
        if kind == 0:
            text = text[:at] + text[at + rnd.randint(1, 200):]
        elif kind == 1:
            text = text[:at] + text[rnd.randrange(len(text)):][:200] + text[at:]
        elif kind in (2, 3):
            values = list(re.finditer(r'="([^"]*)"' if kind == 2 else r'href="([^"]*)"', text)) or [None]
            m = rnd.choice(values)
            text = text if m is None else text[:m.start(1)] + rnd.choice(HOSTILE_VALUES) + text[m.end(1):]
        elif kind == 4:
            text = re.sub(r"<\?xml[^>]*\?>", '<?xml version="1.0"?>\n<!DOCTYPE manifest [<!ENTITY e "x">]>', text,
                          count=1).replace("<title>", "<title>&e;", 1)
        elif kind == 5:
            depth = rnd.choice([10, 300])
            text = text.replace("</organization>", "<a>" * depth + "</a>" * depth + "</organization>", 1)
        elif kind == 6:
            text = text[:at] + rnd.randbytes(rnd.randint(1, 8)).decode("latin-1") + text[at:]
        else:
            m = rnd.choice(list(re.finditer(r"<(/?)([A-Za-z:]+)", text)) or [None])
            names = ["item", "resource", "file", "imsss:sequencing", "x"]
            text = text if m is None else text[:m.start(2)] + rnd.choice(names) + text[m.end(2):]
    return text


def json_slots(value: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """(container, key) of every value inside a JSON tree."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        out.append((value, key))
        json_slots(child, out)
    return out


def mutate_course_data(rnd: random.Random, raw: bytes) -> bytes:
    data = json.loads(raw)
    slots = json_slots(data, [])
    if rnd.random() < 0.2 and isinstance(data.get("assessment"), dict):
        data["assessment"]["attempts"] = rnd.choice(HOSTILE_JSON)
    for _ in range(rnd.randint(0, 3)):
        container, key = rnd.choice(slots)
        if rnd.random() < 0.2 and isinstance(container, dict):
            container.pop(key, None)
        else:
            value = rnd.choice(HOSTILE_JSON)
            container[key] = value if rnd.random() < 0.9 else [value] * 70 if rnd.random() < 0.5 else \
                json.loads("[" * 70 + "]" * 70)
    text = json.dumps(data).encode()
    if rnd.random() < 0.15:
        at = rnd.randrange(len(text))
        text = text[:at] + rnd.choice([b"", b"[" * 100, b"{", b'"', b"\\"]) + text[at + rnd.randint(0, 5):]
    return text


# --- the run --------------------------------------------------------------------------------

def documented_rules() -> set[str]:
    """Every rule id in the tables of docs/check.md."""
    rows = [line for line in (REPO / "docs" / "check.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| `")]
    return {rule for row in rows for rule in re.findall(r"`([a-z0-9-]+)`", row.split("|")[1])}


def mutants(base: dict[str, Path], cases: dict[str, int], seed: int = SEED) -> Iterator[tuple[str, bytes]]:
    """``cases[kind]`` mutated packages of each kind, one at a time, in a fixed order from the seed."""
    rnd = random.Random(seed)
    originals = {std: (path.read_bytes(), entries_of(path)) for std, path in base.items()}
    makers: dict[str, Callable[[bytes, list[Entry]], bytes]] = {
        "bytes": lambda data, _: mutate_bytes(rnd, data),
        "entries": lambda _, entries: zip_bytes(mutate_entries(rnd, entries)),
        "manifest": lambda _, entries: zip_bytes([
            replace(e, data=mutate_manifest(rnd, e.data.decode()).encode("utf-8"))
            if e.name == "imsmanifest.xml" else e for e in entries]),
        "course-data": lambda _, entries: zip_bytes([
            replace(e, data=with_course_data(e.data, mutate_course_data(rnd, island(e.data))))
            if e.name == "index.html" else e for e in entries]),
    }
    for kind, count in cases.items():
        make = makers[kind]
        for n in range(count):
            std = rnd.choice(sorted(originals))
            yield f"{kind} #{n} ({std})", make(*originals[std])


def island(html: bytes) -> bytes:
    start = html.index(COURSE_DATA_TAG) + len(COURSE_DATA_TAG)
    return html[start:html.index(SCRIPT_END, start)]


def with_course_data(html: bytes, raw: bytes) -> bytes:
    start = html.index(COURSE_DATA_TAG) + len(COURSE_DATA_TAG)
    return html[:start] + raw + html[html.index(SCRIPT_END, start):]


HEADROOM = 1024 ** 3  # address space the fuzzing process may grow by: a memory bomb fails, not the machine


def cap_memory() -> None:
    """Limit this (forked) process to its current address space plus HEADROOM."""
    size = int(re.search(r"VmSize:\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1)) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size + HEADROOM, size + HEADROOM))


def fuzz(base: dict[str, Path], work: Path, cases: dict[str, int], schemas: Path | None = None,
         seed: int = SEED) -> tuple[int, list[str], Counter]:
    """Check every mutant; (how many, what went wrong, how often each rule fired)."""
    rules, seen, failures, count = documented_rules(), Counter(), [], 0
    path = work / "mutant.zip"
    for label, data in mutants(base, cases, seed):
        count += 1
        path.write_bytes(data)
        try:
            found = check_package(path, schemas, label="mutant.zip")
        except BaseException as err:  # noqa: BLE001 - any exception at all is the failure being looked for
            failures.append(f"{label}: {''.join(traceback.format_exception_only(err)).strip()}")
            continue
        for d in found:
            seen[d.rule] += 1
            line = render(d)
            if d.rule not in rules or d.severity not in ("error", "warning", "info") or CONTROL.search(line):
                failures.append(f"{label}: {line!r}")
    return count, failures, seen


def test_thousands_of_mutated_packages_give_findings_never_a_traceback(demo_course, build_into, tmp_path):
    """Run in a forked process with capped memory, so a regression fails the test, not the machine."""
    base = build_into(demo_course, ("scorm12", "scorm2004-4"))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=cap_memory) as pool:
        count, failures, seen = pool.submit(fuzz, base, tmp_path, CASES).result()
    assert count == sum(CASES.values()) == 2400
    assert failures == [], f"{len(failures)} failures, first: {failures[:5]}"
    # the mutations reach deep into every stage, not only "not a zip"
    reached = {"zip-truncated", "zip-entry-crc", "zip-entry-unreadable", "zip-empty-name",
               "zip-control-name", "zip-symlink", "zip-duplicate", "zip-bomb", "zip-server-file", "manifest-at-root",
               "manifest-xml", "manifest-entity", "identifier-format", "launch-external", "href-format",
               "launch-missing", "player-data", "player-data-limit", "interaction-id", "suspend-data"}
    assert reached - set(seen) == set(), sorted(seen)


def test_mutated_manifests_against_the_official_schemas_give_findings(demo_course, build_into, tmp_path,
                                                                      schemas_dir):
    """The XSD path too: entity references, broken namespaces and odd nesting never escape as lxml errors."""
    base = build_into(demo_course, ("scorm12", "scorm2004-4"))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=cap_memory) as pool:
        count, failures, seen = pool.submit(fuzz, base, tmp_path, {"manifest": 300}, schemas_dir, SEED + 1).result()
    assert (count, failures) == (300, [])
    assert {"manifest-xsd", "manifest-xsd-failed", "manifest-entity"} - set(seen) == set(), sorted(seen)
