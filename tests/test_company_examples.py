"""The shipped company profiles: their packages differ from the plain course exactly where the profiles say."""
from __future__ import annotations

import re
import zipfile

import pytest
from repo import REPO
from repo import course_data as page_data

from scorm_builder.cli import main
from scorm_builder.pack.batch import build_matrix
from scorm_builder.pack.pipeline import build

COURSE = REPO / "courses" / "empathy-essentials"
COMPANIES = REPO / "courses" / "companies"


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    out = tmp_path_factory.mktemp("companies")
    (plain,) = build([COURSE], ["scorm2004-4"], out / "plain")
    entries, failures = build_matrix([COURSE], [COMPANIES / "northwind-mobile.yaml", COMPANIES / "harbor-health.yaml"],
                                     ["scorm2004-4"], out / "companies", workers=1)
    assert failures == []
    read = lambda path: {n: z.read(n) for z in [zipfile.ZipFile(path)] for n in z.namelist()}  # noqa: E731
    return read(plain.path), {e.company: read(e.path) for e in entries}


def course_data(files: dict[str, bytes]) -> dict:
    return page_data(files["index.html"], files)


def flatten(value, path: str = "") -> dict[str, object]:
    """Leaf paths of the course data; pages, questions and nodes keyed by id so an insertion shows as one path."""
    out: dict[str, object] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(flatten(item, f"{path}.{key}" if path else key))
    elif isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value):
        for item in value:
            out.update(flatten(item, f"{path}[{item['id']}]"))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.update(flatten(item, f"{path}[{i}]"))
    else:
        out[path] = value
    return out


def changed(base: dict, other: dict) -> set[str]:
    """The data paths that differ; a piece present on one side only is named once, by its [id] or [index]."""
    a, b = flatten(base), flatten(other)
    out = set()
    for path in a.keys() | b.keys():
        if path in a and path in b and a[path] == b[path]:
            continue
        if path not in a or path not in b:
            theirs = a if path not in a else b
            for m in re.finditer(r"\[[^\]]+\]", path):
                if not any(k.startswith(path[:m.end()]) for k in theirs):
                    path = path[:m.end()]
                    break
        out.add(path)
    return out


def named_ids(company: str, course_id: str = "empathy-essentials") -> set[str]:
    """The ids the profile changes in one course: its top level's and that course's section's."""
    from scorm_builder.source.loader import load_yaml
    from scorm_builder.source.profile_course import for_course

    view = for_course(load_yaml(COMPANIES / f"{company}.yaml"), course_id)
    return ({o["id"] for o in view.get("overrides") or []} | set(view.get("remove") or [])
            | {a["page"]["id"] for a in view.get("add_pages") or []} | {q["id"] for q in view.get("add_questions") or []})


# What every company build changes besides the pieces its profile names: the brand, the build's identity, and
# the course text that names {{ company.name }}, {{ terms.* }} or the assessment's settings.
ALWAYS = {"brand", "brand.company", "brand.logo", "brand.logo_alt", "build.company", "build.profile_sha256",
          "course.fingerprint", "lessons[welcome].pages[welcome-how-it-works].body_html",
          "lessons[wrap-up].pages[wrap-up-takeaways].body_html", "assessment.intro_html",
          # the learner aids (course/aids.py): the certificate's signature line names {{ company.name }}, each
          # glossary definition {{ terms.customer }}
          "certificate.issuer", "glossary[0].definition", "glossary[1].definition", "glossary[2].definition"}


def termed_ids(company: str) -> set[str]:
    """The ids of the course's pages and questions whose own text names a term the company sets: those
    differ in the company's build although its profile doesn't name them (the course text says
    {{ terms.customer }} where the company says "member")."""
    import yaml

    terms = set((yaml.safe_load((COMPANIES / f"{company}.yaml").read_text(encoding="utf-8")).get("terms") or {}))
    found: set[str] = set()

    def walk(node, piece=None):
        if isinstance(node, dict):
            piece = node.get("id", piece) if ("type" in node or "choices" in node or "pairs" in node) else piece
            for value in node.values():
                walk(value, piece)
        elif isinstance(node, list):
            for value in node:
                walk(value, piece)
        elif isinstance(node, str) and piece and any(f"terms.{t} " in node or f"terms.{t}}}" in node for t in terms):
            found.add(piece)

    for path in [COURSE / "course.yaml", *sorted((REPO / "courses" / "shared").rglob("*.yaml"))]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def piece_of(path: str) -> str | None:
    """The id of the page or question a data path is in, None for a path outside them."""
    found = re.findall(r"(?:pages|questions)\[([^\]]+)\]", path)
    return found[-1] if found else None


@pytest.mark.parametrize("company, setting", [("northwind-mobile", "assessment.pass_mark"),
                                              ("harbor-health", "assessment.attempts")])
def test_a_company_build_differs_exactly_where_its_profile_says(packages, company, setting):
    plain, companies = packages
    diff = changed(course_data(plain), course_data(companies[company]))
    named, termed = named_ids(company), termed_ids(company)
    # a profile's lint: phrases are the coaching's too (render/reply_data.py): its replies coach with them
    import yaml

    profile = yaml.safe_load((COMPANIES / f"{company}.yaml").read_text(encoding="utf-8"))
    coached = {p for p in diff if p.startswith("coach.")} if profile.get("lint") else set()
    outside = {p for p in diff - ALWAYS - {setting} - coached if piece_of(p) not in named | termed}
    assert outside == set()
    changed_pieces = {piece_of(p) for p in diff - ALWAYS} - {None}
    assert named <= changed_pieces <= named | termed  # every piece it names changed, and only those or termed ones
    assert setting in diff


def test_northwind_texts_go_through_its_terms(packages):
    plain, companies = packages
    data = course_data(companies["northwind-mobile"])
    on_hold = next(p for p in data["lessons"][3]["pages"] if p["id"] == "timing-on-hold")
    assert on_hold["customer"]["says"] == ("Finally. Forty minutes on hold, and my Northwind Unlimited SIM stopped "
                                           "working this morning. I run my business from this phone.")
    welcome = data["lessons"][0]["pages"][0]["body_html"]
    assert "the people who contact Northwind Mobile are locked out" in welcome
    assert "the people who contact our company" in course_data(plain)["lessons"][0]["pages"][0]["body_html"]
    added = next(q for q in data["assessment"]["questions"] if q["id"] == "northwind-callback")
    assert added["text_html"] == ("<p>It is 2 pm. A caller's fault needs a technician's check before you can give "
                                  "an answer, and the technicians reply within the hour. What do you tell the "
                                  "caller?</p>")
    assert data["assessment"]["pass_mark"] == 85
    hh = course_data(companies["harbor-health"])
    assert hh["assessment"]["attempts"] == 2
    assert "barriers" in [lesson["id"] for lesson in hh["lessons"]]  # kept: what it assesses stays taught


def test_only_the_brand_and_manifest_identifiers_differ_outside_the_course_data(packages):
    plain, companies = packages
    for company, files in companies.items():
        assert set(files) == set(plain) | {"player/logo.svg"}
        for name in ("player/player.js", "player/player.css"):
            assert files[name] == plain[name]
        assert b'<link rel="stylesheet" href="player/brand.css">' in files["index.html"]
        manifest = files["imsmanifest.xml"].decode().replace(f"-{company}\"", "\"")
        manifest = manifest.replace('      <file href="player/logo.svg"/>\n', "")
        manifest = manifest.replace(">0.85</imsss:minNormalizedMeasure>", ">0.8</imsss:minNormalizedMeasure>")
        assert manifest == plain["imsmanifest.xml"].decode()
    def brand_rules(company: str) -> list[str]:
        lines = companies[company]["player/brand.css"].decode().splitlines()
        return lines[lines.index(":root {"):]  # after the comment that states the contrast guarantee

    # the brand's font, then the fonts devices have for Japanese and Arabic, then its generic family
    SCRIPT_FONTS = ('"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", Meiryo, "Noto Sans CJK JP", '
                    '"Noto Sans JP", "Geeza Pro", "Noto Sans Arabic", "Noto Naskh Arabic", Tahoma')

    def expected(primary: str, accent: str, font: str) -> list[str]:
        return [":root {", f"  --accent: {primary};", f"  --accent-strong: color-mix(in srgb, {primary} 82%, #000);",
                f"  --accent-soft: color-mix(in srgb, {primary} 10%, #fff);", f"  --focus: {accent};",
                f"  --bar: {accent};", "}", "@media (prefers-color-scheme: dark) {", "  :root {",
                f"    --accent: color-mix(in srgb, {primary} 40%, #fff);",
                f"    --accent-strong: color-mix(in srgb, {primary} 25%, #fff);",
                f"    --accent-soft: color-mix(in srgb, {primary} 30%, #12161c);", "    --on-accent: #0b1020;",
                f"    --focus: color-mix(in srgb, {accent} 40%, #fff);",
                f"    --bar: color-mix(in srgb, {accent} 40%, #fff);", "  }", "}", "@media print {",
                "  :root { --accent: #000; --accent-soft: #fff; --on-accent: #000; }", "}",
                f"body {{ font-family: {font.rsplit(', ', 1)[0]}, {SCRIPT_FONTS}, {font.rsplit(', ', 1)[1]}; }}"]

    assert brand_rules("northwind-mobile") == expected(
        "#0b5394", "#b45f06", 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, sans-serif')
    assert brand_rules("harbor-health") == expected(
        "#2e6b3a", "#7a4e9d", 'Charter, "Bitstream Charter", "Sitka Text", Cambria, serif')
    # built without a company, brand.css changes nothing
    assert plain["player/brand.css"].decode().count("{") == 0


COURSES = ["empathy-essentials", "empathy-sales", "empathy-written-channels", "empathy-coaching"]
PROFILES = ["harbor-health", "northwind-mobile"]
# What a company build must never get: answer tells, a company's avoided words, or a test of what it doesn't teach.
NEVER = ("answer-length-tell", "answer-position-tell", "strawman-option", "correct-answer-length-tell", "avoid-word",
         "untaught-but-assessed")


@pytest.mark.parametrize("company", PROFILES)
@pytest.mark.parametrize("course", COURSES)
def test_every_course_and_company_lints_with_no_tell_or_avoided_word(runner, repo_root, monkeypatch, course, company):
    """Issue 13 sections 7 and 8: each shipped profile customizes all four courses, cleanly."""
    monkeypatch.chdir(repo_root)
    result = runner.invoke(main, ["lint", f"courses/{course}", "--company", company])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert [line for line in result.stdout.splitlines() if any(f"[{rule}]" in line for rule in NEVER)] == []


def test_every_course_builds_for_every_company_and_passes_check(runner, repo_root, monkeypatch, tmp_path):
    monkeypatch.chdir(repo_root)
    entries, failures = build_matrix([REPO / "courses" / c for c in COURSES], [COMPANIES / f"{p}.yaml" for p in PROFILES],
                                     ["scorm12", "scorm2004-4"], tmp_path, workers=1)
    assert failures == []
    assert sorted((e.course, e.company) for e in entries) == sorted(
        (c, p) for c in COURSES for p in PROFILES for _ in range(2))
    for entry in entries:
        result = runner.invoke(main, ["check", str(entry.path)])
        assert result.exit_code == 0, result.output
        assert [line for line in result.output.splitlines() if " warning " in line or " error " in line] == []
