"""The positioned YAML loader: positions, strictness and its exact messages."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scorm_builder.source.loader import LoadError, Map, Seq, display_path, load_text, load_yaml


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
        "c.yaml:5:4: the file expands to more than 200000 values through YAML aliases (*name) "
        "\u2014 write the repeated parts out, or use fewer aliases"]


def test_recursive_alias_is_refused() -> None:
    expected = ["c.yaml:2:7: an alias (*name) refers to the list or mapping it is inside (expected no loops) "
                "\u2014 remove the alias or the anchor (&name)"]
    assert messages(b"id: x\nloop: &l [1, *l]\n") == expected
    assert messages(b"id: x\nloop: &l {self: *l}\n") == expected
