"""A batch's shared course tree (pack/batch_load.py, source/shared.py): each company gets what load_course gives it,
byte for byte and message for message, and the course's tree is never changed by a company."""
from __future__ import annotations

from pathlib import Path

import pytest
from repo import REPO

from scorm_builder.errors import CourseInvalid
from scorm_builder.load import load_course
from scorm_builder.pack import batch_load
from scorm_builder.pack.batch_load import CourseLoader
from scorm_builder.pack.plan import plan
from scorm_builder.source.tree import Map, Seq

COURSE = REPO / "courses" / "empathy-essentials"
PROFILES = {
    # a lesson, a page and a dialogue node changed, a page added, the lessons reordered, lint phrases added
    "lesson": """id: lesson-co
name: Lesson Co
terms: {customer: client}
overrides:
  - id: timing
    set: {title: "Timing at {{ company.name }}"}
  - id: timing-on-hold
    set: {title: "Held by {{ company.name }}"}
  - id: cut-off-by-mistake
    node: opening
    set: {customer: "Hello from {{ company.name }}, I was cut off"}
add_pages:
  - lesson: timing
    after: timing-on-hold
    page: {id: extra, type: text, title: "Extra for {{ company.name }}", body: "Ask the {{ terms.customer }}."}
lessons: [welcome, timing, why-empathy-matters, listening-for-clues, acknowledging-emotions, beyond-scripts,
  apologizing, practice-upset-customer, empathy-and-security, when-not-to, practice-repeat-caller, barriers, wrap-up]
lint: {scripted_phrases: ["we value you"]}
""",
    # pages and a question removed, the assessment's settings and a question changed
    "remove": """id: remove-co
name: Remove Co
remove: [timing-late-fridge, wn-gas-smell]
attempts: 3
draw: 4
overrides:
  - id: core-research-figures
    set: {text: "Question for {{ company.name }}: which figure?"}
""",
    "bad-placeholder": """id: bad-co
name: Bad Co
overrides:
  - id: timing-on-hold
    set: {title: "On hold at {{ company.nmae }}"}
""",
    "bad-type": """id: bad-type-co
name: Bad Type Co
overrides:
  - id: timing-on-hold
    set: {retry: "maybe"}
""",
}


def outcome(load) -> object:
    try:
        course = load()
    except CourseInvalid as err:
        return str(err)
    return [dict(plan(course, standard).files) for standard in ("scorm12", "scorm2004-4")]


def same_tree(a: object, b: object) -> bool:
    """Equal values and equal positions, all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, Map):
        return ((a.src, a.pos, a.key_pos, a.val_pos, a.val_src) == (b.src, b.pos, b.key_pos, b.val_pos, b.val_src)
                and list(a) == list(b) and all(same_tree(a[k], b[k]) for k in a))
    if isinstance(a, Seq):
        return ((a.src, a.pos, a.item_pos, a.item_src) == (b.src, b.pos, b.item_pos, b.item_src)
                and len(a) == len(b) and all(map(same_tree, a, b)))
    return a == b


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("companies")
    out = {}
    for name, text in PROFILES.items():
        out[name] = folder / f"{name}.yaml"
        out[name].write_text(text, encoding="utf-8")
    for example in sorted((REPO / "courses" / "companies").glob("*.yaml")):
        out[example.stem] = example
    return out


def test_each_company_gets_what_a_single_build_gives_it(profiles: dict[str, Path]) -> None:
    loader = CourseLoader()
    got = {name: outcome(lambda p=path: loader.load(COURSE, p)) for name, path in profiles.items()}
    for name, path in profiles.items():
        assert got[name] == outcome(lambda p=path: load_course(COURSE, p)), name
    assert isinstance(got["lesson"], list) and isinstance(got["remove"], list)  # built, through the shared tree
    assert got["bad-placeholder"].startswith(f"{profiles['bad-placeholder']}:5:")  # reported, not built
    assert "unknown placeholder 'company.nmae'" in got["bad-placeholder"]
    assert "retry: wrong type" in got["bad-type"]


def test_no_company_changes_the_course_tree(profiles: dict[str, Path]) -> None:
    loader = CourseLoader()
    for path in profiles.values():
        outcome(lambda p=path: loader.load(COURSE, p))
    shared = loader._shared[str(COURSE / "course.yaml")]
    assert shared is not None
    assert same_tree(shared.tree, batch_load._checked(COURSE / "course.yaml"))  # read and checked afresh
