"""Translation with companies: Markdown segmentation, build --company X --language L, per-language profile
sections, and the language in the ids an LMS sees."""
# ruff: noqa: F811  (a test taking the imported `courses` fixture is not a redefinition)
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from test_translate import courses, leaks, package_data, run, units  # noqa: F401  (courses: the working-copy fixture)
from translate.storage import xliff

from scorm_builder.cli import main
from scorm_builder.load import find_course_file, read_expanded
from scorm_builder.translate.placeholders import placeholders
from scorm_builder.translate.pseudo import pseudo_text
from scorm_builder.translate.segments import markup, protected_split, segment
from scorm_builder.translate.units import course_units

COURSES = ("empathy-essentials", "empathy-sales", "empathy-written-channels", "empathy-coaching")
COMPANIES = (None, "harbor-health", "northwind-mobile")
# keys of a profile's changes whose values are ids or settings, not text
NOT_TEXT = {"id", "verdict", "next", "channel", "mood", "type", "src", "style", "outcome", "principle", "lesson",
            "after", "node", "start", "chose", "not_chose", "kind", "completion", "moment"}




def fill(path: Path, translate=pseudo_text, state: str = "translated") -> None:
    store = xliff.xlifffile.parsestring(path.read_bytes())
    for unit in store.getunits():
        unit.settarget(translate(unit.source))
        unit.xmlelement.find(f"{{{store.namespace}}}target").set("state", state)
    path.write_bytes(bytes(store))


def set_target(path: Path, uid: str, target: str) -> int:
    """One unit's target (state translated); returns the unit's line."""
    store = xliff.xlifffile.parsestring(path.read_bytes())
    unit = next(u for u in store.getunits() if u.getid().endswith("\x04" + uid))
    unit.settarget(target)
    unit.xmlelement.find(f"{{{store.namespace}}}target").set("state", "translated")
    path.write_bytes(bytes(store))
    return units(path)[unit.getid()].xmlelement.sourceline


def pseudo_values(value, key: str = ""):
    """A profile's changes in the pseudo-locale: every text, not the ids and settings."""
    if isinstance(value, dict):
        return {k: pseudo_values(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [pseudo_values(v, key) for v in value]
    if isinstance(value, str) and key not in NOT_TEXT:
        return pseudo_text(value)
    return value


def translate_profile(path: Path, language: str) -> dict:
    """Give the profile a ``languages:`` section for ``language``: its terms and every text it adds or changes,
    pseudo-translated (its top level's and each course section's)."""
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    lists = ("overrides", "add_pages", "add_questions")
    section = {"terms": {k: pseudo_text(v) for k, v in (profile.get("terms") or {}).items()}}
    section.update({k: pseudo_values(profile[k]) for k in lists if profile.get(k)})
    section["courses"] = {cid: {k: pseudo_values(part[k]) for k in lists if part.get(k)}
                          for cid, part in (profile.get("courses") or {}).items()}
    profile["languages"] = {language: section}
    path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return profile


# -- segmentation ---------------------------------------------------------------------------------------------

def test_a_markdown_text_is_a_unit_per_block_and_joins_back_exactly() -> None:
    text = ("## Why it matters\n\nMost *customers* feel\nunheard by {{ company.name }}.\n\n- **Listen** first\n"
            "- Then [the guide](assets/guide.pdf \"Guide\")\n\n> A quote\n> on two lines\n\n| Say | Avoid |\n"
            "|---|---|\n| `sorry` | calm down |\n")
    whole = segment(text)
    assert [(s.kind, s.text) for s in whole.slots] == [
        ("a heading", "Why it matters"), ("a paragraph", "Most *customers* feel\nunheard by {{ company.name }}."),
        ("a list item", "**Listen** first"), ("a list item", 'Then [the guide](assets/guide.pdf "Guide")'),
        ("a quoted paragraph", "A quote\non two lines"), ("a table heading cell", "Say"),
        ("a table heading cell", "Avoid"), ("a table cell", "`sorry`"), ("a table cell", "calm down")]
    assert whole.join([]) == text
    assert whole.join([s.text for s in whole.slots]) == text
    assert whole.join(["Pourquoi", "Un\ndeux\ntrois", None, None, "Une citation"]) == text.replace(
        "Why it matters", "Pourquoi").replace("Most *customers* feel\nunheard by {{ company.name }}.",
                                              "Un\ndeux\ntrois").replace("A quote\n> on two lines", "Une citation")
    assert whole.join([None, None, "Un\ndeux"]).split("\n")[5:7] == ["- Un", "  deux"]  # a line added keeps the item
    assert protected_split('Then [the guide](assets/guide.pdf "Guide") and **{{ terms.agent }}**') == [
        (False, "Then "), (True, "["), (False, "the guide"), (True, '](assets/guide.pdf "Guide")'),
        (False, " and "), (True, "**"), (True, "{{ terms.agent }}"), (True, "**")]
    assert markup("**a** [b](x)") == ["**", "**", "[", "](x)"]


def test_a_text_that_cannot_be_split_exactly_is_one_segment() -> None:
    text = "| a | b |\n|---|---|\n| c\\|d | e |\n"  # an escaped pipe: the cell's text is not in the source as is
    assert [s.text for s in segment(text).slots] == [text]
    assert segment(text).join([]) == text


def test_body_units_are_numbered_blocks_with_notes_and_stable_ids(courses: Path) -> None:
    run("translate", "extract", "courses/empathy-essentials", "--to", "fr")
    own = courses / "empathy-essentials/translations/fr.xlf"
    first = own.read_bytes()
    found = units(own)
    body = [k.split("\x04")[1] for k in found if "\x04welcome-how-it-works.body" in k]
    assert body == [f"welcome-how-it-works.body.{n}" for n in range(1, 10)]
    three = found["course.yaml\x04welcome-how-it-works.body.3"]
    assert three.getnotes("developer").splitlines()[-1] == (
        "Block 3 of 9 of this Markdown text: a list item. It follows: \u201cYou will learn:\u201d")
    text = own.read_text(encoding="utf-8")
    assert ('<source><ph id="1">**</ph>why<ph id="2">**</ph> empathy has become a business necessity, and how it '
            'differs from sympathy;</source>') in text
    run("translate", "extract", "courses/empathy-essentials", "--to", "fr")
    assert own.read_bytes() == first


@pytest.mark.parametrize("course", COURSES)
def test_every_segment_translated_to_itself_gives_the_course_data_byte_for_byte(courses: Path, course: str) -> None:
    # the pseudo-locale keeps the course's language, so the player's own words are the same too
    run("translate", "extract", f"courses/{course}", "--to", "qps")
    for path in courses.glob("*/translations/qps.xlf"):
        fill(path, lambda text: text)
    run("build", f"courses/{course}", "--language", "qps", "-s", "scorm12", "--strict", "-o", "qps")
    run("build", f"courses/{course}", "-s", "scorm12", "-o", "plain")
    translated = package_data(Path(f"qps/{course}-qps-1.0.0-scorm12.zip"))
    plain = package_data(Path(f"plain/{course}-1.0.0-scorm12.zip"))
    assert json.dumps(translated, sort_keys=True) == json.dumps(plain, sort_keys=True)
    tree = read_expanded(find_course_file(courses / course))
    for unit in course_units(tree):
        if unit.whole is not None:
            assert unit.whole.join([]) == unit.holder[unit.key]


def test_a_changed_block_needs_review_and_the_other_blocks_stay_translated(courses: Path) -> None:
    first = run("translate", "extract", "courses/empathy-essentials", "--to", "fr").splitlines()[0]
    total = re.fullmatch(r"wrote courses/empathy-essentials/translations/fr\.xlf: (\d+) units \(\1 new\)", first)[1]
    own = courses / "empathy-essentials/translations/fr.xlf"
    fill(own)
    course = courses / "empathy-essentials/course.yaml"
    text = course.read_text(encoding="utf-8")
    assert text.count("You will learn:") == 1
    course.write_text(text.replace("You will learn:", "In this course you will learn:"), encoding="utf-8")
    assert run("translate", "extract", "courses/empathy-essentials", "--to", "fr").splitlines()[0] == (
        f"wrote courses/empathy-essentials/translations/fr.xlf: {total} units (1 need review)")
    found = units(own)
    states = {k.split("\x04")[1]: u.xmlelement.find(f"{{{u.xmlelement.nsmap[None]}}}target").get("state")
              for k, u in found.items() if "welcome-how-it-works.body" in k}
    assert states == {f"welcome-how-it-works.body.{n}": "needs-review-translation" if n == 2 else "translated"
                      for n in range(1, 10)}
    result = CliRunner().invoke(main, ["build", "courses/empathy-essentials", "--language", "fr", "-s", "scorm12"])
    assert result.exit_code == 0, result.output
    data = package_data(Path("output/empathy-essentials-fr-1.0.0-scorm12.zip"))
    page = next(p for lesson in data["lessons"] for p in lesson["pages"] if p["id"] == "welcome-how-it-works")
    assert "<p>In this course you will learn:</p>" in page["body_html"]  # the block needing review: the source
    assert "\u27e6" in page["body_html"].split("In this course")[1]  # the blocks after it: translated


def test_a_placeholder_or_markup_changed_in_a_block_is_an_error_at_its_unit(courses: Path) -> None:
    course = courses / "empathy-essentials/course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "You will learn:", "You will learn (see [our guide](https://example.org/guide)):"), encoding="utf-8")
    run("translate", "extract", "courses/empathy-essentials", "--to", "fr")
    own = courses / "empathy-essentials/translations/fr.xlf"
    fill(own, lambda text: text)
    dropped = ", ".join(sorted(placeholders(units(own)["course.yaml\x04welcome-how-it-works.body.1"].source)))
    assert "{{ company.name }}" in dropped
    line = set_target(own, "welcome-how-it-works.body.1", "Chaque jour, les gens qui contactent {{ entreprise }}.")
    bold = set_target(own, "welcome-how-it-works.body.3", "pourquoi l'empathie est devenue une n\u00e9cessit\u00e9;")
    link = set_target(own, "welcome-how-it-works.body.2", "Vous apprendrez (voir [notre guide](https://example.com/x)) :")
    result = CliRunner().invoke(main, ["build", "courses/empathy-essentials", "--language", "fr"])
    assert result.exit_code == 1
    where = "courses/empathy-essentials/translations/fr.xlf"
    lines = result.output.splitlines()
    assert lines[0] == (
        f"{where}:{line}: unit welcome-how-it-works.body.1: the translation drops {dropped} and adds "
        "{{ entreprise }} (expected the placeholders of the source, each exactly once as often as there) \u2014 "
        "copy each {{ ... }} of the source into the translation unchanged")
    assert lines[2] == (
        f"{where}:{bold}: unit welcome-how-it-works.body.3: the translation drops **, ** (expected the Markdown "
        "markup of the source: as many **, *, ` `, [ and ](target), and the same link targets) \u2014 keep the "
        "source's markup around the translated words, and each link's target unchanged")
    assert lines[1] == (
        f"{where}:{link}: unit welcome-how-it-works.body.2: the translation drops ](https://example.org/guide) and "
        "adds ](https://example.com/x) "
        "(expected the Markdown markup of the source: as many **, *, ` `, [ and ](target), and the same link "
        "targets) \u2014 keep the source's markup around the translated words, and each link's target unchanged")
    assert lines[-1] == "3 problems found."


# -- build --company X --language L -------------------------------------------------------------------------

def round_trip(courses: Path, course: str, company: str | None) -> dict:
    run("translate", "extract", f"courses/{course}", "--to", "fr")
    for path in sorted(courses.glob("*/translations/fr.xlf")):
        fill(path)
    args = ["build", f"courses/{course}", "--language", "fr", "-s", "scorm2004-4", "--strict"]
    if company is None:
        run(*args)
        return package_data(Path(f"output/{course}-fr-1.0.0-scorm2004-4.zip"))
    translate_profile(courses / f"companies/{company}.yaml", "fr")
    out = run(*args, "--company", company)
    name = f"{course}-{company}-fr-1.0.0-scorm2004-4.zip"
    assert f"  {name}\n" in out and "1 packages built, 0 failed." in out
    return package_data(Path("output") / name)


@pytest.mark.parametrize("company", COMPANIES)
@pytest.mark.parametrize("course", COURSES)
def test_round_trip_with_a_company_leaves_no_source_text(courses: Path, course: str, company: str | None) -> None:
    data = round_trip(courses, course, company)
    assert data["course"]["language"] == "fr"
    # the company's name is a proper name: {{ company.name }} keeps it in the text
    names = set(yaml.safe_load((courses / f"companies/{company}.yaml").read_text())["name"].split()) if company else set()
    assert {leak for leak in leaks(data) if leak.split(": ")[1] not in names} == set()


def test_per_language_terms_and_name_are_in_the_package(courses: Path) -> None:
    profile = courses / "companies/harbor-health.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + (
        "  fr:\n    name: Harbor Sant\u00e9\n    terms:\n      agent: conseiller des adh\u00e9rents\n"
        "      agents: conseillers des adh\u00e9rents\n      an_agent: un conseiller des adh\u00e9rents\n"),
        encoding="utf-8")
    run("translate", "extract", "courses/empathy-essentials", "--to", "fr")
    run("build", "courses/empathy-essentials", "--company", "harbor-health", "--language", "fr", "-s", "scorm12")
    run("build", "courses/empathy-essentials", "--company", "harbor-health", "-s", "scorm12", "-o", "en")
    with zipfile.ZipFile("output/empathy-essentials-harbor-health-fr-1.0.0-scorm12.zip") as z:
        page = z.read("index.html").decode()
    with zipfile.ZipFile("en/empathy-essentials-harbor-health-1.0.0-scorm12.zip") as z:
        english = z.read("index.html").decode()
    data = package_data(Path("output/empathy-essentials-harbor-health-fr-1.0.0-scorm12.zip"))
    assert data["brand"]["company"] == "Harbor Sant\u00e9" and data["brand"]["logo_alt"] == "Harbor Sant\u00e9"
    assert "conseiller des adh\u00e9rents" in page and "member advocate" not in page
    assert "member" in page  # the term the section leaves out stays the profile's
    assert "member advocate" in english and "conseiller" not in english and "Sant\u00e9" not in english


def test_an_unknown_term_in_a_language_section_is_an_error_at_its_place(courses: Path) -> None:
    profile = courses / "companies/harbor-health.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text + "  fr:\n    terms:\n      agnet: conseiller\n  french: {}\n",
                       encoding="utf-8")
    line = text.count("\n") + 3  # under the shipped profile's languages:, its last key
    result = CliRunner().invoke(main, ["validate", "courses/empathy-essentials", "--company", "harbor-health"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"courses/companies/harbor-health.yaml:{line}:7: languages.fr.terms.agnet: neither the course nor the "
        "profile has a term 'agnet' (terms: a_customer, agent, agents, an_agent, customer, customers) \u2014 did you mean "
        "'agent'?",
        f"courses/companies/harbor-health.yaml:{line + 1}:3: languages.french: 'french' is not a language code "
        "(expected a code such as es, fr or pt-BR, as a course's language: is written) \u2014 write the "
        "language's code",
        "2 problems found."]


def test_every_company_and_language_with_the_report_and_the_table(courses: Path) -> None:
    run("translate", "extract", "courses/empathy-sales", "--to", "fr")
    run("translate", "pseudo", "courses/empathy-sales")
    result = CliRunner().invoke(main, ["build", "courses/empathy-sales", "--company", "*", "--language", "*",
                                       "-s", "scorm12", "-s", "cmi5", "-o", "out"])
    assert result.exit_code == 0, result.output
    report = json.loads(Path("out/build-report.json").read_text())
    assert [(p["company"], p["language"], p["standard"], Path(p["path"]).name) for p in report["packages"]] == [
        (company, language, standard, f"empathy-sales-{company}-{language}-1.0.0-{standard}.zip")
        for company in ("harbor-health", "northwind-mobile") for language in ("fr", "qps")
        for standard in ("cmi5", "scorm12")]
    assert report["failures"] == []
    rows = [line.split() for line in result.stdout.splitlines()]
    assert ["course", "company", "language", "standard", "size", "package"] in rows
    assert ["empathy-sales", "northwind-mobile", "qps", "scorm12"] in [r[:4] for r in rows]
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 3 and re.fullmatch(
        r"warning: courses/empathy-sales/course\.yaml: (\d+) texts of \1 not translated into fr \(\1 missing\) .*",
        warnings[0])
    # the profiles' own texts have no French section (the pseudo-locale, qps, is not warned about)
    assert [w.split(": no ")[0] for w in warnings[1:]] == [
        "warning: courses/companies/harbor-health.yaml", "warning: courses/companies/northwind-mobile.yaml"]
    assert all("no 'languages: fr:' section" in w for w in warnings[1:])
    assert "8 packages built, 0 failed." in result.stdout


def test_a_failing_language_is_its_own_failure(courses: Path) -> None:
    run("translate", "extract", "courses/empathy-sales", "--to", "fr")
    result = CliRunner().invoke(main, ["build", "courses/empathy-sales", "--company", "harbor-health",
                                       "--language", "fr", "--language", "it", "-s", "scorm12", "-o", "out"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:3] == [
        "courses/empathy-sales for company harbor-health in it:",
        "courses/empathy-sales/translations/it.xlf: no translation into it \u2014 write it with "
        "`scorm-builder translate extract courses/empathy-sales --to it`"]
    report = json.loads(Path("out/build-report.json").read_text())
    assert [(p["language"], Path(p["path"]).name) for p in report["packages"]] == [
        ("fr", "empathy-sales-harbor-health-fr-1.0.0-scorm12.zip")]
    assert [(f["company"], f["language"]) for f in report["failures"]] == [("harbor-health", "it")]
    assert "Error: 1 of 2 course/company/language builds failed (see above)" in result.output


def test_translated_company_packages_are_deterministic_and_carry_the_language_in_their_ids(courses: Path) -> None:
    run("translate", "extract", "courses/empathy-coaching", "--to", "es")
    fill(courses / "empathy-coaching/translations/es.xlf")
    args = ["build", "courses/empathy-coaching", "--company", "northwind-mobile", "--language", "es", "-s",
            "scorm2004-4", "-s", "cmi5"]
    run(*args, "-o", "one", "-j", "1")
    run(*args, "-o", "two", "-j", "2")
    names = sorted(p.name for p in Path("one").glob("*.zip"))
    assert names == ["empathy-coaching-northwind-mobile-es-1.0.0-cmi5.zip",
                     "empathy-coaching-northwind-mobile-es-1.0.0-scorm2004-4.zip"]
    for name in names:
        assert Path("one", name).read_bytes() == Path("two", name).read_bytes()
    with zipfile.ZipFile("one/empathy-coaching-northwind-mobile-es-1.0.0-scorm2004-4.zip") as z:
        manifest = z.read("imsmanifest.xml").decode()
    assert re.findall(r'identifier="([^"]+)"', manifest)[:4] == [
        "MANIFEST-empathy-coaching-northwind-mobile-es", "ORG-empathy-coaching-northwind-mobile-es",
        "ITEM-empathy-coaching-northwind-mobile-es", "RES-empathy-coaching-northwind-mobile-es"]
    with zipfile.ZipFile("one/empathy-coaching-northwind-mobile-es-1.0.0-cmi5.zip") as z:
        structure = z.read("cmi5.xml").decode()
    assert re.findall(r'<(?:course|au) id="([^"]+)"', structure) == [
        "https://scorm-builder.invalid/courses/empathy-coaching/northwind-mobile/es",
        "https://scorm-builder.invalid/courses/empathy-coaching/northwind-mobile/es/au"]
    run("build", "courses/empathy-coaching", "--language", "es", "-s", "scorm12", "-o", "alone")
    with zipfile.ZipFile("alone/empathy-coaching-es-1.0.0-scorm12.zip") as z:
        assert 'identifier="MANIFEST-empathy-coaching-es"' in z.read("imsmanifest.xml").decode()


def test_for_language_is_a_merged_view_and_leaves_the_profile_as_it_was(tmp_path: Path) -> None:
    from scorm_builder.source.loader import load_yaml
    from scorm_builder.source.profile_language import for_language

    path = tmp_path / "acme.yaml"
    path.write_text("id: acme\nname: Acme\nterms: {agent: agent, customer: customer}\nremove: [a]\n"
                    "add_questions:\n  - {id: q1, text: Hello}\nlanguages:\n  fr:\n    name: Acm\u00e9\n"
                    "    terms: {agent: conseiller}\n    remove: [b]\n    add_questions:\n"
                    "      - {id: q1, text: Bonjour}\n      - {id: q2, text: Salut}\n", encoding="utf-8")
    profile = load_yaml(path)
    before = repr(profile)
    view = for_language(profile, "fr")
    assert repr(profile) == before
    assert "languages" not in view and view["name"] == "Acm\u00e9"
    assert dict(view["terms"]) == {"agent": "conseiller", "customer": "customer"}
    assert list(view["remove"]) == ["a", "b"]
    assert [dict(q) for q in view["add_questions"]] == [{"id": "q1", "text": "Bonjour"}, {"id": "q2", "text": "Salut"}]
    assert view["terms"].where("agent")[1] == (10, 20)  # where the section wrote it
    assert dict(for_language(profile, "de")["terms"]) == {"agent": "agent", "customer": "customer"}


def test_a_profile_with_no_section_for_the_language_is_warned_and_strict_refuses_it(courses: Path) -> None:
    run("translate", "extract", "courses/empathy-sales", "--to", "fr")
    fill(courses / "empathy-sales/translations/fr.xlf")
    fill(courses / "shared/translations/fr.xlf")
    said = ("courses/companies/northwind-mobile.yaml: no 'languages: fr:' section: the texts this profile writes "
            "(terms, overrides, add_pages, add_questions) stay in the profile's own language in the fr packages "
            "\u2014 translate them under 'languages: fr:' (docs/company-profiles.md, \"Per-language terms\")")
    result = CliRunner().invoke(main, ["build", "courses/empathy-sales", "--company", "northwind-mobile",
                                       "--language", "fr", "-s", "scorm12"])
    assert result.exit_code == 0, result.output
    assert f"warning: {said}" in result.output.splitlines()
    report = json.loads(Path("output/build-report.json").read_text(encoding="utf-8"))
    assert said in report["packages"][0]["warnings"]
    strict = CliRunner().invoke(main, ["build", "courses/empathy-sales", "--company", "northwind-mobile",
                                       "--language", "fr", "--strict", "-s", "scorm12", "-o", "strict"])
    assert strict.exit_code == 1
    assert f"{said} (--strict)" in strict.output.splitlines()
    profile = courses / "companies/northwind-mobile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "  fr:\n    name: Northwind Mobile\n",
                       encoding="utf-8")
    again = CliRunner().invoke(main, ["build", "courses/empathy-sales", "--company", "northwind-mobile",
                                      "--language", "fr", "-s", "scorm12", "-o", "with-section"])
    assert again.exit_code == 0, again.output
    assert "no 'languages: fr:' section" not in again.output
