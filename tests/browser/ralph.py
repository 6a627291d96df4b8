"""Ralph (ralph-malph), the real LRS behind the cmi5 test launcher: its server, and its xAPI models.

scripts/install-test-deps.sh installs Ralph 5.1.0 in a virtualenv of its own (its CLI pins an older
click than scorm-builder is tested with); SCORM_TEST_RALPH names another `ralph` executable.
Ralph's server is started with `ralph runserver --backend fs` on 127.0.0.1 and stopped by its
process group. Two things of Ralph 5.1.0 shape this module (see ../shared/cmi5/README.md):

- its fs backend stores the first POST and answers 500 to every later one, as it creates its one
  file (fs_lrs.jsonl) anew each time: after each accepted POST the stored lines are read back and
  the file is moved aside, so the next POST stores again;
- its POST checks little beyond actor, verb id and object id, so every statement is also run
  through Ralph's own pydantic model of an xAPI statement (BaseXapiStatement) before it is sent,
  by a small process of Ralph's Python.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from base64 import b64encode
from pathlib import Path
from typing import Any

DEFAULT_VENV = Path.home() / ".cache" / "scorm-builder-tests" / "ralph-5.1.0"  # not the build caches' folder
USER, PASSWORD = "lms", "lms-secret"
STORE_FILE = "fs_lrs.jsonl"  # what Ralph's fs backend writes (its DEFAULT_LRS_FILE)
START_TIMEOUT = 90.0  # Ralph's reloader starts a worker; on 2 cores that takes 10-30 s
# Reads statements as JSON lines, answers one JSON string a line: "" when Ralph's model accepts it.
VALIDATOR = """
import json, sys
from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement
for line in sys.stdin:
    try:
        BaseXapiStatement.model_validate(json.loads(line))
        answer = ""
    except ValidationError as err:
        answer = "; ".join(".".join(map(str, e["loc"])) + ": " + e["msg"] for e in err.errors())
    print(json.dumps(answer), flush=True)
"""


def ralph_executable() -> Path | None:
    """The `ralph` to run: SCORM_TEST_RALPH, else the one install-test-deps.sh installs; None if neither."""
    path = Path(os.environ.get("SCORM_TEST_RALPH") or DEFAULT_VENV / "bin" / "ralph")
    return path if path.is_file() and os.access(path, os.X_OK) else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Ralph:
    """One Ralph server and one validator process, for a test session."""

    def __init__(self, executable: Path, workdir: Path):
        self.executable, self.workdir = executable, workdir
        self.python = executable.parent / "python"
        self.store = workdir / "store"
        self.port = 0
        self.stored: list[dict[str, Any]] = []  # every statement Ralph stored, as it stored it, in order
        self._server: subprocess.Popen | None = None
        self._validator: subprocess.Popen | None = None
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/statements"

    def start(self) -> None:
        self.store.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "RALPH_RUNSERVER_BACKEND": "fs", "RALPH_AUTH_FILE": str(self.workdir / "auth.json")}
        subprocess.run([str(self.executable), "auth", "-u", USER, "-p", PASSWORD, "-s", "all",
                        "-A", USER, "http://127.0.0.1", "-w"], env=env, cwd=self.workdir, check=True,
                       capture_output=True, timeout=120)
        self.port = _free_port()
        log = open(self.workdir / "ralph.log", "wb")  # noqa: SIM115 - kept open for the server's life
        # cwd: the reloader watches it, so it must be a folder nothing else writes to
        self._server = subprocess.Popen(
            [str(self.executable), "runserver", "--backend", "fs", "--fs-default-directory-path", str(self.store),
             "-h", "127.0.0.1", "-p", str(self.port)], env=env, cwd=self.workdir, stdout=log, stderr=log,
            start_new_session=True)
        self._validator = subprocess.Popen([str(self.python), "-c", VALIDATOR], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, text=True, start_new_session=True)
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._server is not None and self._server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        log = (self.workdir / "ralph.log").read_text(errors="replace")[-2000:]
        self.stop()
        raise RuntimeError(f"Ralph did not start on 127.0.0.1:{self.port}:\n{log}")

    def stop(self) -> None:
        for process in (self._validator, self._server):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)  # the group this object started, and only it
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=5)
        self._server = self._validator = None

    def validate(self, statement: dict[str, Any]) -> str:
        """"" when Ralph's xAPI statement model accepts the statement, else what it rejects."""
        assert self._validator is not None and self._validator.stdin and self._validator.stdout
        with self._lock:
            self._validator.stdin.write(json.dumps(statement) + "\n")
            self._validator.stdin.flush()
            return json.loads(self._validator.stdout.readline())

    def post(self, statements: list[dict[str, Any]]) -> tuple[int, str]:
        """POST a batch to Ralph; on success its stored lines are kept in `stored`, in order."""
        body = json.dumps(statements).encode()
        auth = b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json", "Authorization": f"Basic {auth}",
            "X-Experience-API-Version": "1.0.3"})
        with self._lock:
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    status, text = answer.status, answer.read().decode()
            except urllib.error.HTTPError as err:
                return err.code, err.read().decode()
            written = self.store / STORE_FILE
            if written.is_file():
                lines = written.read_text(encoding="utf-8").splitlines()
                self.stored.extend(json.loads(line) for line in lines if line.strip())
                written.rename(self.store / f"batch-{len(self.stored):06d}.jsonl")
            return status, text
