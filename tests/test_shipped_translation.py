"""The shipped Spanish translation of empathy-written-channels: complete, built with --strict, markup and terms intact.

The translation lives in courses/empathy-written-channels/translations/es.xlf and, for the shared
pieces the course includes, courses/shared/translations/es.xlf. These tests build it as shipped
(nothing filled in by the test) and check that a learner sees no English text, apart from the
proper names and the one silence listed below.
"""
from __future__ import annotations

import html as html_lib
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from repo import REPO, course_data

from scorm_builder.cli import main
from scorm_builder.translate.placeholders import placeholders

COURSE = "empathy-written-channels"
FILES = (f"courses/{COURSE}/translations/es.xlf", "courses/shared/translations/es.xlf")
NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
PACKAGES = [f"{COURSE}-es-1.0.0-scorm12.zip", f"{COURSE}-es-1.0.0-scorm2004-4.zip"]
# The units whose Spanish text is, rightly, the English one: the customers' names (proper names,
# kept), Mel's silence in the dialogue, written as three dots, and the coached replies' check words that
# Spanish writes the same (an amount, a word stem). Every other unit must differ.
SAME_AS_SOURCE = {
    "wc-all-caps.customer.name": "Chris",
    "wc-ok-fine.customer.name": "Jess",
    "wc-wedding-dress.customer.name": "Tomás",
    "wc-address-change.customer.name": "Luis",
    "wc-subject-choice.customer.name": "Owen Brooks",
    "wc-friday-email.customer.name": "Nadia",
    "wc-juggling-chats.customer.name": "Bea",
    "wc-fraud-chat.customer.name": "Ray",
    "wc-first-line-call.customer.name": "Ray",
    "wc-abusive-chat.customer.name": "Vanessa",
    "wc-bereavement-email.customer.name": "Marek Nowak",
    "wc-apology-email.customer.name": "Dalia Ferreira",
    "wc-broadband-chat.customer": "Mel",
    "wc-broadband-chat.restart.customer": "...",
    "wc-abusive-chat.reply.checks.a.any.1": "160",
    "wc-abusive-chat.reply.checks.b.any.1": "insult*",
    "wc-bereavement-email.reply.checks.c.any.1": "18",
    "wc-apology-email.reply.checks.c.any.3": "confirm*",
}


@pytest.fixture()
def courses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of courses/ with its translations, so the build writes to a folder of its own."""
    shutil.copytree(REPO / "courses", tmp_path / "courses")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tmp_path / "courses"


def flat(element) -> str:
    """A <source> or <target> as text, each <ph> as the markup or placeholder it protects."""
    return "".join(element.itertext()) if element is not None else ""


def shipped_units() -> list[tuple[str, str, etree._Element]]:
    """(file, unit id, trans-unit) of every unit of the shipped Spanish files."""
    out = []
    for name in FILES:
        root = etree.parse(str(REPO / name)).getroot()
        assert root.get("version") == "1.2"
        for file in root.iterfind("x:file", NS):
            assert (file.get("source-language"), file.get("target-language")) == ("en-GB", "es")
            for unit in file.iterfind("x:body/x:trans-unit", NS):
                out.append((name, unit.get("id"), unit))
    return out


def texts(data) -> list[str]:
    """Every text of the course data a learner can see (HTML tags removed, spaces collapsed)."""
    found: list[str] = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in ("strings", "build", "brand", "format", "lms"):
                    walk(v, k)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and key not in ("id", "h", "interaction_id", "interaction_prefix", "key"):
            found.append(" ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", value)).split()))
    walk(data)
    return found


def test_the_status_is_complete(courses: Path) -> None:
    result = CliRunner().invoke(main, ["translate", "status", f"courses/{COURSE}"])
    assert result.exit_code == 0, result.output
    assert result.output == "es: 786 translated, 0 need review, 0 missing (of 786; 100% done)\n"


def test_strict_build_in_spanish(courses: Path) -> None:
    result = CliRunner().invoke(main, ["build", f"courses/{COURSE}", "--language", "es", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert re.fullmatch("".join(rf"built output/{re.escape(name)} \(\d+ KB\)\n" for name in PACKAGES),
                        result.stdout)
    assert sorted(p.name for p in Path("output").iterdir()) == PACKAGES

    catalog = json.loads((REPO / "templates/player/strings/es.json").read_text(encoding="utf-8"))
    for name in PACKAGES:
        with zipfile.ZipFile(Path("output") / name) as z:
            page = z.read("index.html").decode()
        assert '<html lang="es"' in page
        data = course_data(page)
        assert data["course"]["language"] == "es"
        assert data["strings"] == catalog  # the player's own words are its Spanish ones
        assert data["course"]["title"] == "Empatía por escrito: chat y correo electrónico"


def test_no_unit_is_left_in_english(courses: Path) -> None:
    same = {uid: flat(unit.find("x:source", NS)) for _, uid, unit in shipped_units()
            if flat(unit.find("x:source", NS)) == flat(unit.find("x:target", NS))}
    assert same == SAME_AS_SOURCE
    for name, uid, unit in shipped_units():
        target = unit.find("x:target", NS)
        assert target is not None and flat(target).strip(), f"{name}: {uid} has no translation"
        assert target.get("state") == "translated", f"{name}: {uid} is {target.get('state')}"

    run = CliRunner().invoke(main, ["build", f"courses/{COURSE}", "--language", "es", "--strict",
                                    "-s", "scorm2004-4"])
    assert run.exit_code == 0, run.output
    with zipfile.ZipFile(f"output/{PACKAGES[1]}") as z:
        shown = "\n".join(texts(course_data(z.read("index.html"), {n: z.read(n) for n in z.namelist()})))
    # no English source text reaches the package: each unit's source, without its Markdown markup,
    # is nowhere in what the learner sees (the listed names and the silence aside)
    left = []
    for _, uid, unit in shipped_units():
        if uid in SAME_AS_SOURCE:
            continue
        source = " ".join(re.sub(r"\*\*|\*|__|`", "", flat(unit.find("x:source", NS))).split())
        if re.search(rf"(?<!\w){re.escape(source)}(?!\w)", shown):
            left.append(f"{uid}: {source}")
    assert left == []


def test_markup_and_company_terms_stay_in_every_target() -> None:
    checked = 0
    for name, uid, unit in shipped_units():
        source, target = unit.find("x:source", NS), unit.find("x:target", NS)
        # the protected inline elements (Markdown markup, placeholders) are the source's, each as often
        wanted = sorted((ph.get("id"), "".join(ph.itertext())) for ph in source.iterfind("x:ph", NS))
        got = sorted((ph.get("id"), "".join(ph.itertext())) for ph in target.iterfind("x:ph", NS))
        assert got == wanted, f"{name}: unit {uid}"
        checked += bool(wanted)
        # a company term ({{ terms.x }}) or any other {{ ... }} is carried over unchanged
        assert sorted(placeholders(flat(target))) == sorted(placeholders(flat(source))), f"{name}: unit {uid}"
        for term in re.findall(r"\{\{\s*terms\.[a-z_]+\s*\}\}", flat(source)):
            assert term in flat(target), f"{name}: unit {uid} drops {term}"
    assert checked == 236  # the units with inline markup or a term: the check is not vacuous
