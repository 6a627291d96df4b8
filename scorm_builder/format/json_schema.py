"""The JSON Schema (draft 2020-12) of course.yaml that editors use (`scorm-builder schema`), made from
the one course format (format/course.py), with ``- include: file.yaml`` allowed wherever a lesson,
page or question goes."""
from __future__ import annotations

import json

from scorm_builder.format.course import COURSE

INCLUDE_ITEM = {
    "type": "object",
    "description": "A shared lesson, page or question from another file, relative to this one",
    "properties": {"include": {"type": "string", "pattern": r"\.ya?ml$"}},
    "required": ["include"],
    "additionalProperties": False,
}


def _allow_includes(node):
    """Items of lessons, pages and questions lists may also be ``- include: file.yaml``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                for name, prop in value.items():
                    if name in ("lessons", "pages", "questions") and prop.get("type") == "array":
                        prop["items"] = {"anyOf": [prop["items"], INCLUDE_ITEM]}
            _allow_includes(value)
    elif isinstance(node, list):
        for item in node:
            _allow_includes(item)
    return node


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of course.yaml."""
    out = _allow_includes(COURSE.json())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://scorm-builder.invalid/course.schema.json",
        "title": "scorm-builder course",
        **out,
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
