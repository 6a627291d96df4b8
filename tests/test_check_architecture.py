"""The checker's modules depend one way, share only public names, keep no hidden state, and document every rule."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO
from test_check_fuzz import documented_rules

CHECK = REPO / "scorm_builder" / "check"
# Each module may import only the modules before it (report, the entry point, comes last).
ORDER = ["findings", "container", "manifest", "manifest_rules", "xsd", "course_data", "readiness", "cmi5", "media", "report"]
RULE_CALL = re.compile(r"\b(?:error|warning|info|make)\(\s*\"([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\"")


def modules() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(CHECK.glob("*.py"))
            if p.stem != "__init__"}


def test_every_module_is_in_the_order():
    assert sorted(modules()) == sorted(ORDER)


def test_modules_import_only_the_ones_before_them():
    wrong = []
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("scorm_builder.check"):
                used = node.module.rsplit(".", 1)[-1] if node.module != "scorm_builder.check" else None
                targets = [used] if used else [a.name for a in node.names]
                wrong += [f"{name} imports {t}" for t in targets if ORDER.index(t) >= ORDER.index(name)]
    assert wrong == []


def test_imports_are_at_module_level_only():
    """A function-level import is how a cycle hides; none in check."""
    nested = [f"{name}:{node.lineno}" for name, tree in modules().items() for top in tree.body
              if not isinstance(top, (ast.Import, ast.ImportFrom))
              for node in ast.walk(top) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert nested == []


def test_no_private_name_crosses_a_module():
    crossing = [f"{name} imports {a.name} from {node.module}" for name, tree in modules().items()
                for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for a in node.names if a.name.startswith("_")]
    assert crossing == []


def test_no_context_variables_or_module_state():
    """State is passed explicitly: no ContextVar, no global statement."""
    found = [f"{name}:{node.lineno}" for name, tree in modules().items() for node in ast.walk(tree)
             if isinstance(node, ast.Global) or (isinstance(node, ast.Name) and node.id == "ContextVar")
             or (isinstance(node, ast.alias) and node.name == "contextvars")]
    assert found == []


def emitted_rules() -> set[str]:
    return {rule for p in CHECK.glob("*.py") for rule in RULE_CALL.findall(p.read_text(encoding="utf-8"))}


def test_every_rule_the_checker_emits_is_documented_and_every_documented_rule_is_emitted():
    emitted, documented = emitted_rules(), documented_rules()
    assert len(emitted) > 50
    assert (emitted - documented, documented - emitted) == (set(), set())


def test_check_reads_standards_facts_from_the_table():
    """Namespaces and suspend_data limits come from scorm_builder/standards.py, not check's own copies."""
    source = "".join(p.read_text(encoding="utf-8") for p in CHECK.glob("*.py"))
    for fact in ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "http://www.adlnet.org/xsd/adlcp_rootv1p2",
                 "http://www.imsglobal.org/xsd/imscp_v1p1", "http://www.adlnet.org/xsd/adlcp_v1p3",
                 "http://www.imsglobal.org/xsd/imsss", "4096", "64000", "scorm2004-4th"):
        assert fact not in source, fact


def test_course_data_module_is_the_one_reader_of_the_player_island():
    tag = 'id="course-data"'
    readers = sorted(p.name for p in Path(CHECK).glob("*.py") if tag in p.read_text(encoding="utf-8"))
    assert readers == ["course_data.py"]
