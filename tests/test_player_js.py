"""The player script: templates/player/js/ modules joined in the order of order.txt at package time."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from repo import REPO

from scorm_builder.render.player_css import for_package
from scorm_builder.render.player_css import without_comment_lines as without_css_comment_lines
from scorm_builder.render.player_js import (
    for_features,
    join_player,
    module_lines,
    module_names,
    package_features,
    player_script,
    without_comment_lines,
)

MODULES = REPO / "templates" / "player" / "js"


def test_the_package_script_is_every_module_in_order() -> None:
    text = player_script().decode("utf-8")
    assert text.startswith("/* scorm-builder player. GENERATED FILE, do not edit:")
    names = module_names((MODULES / "order.txt").read_bytes())
    assert sorted(names) == sorted(p.name for p in MODULES.glob("*.js"))
    assert [line for line in text.splitlines() if line.startswith("/* --- ")] == [f"/* --- {n} --- */" for n in names]
    for name in names:
        code = without_comment_lines((MODULES / name).read_bytes()).decode("utf-8")
        assert f"/* --- {name} --- */\n{code}" in text, name


def test_comments_are_left_out_and_strings_and_regular_expressions_kept() -> None:
    module = (b"var a = 1;\n  /* a note\n     on two lines */\n  /* k */ var b = 2;\n  // a line\n"
              b"var c = 3; // gone\nvar d = '/* not a comment */' + \"// nor this\";\n"
              b"var e = a / b / c; /* after a division */\nif (/[/*]\\/\\//.test(d)) f(function () { /* empty */ });\n"
              b"g = 1; /* over\n  lines */ h = 2;\n  /* last */")
    assert without_comment_lines(module) == (b"var a = 1;\n  var b = 2;\nvar c = 3;\n"
                                             b"var d = '/* not a comment */' + \"// nor this\";\n"
                                             b"var e = a / b / c;\nif (/[/*]\\/\\//.test(d)) f(function () { });\n"
                                             b"g = 1;\n h = 2;\n")


def test_the_comments_left_out_of_the_modules_are_comments() -> None:
    """Each stretch the package's copy leaves out of a module, past its whole-line comments, is a comment."""
    import difflib

    from scorm_builder.render.player_js import WHOLE_LINE_COMMENT

    found = []
    for path in sorted(MODULES.glob("*.js")):
        source = WHOLE_LINE_COMMENT.sub(b"", path.read_bytes()).decode("utf-8").splitlines(True)
        shipped = without_comment_lines(path.read_bytes()).decode("utf-8").splitlines(True)
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, source, shipped, autojunk=False).get_opcodes():
            if op != "equal":
                found += [(path.name, text) for text in removed_from("".join(source[i1:i2]), "".join(shipped[j1:j2]))]
    assert found and all(text.startswith("//") and "\n" not in text or text.startswith("/*") and text.endswith("*/")
                         for _, text in found), [f for f in found if not f[1].startswith(("//", "/*"))]


def removed_from(source: str, shipped: str) -> list[str]:
    """The stretches of source that shipped leaves out (a line break kept inside one joins it with the next)."""
    import difflib

    removed, stretch = [], ""
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, source, shipped, autojunk=False).get_opcodes():
        assert op in ("equal", "delete"), source[i1:i2]
        if op == "delete" or (stretch and not source[i1:i2].strip()):
            stretch += source[i1:i2]
        elif stretch:
            removed, stretch = removed + [stretch.strip()], ""
    return [text for text in removed + [stretch.strip()] if text]


def test_a_feature_block_of_a_module_goes_only_to_packages_with_the_feature() -> None:
    module = (b"var a = {\n  b: 1,\n  /* when scorm12 scorm2004 */\n  c: 2, /* two */\n  /* end when */\n"
              b"  /* when cmi5 */\n  d: 3\n  /* end when */\n};\n")
    assert without_comment_lines(for_features(module, frozenset({"scorm2004"}))) == b"var a = {\n  b: 1,\n  c: 2,\n};\n"
    assert without_comment_lines(for_features(module, frozenset({"cmi5"}))) == b"var a = {\n  b: 1,\n  d: 3\n};\n"
    assert without_comment_lines(for_features(module, None)) == b"var a = {\n  b: 1,\n  c: 2,\n  d: 3\n};\n"
    assert b"likert" in player_script(features=frozenset({"cmi5", "confidence"}))
    assert b"canSend" not in player_script(features=frozenset({"cmi5", "confidence"}))
    assert b"readLaunch" not in player_script(features=frozenset({"cmi5"}))
    assert b"scorm12: table(" in player_script(features=frozenset({"scorm12"}))
    assert b"scorm2004: table(" not in player_script(features=frozenset({"scorm12"}))
    assert b"READ_ONLY" not in player_script(features=frozenset({"scorm12", "scorm2004"}))  # the preview's block: no package has the feature "preview"


def test_no_module_has_a_line_that_can_start_inside_a_string() -> None:
    """What makes leaving out whole-line comments safe: no template literal, no line-continued string."""
    found = [f"{p.name}:{n}" for p in sorted(MODULES.glob("*.js"))
             for n, line in enumerate(without_comment_lines(p.read_bytes()).decode("utf-8").splitlines(), 1)
             if "`" in line.split("//")[0].split("/*")[0] or line.endswith("\\")]
    assert found == []


def test_the_package_script_parses(tmp_path: Path) -> None:
    import shutil
    import subprocess

    node = shutil.which("node")
    assert node, "node is needed (scripts/install-test-deps.sh)"
    script = tmp_path / "player.js"
    script.write_bytes(player_script())
    result = subprocess.run([node, "--check", str(script)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")


STYLESHEET = REPO / "templates" / "player" / "player.css"
# What each feature of the practice issue may add to a package's JS and CSS, gzipped (docs/player.md):
# a course pays only for the features it uses.
FEATURE_ALLOWANCE = {"reply": 6144, "calibration": 2560, "practice": 2560, "confidence": 3072, "glossary": 2048,
                     "resources": 1024, "certificate": 1536, "media": 1024}


def shipped_size(features: frozenset[str]) -> int:
    import gzip

    return len(gzip.compress(player_script(features=features) + for_package(STYLESHEET.read_bytes(), features), 9,
                             mtime=0))


@pytest.mark.parametrize("family", ["scorm12", "scorm2004", "cmi5"])
def test_player_js_and_css_fit_the_budget(family: str) -> None:
    """Issue 11's budget: the player's JS and CSS at most 40 KB gzipped, unminified, for a course of every kind
    issue 11 knows (text pages, scenarios, dialogues, the assessment), in every standard family."""
    assert shipped_size(frozenset({family, "text", "scenario", "dialogue"})) <= 40 * 1024


@pytest.mark.parametrize("feature", sorted(FEATURE_ALLOWANCE))
def test_each_feature_adds_no_more_than_its_allowance(feature: str) -> None:
    base = frozenset({"cmi5", "text", "scenario", "dialogue"})
    assert shipped_size(base | {feature}) - shipped_size(base) <= FEATURE_ALLOWANCE[feature]


@pytest.mark.parametrize("course", sorted(p.parent.name for p in (REPO / "courses").glob("*/course.yaml")))
@pytest.mark.parametrize("company", [None, "harbor-health.yaml", "northwind-mobile.yaml"])
@pytest.mark.parametrize("family", ["scorm12", "scorm2004", "cmi5"])
def test_every_shipped_package_fits_the_budget_and_the_allowances_of_its_features(course: str, company: str | None,
                                                                                  family: str) -> None:
    from scorm_builder.load import load_course

    profile = REPO / "courses" / "companies" / company if company else None
    features = package_features(load_course(REPO / "courses" / course, profile), family)
    assert shipped_size(features) <= 40 * 1024 + sum(FEATURE_ALLOWANCE.get(f, 0) for f in features)
    if course != "empathy-essentials":  # every shipped course but essentials (reply, glossary, certificate) fits outright
        assert shipped_size(features) <= 40 * 1024


ORDER = REPO / "templates" / "player" / "js" / "order.txt"


@pytest.mark.parametrize(("family", "left_out"), [
    ("scorm12", ["lms-scorm2004.js", "lms-cmi5.js"]),
    ("scorm2004", ["lms-scorm12.js", "lms-cmi5.js"]),
    ("cmi5", ["lms-connection.js", "lms-adapter.js", "lms-scorm12.js"]),
])
def test_a_package_carries_only_the_adapters_of_its_standard(family: str, left_out: list[str]) -> None:
    every = module_names(ORDER.read_bytes())
    kinds = {f for _, when in module_lines(ORDER.read_bytes()) for f in when or ()} - {"scorm12", "scorm2004", "cmi5"}
    assert module_names(ORDER.read_bytes(), frozenset({family, *kinds})) == [n for n in every if n not in left_out]


def test_a_gated_module_goes_in_for_any_of_its_features() -> None:
    order = b"a.js\nb.js  when reply media\nc.js when cmi5\n"
    assert module_lines(order) == [("a.js", None), ("b.js", frozenset({"reply", "media"})), ("c.js", frozenset({"cmi5"}))]
    assert module_names(order, frozenset({"media"})) == ["a.js", "b.js"]
    assert module_names(order, frozenset()) == ["a.js"]
    assert module_names(order) == ["a.js", "b.js", "c.js"]


def test_the_shipped_stylesheet_keeps_every_rule_and_drops_only_whole_line_comments() -> None:
    source = (REPO / "templates" / "player" / "player.css").read_bytes()
    shipped = without_css_comment_lines(source)
    assert b"/*" not in b"\n".join(line for line in shipped.splitlines() if line.lstrip().startswith(b"/*"))
    assert [line for line in source.splitlines() if b"{" in line and b"/*" not in line] == \
        [line for line in shipped.splitlines() if b"{" in line and b"/*" not in line]
    assert without_css_comment_lines(b"a { b: c; }\n  /* one\n  two */\nd { e: f; } /* inline */\n") == \
        b"a { b: c; }\nd { e: f; } /* inline */\n"


def test_a_changed_module_is_joined_again(tmp_path: Path) -> None:
    theme = tmp_path / "theme" / "player" / "js"
    theme.mkdir(parents=True)
    (theme / "order.txt").write_text("a.js\nb.js\n")
    (theme / "a.js").write_text("var a = 1;\n")
    (theme / "b.js").write_text("var b = 2;")
    first = player_script([tmp_path / "theme"])
    assert first.endswith(b"/* --- a.js --- */\nvar a = 1;\n/* --- b.js --- */\nvar b = 2;\n")
    (theme / "b.js").write_text("var b = 3;")
    os.utime(theme / "b.js", ns=(1, 1))
    assert player_script([tmp_path / "theme"]).endswith(b"var b = 3;\n")


@pytest.mark.parametrize(("order", "message"), [
    (b"../../etc/passwd\n", "player/js/order.txt:1: '../../etc/passwd' is not a module file name (expected e.g. state.js)"),
    (b"a.js\n# note\na.js\n", "player/js/order.txt:3: 'a.js' is listed twice"),
    (b"\n# nothing\n", "player/js/order.txt: lists no module"),
    (b"a.js if cmi5\n", "player/js/order.txt:1: after 'a.js' comes 'when' and one or more features "
                        "(expected e.g. a.js when cmi5)"),
    (b"a.js when\n", "player/js/order.txt:1: after 'a.js' comes 'when' and one or more features "
                     "(expected e.g. a.js when cmi5)"),
])
def test_a_bad_order_file_is_refused(order: bytes, message: str) -> None:
    with pytest.raises(ValueError) as info:
        join_player(lambda name: order if name.endswith("order.txt") else b"")
    assert str(info.value) == message


def test_a_feature_block_of_the_stylesheet_goes_only_to_packages_with_the_feature() -> None:
    css = (b"a { b: c; }\n/* when reply media */\n.reply { d: e; }\n  /* a note */\n/* end when */\n"
           b"/* when cmi5 */\n.x { y: z; }\n/* end when */\nf { g: h; }\n")
    assert for_package(css, frozenset({"media"})) == b"a { b: c; }\n.reply { d: e; }\nf { g: h; }\n"
    assert for_package(css, frozenset({"scorm12"})) == b"a { b: c; }\nf { g: h; }\n"
