"""The shipped company profiles: their packages differ from the plain course exactly where the profiles say."""
from __future__ import annotations

import re
import zipfile

import pytest
from repo import REPO
from repo import course_data as page_data

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
    return page_data(files["index.html"])


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


def test_northwind_differs_exactly_where_its_profile_says(packages):
    plain, companies = packages
    nw = companies["northwind-mobile"]
    assert changed(course_data(plain), course_data(nw)) == {
        "brand", "brand.company", "brand.logo", "brand.logo_alt",
        "build.company", "build.profile_sha256",
        "course.fingerprint",
        "assessment.pass_mark",
        "assessment.questions[core-promoter-detractor]",
        "assessment.questions[northwind-callback]",
        "lessons[timing].pages[timing-on-hold].title",
        "lessons[timing].pages[timing-on-hold].customer.says",
        "lessons[timing].pages[timing-on-hold].customer.context",
        *(f"lessons[timing].pages[timing-on-hold].options[{i}].{k}" for i in range(4)
          for k in ("text", "feedback_html")),
        # the course text that uses {{ company.name }} and {{ terms.* }}
        "lessons[welcome].pages[welcome-how-it-works].body_html",
        "lessons[wrap-up].pages[wrap-up-takeaways].body_html",
        "lessons[timing].pages[northwind-roaming-bill]",
        "lessons[practice-repeat-caller].pages[fourth-call].nodes.opening.customer",
        # the intro names the pass mark through {{ assessment.pass_mark }}
        "assessment.intro_html",
        # a changed piece has a new hash, so a learner's saved answer to the old wording is not restored
        "lessons[timing].pages[timing-on-hold].h",
        "lessons[practice-repeat-caller].pages[fourth-call].h",
    }
    data = course_data(nw)
    on_hold = next(p for p in data["lessons"][3]["pages"] if p["id"] == "timing-on-hold")
    assert on_hold["customer"]["says"] == ("Finally. Forty minutes on hold, and my Northwind Unlimited SIM stopped "
                                           "working this morning. I run my business from this phone.")
    welcome = data["lessons"][0]["pages"][0]["body_html"]
    assert "the people who contact Northwind Mobile are locked out" in welcome
    assert "the people who contact our company" in course_data(plain)["lessons"][0]["pages"][0]["body_html"]
    added = next(q for q in data["assessment"]["questions"] if q["id"] == "northwind-callback")
    assert added["text_html"] == ("<p>It is 2 pm. A customer's fault needs a technician's check before you can give "
                                  "an answer. At Northwind Mobile, callbacks are promised within two hours. What do "
                                  "you tell the customer?</p>")


def test_harbor_differs_exactly_where_its_profile_says(packages):
    plain, companies = packages
    hh = course_data(companies["harbor-health"])
    clues = "lessons[listening-for-clues].pages[clues-billing-error]"
    flood = "lessons[acknowledging-emotions].pages[ack-flood-claim]"
    assert changed(course_data(plain), hh) == {
        "brand", "brand.company", "brand.logo", "brand.logo_alt",
        "build.company", "build.profile_sha256",
        "course.fingerprint",
        "assessment.attempts",
        "lessons[barriers]",
        *(f"{clues}.{k}" for k in ("title", "prompt", "customer.name", "customer.subject", "customer.says",
                                    "customer.context")),
        *(f"{clues}.options[{i}].{k}" for i in range(3) for k in ("text", "feedback_html")),
        *(f"{flood}.{k}" for k in ("title", "customer.name", "customer.says", "customer.context", "customer.mood")),
        *(f"{flood}.options[{i}].{k}" for i in range(3) for k in ("text", "feedback_html")),
        f"{flood}.options[3]",
        "lessons[welcome].pages[welcome-how-it-works].body_html",
        "lessons[wrap-up].pages[wrap-up-takeaways].body_html",
        "assessment.intro_html",  # {{ assessment.attempts }}
        f"{clues}.h", f"{flood}.h",
    }
    assert hh["assessment"]["attempts"] == 2


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
                f"body {{ font-family: {font}; }}"]

    assert brand_rules("northwind-mobile") == expected(
        "#0b5394", "#b45f06", 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, sans-serif')
    assert brand_rules("harbor-health") == expected(
        "#2e6b3a", "#7a4e9d", 'Charter, "Bitstream Charter", "Sitka Text", Cambria, serif')
    # built without a company, brand.css changes nothing
    assert plain["player/brand.css"].decode().count("{") == 0
