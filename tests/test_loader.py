"""The positioned YAML loader: positions, strictness and its exact messages."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scorm_builder.source.limits import Budget, Counts
from scorm_builder.source.loader import LoadError, Map, Seq, clear_cache, display_path, load_text, load_yaml
from scorm_builder.source.tree import clone


def messages(raw: bytes, name: str = "c.yaml") -> list[str]:
    with pytest.raises(LoadError) as info:
        load_text(raw, name)
    return [str(p) for p in info.value.problems]


def test_positions_of_keys_values_and_items() -> None:
    tree = load_text(b"id: a\nitems:\n  - 1\n  - x: 2\n    y: [1, 2]\n", "c.yaml")
    assert isinstance(tree, Map) and isinstance(tree["items"], Seq)
    assert tree == {"id": "a", "items": [1, {"x": 2, "y": [1, 2]}]}
    assert (tree.src, tree.pos) == ("c.yaml", (1, 1))
    assert tree.key_pos == {"id": (1, 1), "items": (2, 1)}
    assert tree.val_pos == {"id": (1, 5), "items": (3, 3)}
    assert tree["items"].item_pos == [(3, 5), (4, 5)]
    assert tree["items"][1].val_pos == {"x": (4, 8), "y": (5, 8)}
    assert tree.where("id") == ("c.yaml", (1, 5))
    assert tree.where("nope") == ("c.yaml", (1, 1))
    assert tree["items"].where(1) == ("c.yaml", (4, 5))
    assert tree["items"].where(7) == ("c.yaml", (3, 3))


def test_byte_order_mark_is_ignored_and_positions_stay_right() -> None:
    tree = load_text("\ufeffid: a\ntitle: Caf\u00e9\n".encode("utf-8"), "c.yaml")
    assert tree == {"id": "a", "title": "Caf\u00e9"}
    assert tree.val_pos == {"id": (1, 5), "title": (2, 8)}


def test_non_string_keys_become_text() -> None:
    tree = load_text(b"1: one\nyes: two\nnull: three\n", "c.yaml")
    assert list(tree) == ["1", "true", "None"]


def test_anchors_and_merge_keys_are_plain_yaml() -> None:
    tree = load_text(b"base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\nd: *b\n", "c.yaml")
    assert tree == {"base": {"x": 1}, "c": {"x": 1, "y": 2}, "d": {"x": 1}}


def test_duplicate_keys_each_reported_with_the_first_line() -> None:
    assert messages(b"a: 1\nb:\n  c: 1\n  c: 2\na: 3\n") == [
        "c.yaml:4:3: b.c: duplicate key 'c' (first defined on line 3) \u2014 keep one of the two and delete the other",
        "c.yaml:5:1: a: duplicate key 'a' (first defined on line 1) \u2014 keep one of the two and delete the other",
    ]


def test_duplicate_key_inside_a_list_item_has_the_index() -> None:
    assert messages(b"l:\n  - a: 1\n    a: 2\n") == [
        "c.yaml:3:5: l[0].a: duplicate key 'a' (first defined on line 2) \u2014 keep one of the two and delete the other"]


def test_python_tags_are_refused() -> None:
    assert messages(b"a: !!python/name:os.system x\n") == [
        "c.yaml:1:4: a: unsupported YAML value (could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/name:os.system') \u2014 remove the '!' tag; only plain YAML values are allowed"]


def test_custom_tags_are_refused() -> None:
    assert messages(b"a: !include other.yaml\n") == [
        "c.yaml:1:4: a: unsupported YAML value (could not determine a constructor for the tag '!include') "
        "\u2014 remove the '!' tag; only plain YAML values are allowed"]


def test_global_loader_is_not_changed() -> None:
    """The loader is a local SafeLoader subclass: yaml.SafeLoader keeps its own constructors."""
    load_text(b"a: 1\n", "c.yaml")
    assert yaml.safe_load("a: 1\na: 2\n") == {"a": 2}


def test_complex_key_is_refused() -> None:
    assert messages(b"a: 1\n? [x]\n: 2\n") == [
        "c.yaml:2:3: a key must be plain text (expected a word, got a list or mapping) "
        "\u2014 write the key as a plain word followed by ':'"]


def test_non_utf8_position_on_a_later_line() -> None:
    assert messages(b"id: a\ntitle: ok\nbody: na\xefve\n") == [
        "c.yaml:3:9: the file is not UTF-8 (byte 0xef cannot be decoded) \u2014 save the file as UTF-8 in "
        "your editor (for example 'Save with Encoding' > UTF-8)"]


def test_empty_and_whitespace_files() -> None:
    expected = ["c.yaml:1:1: the file is empty \u2014 start from `scorm-builder new my-course` or copy an example course"]
    assert messages(b"") == expected
    assert messages(b"\n\n   \n# only a comment\n") == expected


def test_top_level_list_and_scalar() -> None:
    assert messages(b"\n- id: a\n") == [
        "c.yaml:2:1: the top level must be a mapping of keys (expected keys such as 'id:' and 'title:', got a list) "
        "\u2014 remove the leading '- ' so the file starts with 'id: ...'"]
    assert messages(b"42\n") == [
        "c.yaml:1:1: the top level must be a mapping of keys (expected keys such as 'id:' and 'title:', got a "
        "single value) \u2014 write the course as 'key: value' lines, starting with 'id: ...'"]


def test_syntax_errors_have_positions_and_hints() -> None:
    assert messages(b"id: a\ntitle: 'abc\nx: 1\n") == [
        "c.yaml:2:8: YAML syntax error: a quote is opened here and never closed \u2014 add the closing quote "
        "at the end of the text"]
    assert messages(b"a:\n\t- b\n") == [
        "c.yaml:2:1: YAML syntax error: a tab character (YAML indentation allows only spaces) "
        "\u2014 indent with spaces, not tabs"]
    assert messages(b"a: [1, 2\nb: 3\n") == [
        "c.yaml:2:2: YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence at line 1) "
        "\u2014 check the quotes, colons and indentation at this position"]
    assert messages(b"title: Empathy: basics\n") == [
        "c.yaml:1:15: YAML syntax error: mapping values are not allowed here \u2014 put text that contains ': ' "
        "in quotes, or use a block with '|'"]


def test_multiple_documents_are_refused() -> None:
    assert messages(b"a: 1\n---\nb: 2\n") == [
        "c.yaml:2:1: YAML syntax error: a second YAML document starts here (expected one document per file) "
        "\u2014 remove the '---' line, or move the second document to its own file"]


def test_load_yaml_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_yaml(tmp_path / "nope.yaml", "courses/x/nope.yaml")
    assert [str(p) for p in info.value.problems] == [
        "courses/x/nope.yaml:1:1: file not found \u2014 check the path, or create the file with `scorm-builder new`"]


def test_load_yaml_names_the_file_relative_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.yaml").write_bytes(b"- x\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(LoadError) as info:
        load_yaml(tmp_path / "sub" / "c.yaml")
    assert info.value.problems[0].file == "sub/c.yaml"
    assert display_path(Path("/")) == "/"


def test_alias_bomb_is_refused_quickly() -> None:
    """A few lines of anchors and aliases that would expand to 10**9 values ("billion laughs")."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    assert messages(("\n".join(lines) + "\n").encode()) == [
        "c.yaml:5:36: e[7]: YAML aliases (*name) add more than 100000 values to the course (expected at most 100000; "
        "each alias copies everything under its anchor) \u2014 write the repeated parts out, or use fewer aliases"]


def test_recursive_alias_is_refused() -> None:
    expected = ["c.yaml:2:7: an alias (*name) refers to the list or mapping it is inside (expected no loops) "
                "\u2014 remove the alias or the anchor (&name)"]
    assert messages(b"id: x\nloop: &l [1, *l]\n") == expected
    assert messages(b"id: x\nloop: &l {self: *l}\n") == expected


def test_an_alias_value_is_where_the_alias_is_and_a_copy() -> None:
    tree = load_text(b"a: &a {x: [1]}\nb: *a\n", "c.yaml")
    assert tree.val_pos == {"a": (1, 4), "b": (2, 4)}
    assert tree["b"] == tree["a"] and tree["b"] is not tree["a"] and tree["b"]["x"] is not tree["a"]["x"]
    # the alias copies 3 values (the mapping, the list, 1) and 1 character of text (the key x)
    assert tree.loaded == Counts(bytes=21, values=7, alias_values=3, alias_text=1, depth=3)


def test_merge_keys_own_keys_win_then_the_first_merged_mapping() -> None:
    """pyyaml lists merged keys before the mapping's own, which read as duplicate keys before."""
    tree = load_text(b"a: &a {x: 1, z: 3}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n  z: 4\n", "c.yaml")
    assert tree["c"] == {"x": 1, "z": 4, "y": 2}
    assert tree["c"].key_pos == {"x": (1, 8), "z": (5, 3), "y": (2, 14)}
    assert tree["c"].val_pos == {"x": (1, 11), "z": (5, 6), "y": (2, 17)}


def test_merge_key_needs_a_mapping() -> None:
    assert messages(b"a: &a [1]\nb:\n  <<: *a\n") == [
        "c.yaml:3:7: b.<<: a merge key '<<' takes a mapping or a list of mappings (expected '<<: *name' where "
        "'&name' marks a mapping, got a list holding the value 1) \u2014 remove the '<<' line, or point it at a mapping"]


def test_undefined_and_duplicate_anchors_keep_pyyamls_messages() -> None:
    assert messages(b"a: *nope\n") == [
        "c.yaml:1:4: YAML syntax error: found undefined alias 'nope' \u2014 check the quotes, colons and indentation "
        "at this position"]
    assert messages(b"a: &x 1\nb: &x 2\n") == [
        "c.yaml:2:4: YAML syntax error: second occurrence (found duplicate anchor 'x'; first occurrence at line 1) "
        "\u2014 check the quotes, colons and indentation at this position"]


def test_numbers_dates_and_plain_values_read_as_yaml_says() -> None:
    tree = load_text(b"a: [1, -2, +3, 0, 012, 0x1F, 1_000, 1.5, -1., .5, 1.5e3, 1.5e+3, .inf, yes, No, ~, '', "
                     b"1:30, 2001-12-14, '1', \"2\"]\n", "c.yaml")
    import datetime
    assert tree["a"] == [1, -2, 3, 0, 10, 31, 1000, 1.5, -1.0, 0.5, "1.5e3", 1500.0, float("inf"), True, False,
                         None, "", 90, datetime.date(2001, 12, 14), "1", "2"]


def test_numbers_of_more_than_100_digits_and_dates_that_are_not() -> None:
    assert messages(b"a: 0x" + b"f" * 90 + b"\nb: 2024-02-30\nc: " + b"1" * 100 + b"\n") == [
        "c.yaml:1:4: a: the number 0xffffffffffffffffff\u2026 has more than 100 digits (expected at most 100) "
        "\u2014 put the value in quotes if it is text, or shorten it",
        "c.yaml:2:4: b: '2024-02-30' is written as a date but is not one (day is out of range for month) "
        "\u2014 put the value in quotes if it is text, or write a real date as YYYY-MM-DD"]


def test_a_value_its_tag_does_not_fit() -> None:
    """`!!bool x` was a KeyError traceback, `!!timestamp x` an AttributeError."""
    assert messages(b"a: !!bool x\nb: !!timestamp x\nc: !!int x\nd: !!int '12'\n") == [
        f"c.yaml:{line}:4: {key}: 'x' cannot be read as {kind} (the tag !!{kind} says it is) \u2014 remove the '!' "
        "tag; only plain YAML values are allowed" for line, key, kind in [(1, "a", "bool"), (2, "b", "timestamp"),
                                                                           (3, "c", "int")]]


def test_an_escaped_control_character_is_refused_with_its_code_point() -> None:
    assert messages(b'a: ok\nb: ["x", "\\tand\\u0007"]\n') == [
        "c.yaml:2:10: b[1]: the text holds U+0007, an invisible control character (character 5 of the text), which "
        "the package's HTML and XML cannot hold \u2014 delete it: in double quotes it comes from an escape such as "
        "\\x01, \\0, \\e or \\uFFFE; otherwise it was pasted in with the text"]


def test_a_literal_noncharacter_is_refused_too() -> None:
    """YAML's reader lets U+FDD0 through; XML would take it, but HTML parsers flag it."""
    assert [p.rule for p in problems_of("title: caf\ufdd0\n".encode())] == ["character-not-allowed"]


def test_tabs_line_breaks_and_any_character_of_any_language_are_fine() -> None:
    tree = load_text('a: "tab\\there\\nline\\r\u00e9\u4e2d\U0001F600\\u00A0"\n'.encode(), "c.yaml")
    assert tree["a"] == "tab\there\nline\r\u00e9\u4e2d\U0001F600\u00a0"


def problems_of(raw: bytes) -> list:
    with pytest.raises(LoadError) as info:
        load_text(raw, "c.yaml")
    return info.value.problems


def test_a_cached_file_gives_a_fresh_copy_and_still_counts(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("id: a\nitems: [1, {x: 2}]\n")
    budget = Budget()
    first = load_yaml(tmp_path / "c.yaml", "c.yaml", budget)
    second = load_yaml(tmp_path / "c.yaml", "c.yaml", budget)
    assert first == second and first is not second and first["items"] is not second["items"]
    assert second.loaded == first.loaded == Counts(bytes=25, values=6, depth=3)
    assert budget.used == Counts(bytes=50, values=12, depth=3)


def test_a_limit_hit_in_a_cached_file_is_reported_where_a_first_read_reports_it(tmp_path: Path) -> None:
    """The cache can't say where in the file the limit is passed, so the file is read again to say it."""
    (tmp_path / "a.yaml").write_text("a: &a [" + "1, " * 999 + "1]\nb: [" + "*a, " * 59 + "*a]\n")
    first, second = Budget(), Budget()
    load_yaml(tmp_path / "a.yaml", "a.yaml", first)
    load_yaml(tmp_path / "a.yaml", "a.yaml", second)  # read twice: from now on it comes from the cache
    assert first.used == second.used and first.used.alias_values == 60_060
    for budget in (Budget(first.used), Budget(first.used)):
        with pytest.raises(LoadError) as info:
            load_yaml(tmp_path / "a.yaml", "a.yaml", budget)
        assert [(p.rule, p.line, p.column, p.key) for p in info.value.problems] == [
            ("alias-expansion", 2, 161, "b[39]")]
        assert budget.spent
        clear_cache()


# -- the positioned tree itself ----------------------------------------------------------------------
def test_map_put_keeps_positions_and_the_file_a_value_came_from() -> None:
    course = Map([("a", 1)], "course.yaml", (1, 1), {"a": (2, 1)}, {"a": (2, 4)})
    profile = Map([("a", 2)], "acme.yaml", (1, 1), {"a": (5, 3)}, {"a": (5, 6)})
    course.put_from("a", profile, "a")
    assert (course["a"], course.key_pos["a"], course.where("a")) == (2, (5, 3), ("acme.yaml", (5, 6)))
    course.put("a", 3, (2, 1), (2, 4))
    assert course.where("a") == ("course.yaml", (2, 4)) and course.val_src == {}
    assert course.where("missing") == ("course.yaml", (1, 1))


def test_seq_insert_and_delete_keep_positions_in_step() -> None:
    seq = Seq(["a", "b"], "course.yaml", (3, 1), [(3, 3), (4, 3)])
    seq.insert_at(1, "new", (9, 5), "acme.yaml")
    seq.append_at("last", (5, 3))
    assert list(seq.items_with_pos()) == [("a", (3, 3), "course.yaml"), ("new", (9, 5), "acme.yaml"),
                                          ("b", (4, 3), "course.yaml"), ("last", (5, 3), "course.yaml")]
    seq.delete_at(0)
    assert (seq, seq.item_pos, seq.where(0), seq.where(9)) == (
        ["new", "b", "last"], [(9, 5), (4, 3), (5, 3)], ("acme.yaml", (9, 5)), ("course.yaml", (3, 1)))
    assert Seq([1, 2], "f", (7, 1)).item_pos == [(7, 1), (7, 1)]


def test_positions_changed_by_hand_fall_back_to_the_lists_file() -> None:
    """A caller that inserts into item_pos itself can't leave a wrong file name behind."""
    seq = Seq(["a"], "course.yaml", (3, 1), [(3, 3)])
    seq.append_at("b", (9, 5), "acme.yaml")
    seq.insert(0, "c")
    seq.item_pos.insert(0, (2, 3))
    assert [seq.where(i) for i in range(3)] == [("course.yaml", (2, 3)), ("course.yaml", (3, 3)),
                                                ("course.yaml", (9, 5))]
    again = seq.empty_like()
    assert (again, again.item_pos, again.where(2)) == ([], [(2, 3), (3, 3), (9, 5)], ("course.yaml", (9, 5)))


def test_copy_and_clone_keep_positions_and_share_nothing_changeable() -> None:
    tree = load_text(b"a: [1, {b: 2}]\n", "c.yaml")
    shallow, deep = tree.copy(), clone(tree)
    assert type(shallow) is Map and shallow.val_pos == tree.val_pos and shallow["a"] is tree["a"]
    assert deep == tree and deep["a"] is not tree["a"] and deep["a"][1].val_pos == {"b": (1, 12)}
    assert deep["a"].item_pos == [(1, 5), (1, 8)] and deep["a"].item_pos is not tree["a"].item_pos
    assert tree.empty_like() == {} and tree.empty_like().key_pos == tree.key_pos


def test_trees_pickle_with_their_positions() -> None:
    """Batch builds send work to other processes."""
    import pickle

    tree = load_text(b"a: [1, {b: 2}]\n", "c.yaml")
    back = pickle.loads(pickle.dumps(tree))
    assert back == tree and type(back["a"]) is Seq and back["a"].where(1) == ("c.yaml", (1, 8))
    assert back["a"][1].where("b") == ("c.yaml", (1, 12))


def test_key_positions_stay_for_the_other_modules_that_read_them() -> None:
    """profile.py and format/spec.py read key_pos, val_pos, val_src and item_pos directly."""
    tree = load_text(b"id: a\nl: [x]\n", "c.yaml")
    assert (tree.key_pos, tree.val_pos, tree.val_src, tree["l"].item_pos) == (
        {"id": (1, 1), "l": (2, 1)}, {"id": (1, 5), "l": (2, 4)}, {}, [(2, 5)])
