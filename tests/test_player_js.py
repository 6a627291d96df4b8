"""The player script: templates/player/js/ modules joined in the order of order.txt at package time."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from repo import REPO

from scorm_builder.render.player_js import join_player, module_names, player_script

MODULES = REPO / "templates" / "player" / "js"


def test_the_package_script_is_every_module_in_order() -> None:
    text = player_script().decode("utf-8")
    assert text.startswith("/* scorm-builder player. GENERATED FILE, do not edit:")
    names = module_names((MODULES / "order.txt").read_bytes())
    assert sorted(names) == sorted(p.name for p in MODULES.glob("*.js"))
    assert [line for line in text.splitlines() if line.startswith("/* --- ")] == [f"/* --- {n} --- */" for n in names]
    for name in names:
        assert (MODULES / name).read_text(encoding="utf-8") in text, name


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
])
def test_a_bad_order_file_is_refused(order: bytes, message: str) -> None:
    with pytest.raises(ValueError) as info:
        join_player(lambda name: order if name.endswith("order.txt") else b"")
    assert str(info.value) == message
