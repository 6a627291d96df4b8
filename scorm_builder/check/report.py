"""The package checker: runs the zip, manifest and LMS-readiness rules on any SCORM zip."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Sequence

SCHEMAS_ENV = "SCORM_BUILDER_SCHEMAS"


@dataclass(frozen=True)
class Finding:
    """One thing wrong (error) or risky (warning) in a package.

    ``entry`` is the zip entry the finding is about (``None`` for the whole zip) and
    ``line`` the 1-based line in that entry, when known.
    """

    severity: str  # error | warning
    rule: str
    message: str
    fix: str = ""
    entry: str | None = None
    line: int | None = None

    @property
    def where(self) -> str:
        if self.entry is None:
            return ""
        return f"{self.entry}:{self.line}" if self.line else self.entry

    def line_for(self, package: str) -> str:
        """``PACKAGE:WHERE: severity [rule] message — fix`` (WHERE left out for the whole zip)."""
        where = f"{package}:{self.where}" if self.where else package
        fix = f" \u2014 {self.fix}" if self.fix else ""
        return f"{where}: {self.severity} [{self.rule}] {self.message}{fix}"


def error(rule: str, message: str, fix: str = "", entry: str | None = None, line: int | None = None) -> Finding:
    return Finding("error", rule, message, fix, entry, line)


def warning(rule: str, message: str, fix: str = "", entry: str | None = None, line: int | None = None) -> Finding:
    return Finding("warning", rule, message, fix, entry, line)


def schemas_folder(option: Path | None) -> Path | None:
    """The schema folder from --schemas, else the environment, else none (no XSD validation)."""
    if option is not None:
        return Path(option)
    env = os.environ.get(SCHEMAS_ENV)
    return Path(env) if env else None


def check_package(path: Path, schemas: Path | None = None) -> list[Finding]:
    """Every finding for one package, in rule order: zip, manifest, LMS readiness."""
    from scorm_builder.check.manifest import check_manifest
    from scorm_builder.check.readiness import check_readiness
    from scorm_builder.check.container import open_package

    findings: list[Finding] = []
    package = open_package(Path(path), findings)
    if package is None:
        return findings
    manifest = check_manifest(package, schemas, findings)
    check_readiness(package, manifest, findings)
    return findings


def check_packages(paths: Sequence[Path], schemas: Path | None = None) -> dict[str, list[Finding]]:
    """{package path as given: findings} for every package, in the order given."""
    return {str(p): check_package(Path(p), schemas) for p in paths}


def has_errors(results: dict[str, list[Finding]]) -> bool:
    return any(f.severity == "error" for found in results.values() for f in found)


def text_report(results: dict[str, list[Finding]]) -> Iterable[str]:
    """One line per finding, then one summary line per package."""
    for package, found in results.items():
        for f in found:
            yield f.line_for(package)
        errors = sum(f.severity == "error" for f in found)
        warnings = len(found) - errors
        if errors:
            yield f"{package}: {_count(errors, 'error')}, {_count(warnings, 'warning')}"
        else:
            yield f"{package}: ok" + (f" ({_count(warnings, 'warning')})" if warnings else "")


def json_report(results: dict[str, list[Finding]]) -> str:
    """A JSON list with one object per finding; keys: package severity rule entry line message fix."""
    rows = []
    for package, found in results.items():
        for f in found:
            d = asdict(f)
            rows.append({"package": package, "severity": d["severity"], "rule": d["rule"],
                         "entry": d["entry"], "line": d["line"], "message": d["message"], "fix": d["fix"]})
    return json.dumps(rows, indent=2, ensure_ascii=False)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
