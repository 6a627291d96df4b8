"""Translation: extract to XLIFF 1.2, stale detection, pseudo-locale, build --language, placeholders and positions."""
from __future__ import annotations

import html as html_lib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from repo import REPO, course_data
from translate.storage import xliff

from scorm_builder.cli import main
from scorm_builder.translate.pseudo import pseudo_text

COURSES = ("empathy-essentials", "empathy-sales", "empathy-written-channels", "empathy-coaching")
# values of the course data that are not course text: ids, settings, and the score labels the player
# makes from score ids (ids are not translated)
NOT_TEXT = {"id", "kind", "channel", "mood", "verdict", "src", "interaction_id", "interaction_prefix", "start",
            "next", "h", "key", "style", "outcome", "standard", "fingerprint", "language", "version", "completion",
            "type", "chose", "not_chose", "feedback", "label", "href", "logo", "placement", "criterion", "who",
            "coach", "moment"}  # moment: a confidence page's before|after; coach: the phrases a reply is coached against (the course language's, render/reply_data.py)


@pytest.fixture()
def courses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of courses/ in a working folder of its own, so messages name courses/... as a user sees them."""
    shutil.copytree(REPO / "courses", tmp_path / "courses", ignore=shutil.ignore_patterns("translations"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tmp_path / "courses"


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result.output


def units(path: Path) -> dict[str, xliff.xliffunit]:
    store = xliff.xlifffile.parsestring(path.read_bytes())
    return {u.getid(): u for u in store.getunits()}


def fill(path: Path, translate=pseudo_text) -> None:
    """A translator's pass over a file: every unit translated, the targets plain text (placeholders as text)."""
    store = xliff.xlifffile.parsestring(path.read_bytes())
    for unit in store.getunits():
        unit.settarget(translate(unit.source))
        unit.xmlelement.find(f"{{{store.namespace}}}target").set("state", "translated")
    path.write_bytes(bytes(store))


def leaks(data) -> set[str]:
    """ASCII words of three letters or more in the course data's texts: source text a translation missed."""
    found: set[str] = set()

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in NOT_TEXT and k not in ("strings", "build", "brand", "format", "lms"):
                    walk(v, k)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str):
            text = html_lib.unescape(re.sub(r"<[^>]+>", "", value))
            found.update(f"{key}: {w}" for w in re.findall(r"[A-Za-z]{3,}", text))
    walk(data)
    return found


def package_data(path: Path) -> dict:
    with zipfile.ZipFile(path) as z:
        return course_data(z.read("index.html"), {n: z.read(n) for n in z.namelist()})  # each page whole


def test_extract_writes_xliff_1_2_with_context_for_the_translator(courses: Path) -> None:
    out = run("translate", "extract", "courses/empathy-essentials", "--to", "fr")
    assert out.splitlines() == [
        "wrote courses/empathy-essentials/translations/fr.xlf: 644 units (644 new)",
        "wrote courses/shared/translations/fr.xlf: 308 units (308 new)"]
    own = courses / "empathy-essentials/translations/fr.xlf"
    text = own.read_text(encoding="utf-8")
    assert '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">' in text
    found = units(own)
    line = found["course.yaml\x04cut-off-by-mistake.scripted.customer"]
    assert line.getnotes("developer").splitlines() == [
        "Dialogue 'Cut off by mistake': channel phone. Node 'scripted'; the customer's mood here: angry.",
        "Speaker: the customer. The customer's name: Denise Carter.",
        "Comes after node 'opening', choice b: the customer said \u201cYou've cut off my internet! I paid that bill "
        "on the 1st, I've got the bank statement right in front of me, and I have a client call at eleven. What is "
        "going on?\u201d and the agent answered \u201cI apologise for the inconvenience. Before I can look at the "
        "account, I'll need to take you through security. Can I have your account number and the first lin...\u201d.",
        "The LMS report keeps its first 250 characters (the interaction description)."]
    assert line.xmlelement.get("maxwidth") == "250" and line.xmlelement.get("size-unit") == "char"
    assert line.getcontextgroupsbyattribute("purpose", "x-scorm-builder")[0][0][0] == "x-source-sha256"
    option = next(u for k, u in found.items() if ".options.a.text" in k)
    assert "verdict:" in option.getnotes("developer")
    scenario = next(u for k, u in found.items() if k.endswith(".customer.says"))
    assert "channel " in scenario.getnotes("developer") and "mood:" in scenario.getnotes("developer")
    # placeholders are protected inline elements
    assert '<ph id="1">{{ company.name }}</ph>' in text
    # shared pieces are in the library's file, by their own file
    shared = units(courses / "shared/translations/fr.xlf")
    assert "pages/timing.yaml\x04timing-within-seconds.body.1" in shared
    assert not any(k.startswith("course.yaml\x04timing-within-seconds") for k in found)


def test_unit_ids_are_stable_and_extract_is_deterministic(courses: Path) -> None:
    run("translate", "extract", "courses/empathy-sales", "--to", "de")
    files = [courses / "empathy-sales/translations/de.xlf", courses / "shared/translations/de.xlf"]
    first = [f.read_bytes() for f in files]
    ids = [list(units(f)) for f in files]
    out = run("translate", "extract", "courses/empathy-sales", "--to", "de")
    assert "new" not in out
    assert [f.read_bytes() for f in files] == first
    assert [list(units(f)) for f in files] == ids
    assert all(len(set(i)) == len(i) for i in ids)


def test_a_changed_source_needs_review_the_others_stay_translated(courses: Path) -> None:
    run("translate", "extract", "courses/empathy-essentials", "--to", "fr")
    own = courses / "empathy-essentials/translations/fr.xlf"
    fill(own)
    course = courses / "empathy-essentials/course.yaml"
    text = course.read_text(encoding="utf-8")
    assert "Denise Carter" in text
    course.write_text(text.replace("Denise Carter", "Denise Carter-Lewis", 1), encoding="utf-8")
    out = run("translate", "extract", "courses/empathy-essentials", "--to", "fr")
    assert out.splitlines()[0] == "wrote courses/empathy-essentials/translations/fr.xlf: 644 units (1 need review)"
    found = units(own)
    stale = [k for k, u in found.items() if u.xmlelement.find(f"{{{xliff_ns(u)}}}target").get("state")
             == "needs-review-translation"]
    assert stale == ["course.yaml\x04cut-off-by-mistake.customer"]
    assert "The source changed since this was translated. It was: Denise Carter" in found[stale[0]].getnotes()
    assert found[stale[0]].target == pseudo_text("Denise Carter")  # the old translation kept for the translator
    status = run("translate", "status", "courses/empathy-essentials")
    assert status.splitlines() == ["fr: 643 translated, 1 need review, 308 missing (of 952; 67% done)"]


def xliff_ns(unit) -> str:
    return unit.xmlelement.nsmap[None]


def test_removed_and_added_texts(courses: Path) -> None:
    run("translate", "extract", "courses/empathy-coaching", "--to", "fr")
    own = courses / "empathy-coaching/translations/fr.xlf"
    course = courses / "empathy-coaching/course.yaml"
    text = course.read_text(encoding="utf-8")
    course.write_text(re.sub(r"(?m)^audience: .*\n", "", text, count=1), encoding="utf-8")
    out = run("translate", "extract", "courses/empathy-coaching", "--to", "fr")
    assert "(1 removed)" in out.splitlines()[0]
    assert "course.yaml\x04course.audience" not in units(own)
    course.write_text(text, encoding="utf-8")
    assert "(1 new)" in run("translate", "extract", "courses/empathy-coaching", "--to", "fr").splitlines()[0]


@pytest.mark.parametrize("course", COURSES)
def test_round_trip_leaves_no_source_text(courses: Path, course: str) -> None:
    run("translate", "extract", f"courses/{course}", "--to", "fr")
    for path in sorted(courses.glob("*/translations/fr.xlf")):
        fill(path)
    out = run("build", f"courses/{course}", "--language", "fr", "-s", "scorm2004-4", "--strict")
    assert re.fullmatch(rf"built output/{course}-fr-1\.0\.0-scorm2004-4\.zip \(\d+ KB\)\n", out)
    data = package_data(Path(f"output/{course}-fr-1.0.0-scorm2004-4.zip"))
    assert data["course"]["language"] == "fr"
    assert leaks(data) == set()
    with zipfile.ZipFile(f"output/{course}-fr-1.0.0-scorm2004-4.zip") as z:
        assert '<html lang="fr"' in z.read("index.html").decode()


def test_pseudo_locale_builds_every_language_and_is_deterministic(courses: Path) -> None:
    out = run("translate", "pseudo", "courses/empathy-written-channels")
    assert out.splitlines() == [
        "wrote courses/empathy-written-channels/translations/qps.xlf: " + out.split("qps.xlf: ")[1].split("\n")[0],
        "wrote courses/shared/translations/qps.xlf: " + out.split("qps.xlf: ")[2].split("\n")[0]]
    run("translate", "extract", "courses/empathy-written-channels", "--to", "es")
    result = CliRunner().invoke(main, ["build", "courses/empathy-written-channels", "--language", "*", "-s",
                                       "scorm12"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"warning: courses/empathy-written-channels/course\.yaml: (\d+) texts of \1 not translated "
                        r"into es \(\1 missing\) in courses/empathy-written-channels/translations/es\.xlf, "
                        r"courses/shared/translations/es\.xlf; they show in the source language \(first: "
                        r"course\.title, course\.description, course\.audience, \.\.\.\)\n", result.stderr)
    names = sorted(p.name for p in Path("output").iterdir())
    assert names == ["empathy-written-channels-es-1.0.0-scorm12.zip", "empathy-written-channels-qps-1.0.0-scorm12.zip"]
    data = package_data(Path("output/empathy-written-channels-qps-1.0.0-scorm12.zip"))
    assert leaks(data) == set()
    assert data["course"]["language"] == "en-GB"  # the course's own language: the player has no words of its own for a pseudo-locale
    first = Path("output/empathy-written-channels-qps-1.0.0-scorm12.zip").read_bytes()
    run("build", "courses/empathy-written-channels", "--language", "qps", "-s", "scorm12", "-o", "again")
    assert Path("again/empathy-written-channels-qps-1.0.0-scorm12.zip").read_bytes() == first


def test_strict_makes_untranslated_texts_an_error(courses: Path) -> None:
    run("translate", "extract", "courses/empathy-sales", "--to", "fr")
    result = CliRunner().invoke(main, ["build", "courses/empathy-sales", "--language", "fr", "--strict"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "courses/empathy-sales/translations/fr.xlf: 935 texts of 935 not translated into fr (935 missing) in "
        "courses/empathy-sales/translations/fr.xlf, courses/shared/translations/fr.xlf: course.title, "
        "course.description, course.audience, ... \u2014 translate them (or review them and mark them translated), "
        "or build without --strict")
    assert not Path("output").exists()


def test_a_changed_placeholder_is_an_error_at_its_unit(courses: Path) -> None:
    run("translate", "extract", "courses/empathy-essentials", "--to", "fr")
    own = courses / "empathy-essentials/translations/fr.xlf"
    fill(own, lambda text: text)
    text = own.read_text(encoding="utf-8")
    store = xliff.xlifffile.parsestring(text.encode())
    unit = next(u for u in store.getunits() if "{{ company.name }}" in u.source)
    unit.settarget(unit.source.replace("{{ company.name }}", "{{ compagnie.nom }}"))
    unit.xmlelement.find(f"{{{store.namespace}}}target").set("state", "translated")
    own.write_bytes(bytes(store))
    line = units(own)[unit.getid()].xmlelement.sourceline
    uid = unit.getid().split("\x04")[1]
    result = CliRunner().invoke(main, ["build", "courses/empathy-essentials", "--language", "fr"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"courses/empathy-essentials/translations/fr.xlf:{line}: unit {uid}: the translation drops "
        "{{ company.name }} and adds {{ compagnie.nom }} (expected the placeholders of the source, each exactly "
        "once as often as there) \u2014 copy each {{ ... }} of the source into the translation unchanged")


def test_a_missing_translation_file_is_an_error(courses: Path) -> None:
    result = CliRunner().invoke(main, ["build", "courses/empathy-sales", "--language", "it"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "courses/empathy-sales/translations/it.xlf: no translation into it \u2014 write it with "
        "`scorm-builder translate extract courses/empathy-sales --to it`")


def test_pseudo_text_keeps_placeholders_markdown_and_limits() -> None:
    text = "Call {{ terms.agent }} [here](assets/job-aid.pdf)\n\n- **Two** items"
    out = pseudo_text(text)
    assert "{{ terms.agent }}" in out and "](assets/job-aid.pdf)" in out
    assert out.split("\n")[2].startswith("- \u27e6**")
    assert len(out) >= len(text) * 1.35
    assert len(pseudo_text("x" * 199, 200)) == 200
    assert pseudo_text("Hello") == "\u27e6\u0124\u00e9\u013c\u013c\u00f6\u27e7"
