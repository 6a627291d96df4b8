"""What the benchmark scripts share: the machine's description and the installed console script."""
from __future__ import annotations

import os
import platform
import shutil
import sys
import sysconfig
from pathlib import Path


def machine() -> str:
    """Cores, processor model, OS and Python, for the figures' heading."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores, {cpu}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}")


def console_script() -> list[str]:
    """The installed `scorm-builder` script itself (not a pyenv/asdf shim in front of it)."""
    beside = Path(sysconfig.get_path("scripts")) / "scorm-builder"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("scorm-builder")
    return [found] if found else [sys.executable, "-m", "scorm_builder"]
