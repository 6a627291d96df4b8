"""render/markdown.py renders a one-line plain text without the parser: the result must be markdown-it's."""
from __future__ import annotations

import random

import pytest
import yaml
from repo import REPO

from scorm_builder.render import markdown


def parsed_by_markdown_it(text: str) -> tuple[str, tuple[str, ...]]:
    md, env = markdown._markdown(), {}
    tokens = md.parse(text, env)
    links = tuple(child.attrs["href"] for token in tokens for child in token.children or ()
                  if child.type == "link_open" and isinstance(child.attrs.get("href"), str))
    return md.renderer.render(tokens, md.options, env).strip(), links


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def shipped_strings() -> list[str]:
    found: set[str] = set()
    for path in sorted((REPO / "courses").rglob("*.yaml")):
        found.update(strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return sorted(found)


def test_every_shipped_text_renders_as_markdown_it_renders_it():
    texts = shipped_strings()
    plain = [t for t in texts if markdown._PLAIN.fullmatch(t)]
    assert len(texts) > 1000 and len(plain) > 500  # the fast path is taken, and checked, on real texts
    assert [t for t in texts if markdown._parsed.__wrapped__(t) != parsed_by_markdown_it(t)] == []
    assert [t for t in texts if markdown.link_targets(t) != parsed_by_markdown_it(t)[1]] == []


def test_a_text_without_brackets_or_angles_is_not_parsed_for_its_links():
    assert markdown.link_targets("No links (none) at https://example.com or x@y.z") == ()
    assert markdown.link_targets("[a](b.pdf) and <https://example.com>") == ("b.pdf", "https://example.com")
    assert markdown.link_targets("[ref]\n\n[ref]: assets/x.pdf") == ("assets/x.pdf",)


@pytest.mark.parametrize("text", [
    'She said "no" twice', "Line one\nline two", "Ends with two spaces  ", "Tab\there", "Non\u00a0breaking",
    "Trailing space ", "A 1. list? no", "x_y", "Price: 5 * 3", "See [the page](page.md)", "A <b>tag</b>",
    "Fish & chips", "Code `x`", "Back\\slash", "a | b", "~~gone~~", "Hello\u2028world", "Naïve café, 59% (PwC)",
])
def test_edge_cases_render_as_markdown_it_renders_them(text):
    assert markdown._parsed.__wrapped__(text) == parsed_by_markdown_it(text)


def test_random_texts_render_as_markdown_it_renders_them():
    pick = random.Random(20261202)
    safe, marks = "aZé 1.,;:?!'\"()-—%£/@{}$", "#+=>*_[]`<&|~\\\n\t\u00a0 "
    texts = ["".join(pick.choice(safe if pick.random() < 0.97 else marks) for _ in range(pick.randint(1, 30)))
             for _ in range(8000)]
    texts = [t for t in texts if t[:1].isalpha()]
    fast = [t for t in texts if markdown._PLAIN.fullmatch(t) and t.isprintable() and t == t.strip()]
    assert len(fast) > 500 and len(texts) - len(fast) > 150
    texts += ["".join(pick.choice("ab [](<>:/.x)\n") for _ in range(pick.randint(1, 30))) for _ in range(3000)]
    assert [t for t in texts if markdown._parsed.__wrapped__(t) != parsed_by_markdown_it(t)] == []
    assert [t for t in texts if markdown.link_targets(t) != parsed_by_markdown_it(t)[1]] == []
