"""The package checker's entry point: runs the zip, manifest (or cmi5) and LMS-readiness rules, and reports them."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Sequence

from scorm_builder.check.cmi5 import check_cmi5
from scorm_builder.check.container import open_package
from scorm_builder.check.findings import Findings, json_safe, printable, render
from scorm_builder.check.manifest import parse_manifest
from scorm_builder.check.manifest_rules import check_manifest_rules
from scorm_builder.check.media import check_media
from scorm_builder.check.readiness import check_readiness
from scorm_builder.check.xsd import xsd_findings
from scorm_builder.errors import Diagnostic, count, render_json

SCHEMAS_ENV = "SCORM_BUILDER_SCHEMAS"


def schemas_folder(option: Path | None) -> Path | None:
    """The schema folder from --schemas, else the environment, else none (no XSD validation)."""
    if option is not None:
        return Path(option)
    env = os.environ.get(SCHEMAS_ENV)
    return Path(env) if env else None


def check_package(path: Path, schemas: Path | None = None, label: str | None = None) -> list[Diagnostic]:
    """Every finding for one package, in rule order: zip, manifest (XSDs first) or cmi5.xml, LMS readiness.

    ``label`` names the package in the findings (default: the path as given).
    """
    findings = Findings(str(path) if label is None else label)
    package = open_package(Path(path), findings)
    if package is None:
        return findings.items
    with package.zf:
        if package.is_cmi5:
            check_cmi5(package, schemas, findings)
            check_readiness(package, None, findings)  # without a manifest: the file names
            check_media(package, findings)
            return findings.items
        manifest = parse_manifest(package, findings)
        if manifest is not None:
            if schemas is not None:
                xsd_findings(manifest, Path(schemas), findings)
            check_manifest_rules(manifest, package, findings)
        check_readiness(package, manifest, findings)
        check_media(package, findings)
    return findings.items


def check_packages(paths: Sequence[Path], schemas: Path | None = None) -> dict[str, list[Diagnostic]]:
    """{package path as given: findings} for every package, in the order given."""
    return {str(p): check_package(Path(p), schemas, str(p)) for p in paths}


def has_errors(results: dict[str, list[Diagnostic]]) -> bool:
    return any(d.severity == "error" for found in results.values() for d in found)


def text_report(results: dict[str, list[Diagnostic]]) -> Iterable[str]:
    """One line per finding, then one summary line per package; control characters escaped."""
    for package, found in results.items():
        for d in found:
            yield render(d)
        errors = sum(d.severity == "error" for d in found)
        warnings = len(found) - errors
        if errors:
            yield printable(f"{package}: {count(errors, 'error')}, {count(warnings, 'warning')}")
        else:
            yield printable(f"{package}: ok" + (f" ({count(warnings, 'warning')})" if warnings else ""))


def json_report(results: dict[str, list[Diagnostic]]) -> str:
    """The project's JSON list of diagnostics (keys: severity rule file entry line column key reason fix)."""
    return json_safe(render_json([d for found in results.values() for d in found]))
